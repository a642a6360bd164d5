"""The lexicon pattern language (docs/data-format.md)."""
from __future__ import annotations

import pytest

from qc.lexicons.pattern import PatternError, compile_pattern
from qc.tokens import tokenize


def flagged(pattern: str, text: str) -> list[str]:
    p = compile_pattern(pattern)
    if hasattr(p, "search_text"):
        return [text[m.flag_start:m.flag_end] for m in p.search_text(text, 0)]
    return [text[m.flag_start:m.flag_end] for m in p.finditer(tokenize(text))]


@pytest.mark.parametrize("pattern,text,expected", [
    ("la course déjà? bondée|encombrée", "la pression sur la course déjà bondée", ["la course déjà bondée"]),
    ("la course déjà? bondée|encombrée", "la course encombrée", ["la course encombrée"]),
    ("La Course BONDÉE", "la course bondée", ["la course bondée"]),
    ("~former *2 modèles", "ils ont formé leurs nouveaux modèles", ["formé leurs nouveaux modèles"]),
    ("~former *2 modèles", "ils forment les salariés et les modèles", []),
    ("< ~former > des|les|ses? *2 modèles|IA", "afin de former rapidement des modèles", ["former"]),
    ("l'action de l'IA", "dans l’action de l’IA", ["l’action de l’IA"]),
    ("~bondé", "des rues bondées", ["bondées"]),
    ("dans * cas", "dans ce cas", ["dans ce cas"]),
    ("dans * cas", "dans cas", []),
    ("re:\\bQuoi (?P<flag>\\d+) mars", "Quoi 9 mars", ["9"]),
])
def test_pattern_matches(pattern, text, expected):
    assert flagged(pattern, text) == expected


def test_gaps_never_cross_punctuation():
    assert flagged("~former *3 modèles", "former les gens, puis des modèles") == []


@pytest.mark.parametrize("bad", ["", "* *2", "re:(unclosed"])
def test_invalid_patterns(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)
