"""Dates and amounts that contradict the fact table.

A sentence is checked against a fact when it names one of the fact's entities
(the others must appear somewhere in the article), contains a trigger word of
the fact's event, and a date or amount. Each date or amount is tied to its
nearest trigger, so "a cofondé OpenAI en 2015, puis l'a quitté en 2018" checks
2015 against the founding and 2018 against the departure. A value that agrees
with any candidate fact is never flagged.
"""
from __future__ import annotations

from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import after_citation_cue, name_hits, sentence_tokens
from qc.facts.amounts import Quantity, find_quantities, ratio
from qc.facts.dates import DateExpr, find_dates
from qc.facts.table import Fact
from qc.facts.triggers import fact_triggers, matches
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
MAX_DISTANCE = 14
#: punctuation that separates clauses: a trigger never governs a value across it
CLAUSE_BARRIERS = frozenset(";:()—–")
RATIO = 5.0


def _token_index(tokens: list[Token], pos: int) -> int:
    for i, t in enumerate(tokens):
        if t.end > pos:
            return i
    return len(tokens) - 1


def _format_date(fact: Fact) -> str:
    from qc.facts.dates import MONTHS

    d = fact.date
    assert d is not None
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

    def run(self, ctx: Context) -> Iterable[Finding]:
        table = self.resources.facts
        doc = ctx.doc
        entities = self.resources.facts.entities
        # a publication cited as a source ("selon TechCrunch") is not what the sentence is about
        hits = [
            h for h in name_hits(ctx, self.resources)
            if h.form.kind == "name"
            and not (entities[h.form.entity].kind == "publication" and after_citation_cue(doc.text, h.start))
        ]
        in_doc = {h.form.entity for h in hits}
        if not in_doc:
            return
        candidates = [f for f in table.facts.values() if any(e in in_doc for e in f.entities)]
        if not candidates:
            return
        for sentence, tokens in zip(doc.sentences, sentence_tokens(ctx)):
            in_sentence = {h.form.entity for h in hits if sentence.start <= h.start < sentence.end}
            facts = [
                f for f in candidates
                if any(e in in_sentence for e in f.entities) and all(e in in_doc for e in f.entities)
            ]
            if not facts:
                continue
            text = doc.text[sentence.start : sentence.end]
            trigger_positions = {
                f.id: [i for i, t in enumerate(tokens) if matches(t, fact_triggers(f))] for f in facts
            }
            if "date.contradicts-fact" in self.enabled:
                for expr in find_dates(text, doc.published, sentence.start):
                    yield from self._check_date(ctx, expr, tokens, facts, trigger_positions, in_sentence)
            if "number.contradicts-fact" in self.enabled:
                for q in find_quantities(text, sentence.start):
                    yield from self._check_amount(ctx, q, tokens, facts, trigger_positions, in_sentence)

    @staticmethod
    def _governing(pos: int, tokens: list[Token], facts: list[Fact], triggers: dict[str, list[int]]) -> list[Fact]:
        """Facts whose trigger is the nearest trigger word to the value at `pos`."""
        at = _token_index(tokens, pos)
        barriers = [i for i, t in enumerate(tokens) if t.text in CLAUSE_BARRIERS]

        def reachable(i: int) -> bool:
            lo, hi = sorted((i, at))
            return hi - lo <= MAX_DISTANCE and not any(lo < b < hi for b in barriers)

        distances = [abs(i - at) for f in facts for i in triggers[f.id] if reachable(i)]
        if not distances:
            return []
        best = min(distances)
        return [f for f in facts if any(abs(i - at) == best and reachable(i) for i in triggers[f.id])]

    def _check_date(self, ctx: Context, expr: DateExpr, tokens: list[Token], facts: list[Fact],
                    triggers: dict[str, list[int]], in_sentence: set[str]) -> Iterable[Finding]:
        dated = [f for f in facts if f.date is not None]
        governed = self._governing(expr.start, tokens, dated, triggers)
        if not governed:
            return
        for f in governed:
            d = f.date
            assert d is not None
            slack = 1 if expr.approx else 0
            if abs(d.year - expr.year) <= slack and (expr.month is None or d.month is None or d.month == expr.month or slack):
                return  # consistent with at least one fact
        fact = governed[0]
        assert fact.date is not None
        confidence = 0.9 if all(e in in_sentence for e in fact.entities) else 0.75
        yield ctx.finding(
            DATE_RULE, expr.start, expr.end,
            f"« {expr.text} » contredit la table des faits : {fact.statement} (source : {fact.source})",
            _format_date(fact) if expr.month else str(fact.date.year),
            {"fact": fact.id, "source": fact.source, "expected": str(fact.date), "found": f"{expr.year}" + (f"-{expr.month:02d}" if expr.month else "")},
            confidence=confidence,
        )

    def _check_amount(self, ctx: Context, q: Quantity, tokens: list[Token], facts: list[Fact],
                      triggers: dict[str, list[int]], in_sentence: set[str]) -> Iterable[Finding]:
        measured = [
            f for f in facts
            if (f.amount and q.currency and f.amount.currency == q.currency) or (f.count and not q.currency)
        ]
        governed = self._governing(q.start, tokens, measured, triggers)
        if not governed:
            return
        worst = None
        for f in governed:
            ref = f.amount if q.currency else f.count
            assert ref is not None
            r = ratio(q, ref.value)
            if r < RATIO:
                return
            if worst is None or r > worst[0]:
                worst = (r, f, ref)
        assert worst is not None
        r, fact, ref = worst
        confidence = 0.85 if all(e in in_sentence for e in fact.entities) else 0.7
        yield ctx.finding(
            NUMBER_RULE, q.start, q.end,
            f"« {q.text} » : écart d'un facteur {r:.0f} avec la table des faits : {fact.statement} (source : {fact.source})",
            _format_amount(ref.value, ref.currency),
            {"fact": fact.id, "source": fact.source, "expected": ref.value, "found": q.value, "factor": round(r, 1)},
            confidence=confidence,
        )
