"""The French article against its original: sentence alignment and span diffs.

Alignment is Gale & Church (1993): dynamic programming over sentence lengths in
characters with 1-1, 1-0, 0-1, 2-1 and 1-2 beads, plus number anchors, since two
sentences that share a number are likely translations of each other and two that
both hold numbers but share none are likely not. An alignment that leaves many
sentences without a partner is reported as failed rather than trusted.

Within an aligned pair, numbers (with their scale words: "6 milliards" is "6
billion"), years and capitalised names are compared. Only a difference on both
sides is reported: a French year absent from the original while the original has
another year; a number likewise; a name that is a near-miss of a name of the
original ("Altmann" for "Altman", "Openai" for "OpenAI"). Something only one side
has is left alone: translators add conversions and drop details on purpose.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from qc.wordlists import frequency, is_word

_SP = "[ \u00a0\u202f]"


@dataclass(frozen=True)
class _Format:
    """How a language writes numbers: digits, thousands separator, decimal mark, scale words."""

    digits: str
    thousands: str
    decimal: str
    scales: dict[str, float]
    #: abbreviations glued to the number or followed by a currency ("$5m", "500 M€"), case-sensitive
    compact: str


_FORMATS = {
    "fr": _Format(
        rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?", " ", ",",
        {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9,
         "billion": 1e12, "billions": 1e12},
        rf"k(?!\w)|M(?={_SP}?[€$£])",
    ),
    "en": _Format(
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", ",", ".",
        {"thousand": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9,
         "trillion": 1e12, "trillions": 1e12, "tn": 1e12},
        r"(?<=\d)[kKmMbB](?!\w)",
    ),
    "es": _Format(
        rf"\d{{1,3}}(?:(?:\.|{_SP})\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?", ".", ",",
        {"mil millones": 1e9, "mil": 1e3, "millón": 1e6, "millones": 1e6, "billón": 1e12, "billones": 1e12},
        r"(?<=\d)[kKmM](?!\w)",
    ),
}
_COMPACT = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9}


@functools.lru_cache(maxsize=None)
def _number_re(lang: str) -> re.Pattern[str]:
    fmt = _FORMATS[lang]
    words = "|".join(re.escape(w).replace(r"\ ", _SP) for w in sorted(fmt.scales, key=len, reverse=True))
    return re.compile(rf"(?<![\w.,])(?P<num>{fmt.digits})(?:{_SP}?(?P<scale>(?i:{words}))(?!\w)|{_SP}?(?P<compact>{fmt.compact}))?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[^\W\d_](?:[\w&.-]*\w)?")
#: a source word this frequent is a place or a common word with its own French form
#: (California/Californie, Japan/Japon), not a name the translation misspelled
_COMMON = 150
#: Gale & Church: prior of each bead shape, and the variance of the length ratio
_PRIORS = {(1, 1): 0.89, (1, 0): 0.00495, (0, 1): 0.00495, (2, 1): 0.0445, (1, 2): 0.0445}
_S2 = 6.8
_ANCHOR = 2.0
#: more unaligned sentences than this share of either side: the alignment is not trusted
MAX_UNALIGNED = 0.2


@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]
    french: tuple[int, ...]


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    text: str
    value: float


@dataclass(frozen=True)
class Diff:
    kind: str  # number | year | name
    start: int
    end: int
    text: str
    source: tuple[str, ...]  # the original's unmatched items of the same kind
    suggestion: str | None


def numbers(text: str, lang: str) -> list[Item]:
    """Numbers with their scale applied ("1,5 milliard" is 1.5e9); a year is a number too."""
    fmt = _FORMATS.get(lang, _FORMATS["en"])
    out = []
    for m in _number_re(lang if lang in _FORMATS else "en").finditer(text):
        raw = re.sub(_SP, "", m.group("num")).replace(fmt.thousands, "").replace(fmt.decimal, ".")
        value = float(raw)
        if m.group("scale"):
            value *= fmt.scales[re.sub(_SP, " ", m.group("scale")).lower()]
        elif m.group("compact"):
            value *= _COMPACT[m.group("compact")]
        out.append(Item(m.start(), m.end(), m.group(0), value))
    return out


def is_year(item: Item) -> bool:
    return bool(_YEAR.fullmatch(item.text))


def names(text: str) -> list[Item]:
    """Words with a capital letter (OpenAI, Altman, iPhone), the raw material of name diffs."""
    return [Item(m.start(), m.end(), m.group(0), 0.0) for m in _WORD.finditer(text) if any(c.isupper() for c in m.group(0))]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def diff(french: Sequence[tuple[int, str]], source: str, lang: str, forward: str | None = None) -> list[Diff]:
    """Differences between French sentences (offset, text) and the original text they translate.

    `forward`, the machine translation of the French into the source language, when
    there is one, vetoes name diffs the model itself resolves (Californie -> California).
    """
    out: list[Diff] = []
    fr_numbers = [Item(off + i.start, off + i.end, i.text, i.value) for off, text in french for i in numbers(text, "fr")]
    src_numbers = numbers(source, lang)
    fr_unmatched = [i for i in fr_numbers if not any(_same(i.value, s.value) for s in src_numbers)]
    src_unmatched = [s for s in src_numbers if not any(_same(s.value, i.value) for i in fr_numbers)]
    for kind, keep in (("year", is_year), ("number", lambda i: not is_year(i))):
        theirs = tuple(s.text for s in src_unmatched if keep(s))
        if theirs:
            for item in (i for i in fr_unmatched if keep(i)):
                suggestion = theirs[0] if kind == "year" and len(theirs) == 1 else None
                out.append(Diff(kind, item.start, item.end, item.text, theirs, suggestion))
    src_names = {n.text for n in names(source)}
    fr_names = [Item(off + n.start, off + n.end, n.text, 0.0) for off, text in french for n in names(text)]
    fr_words = {n.text for n in fr_names}
    candidates = [s for s in src_names if s not in fr_words]
    forward_words = {n.text for n in names(forward)} if forward else set()
    for item in fr_names:
        if item.text in src_names or not candidates:
            continue
        best = max(candidates, key=lambda s: ratio(s.casefold(), item.text.casefold()))
        if _near_miss(item.text, best, lang, forward_words):
            out.append(Diff("name", item.start, item.end, item.text, (best,), best))
    return sorted(out, key=lambda d: d.start)


def _near_miss(french: str, source: str, lang: str, forward_words: set[str]) -> bool:
    if french.isupper() or source.isupper():
        return False  # NVIDIA / Nvidia: house style, not an error
    if french.casefold() == source.casefold():
        return True  # Openai for OpenAI
    if len(source) < 4 or Levenshtein.distance(french.casefold(), source.casefold()) > 2 or ratio(french.casefold(), source.casefold()) < 80:
        return False
    if is_word(french, "fr") or frequency(source, lang if lang in ("en", "es") else "en") >= _COMMON:
        return False
    return source not in forward_words


# -- alignment -----------------------------------------------------------------

def _normal_tail(x: float) -> float:
    """Two-sided tail probability of a standard normal beyond |x|."""
    return math.erfc(abs(x) / math.sqrt(2))


def align(source: Sequence[str], french: Sequence[str], lang: str) -> list[Bead]:
    """Gale-Church alignment of two sentence lists, anchored on shared numbers."""
    total_src = sum(len(s) for s in source) or 1
    c = sum(len(f) for f in french) / total_src
    src_nums = [frozenset(round(i.value, 6) for i in numbers(s, lang)) for s in source]
    fr_nums = [frozenset(round(i.value, 6) for i in numbers(f, "fr")) for f in french]

    def cost(si: int, sn: int, fi: int, fn: int) -> float:
        l1 = sum(len(source[k]) for k in range(si, si + sn))
        l2 = sum(len(french[k]) for k in range(fi, fi + fn))
        delta = (l2 - l1 * c) / math.sqrt(max(l1, 1) * _S2)
        value = -math.log(_PRIORS[(sn, fn)]) - math.log(max(_normal_tail(delta), 1e-12))
        a = frozenset().union(*src_nums[si : si + sn]) if sn else frozenset()
        b = frozenset().union(*fr_nums[fi : fi + fn]) if fn else frozenset()
        if a and b:
            value += -_ANCHOR if a & b else _ANCHOR
        return value

    n, m = len(source), len(french)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == math.inf:
                continue
            for sn, fn in _PRIORS:
                if i + sn <= n and j + fn <= m:
                    value = best[i][j] + cost(i, sn, j, fn)
                    if value < best[i + sn][j + fn]:
                        best[i + sn][j + fn] = value
                        back[i + sn][j + fn] = (sn, fn)
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        sn, fn = step
        beads.append(Bead(tuple(range(i - sn, i)), tuple(range(j - fn, j))))
        i, j = i - sn, j - fn
    return beads[::-1]


def alignment_problem(beads: Sequence[Bead], n_source: int, n_french: int) -> str | None:
    """Why an alignment should not be trusted, or None."""
    if not n_source or not n_french:
        return "un des deux textes n'a aucune phrase"
    lone_src = sum(len(b.source) for b in beads if not b.french)
    lone_fr = sum(len(b.french) for b in beads if not b.source)
    if lone_src > max(1, MAX_UNALIGNED * n_source) or lone_fr > max(1, MAX_UNALIGNED * n_french):
        return f"{lone_fr} phrase(s) française(s) sur {n_french} et {lone_src} phrase(s) de l'original sur {n_source} sans correspondance"
    return None
