"""French words that express an event ("quitter", "se dissocier", "entrée en Bourse").

Default triggers per event type live in qc/facts/data/events.yaml; a fact adds
its own. A trigger is one word or a phrase; each word matches its inflected forms
(qc.tokens.inflects). A date or amount in a sentence belongs to the nearest
trigger of any event, so "En mars 2025, xAI a racheté le réseau social de son
fondateur" ties the date to the purchase, not to the founding.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from qc.facts.table import DATA_DIR, Fact
from qc.tokens import Words, normalise, word_keys
from qc.yamlload import load_yaml, strip_lines

_REFLEXIVE = ("se", "s'")


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Trigger":
        words = normalise(text).replace("'", "' ").split()
        while len(words) > 1 and words[0] in _REFLEXIVE:
            words = words[1:]
        return cls(tuple(words))

    def matches_at(self, words: Words, i: int) -> bool:
        """Do the tokens from i on read this phrase? `*` stands for any one word."""
        if i < 0 or i + len(self.words) > len(words):
            return False
        return all(words.is_word(i + k) and (w == "*" or w in word_keys(words.norms[i + k])) for k, w in enumerate(self.words))



@dataclass(frozen=True)
class Occurrence:
    index: int  # token index of the trigger's first word
    events: frozenset[str]  # event types its default triggers express
    facts: frozenset[str]  # facts whose own triggers matched here


@functools.lru_cache(maxsize=1)
def event_triggers() -> dict[str, tuple[Trigger, ...]]:
    raw = strip_lines(load_yaml(str(DATA_DIR / "events.yaml")))["events"]
    return {event: tuple(Trigger.parse(w) for w in words) for event, words in raw.items()}


@functools.lru_cache(maxsize=1)
def idioms() -> dict[str, tuple[tuple[Trigger, int], ...]]:
    """Phrases in which a trigger word expresses no event ("à trois reprises": three times,
    not a takeover; "entrer en vigueur": a law, not a hire), by each of their words, with its
    place in the phrase: a trigger is tested against the few phrases that hold its word."""
    raw = strip_lines(load_yaml(str(DATA_DIR / "events.yaml"))).get("idioms") or []
    index: dict[str, list[tuple[Trigger, int]]] = {}
    for phrase in map(Trigger.parse, raw):
        for k, word in enumerate(phrase.words):
            if word != "*":
                index.setdefault(word, []).append((phrase, k))
    return {word: tuple(places) for word, places in index.items()}


def _in_idiom(words: Words, i: int) -> bool:
    """Is token i a word of one of the idioms, read in place?"""
    index = idioms()
    return any(phrase.matches_at(words, i - k) for key in word_keys(words.norms[i]) for phrase, k in index.get(key, ()))


@functools.lru_cache(maxsize=1)
def _by_first_word() -> dict[str, list[tuple[Trigger, str]]]:
    index: dict[str, list[tuple[Trigger, str]]] = {}
    for event, triggers in event_triggers().items():
        for t in triggers:
            index.setdefault(t.words[0], []).append((t, event))
    return index


@functools.lru_cache(maxsize=10_000)
def _parse(text: str) -> Trigger:
    return Trigger.parse(text)


#: What the word forms read so far may start, in plain containers, so that the words of a
#: sentence are looked up by set operations in C (see find_occurrences): the default
#: triggers each form may start (through qc.tokens.word_keys), the forms that start one,
#: and the forms each lemma key stands for (for the facts' own triggers).
_CANDIDATES: dict[str, tuple[tuple[Trigger, str], ...]] = {}
_STARTERS: set[str] = set()
_FORMS_BY_KEY: dict[str, set[str]] = {}


def _learn(norms: set[str]) -> None:
    """Index the word forms of `norms` not seen yet."""
    unseen = norms.difference(_CANDIDATES)
    if not unseen:
        return
    if len(_CANDIDATES) + len(unseen) > 100_000:  # a bound for endless runs over varied text
        _CANDIDATES.clear()
        _STARTERS.clear()
        _FORMS_BY_KEY.clear()
        unseen = norms
    index = _by_first_word()
    for norm in unseen:
        keys = word_keys(norm)
        pairs = _CANDIDATES[norm] = tuple(pair for key in keys for pair in index.get(key, ()))
        if pairs:
            _STARTERS.add(norm)
        for key in keys:
            _FORMS_BY_KEY.setdefault(key, set()).add(norm)


def _matches_at(trigger: Trigger, words: Words, i: int) -> bool:
    """Trigger.matches_at, where token i is a word with the trigger's first word among its
    keys: a one-word trigger (most of them) matches without reading the tokens again."""
    return len(trigger.words) == 1 or trigger.matches_at(words, i)


def find_occurrences(words: Words, facts: list[Fact]) -> list[Occurrence]:
    """Every place in the sentence where some event is expressed.

    Triggers are indexed by their first word and looked up through each token's
    possible lemmas (qc.tokens.word_keys), so the cost grows with the sentence, not
    with the number of triggers. Most words start no trigger: set operations over the
    sentence's word forms find the few that may, and only their tokens are read.
    """
    own: dict[str, list[tuple[Trigger, str]]] = {}
    for fact in facts:
        for t in map(_parse, fact.triggers):
            own.setdefault(t.words[0], []).append((t, fact.id))
    norms = words.norms
    distinct = set(norms)
    _learn(distinct)
    starters = distinct & _STARTERS
    own_starters: set[str] = set()
    for key in own:
        own_starters |= distinct & _FORMS_BY_KEY.get(key, set())
    found: dict[int, tuple[set[str], set[str]]] = {}
    for norm in starters | own_starters:
        i = -1
        for _ in range(norms.count(norm)):  # each token of this form, found by list.index in C
            i = norms.index(norm, i + 1)
            if not words.is_word(i):
                continue
            if norm in starters:
                for trigger, event in _CANDIDATES[norm]:
                    if _matches_at(trigger, words, i):
                        found.setdefault(i, (set(), set()))[0].add(event)
            if norm in own_starters:
                for key in word_keys(norm):
                    for trigger, fact_id in own.get(key, ()):
                        if _matches_at(trigger, words, i):
                            found.setdefault(i, (set(), set()))[1].add(fact_id)
    return [Occurrence(i, frozenset(ev), frozenset(fs)) for i, (ev, fs) in sorted(found.items())
            if not _in_idiom(words, i)]


def expresses(occurrence: Occurrence, fact: Fact) -> bool:
    return fact.event in occurrence.events or fact.id in occurrence.facts
