"""Word tokens of French prose, with offsets, normalised forms and lemmas.

One tokenizer serves the lexicon patterns, the fact triggers and the grammar
heuristics, so that a pattern author knows exactly what a "word" is
(docs/data-format.md, "Pattern syntax").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from operator import sub
from typing import Callable, NamedTuple, Sequence

ELIDED = ("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu")
#: the vowels before which those words elide ("de" + "Apple" = "d'Apple"); "y" is left
#: out: "de Yahoo", "le yaourt"
ELISION_VOWELS = "aeiouéèêëàâîïôûAEIOUÉÈÊËÀÂÎÏÔÛ"


def _initial(letter: str) -> str:
    """Every character that matches `letter` under re.IGNORECASE (the long s "ſ" matches "s")."""
    return letter + letter.upper() + ("ſ" if letter == "s" else "")


def _elided_pattern() -> str:
    """The elided words ("l'", "qu'", "lorsqu'") as alternatives that each open with a plain
    character class.

    A token is, in order of preference: an elided word before a word ("l'" of "l'avion"),
    "aujourd'hui", a word (letters, digits and inner "-.&+", one inner apostrophe), or any
    other non-space character. Tried in that order at every token, the elisions used to
    cost more than the words; `re` rejects an alternative that opens with a plain class in
    one test, and most tokens begin with no elision letter. The order of the elisions does
    not matter: the apostrophe ends each, so no two can match at one place. The rest of
    each is case-insensitive, as the whole pattern used to be, and `(?<!\\w\\w)` after
    the first letter is the `\\b` before it.
    """
    singles = "".join(_initial(word) for word in ELIDED if len(word) == 1)
    rests: dict[str, list[str]] = {}
    for word in ELIDED:
        if len(word) > 1:
            rests.setdefault(word[0], []).append(word[1:])
    alternatives = [f"[{singles}](?<!\\w\\w)"]
    alternatives += [f"[{_initial(first)}](?<!\\w\\w)(?i:{'|'.join(ends)})" for first, ends in rests.items()]
    return "|".join(f"{alternative}['’](?=\\w)" for alternative in alternatives)


#: a token with the white space before it: findall then yields strings whose lengths
#: alone give every offset (white space is all that lies between two tokens)
_CHUNK_RE = re.compile(
    r"\s*(?:" + _elided_pattern() + r"|[aA](?i:ujourd['’]hui)|\w+(?:[-.&+]\w+)*(?:['’]\w+)?|\S)"
)
_WORD_START = re.compile(r"\w")


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


class Memo(dict):  # type: ignore[type-arg]
    """Values by surface form, computed on first lookup.

    A dict that fills itself, so that `map(memo.__getitem__, texts)` looks up a whole
    sentence with no Python call per known form. The vocabulary of news prose is small
    (a few tens of thousands of forms); `limit` is for endless runs over varied text:
    past it, the memo starts afresh.
    """

    def __init__(self, compute: Callable[[str], object], limit: int = 500_000):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, text: str) -> object:
        if len(self) > self.limit:
            self.clear()
        value = self[text] = self.compute(text)
        return value


#: normalised forms by surface form
_NORMS = Memo(lambda text: unicodedata.normalize("NFC", text).replace("’", "'").replace("\u2011", "-").lower())
#: whether a token is a word, by surface form: punctuation, the pattern's one-character
#: fallback, is exactly what does not start with a word character
_IS_WORD = Memo(lambda text: _WORD_START.match(text) is not None)
#: is a character one of those of "\w" (a letter, a digit or "_")? A dict lookup, with
#: no Python call but for a new character: asked about the edges of every name and word
WORD_CHAR = Memo(lambda ch: ch.isalnum() or ch == "_")


def normalise(text: str) -> str:
    """Lower case, NFC, typographic apostrophe folded to ', non-breaking hyphen to -."""
    return _NORMS[text]  # type: ignore[no-any-return]


#: a Token from a tuple of its fields, without the Python-level constructor
_make_token = functools.partial(tuple.__new__, Token)


class Words:
    """The tokens of one sentence as columns: lists sliced from the scan of the document.

    Every check reads the word forms of every sentence (`norms`, `texts`), in set and
    map operations; only the few sentences a check looks at closely need Token tuples.
    Building a tuple per token of every sentence cost a twentieth of a run, so `tokens`
    builds them on first use, and `token(i)` builds one alone.
    """

    __slots__ = ("texts", "norms", "ends", "_tokens")

    def __init__(self, texts: list[str], norms: list[str], ends: list[int]):
        self.texts = texts
        self.norms = norms
        self.ends = ends
        self._tokens: list[Token] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def starts(self) -> list[int]:
        """Where each token starts: its end less its length."""
        return list(map(sub, self.ends, map(len, self.texts)))

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            texts = self.texts
            self._tokens = list(map(_make_token, zip(texts, self.starts, self.ends, self.norms, map(_IS_WORD.__getitem__, texts))))
        return self._tokens

    def is_word(self, i: int) -> bool:
        return _IS_WORD[self.texts[i]]  # type: ignore[no-any-return]

    def token(self, i: int) -> Token:
        if self._tokens is not None:
            return self._tokens[i]
        text = self.texts[i]
        end = self.ends[i]
        return Token(text, end - len(text), end, self.norms[i], _IS_WORD[text])  # type: ignore[arg-type]


def _scan(text: str, start: int, end: int) -> Words:
    """The tokens of text[start:end], as columns.

    The hottest code of a run, hence its shape: no Python code runs per token.
    `findall` gives each token with the white space before it, so the running sum of
    these chunk lengths gives the token ends (a start is its end less the token's
    length); norms come from a memo dict.
    """
    chunks = _CHUNK_RE.findall(text, start, end)
    texts = list(map(str.lstrip, chunks))
    ends = list(accumulate(map(len, chunks), initial=start))
    del ends[0]  # the initial value: where the first chunk starts
    return Words(texts, list(map(_NORMS.__getitem__, texts)), ends)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] (white space aside, every character is in a token)."""
    return _scan(text, start, len(text) if end is None else end).tokens


def tokenize_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[Words]:
    """The Words of each span, from one scan of the text: a document's sentences are
    tokenized together (one call instead of forty), then the columns are cut at each
    sentence's bounds.

    A cut equals the span's own tokenization unless a token crosses a bound, or a token
    ending at the span's end touches the next one: "l'" is elided only before a word
    character, and tokenize(text, start, end) cannot see past `end`. Such spans, rare,
    are tokenized on their own.
    """
    if not spans:
        return []
    doc = _scan(text, min(start for start, _ in spans), max(end for _, end in spans))
    texts, norms, ends = doc.texts, doc.norms, doc.ends
    count = len(texts)

    def start_of(i: int) -> int:
        return ends[i] - len(texts[i])

    result: list[Words] = []
    for start, end in spans:
        first = bisect_right(ends, start)  # the first token that ends after `start`
        after = bisect_right(ends, end, first)  # the first token that ends after `end`
        if (first < count and start_of(first) < start) or (
            after < count and (start_of(after) < end or (after > first and start_of(after) == ends[after - 1] == end))
        ):
            result.append(_scan(text, start, end))
        else:
            result.append(Words(texts[first:after], norms[first:after], ends[first:after]))
    return result


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
