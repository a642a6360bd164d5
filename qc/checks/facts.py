"""Dates and amounts that contradict the fact table.

A sentence is checked against a fact when it names one of the fact's entities
(the others must appear somewhere in the article), contains a trigger word of
the fact's event, and a date or amount. Each date or amount is tied to its
nearest trigger, so "a cofondé OpenAI en 2015, puis l'a quitté en 2018" checks
2015 against the founding and 2018 against the departure. A value that agrees
with any candidate fact is never flagged.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import after_citation_cue, name_hits, sentence_tokens
from qc.facts.amounts import Quantity, find_quantities, ratio
from qc.facts.dates import DateExpr, find_dates
from qc.facts.table import Amount, Fact, FactDate
from qc.facts.triggers import Occurrence, expresses, find_occurrences
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import Token

DATE_RULE = Rule(
    "date.contradicts-fact", "date", Severity.ERROR,
    "Date contredite par la table des faits (année ou mois d'un événement connu).",
    explanation=(
        "Une date fausse se lit aussi bien qu'une vraie : la traduction ne peut pas la trahir. "
        "qc compare les dates des phrases qui mentionnent une entité, un verbe de l'événement "
        "(fonder, quitter, racheter...) et une date, aux faits datés de la table, avec leur source. "
        "Les dates relatives (« en juillet dernier », « il y a huit ans ») sont calculées depuis la "
        "date de publication (--published ou front matter)."
    ),
    example_bad="Musk a décidé de se dissocier d'OpenAI en 2008.",
    example_good="Musk a quitté le conseil d'administration d'OpenAI en 2018.",
)
NUMBER_RULE = Rule(
    "number.contradicts-fact", "number", Severity.ERROR,
    "Montant ou nombre contredit par la table des faits (écart d'un facteur 5 ou plus).",
    explanation=(
        "Les montants traduits perdent souvent un ordre de grandeur (« trillion » rendu par "
        "« milliard », « tens of millions » par « un million »). qc compare les montants des phrases "
        "qui mentionnent l'entité et l'événement (lever, valoriser, investir...) aux montants de la table."
    ),
    example_bad="xAI a levé 60 millions de dollars lors de ce tour de table.",
    example_good="xAI a levé 6 milliards de dollars lors de ce tour de table.",
)

#: how many tokens away a trigger may be from the value it governs
MAX_DISTANCE = 18
#: punctuation and conjunctions that separate clauses: a trigger never governs a value
#: across them ("en 2008, Musk dirigeait Tesla ; il a quitté OpenAI plus tard")
CLAUSE_BARRIERS = frozenset(";:()—–")
CLAUSE_WORDS = frozenset("puis mais tandis après avant car donc cependant pourtant alors".split())
#: verbs that report an event rather than express it: "a annoncé avoir levé" is a raise
REPORTING = frozenset({"announced"})
RATIO = 5.0
#: a factor no valuation or amount moves by in a few years: flagged even when the time is unknown
EXTREME_RATIO = 100.0


def _token_index(tokens: list[Token], pos: int) -> int:
    for i, t in enumerate(tokens):
        if t.end > pos:
            return i
    return len(tokens) - 1


def _format_date(d: FactDate) -> str:
    from qc.facts.dates import MONTHS

    names = {v: k for k, v in MONTHS.items() if k not in ("fevrier", "aout", "decembre")}
    if d.month:
        day = f"{d.day} " if d.day else ""
        return f"{day}{names[d.month]} {d.year}"
    return str(d.year)


def _format_amount(value: float, currency: str | None) -> str:
    for scale, word in ((1e12, "billion"), (1e9, "milliard"), (1e6, "million")):
        if value >= scale:
            n = value / scale
            num = f"{n:,.1f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")
            plural = "s" if n >= 2 else ""
            unit = {"USD": " de dollars", "EUR": " d'euros", "GBP": " de livres"}.get(currency or "", "")
            return f"{num} {word}{plural}{unit}"
    num = f"{value:,.0f}".replace(",", "\u202f")
    return f"{num} {currency or ''}".strip()


@register
class FactsCheck(Check):
    rules = (DATE_RULE, NUMBER_RULE)

    def __init__(self, resources: Resources):
        self.resources = resources

    @functools.cached_property
    def _facts_by_entity(self) -> dict[str, list[Fact]]:
        index: dict[str, list[Fact]] = {}
        for f in self.resources.facts.facts.values():
            for e in f.entities:
                index.setdefault(e, []).append(f)
        return index

    def run(self, ctx: Context) -> Iterable[Finding]:
        table = self.resources.facts
        doc = ctx.doc
        entities = table.entities
        # a publication cited as a source ("selon TechCrunch") is not what the sentence is about
        hits = [
            h for h in name_hits(ctx, self.resources)
            if h.form.kind == "name"
            and not (entities[h.form.entity].kind == "publication" and after_citation_cue(doc.text, h.start))
        ]
        all_hits = name_hits(ctx, self.resources)
        in_doc = {e for h in hits for e in h.entities}
        if not in_doc:
            return
        # facts whose every entity the article names, indexed by entity
        by_entity: dict[str, list[Fact]] = {}
        for e in in_doc:
            for f in self._facts_by_entity.get(e, ()):
                if all(x in in_doc for x in f.entities):
                    by_entity.setdefault(e, []).append(f)
        if not by_entity:
            return
        per_sentence: dict[int, set[str]] = {}
        starts = [s.start for s in doc.sentences]
        hit_starts = [h.start for h in all_hits]
        for h in hits:
            i = bisect.bisect_right(starts, h.start) - 1
            if i >= 0:
                per_sentence.setdefault(i, set()).update(h.entities)
        for i, (sentence, tokens) in enumerate(zip(doc.sentences, sentence_tokens(ctx))):
            in_sentence = per_sentence.get(i, set())
            facts = list({f.id: f for e in in_sentence for f in by_entity.get(e, ())}.values())
            if not facts:
                continue
            text = doc.text[sentence.start : sentence.end]
            dates = find_dates(text, doc.published, sentence.start)
            quantities = find_quantities(text, sentence.start)
            if not dates and not quantities:
                continue
            names = [(h.start, h.end, h.entities) for h in all_hits[bisect.bisect_left(hit_starts, sentence.start) : bisect.bisect_left(hit_starts, sentence.end)]]
            sent = _Sentence(tokens, find_occurrences(tokens, facts), dates, quantities, in_sentence, names)
            if "date.contradicts-fact" in self.enabled:
                for expr in dates:
                    yield from self._check_date(ctx, expr, sent, facts)
            if "number.contradicts-fact" in self.enabled:
                for q in quantities:
                    yield from self._check_amount(ctx, q, sent, facts, doc.published)

    def _check_date(self, ctx: Context, expr: DateExpr, sent: "_Sentence", facts: list[Fact]) -> Iterable[Finding]:
        # the sentence states a known fact (its amount and this date agree): nothing to say
        if any(_date_agrees(f, expr) and any(_amount_agrees(f, q) for q in sent.quantities) for f in facts):
            return
        governed = [f for f in sent.governing(expr.start, facts) if f.when is not None]
        # an amount of the sentence that matches one fact says which event this is
        by_amount = [f for f in governed if any(_amount_agrees(f, q) for q in sent.quantities)]
        governed = by_amount or governed
        if not governed or any(_date_agrees(f, expr) for f in governed):
            return
        fact = _best(governed, sent.entities)
        when = fact.when
        assert when is not None
        confidence = 0.9 if all(e in sent.entities for e in fact.entities) else 0.75
        yield ctx.finding(
            DATE_RULE, expr.start, expr.end,
            f"« {expr.text} » contredit la table des faits : {fact.statement} (source : {fact.source})",
            _format_date(when) if expr.month else str(when.year),
            {"fact": fact.id, "source": fact.source, "expected": str(when), "found": f"{expr.year}" + (f"-{expr.month:02d}" if expr.month else "")},
            confidence=confidence,
        )

    def _check_amount(self, ctx: Context, q: Quantity, sent: "_Sentence", facts: list[Fact], published: date | None) -> Iterable[Finding]:
        measured = [f for f in facts if _reference(f, q) is not None]
        governed = sent.governing(q.start, measured)
        threshold, certainty = RATIO, 1.0
        if sent.dates:
            # a dated sentence is about the fact of that date; if none matches, the date check speaks
            governed = [f for f in governed if f.when is not None and any(_date_agrees(f, d) for d in sent.dates)]
        elif not any(_timely(f, published, sent.entities) for f in governed):
            # nothing says when: only an error of orders of magnitude (a "trillion" read as
            # "milliard") is beyond what time can change
            threshold, certainty = EXTREME_RATIO, 0.7
        else:
            governed = [f for f in governed if _timely(f, published, sent.entities)]
        if not governed:
            return
        scored = [(ratio(q, _reference(f, q).value), f) for f in governed]  # type: ignore[union-attr]
        if any(r < threshold for r, _ in scored):
            return
        r, fact = max(scored, key=lambda rf: (rf[1] is _best(governed, sent.entities), rf[0]))
        ref = _reference(fact, q)
        assert ref is not None
        confidence = (0.85 if all(e in sent.entities for e in fact.entities) else 0.7) * certainty
        yield ctx.finding(
            NUMBER_RULE, q.start, q.end,
            f"« {q.text} » : écart d'un facteur {r:.0f} avec la table des faits : {fact.statement} (source : {fact.source})",
            _format_amount(ref.value, ref.currency),
            {"fact": fact.id, "source": fact.source, "expected": ref.value, "found": q.value, "factor": round(r, 1)},
            confidence=confidence,
        )


@dataclass
class _Sentence:
    tokens: list[Token]
    occurrences: list[Occurrence]
    dates: list[DateExpr]
    quantities: list[Quantity]
    entities: set[str]
    #: known names of the sentence: (start, end, entity ids)
    names: list[tuple[int, int, frozenset[str]]]

    @functools.cached_property
    def barriers(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.text in CLAUSE_BARRIERS or t.norm in CLAUSE_WORDS]

    def _same_clause(self, i: int, j: int) -> bool:
        lo, hi = sorted((i, j))
        return not any(lo < b < hi for b in self.barriers)

    def governing(self, pos: int, facts: list[Fact]) -> list[Fact]:
        """Facts expressed by the trigger nearest to the value at `pos` (any event counts as
        nearest), and whose entity is the trigger's subject when the clause names one: in
        "AMD commercialise depuis décembre ses puces MI300X, présentées comme une alternative
        aux H100", December is AMD's, not a date of the H100."""
        at = _token_index(self.tokens, pos)
        near = [o for o in self._events() if abs(o.index - at) <= MAX_DISTANCE and self._same_clause(o.index, at)]
        if not near:
            return []
        best = min(abs(o.index - at) for o in near)
        nearest = [o for o in near if abs(o.index - at) == best]
        out = []
        for f in facts:
            for o in nearest:
                if expresses(o, f) and self._about(f, o.index, at):
                    out.append(f)
                    break
        return out

    def _about(self, fact: Fact, trigger: int, at: int) -> bool:
        """Is this trigger's event about the fact's entities? Yes when the clause's subject is
        one of them, when it names no subject, or when one of them stands between the
        trigger and the value ("Elon Musk a fondé xAI en 2021") or right after the trigger."""
        entities = set(fact.entities)
        subject = self._subject(trigger)
        if subject is None or subject & entities:
            return True
        lo, hi = sorted((trigger, at))
        # or the trigger's complement ("la fondation d'OpenAI", "le rachat de Twitter")
        hi = max(hi, trigger + 3)
        return any(lo < i <= hi and ents & entities for i, ents in self._name_at.items())

    def _events(self) -> list[Occurrence]:
        """Occurrences, without a reporting verb that introduces another event ("a annoncé avoir levé")."""
        out = []
        for o in self.occurrences:
            if o.events <= REPORTING and not o.facts and any(0 < p.index - o.index <= 4 for p in self.occurrences if not p.events <= REPORTING):
                continue
            out.append(o)
        return out

    def _subject(self, trigger: int) -> frozenset[str] | None:
        """Entities of the name nearest before the trigger in its clause; an unknown name
        ("Codestral", "MI300X") has none. None when the clause names nothing before it."""
        for i in range(trigger - 1, -1, -1):
            if not self._same_clause(i, trigger):
                return None
            if i in self._name_at:
                return self._name_at[i]
        return None

    @functools.cached_property
    def _name_at(self) -> dict[int, frozenset[str]]:
        """Token index -> entities of the known name there, or an empty set for an unknown
        capitalised word or model number in mid-sentence."""
        out: dict[int, frozenset[str]] = {}
        starts = [t.start for t in self.tokens]
        for s, e, ents in self.names:
            for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                out[i] = ents
        for i, t in enumerate(self.tokens):
            if i == 0 or i in out or not t.is_word:
                continue
            if (t.is_capitalised and t.norm not in _FUNCTION_WORDS) or _MODEL_NUMBER.fullmatch(t.text):
                out[i] = frozenset()
        return out


