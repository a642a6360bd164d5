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
import itertools
import operator
import re
from datetime import date
from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import after_citation_cue, name_hits, sentence_words
from qc.documents.model import Document, Sentence
from qc.facts.amounts import Quantity, find_quantities, ratio
from qc.facts.dates import DateExpr, find_dates
from qc.facts.table import Amount, Fact, FactDate
from qc.facts.triggers import Occurrence, expresses, find_occurrences
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import Words, word_keys

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
    def _facts_by_entity(self) -> dict[str, list[tuple[Fact, frozenset[str]]]]:
        """Facts by entity, each with the set of all its entities (`Fact.entities` builds a
        tuple at each call)."""
        index: dict[str, list[tuple[Fact, frozenset[str]]]] = {}
        for f in self.resources.facts.facts.values():
            for e in f.entities:
                index.setdefault(e, []).append((f, frozenset(f.entities)))
        return index

    @functools.cached_property
    def _publications(self) -> frozenset[str]:
        return frozenset(e.id for e in self.resources.facts.entities.values() if e.kind == "publication")

    def run(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        all_hits = name_hits(ctx, self.resources)
        publications = self._publications
        starts = [s.start for s in doc.sentences]
        # entities named in the article, and in each sentence (by index)
        in_doc: set[str] = set()
        per_sentence: dict[int, set[str]] = {}
        for h in all_hits:
            # a publication cited as a source ("selon TechCrunch") is not what the sentence is about
            if h.form.kind != "name" or (h.form.entity in publications and after_citation_cue(doc.text, h.start)):
                continue
            in_doc.update(h.entities)
            i = bisect.bisect_right(starts, h.start) - 1
            if i >= 0:
                per_sentence.setdefault(i, set()).update(h.entities)
        if not in_doc:
            return
        # facts whose every entity the article names, indexed by entity
        by_entity: dict[str, list[Fact]] = {}
        for e in in_doc:
            for f, ents in self._facts_by_entity.get(e, ()):
                if ents <= in_doc:
                    by_entity.setdefault(e, []).append(f)
        if not by_entity:
            return
        hit_starts = [h.start for h in all_hits]
        published = doc.published
        all_words = sentence_words(ctx)
        # only sentences that name an entity can state one of its facts
        for i in sorted(per_sentence):
            in_sentence = per_sentence[i]
            # entities in sorted order, not the set's (which varies with the hash seed): ties
            # between facts (_best) are then broken the same way in every run
            facts = list({f.id: f for e in sorted(in_sentence) for f in by_entity.get(e, ())}.values())
            if not facts:
                continue
            sentence = doc.sentences[i]
            text = doc.text[sentence.start : sentence.end]
            dates = [d for d in find_dates(text, published, sentence.start) if not _year_in_doubt(doc, sentence, d)]
            # an amount matters only against a fact's amount or count (_reference)
            measurable = any(f.amount is not None or f.count is not None for f in facts)
            quantities = find_quantities(text, sentence.start) if measurable else []
            if not dates and not quantities:
                continue
            names = [(h.start, h.end, h.entities, h.form.entity) for h in all_hits[bisect.bisect_left(hit_starts, sentence.start) : bisect.bisect_left(hit_starts, sentence.end)]]
            sent = _Sentence(all_words[i], facts, dates, quantities, in_sentence, names)
            if "date.contradicts-fact" in self.enabled:
                for expr in dates:
                    yield from self._check_date(ctx, expr, sent, facts)
            if "number.contradicts-fact" in self.enabled:
                for q in quantities:
                    yield from self._check_amount(ctx, q, sent, facts, published)

    def _check_date(self, ctx: Context, expr: DateExpr, sent: "_Sentence", facts: list[Fact]) -> Iterable[Finding]:
        dated = [f for f in facts if f.when is not None]
        agreeing = {f.id for f in dated if _date_agrees(f, expr)}
        # no candidate fact has another date: whichever the sentence states, the date agrees
        # (tested first: it spares finding the triggers of most sentences)
        if len(agreeing) == len(dated):
            return
        # the sentence states a known fact (its amount and this date agree): nothing to say
        if any(f.id in agreeing and sent.amount_agrees(f) for f in facts):
            return
        if sent.dates_a_noun(expr):
            return
        published = ctx.doc.published
        if published is not None and expr.year > published.year:
            return  # a year after the article's: a plan or a forecast ("doit débuter en 2026"), no past event
        governed = sent.governing(expr.start, dated)
        # the amount nearest the date, when it is not the fact's, is another event's ("4 000
        # milliards le 9 juillet 2025" is not the 1 000 of May 2023)
        # an investment is between two parties: the sentence that states it names both
        # ("Microsoft prenait une participation dans Mistral AI" is not its stake in OpenAI)
        governed = [f for f in governed if not sent.amount_differs(f, expr.start)
                    and (f.event != "invested" or all(e in sent.entities for e in f.entities))]
        # an amount of the sentence that matches one fact says which event this is
        by_amount = [f for f in governed if sent.amount_agrees(f)]
        governed = by_amount or governed
        if not governed or any(f.id in agreeing for f in governed):
            return
        fact = _best(governed, sent.entities, expr)
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
        refs: dict[str, Amount] = {}
        for f in facts:
            ref = _reference(f, q)
            if ref is not None:
                refs[f.id] = ref
        measured = [f for f in facts if f.id in refs]
        # every known amount is within RATIO of this one: no threshold below can flag it
        if all(ratio(q, refs[f.id].value) < RATIO for f in measured):
            return
        governed = sent.governing(q.start, measured)
        threshold, certainty = RATIO, 1.0
        if sent.dates:
            # a dated sentence is about the fact of the date nearest the amount ("1 milliard en
            # 2019, puis 10 milliards en janvier 2023"); if it does not match, the date check speaks
            nearest = min(sent.dates, key=lambda d: abs(d.start - q.start))
            governed = [f for f in governed if f.when is not None and _date_agrees(f, nearest)]
        else:
            timely = [f for f in governed if _timely(f, published, sent.entities)]
            if timely:
                governed = timely
            else:
                # nothing says when: only an error of orders of magnitude (a "trillion" read as
                # "milliard") is beyond what time can change
                threshold, certainty = EXTREME_RATIO, 0.7
        if not governed:
            return
        scored = [(ratio(q, refs[f.id].value), f) for f in governed]
        if any(r < threshold for r, _ in scored):
            return
        best = _best(governed, sent.entities)
        r, fact = max(scored, key=lambda rf: (rf[1] is best, rf[0]))
        ref = refs[fact.id]
        confidence = (0.85 if all(e in sent.entities for e in fact.entities) else 0.7) * certainty
        yield ctx.finding(
            NUMBER_RULE, q.start, q.end,
            f"« {q.text} » : écart d'un facteur {r:.0f} avec la table des faits : {fact.statement} (source : {fact.source})",
            _format_amount(ref.value, ref.currency),
            {"fact": fact.id, "source": fact.source, "expected": ref.value, "found": q.value, "factor": round(r, 1)},
            confidence=confidence,
        )


class _Sentence:
    """A sentence with dates or amounts to check. The triggers and names that govern them
    are found on demand and kept: several values share them. The sentence's token columns
    (qc.tokens.Words) are read with `map` and set operations (in C): a sentence has some
    thirty tokens, and Python loops over them add up."""

    def __init__(
        self,
        words: Words,
        facts: list[Fact],
        dates: list[DateExpr],
        quantities: list[Quantity],
        entities: set[str],
        names: list[tuple[int, int, frozenset[str], str]],
    ):
        self.words = words
        #: candidate facts (their own triggers count as triggers)
        self.facts = facts
        self.dates = dates
        self.quantities = quantities
        self.entities = entities
        #: known names of the sentence: (start, end, entity ids, the entity the name itself is)
        self.names = names
        self._amount_agreement: dict[str, bool] = {}
        #: token indexes of the clause barriers, in order (for bisect)
        self.barriers = sorted(
            _indexes(words.texts, CLAUSE_BARRIERS.intersection(words.texts))
            + _indexes(words.norms, CLAUSE_WORDS.intersection(words.norms))
        )

    def amount_agrees(self, fact: Fact) -> bool:
        """Does an amount of the sentence agree with the fact's?"""
        agrees = self._amount_agreement.get(fact.id)
        if agrees is None:
            agrees = self._amount_agreement[fact.id] = any(_amount_agrees(fact, q) for q in self.quantities)
        return agrees

    def amount_differs(self, fact: Fact, pos: int) -> bool:
        """Is the sentence's amount nearest `pos` (of the fact's currency or unit) not the
        fact's?"""
        comparable = [q for q in self.quantities if _reference(fact, q) is not None]
        if not comparable:
            return False
        return not _amount_agrees(fact, min(comparable, key=lambda q: abs(q.start - pos)))

    @functools.cached_property
    def occurrences(self) -> list[Occurrence]:
        return find_occurrences(self.words, self.facts)

    def dates_a_noun(self, expr: DateExpr) -> bool:
        """Does the date complete a noun that is no event ("le jugement de 2024",
        "la réunion du 20 janvier")? It dates that noun, not the events of the sentence.
        Time nouns ("à la fin de 2018", "au premier semestre de 2024") and ranges ("de 2014 à
        2024") are time expressions of the sentence's events."""
        i = self._token_index(expr.start)
        norms = self.words.norms
        if i < 2 or norms[i - 1] not in ("de", "du") or not self.words.is_word(i - 2):
            return False
        noun = norms[i - 2]
        # a common noun: after a name ("la fondation d'OpenAI de 2017") the date may still be the event's
        if noun in _TIME_NOUNS or noun in _FUNCTION_WORDS or not self.words.texts[i - 2].islower():
            return False
        after = bisect.bisect_left(self.words.ends, expr.end + 1)  # the token after the date
        if after + 1 < len(norms) and norms[after] in ("à", "au") and norms[after + 1][:1].isdigit():
            return False  # a range: "de 2014 à 2024"
        return all(o.index != i - 2 for o in self.occurrences)

    def _token_index(self, pos: int) -> int:
        """The first token ending after `pos`, or the last token."""
        return min(bisect.bisect_right(self.words.ends, pos), len(self.words) - 1)

    def _same_clause(self, i: int, j: int) -> bool:
        """No barrier strictly between tokens i and j."""
        lo, hi = (i, j) if i <= j else (j, i)
        return bisect.bisect_left(self.barriers, hi) <= bisect.bisect_right(self.barriers, lo)

    def governing(self, pos: int, facts: list[Fact]) -> list[Fact]:
        """Facts expressed by the trigger nearest to the value at `pos` (any event counts as
        nearest), and whose entity is the trigger's subject when the clause names one: in
        "AMD commercialise depuis décembre ses puces MI300X, présentées comme une alternative
        aux H100", December is AMD's, not a date of the H100."""
        at = self._token_index(pos)
        nearest = self._nearest(at)
        out = []
        for f in facts:
            for o in nearest:
                if expresses(o, f) and self._about(f, o.index, at):
                    out.append(f)
                    break
        return out

    def _nearest(self, at: int) -> list[Occurrence]:
        """The events of the clause nearest to token `at`, within MAX_DISTANCE, leaving out
        those another date of the sentence is closer to: in "Le 20 janvier, DeepSeek, fondée
        en 2023, a publié R1", 2023 is the founding's date, and January the release's."""
        others = [j for j in self._date_indexes if j != at]
        near = [o for o in self._events if abs(o.index - at) <= MAX_DISTANCE and self._same_clause(o.index, at)
                and not any(abs(o.index - j) < abs(o.index - at) for j in others)
                and not (o.index > at and self._later(o.index))]
        if not near:
            return []
        best = min(abs(o.index - at) for o in near)
        return [o for o in near if abs(o.index - at) == best]

    def _later(self, trigger: int) -> bool:
        """Does the event come after the time the sentence tells, so that a date before it is
        not its own: a future in the past ("Gordon Moore, qui allait cofonder Intel") or a
        time counted from that date ("…cofonder Intel trois ans plus tard")?"""
        norms = self.words.norms
        if trigger and norms[trigger - 1] in _FUTURE_IN_THE_PAST:
            return True
        after = norms[trigger + 1 : trigger + 1 + _LATER_REACH]
        return any(after[k : k + len(phrase)] == phrase for phrase in _LATER_PHRASES for k in range(len(after)))

    def _about(self, fact: Fact, trigger: int, at: int) -> bool:
        """Is this trigger's event about the fact's entities? Yes when the clause's subject is
        one of them, when it names no subject, or when one of them stands between the
        trigger and the value ("Elon Musk a fondé xAI en 2021") or right after the trigger."""
        entities = fact.entities
        if fact.event == "renamed" and fact.object and self._opens_sentence(trigger) and self._renamed_to(trigger) == fact.subject:
            return False  # "Rebaptisé Facebook en 2005, …": renamed into the fact's old name, another renaming
        if self._unnamed_complement(trigger) or self._not_the_fact_event(fact.event, trigger):
            return False
        subject = self._subject(trigger)
        if subject is None and self._opens_sentence(trigger):
            return self._names_one_of(entities, trigger, self._apposition_end(at))
        if subject is None:
            return not self._only_platform(entities)
        if not subject.isdisjoint(entities):
            return True
        lo, hi = (trigger, at) if trigger <= at else (at, trigger)
        # or the trigger's complement ("la fondation d'OpenAI", "le rachat de Twitter")
        return self._names_one_of(entities, lo, max(hi, trigger + 3))

    def _unnamed_complement(self, trigger: int) -> bool:
        """Is the event's complement an unnamed thing ("la création officielle de leur
        coentreprise", "le rachat d'une start-up")? The event is then that thing's, not the
        named subject's."""
        norms = self.words.norms
        if not trigger or norms[trigger - 1] not in _DETERMINERS:
            return False  # a verb's complement: "démissionner de son poste"
        i = trigger + 1
        if i < len(norms) and norms[i] not in _OF and norms[i][:1].isalpha() and self.words.texts[i][:1].islower():
            i += 1  # an adjective: "création officielle de"
        return (i + 2 < len(norms) and norms[i] in _OF and norms[i + 1] in _UNNAMED_DETERMINERS
                and norms[i + 2] not in _SCALE_WORDS)  # "un investissement d'un million": an amount

    def _not_the_fact_event(self, event: str, trigger: int) -> bool:
        """Does the verb's complement show another event than the fact's: a creation whose
        object is an unnamed thing ("Instagram a lancé le 17 septembre 2024 ses comptes
        adolescents"), "devenir" with no name after it ("devenu indépendant en 2021"), which
        renames nothing?"""
        norms, texts = self.words.norms, self.words.texts
        renaming = event == "renamed" and "devenir" in word_keys(norms[trigger])
        if not renaming and event not in _CREATIONS:
            return False  # most facts: no word after the verb to look for
        dates = self._date_tokens
        # the first word after the verb, its date aside ("a lancé le 17 septembre 2024 ses…")
        nxt = next((i for i in range(trigger + 1, len(norms))
                    if i not in dates and not (i + 1 in dates and texts[i].islower()) and self.words.is_word(i)), None)
        if nxt is None:
            return False
        if renaming:
            return not texts[nxt][:1].isupper()
        if trigger and norms[trigger - 1] not in _DETERMINERS and norms[nxt] in _UNNAMED_DETERMINERS:
            # unnamed: no amount ("un million"), no name in apposition ("son entreprise Dell")
            return not (nxt + 1 < len(norms) and norms[nxt + 1] in _SCALE_WORDS) and not any(
                i in self._name_at for i in range(nxt + 1, min(nxt + 4, len(norms))))
        return False

    def _renamed_to(self, trigger: int) -> str | None:
        """The entity named right after a renaming participle that opens the sentence: the new
        name ("Rebaptisé Facebook en 2005, le réseau…"; in "Google a rebaptisé Bard en Gemini"
        it is the old one, hence the opening participle only)."""
        if trigger + 1 >= len(self.words):
            return None
        start = self.words.starts[trigger + 1]
        return next((entity for s, _, _, entity in self.names if s == start), None)

    def _names_one_of(self, entities: tuple[str, ...], lo: int, hi: int) -> bool:
        """Is one of the entities named among tokens lo+1 to hi?"""
        name_at, named = self._name_at, self._named
        return any(not name_at[i].isdisjoint(entities) for i in named[bisect.bisect_right(named, lo) : bisect.bisect_right(named, hi)])

    def _only_platform(self, entities: tuple[str, ...]) -> bool:
        """Is every mention of the entities in the sentence a platform ("sur Ethereum")?"""
        name_at, norms = self._name_at, self.words.norms
        places = [i for i in self._named if not name_at[i].isdisjoint(entities)]
        return bool(places) and all(i > 0 and norms[i - 1] in _PLATFORM_CUES for i in places)

    def _opens_sentence(self, trigger: int) -> bool:
        """Is the trigger the sentence's first word ("Fondé en 2010, le groupe…")?"""
        return not any(map(self.words.is_word, range(trigger)))

    def _apposition_end(self, at: int) -> int:
        """Where the subject of an opening participle stands: after a comma that follows the
        value, the name a verb follows ("Fondée en 2021 par d'anciens salariés d'OpenAI, dont
        Dario Amodei, Anthropic s'est…"), else the first word after the first such comma
        ("Fondée en 2015 par Sam Altman, OpenAI…"); the whole sentence when no comma follows."""
        texts, norms = self.words.texts, self.words.norms
        commas = [i for i in range(at + 1, len(texts)) if texts[i] == ","]
        if not commas:
            return len(texts)
        for c in commas:
            i = c + 1
            while i in self._name_at and i + 1 < len(texts) and texts[i + 1][:1].isupper():
                i += 1  # the last word of a name of several words
            if i in self._name_at and i + 1 < len(norms) and norms[i + 1] in _VERB_STARTS:
                return i
        return commas[0] + 2

    @functools.cached_property
    def _date_indexes(self) -> list[int]:
        return [self._token_index(d.start) for d in self.dates]

    def _reports(self, o: Occurrence) -> bool:
        """Is this a verb that reports the event named right after it, dates aside ("a annoncé
        avoir levé", "a annoncé le 2 septembre 2025 un tour de table")? "annoncer" also
        launches: it reports only when another event follows, and not as an opening participle,
        whose date is the announcement's ("Annoncé en mars 2019, le rachat… est finalisé en
        avril 2020")."""
        if o.facts or not o.events & REPORTING or (not o.events <= REPORTING and self._opens_sentence(o.index)):
            return False
        limit = 4 if o.events <= REPORTING else 4 + len(self._date_tokens)
        return any(0 < p.index - o.index <= limit and self._words_between(o.index, p.index) <= 4
                   for p in self.occurrences if not p.events <= REPORTING)

    @functools.cached_property
    def _date_tokens(self) -> frozenset[int]:
        """Token indexes inside the sentence's dates."""
        return frozenset(i for d in self.dates for i in range(self._token_index(d.start), self._token_index(d.end - 1) + 1))

    def _words_between(self, i: int, j: int) -> int:
        """Tokens from i (excluded) to j (included) that are not part of a date."""
        return sum(1 for k in range(i + 1, j + 1) if k not in self._date_tokens)

    @functools.cached_property
    def _events(self) -> list[Occurrence]:
        """Occurrences, without a reporting verb that introduces another event ("a annoncé avoir
        levé"), nor an event noun that refers back ("cette acquisition")."""
        out = []
        norms = self.words.norms
        for o in self.occurrences:
            if not _DEMONSTRATIVES.isdisjoint(norms[max(0, o.index - 2) : o.index]):
                continue  # "cette dernière acquisition": an event told before, and dated there
            if self._reports(o):
                continue
            out.append(o)
        return out

    def _subject(self, trigger: int) -> frozenset[str] | None:
        """Entities of the name nearest before the trigger in its clause; an unknown name
        ("Codestral", "MI300X") has none, nor has an unnamed possessor ("leur lancement").
        None when the clause names nothing before it."""
        # the clause starts at the last barrier before the trigger (a capitalised "Puis" is a name)
        k = bisect.bisect_left(self.barriers, trigger)
        first = self.barriers[k - 1] if k else 0
        name_at = self._name_at
        for i in range(trigger - 1, first - 1, -1):
            if i in name_at:
                return name_at[i]
        # "Depuis leur lancement": the possessor, unnamed in the clause, is the subject
        if trigger > first and self.words.norms[trigger - 1] in _POSSESSIVES:
            return frozenset()
        if self._describes_noun(trigger, first):
            return frozenset()
        return None

    def _describes_noun(self, trigger: int, first: int) -> bool:
        """Is the trigger a participle that describes the noun before it ("la société cofondée
        par…", "l'éditeur français, fondé en 1986")? That noun, unnamed, is its subject, not a
        name further on ("…lors d'une série D codirigée par Tiger Global")."""
        texts, norms = self.words.texts, self.words.norms
        if not norms[trigger].endswith(_PARTICIPLE_ENDINGS):
            return False
        i = trigger - 1
        if i > first and texts[i] == ",":
            i -= 1
        words = 0  # the noun and its adjectives, back to their determiner
        while i >= first and words <= 2:
            if norms[i] in _DETERMINERS:
                return words > 0
            if not texts[i][:1].islower() or not self.words.is_word(i) or norms[i] in _VERB_STARTS or norms[i] == "été":
                return False  # "la justice a annulé": a verb's participle, its subject is a noun
            words += 1
            i -= 1
        return False

    @functools.cached_property
    def _name_at(self) -> dict[int, frozenset[str]]:
        """Token index -> entities of the known name there, or an empty set for an unknown
        capitalised word or model number in mid-sentence."""
        out: dict[int, frozenset[str]] = {}
        starts = self.words.starts
        for s, e, ents, _ in self.names:
            for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                out[i] = ents
        # capitalised words (Token.is_capitalised: is the first character upper case)
        capitalised = itertools.compress(itertools.count(), map(str.isupper, map(_first_char, self.words.texts)))
        for i in capitalised:
            t = self.words.token(i)
            if i == 0 or i in out or not t.is_word:
                continue
            # a model number ("MI300X") is capitalised, and a name even where it is a function word
            if t.norm not in _FUNCTION_WORDS or _MODEL_NUMBER.fullmatch(t.text):
                out[i] = frozenset()
        return out

    @functools.cached_property
    def _named(self) -> list[int]:
        """The token indexes of _name_at, in order (for bisect)."""
        return sorted(self._name_at)


_first_char = operator.itemgetter(0)  # of a token's text, never empty


def _indexes(items: list[str], wanted: Iterable[str]) -> list[int]:
    """The indexes of the items that are among `wanted`, found by list.index in C."""
    out = []
    for value in wanted:
        i = -1
        for _ in range(items.count(value)):
            i = items.index(value, i + 1)
            out.append(i)
    return out


_MODEL_NUMBER = re.compile(r"[A-Z]+\d+\w*")
_POSSESSIVES = frozenset("son sa ses leur leurs".split())
#: words that open a verb group right after its subject ("Anthropic s'est", "OpenAI a")
_VERB_STARTS = frozenset("a ont avait avaient aura est sont était étaient sera s' se n' ne y en devient reste lance compte".split())
_DEMONSTRATIVES = frozenset("ce cet cette ces".split())
#: what opens a noun group ("la création", "un investissement", "leur rachat", "l'éditeur")
_DETERMINERS = frozenset("le la l' les un une des du au aux sa son ses leur leurs".split())
_OF = frozenset(("de", "d'"))
#: determiners of a thing the article does not name ("d'une filiale", "de leur coentreprise")
_UNNAMED_DETERMINERS = frozenset("un une leur leurs sa son ses".split())
#: events whose verb's object is the thing made ("a lancé ses comptes adolescents")
_CREATIONS = frozenset(("launched", "released", "founded"))
_SCALE_WORDS = frozenset("million millions milliard milliards billion billions millier milliers centaine centaines dizaine dizaines".split())
#: the endings of the past participles among triggers ("fondée", "acquis", "reprise")
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "is", "ise", "ises")
#: "allait cofonder", "devait racheter": an event told as still to come at the time told
_FUTURE_IN_THE_PAST = frozenset("allait allaient devait devaient".split())
#: a time counted from the date told ("trois ans plus tard", "deux mois après", "l'année
#: suivante"), within a few words after the event
_LATER_PHRASES = (["plus", "tard"], ["ans", "après"], ["mois", "après"], ["années", "après"], ["année", "suivante"], ["lendemain"])
_LATER_REACH = 8
#: words after which a name is where an event takes place ("lancé sur Ethereum", "publié
#: sur X"), not what the event is about
_PLATFORM_CUES = frozenset(("sur", "via"))
#: nouns after which "de 2018" is a time expression, not a noun's complement
_TIME_NOUNS = frozenset(
    "fin début courant milieu cours printemps été automne hiver mois année semestre trimestre "
    "moitié exercice période décennie rentrée saison partir lors".split()
)
_FUNCTION_WORDS = frozenset("le la les l' un une des de du en à au aux et ou mais il elle ils elles ce cette ces son sa ses leur".split())


