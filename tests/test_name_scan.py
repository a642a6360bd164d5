"""NameIndex.scan: whole words, the longest match at a place, hits in text order."""
from __future__ import annotations

import pytest

from qc.engine import Options, Session


@pytest.fixture(scope="module")
def names():
    return Session(Options(jobs=1)).runner_for(None).resources.names


def spans(names, text: str) -> list[tuple[str, str, str]]:
    return [(h.text, h.form.form, h.form.kind) for h in names.scan(text)]


def test_longest_match_wins_and_hits_come_in_text_order(names):
    text = "Selon The Wall Street Journal, Wall Street et le bordOn."
    assert spans(names, text) == [
        ("The Wall Street Journal", "The Wall Street Journal", "name"),
        ("Wall Street", "Wall Street", "name"),
        ("le bord", "Le bord", "bad"),  # a lower/upper seam is a lost space
    ]


def test_only_whole_words(names):
    assert spans(names, "Wall Streets, Wall_Street, aWall Street") == []


def test_resolution_is_per_surface(names):
    """The memo of (form, entities) is keyed by spelling: each spelling resolves alike every time."""
    text = "WALL STREET, wall street, Wall Street"
    first = list(names.scan(text))
    assert list(names.scan(text)) == first
    assert [h.text for h in first] == ["WALL STREET", "wall street", "Wall Street"]
    assert {h.form.form for h in first} == {"Wall Street"} and {h.entities for h in first} == {frozenset({"wall-street"})}
