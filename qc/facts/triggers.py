"""French words that express an event ("quitter", "se dissocier", "rachat").

Default trigger lemmas per event type live in qc/facts/data/events.yaml; a fact
adds its own. simplemma does not know every inflection ("cofondé", "levé"), so a
regular -er verb also matches by its stem.
"""
from __future__ import annotations

import functools

from qc.facts.table import DATA_DIR, Fact
from qc.tokens import Token, inflects, normalise
from qc.yamlload import load_yaml, strip_lines


@functools.lru_cache(maxsize=1)
def event_triggers() -> dict[str, frozenset[str]]:
    raw = strip_lines(load_yaml(str(DATA_DIR / "events.yaml")))["events"]
    return {event: frozenset(_head(w) for w in words) for event, words in raw.items()}


def _head(trigger: str) -> str:
    """The word of a trigger phrase that carries it: "se dissocier" -> "dissocier"."""
    words = normalise(trigger).replace("'", "' ").split()
    content = [w for w in words if w not in ("se", "s'", "des", "de", "la", "le", "les")]
    return content[-1] if content else words[-1]


def fact_triggers(fact: Fact) -> frozenset[str]:
    return event_triggers().get(fact.event, frozenset()) | frozenset(_head(t) for t in fact.triggers)


def matches(token: Token, triggers: frozenset[str]) -> bool:
    return token.is_word and inflects(token.norm, triggers)