#: a year written in full, as a narrative sets one ("L'année 2019 marque un tournant.")
_FULL_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def _year_in_doubt(doc: Document, sentence: Sentence, expr: DateExpr) -> bool:
    """Is the year of a date written without one ("En mars", "le 14 mars") in doubt? It is
    taken to be the article's, but a narrative may have set another earlier in the paragraph
    ("L'année 2019 marque un tournant. En mars, …"): then either could be meant."""
    if expr.month is None or _FULL_YEAR.search(expr.text):
        return False
    paragraph = doc.paragraphs[sentence.paragraph]
    years = _FULL_YEAR.findall(doc.text, paragraph.start, expr.start)
    return bool(years) and int(years[-1]) != expr.year


def _date_agrees(fact: Fact, expr: DateExpr) -> bool:
    """Does the date give the fact's date, or the end of its period ("commissaire de 2014 à
    2024", "jusqu'en 2024")?"""
    when = fact.when
    if when is not None and _same_date(when, expr):
        return True
    end = fact.period[1] if fact.period else None
    return end is not None and _same_date(end, expr)


def _same_date(when: FactDate, expr: DateExpr) -> bool:
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


def _best(facts: list[Fact], in_sentence: set[str], stated: DateExpr | None = None) -> Fact:
    """The fact the sentence most plausibly states: most of its entities named in the
    sentence; between two alike (two raises of one company), the one dated nearest the
    `stated` date, the likelier slip."""
    def key(f: Fact) -> tuple[float, int]:
        share = sum(e in in_sentence for e in f.entities) / len(f.entities)
        if stated is None or f.when is None:
            return share, 0
        return share, -abs(_months(f.when.year, f.when.month) - _months(stated.year, stated.month))
    return max(facts, key=key)


def _months(year: int, month: int | None) -> int:
    """Months since year 0, a year without a month counted at its middle."""
    return year * 12 + (month or 6)
