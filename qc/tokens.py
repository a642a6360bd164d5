"""Word tokens of French prose, with offsets, normalised forms and lemmas.

One tokenizer serves the lexicon patterns, the fact triggers and the grammar
heuristics, so that a pattern author knows exactly what a "word" is
(docs/data-format.md, "Pattern syntax").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

ELIDED = ("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu")
_TOKEN_RE = re.compile(
    r"(?P<elided>\b(?:" + "|".join(sorted(ELIDED, key=len, reverse=True)) + r")['’](?=\w))"
    r"|(?P<word>aujourd['’]hui|\w+(?:[-.&+]\w+)*(?:['’]\w+)?)"
    r"|(?P<punct>\S)",
    re.IGNORECASE,
)


class Token(NamedTuple):
    """A named tuple: tokens are created by the hundred thousand, and tuples are cheap."""

    text: str
    start: int
    end: int
    norm: str  # lower case, typographic apostrophe folded to '
    is_word: bool

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@functools.lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").replace("\u2011", "-").lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(m.group(0), m.start(), m.end(), normalise(m.group(0)), m.lastgroup != "punct")
        for m in _TOKEN_RE.finditer(text, start, end)
    ]


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """French lemma of a normalised word (simplemma), cached: words repeat a lot."""
    import simplemma

    if not word or not word[0].isalpha():
        return word
    return simplemma.lemmatize(word, lang="fr").lower()


_ER_ENDINGS = frozenset(("e", "es", "ent", "é", "ée", "és", "ées", "er", "ait", "ais", "aient", "ant", "a", "as", "èrent", "era", "eront", "erait", "eraient", "ons", "ez", "ai"))


@functools.lru_cache(maxsize=200_000)
def word_keys(norm: str) -> frozenset[str]:
    """The lemmas a normalised word may stand for: itself, simplemma's lemma, and the
    regular -er infinitives its ending allows.

    simplemma misses forms ("cofondé", "lance" read as the noun), so a regular -er verb
    also matches by its stem and a regular ending.
    """
    keys = {norm, lemma(norm)}
    for ending in _ER_ENDINGS:
        if norm.endswith(ending) and len(norm) - len(ending) >= 3:
            keys.add(norm[: len(norm) - len(ending)] + "er")
    return frozenset(keys)


def inflects(norm: str, lemmas: frozenset[str]) -> bool:
    """Is the normalised word a form of one of `lemmas`?"""
    return not word_keys(norm).isdisjoint(lemmas)