_MODEL_NUMBER = re.compile(r"[A-Z]+\d+\w*")
_FUNCTION_WORDS = frozenset("le la les l' un une des de du en à au aux et ou mais il elle ils elles ce cette ces son sa ses leur".split())


def _date_agrees(fact: Fact, expr: DateExpr) -> bool:
    when = fact.when
    if when is None:
        return False
    slack = 1 if expr.approx else 0
    if abs(when.year - expr.year) > slack:
        return False
    return expr.month is None or when.month is None or when.month == expr.month or bool(slack)


def _timely(fact: Fact, published: date | None, in_sentence: set[str]) -> bool:
    """Is an undated sentence about this event? Amounts change (a stake's value, a market
    value), so only an article of the event's time, or a sentence naming every entity of a
    one-off event, is compared with it."""
    when = fact.when
    if published is not None and when is not None:
        late = 0 if fact.event == "valued" else 1
        return when.year <= published.year <= when.year + late
    return fact.event != "valued" and all(e in in_sentence for e in fact.entities)


def _reference(fact: Fact, q: Quantity) -> Amount | None:
    if q.currency:
        return fact.amount if fact.amount and fact.amount.currency == q.currency else None
    return fact.count


def _amount_agrees(fact: Fact, q: Quantity) -> bool:
    ref = _reference(fact, q)
    return ref is not None and ratio(q, ref.value) < 1.5


def _best(facts: list[Fact], in_sentence: set[str]) -> Fact:
    """The fact the sentence most plausibly states: most of its entities named in the sentence."""
    return max(facts, key=lambda f: sum(e in in_sentence for e in f.entities) / len(f.entities))
