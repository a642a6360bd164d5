"""The tokenizer (qc.tokens): token boundaries, and the sentence-wise fast path."""
from __future__ import annotations

import functools
import random
import re
import sys

import pytest

from qc.tokens import ELIDED, _initial, tokenize, tokenize_spans


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize("text,expected", [
    ("l'auto-entrepreneur", ["l'", "auto-entrepreneur"]),
    ("L'Oréal qu’il", ["L'", "Oréal", "qu’", "il"]),
    ("LORSQU'IL PRESQU’ÎLE", ["LORSQU'", "IL", "PRESQU’", "ÎLE"]),
    ("aujourd'hui Aujourd’Hui", ["aujourd'hui", "Aujourd’Hui"]),
    ("O'Reilly d'O'Reilly", ["O'Reilly", "d'", "O'Reilly"]),
    ("l' avion, l'", ["l", "'", "avion", ",", "l", "'"]),  # elided only before a word
    ("aujourd'huil'an", ["aujourd'hui", "l'an"]),  # no elision inside a word
    ("3.5 % M&A C++ x\u2011y", ["3.5", "%", "M&A", "C", "+", "+", "x", "\u2011", "y"]),
])
def test_token_boundaries(text, expected):
    assert texts(text) == expected


def test_token_fields():
    (elided, word, punct) = tokenize("  L’Été.", 1)
    assert (elided.start, elided.end, elided.norm, elided.is_word) == (2, 4, "l'", True)
    assert (word.text, word.start, word.end, word.norm) == ("Été", 4, 7, "été")
    assert (punct.text, punct.start, punct.end, punct.is_word) == (".", 7, 8, False)


@functools.cache
def every_char() -> str:
    return "".join(map(chr, range(sys.maxunicode + 1)))


@pytest.mark.parametrize("letter", sorted({w[0] for w in ELIDED} | {"a"}))
def test_elision_initials_match_what_ignorecase_matches(letter):
    """The pattern spells the first letters as plain classes; they must be re.IGNORECASE's."""
    assert sorted(re.findall(letter, every_char(), re.IGNORECASE)) == sorted(_initial(letter))


def test_spans_equal_one_call_per_span():
    """Cutting one tokenization at span bounds, or tokenizing each span: the same tokens,
    also where a bound falls inside a token or right after an elision."""
    rng = random.Random(5)
    pieces = ["l'", "qu’", "lorsqu'", "aujourd'hui", "auto-entrepreneur", "O'Reilly", "3.5", "M&A", "ſ'", " ", " ", ".", "-", "'", "é", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        cuts = sorted(rng.randint(0, len(text)) for _ in range(rng.randint(1, 6)))
        spans = list(zip(cuts, cuts[1:])) + [(rng.randint(0, len(text)), rng.randint(0, len(text)))]
        assert [w.tokens for w in tokenize_spans(text, spans)] == [tokenize(text, start, end) for start, end in spans], (text, spans)
    assert tokenize_spans("abc", []) == []


def test_words_build_each_token_as_the_whole_list_does():
    """A sentence's Token tuples are built on demand, one alone or all at once: the same."""
    (words,) = tokenize_spans("L’IA d'OpenAI, en 2024 : 3.5 fois.", [(0, 34)])
    alone = [words.token(i) for i in range(len(words))]
    assert alone == words.tokens == tokenize("L’IA d'OpenAI, en 2024 : 3.5 fois.", 0, 34)
    assert words.norms == [t.norm for t in alone] and words.texts == [t.text for t in alone]
    assert [words.token(i) for i in range(len(words))] == words.tokens  # once the list exists


def test_memo_computes_once_and_starts_afresh_past_its_limit():
    from qc.tokens import Memo

    calls = []
    memo = Memo(lambda word: calls.append(word) or word.upper(), limit=2)
    assert [memo[w] for w in ("a", "b", "a")] == ["A", "B", "A"] and calls == ["a", "b"]
    memo["c"], memo["d"]  # past the limit: cleared before "d" is added
    assert list(memo) == ["d"] and calls == ["a", "b", "c", "d"]
