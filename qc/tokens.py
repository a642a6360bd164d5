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


#: normalised forms by surface form: a plain dict, because a run normalises every token
#: of every article and the vocabulary of news prose is small (a few tens of thousands)
_NORMS: dict[str, str] = {}


def normalise(text: str) -> str:
    norm = _NORMS.get(text)
    if norm is None:
        if len(_NORMS) > 500_000:  # a bound for endless runs over very varied text
            _NORMS.clear()
        norm = _NORMS[text] = unicodedata.normalize("NFC", text).replace("’", "'").replace("\u2011", "-").lower()
    return norm


_new_token = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end].

    The hottest loop of a run, hence its shape: `findall` gives the token strings
    without a match object each, offsets come from `str.find` (only white space lies
    between two tokens, so the next token starts at its first occurrence), and each
    Token is built without a Python-level constructor call.
    """
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    pos = start
    for elided, word, punct in _TOKEN_RE.findall(text, start, len(text) if end is None else end):
        token = elided or word or punct
        pos = find(token, pos)
        token_end = pos + len(token)
        append(_new_token(Token, (token, pos, token_end, _NORMS.get(token) or normalise(token), not punct)))
        pos = token_end
    return tokens


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
