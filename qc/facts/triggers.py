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
from qc.tokens import Token, normalise, word_keys
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

    def matches_at(self, tokens: list[Token], i: int) -> bool:
        if i + len(self.words) > len(tokens):
            return False
        return all(tokens[i + k].is_word and w in word_keys(tokens[i + k].norm) for k, w in enumerate(self.words))


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
def _by_first_word() -> dict[str, list[tuple[Trigger, str]]]:
    index: dict[str, list[tuple[Trigger, str]]] = {}
    for event, triggers in event_triggers().items():
        for t in triggers:
            index.setdefault(t.words[0], []).append((t, event))
    return index


@functools.lru_cache(maxsize=10_000)
def _parse(text: str) -> Trigger:
    return Trigger.parse(text)


@functools.lru_cache(maxsize=100_000)
def _event_triggers_for(norm: str) -> tuple[tuple[Trigger, str], ...]:
    """Default triggers whose first word `norm` may be a form of (memoised per word form)."""
    index = _by_first_word()
    return tuple(pair for key in word_keys(norm) for pair in index.get(key, ()))


def find_occurrences(tokens: list[Token], facts: list[Fact]) -> list[Occurrence]:
    """Every place in the sentence where some event is expressed.

    Triggers are indexed by their first word and looked up through each token's
    possible lemmas (qc.tokens.word_keys), so the cost grows with the sentence, not
    with the number of triggers.
    """
    own: dict[str, list[tuple[Trigger, str]]] = {}
    for fact in facts:
        for t in map(_parse, fact.triggers):
            own.setdefault(t.words[0], []).append((t, fact.id))
    found: dict[int, tuple[set[str], set[str]]] = {}
    for i, tok in enumerate(tokens):
        if not tok.is_word:
            continue
        for trigger, event in _event_triggers_for(tok.norm):
            if trigger.matches_at(tokens, i):
                found.setdefault(i, (set(), set()))[0].add(event)
        if own:
            for key in word_keys(tok.norm):
                for trigger, fact_id in own.get(key, ()):
                    if trigger.matches_at(tokens, i):
                        found.setdefault(i, (set(), set()))[1].add(fact_id)
    return [Occurrence(i, frozenset(ev), frozenset(fs)) for i, (ev, fs) in sorted(found.items())]


def expresses(occurrence: Occurrence, fact: Fact) -> bool:
    return fact.event in occurrence.events or fact.id in occurrence.facts
