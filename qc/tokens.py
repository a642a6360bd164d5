"""Word tokens of French prose, with offsets, normalised forms and lemmas.

One tokenizer serves the lexicon patterns, the fact triggers and the grammar
heuristics, so that a pattern author knows exactly what a "word" is
(docs/data-format.md, "Pattern syntax").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

ELIDED = ("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu")
_TOKEN_RE = re.compile(
    r"(?P<elided>\b(?:" + "|".join(sorted(ELIDED, key=len, reverse=True)) + r")['’](?=\w))"
    r"|(?P<word>aujourd['’]hui|\w+(?:[-.&+]\w+)*(?:['’]\w+)?)"
    r"|(?P<punct>\S)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    norm: str  # lower case, typographic apostrophe folded to '
    is_word: bool

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").replace("\u2011", "-").lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    tokens = []
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup
        tokens.append(Token(m.group(0), m.start(), m.end(), normalise(m.group(0)), kind != "punct"))
    return tokens


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """French lemma of a normalised word (simplemma), cached: words repeat a lot."""
    import simplemma

    if not word or not word[0].isalpha():
        return word
    return simplemma.lemmatize(word, lang="fr").lower()


_ER_ENDINGS = frozenset(("e", "es", "ent", "é", "ée", "és", "ées", "er", "ait", "ais", "aient", "ant", "a", "as", "èrent", "era", "eront", "erait", "eraient", "ons", "ez", "ai"))


def inflects(norm: str, lemmas: frozenset[str]) -> bool:
    """Is the normalised word a form of one of `lemmas`?

    simplemma misses forms ("cofondé", "lance" read as the noun), so a regular -er
    verb also matches by its stem and a regular ending.
    """
    if norm in lemmas or lemma(norm) in lemmas:
        return True
    for target in lemmas:
        if target.endswith("er") and len(target) > 4:
            stem = target[:-2]
            if norm.startswith(stem) and norm[len(stem):] in _ER_ENDINGS:
                return True
    return False
