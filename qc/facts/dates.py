"""Date expressions in French prose, resolved against the publication date.

Handles "en 2018", "le 9 mars 2023", "en juillet dernier", "le mois dernier",
"l'an dernier", "il y a (environ) huit ans", "en novembre", "début mars", and
years written in words ("deux mille dix-huit"). Each expression keeps its span so
a finding points at the date itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|dix-\w+|vingt-\w+|trente-\w+"
_APPROX = r"(?:environ|près de|presque|quelque|plus de|moins de|une? (?:petite|bonne) )"

_PATTERNS = [
    # il y a (environ) huit ans
    ("ago", re.compile(rf"\bil y a\s+(?P<approx>{_APPROX}\s*)?(?P<n>{_NUM})\s+ans\b", re.I)),
    # l'an dernier, l'année dernière / passée
    ("last_year", re.compile(r"\bl['’](?:an|année)\s+(?:dernier|dernière|passée|passé)\b", re.I)),
    # le mois dernier
    ("last_month", re.compile(r"\ble mois (?:dernier|passé)\b", re.I)),
    # (le) 9 mars 2023, 1er mars, en juillet 2023, juillet dernier, début mars
    ("day_month", re.compile(rf"\b(?P<day>[0-3]?\d|1er)\s+(?P<month>{_MONTH})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("month", re.compile(rf"\b(?P<month>{_MONTH})(?:\s+(?P<year>(?:19|20)\d\d)|\s+(?P<last>dernier|passé))?\b", re.I)),
    # the lookbehinds come after the first digits, so that re skips straight to a 1 or a 2
    ("year", re.compile(r"(?P<year>(?:19[5-9]|20[0-4])(?<![\d,.]...)(?<!\d[\u00a0\u202f ]...)(?<![Aa]nnées\s...)(?<![Dd]écennie\s...)\d)(?!\d|,\d)(?![\u00a0\u202f ]?(?:\d{3}|%|dollars|euros|milliards|millions|\$|€))\b")),
    # older years only where a preposition makes them dates ("fondée en 1889", "depuis 1938")
    ("old_year", re.compile(r"\b(?:en|depuis|dès|année|an)\s+(?P<year>1[89]\d\d)\b(?!,\d|[\u00a0\u202f ]?(?:\d{3}|%|dollars|euros))", re.I)),
    ("year_words", re.compile(r"\ben\s+(?P<words>deux mille(?:[- ][a-zé-]+){0,3})\b", re.I)),
]
#: Hints, run case-sensitively on the lower-cased text: every match of a pattern starts
#: where its hint matches (a two-digit day one character earlier), so a pattern is only
#: tried from its hint's first match on, or, for the month names, at each of the hint's
#: matches. Case-insensitive patterns that start with \b try every position of a text;
#: most sentences fail every hint and skip them all. Most hints start with a literal,
#: which re finds quickly; the month names must end a word ("mais" holds "mai").
_AGO_HINT = re.compile("il y a")
_LAST_YEAR_HINT = re.compile(r"l['’](?:an|année)\s+(?:derni|pass)")
_LAST_MONTH_HINT = re.compile("le mois (?:derni|pass)")
_MONTH_WORD = re.compile(rf"(?:{_MONTH})\b")
_DAY_MONTH_HINT = re.compile(rf"\d(?:er)?\s+(?:{_MONTH})\b")
_YEAR_HINT = re.compile(r"(?:19[5-9]|20[0-4])\d")
_OLD_YEAR_HINT = re.compile(r"(?:en|depuis|dès|année|an)\s+1[89]\d\d")
_YEAR_WORDS_HINT = re.compile(r"en\s+deux mille")
#: pattern, substrings one of which its hint implies, hint
_GATED_HINTS = (
    ("ago", ("il y a",), _AGO_HINT),
    ("last_year", ("l'an", "l’an"), _LAST_YEAR_HINT),
    ("last_month", ("le mois ",), _LAST_MONTH_HINT),
    ("year", ("19", "20"), _YEAR_HINT),
    ("old_year", ("18", "19"), _OLD_YEAR_HINT),
    ("year_words", ("deux mille",), _YEAR_WORDS_HINT),
)
#: a pattern is tried from an offset on, or at given offsets only
_Plan = dict[str, int | list[int]]


def has_case_trap(text: str) -> bool:
    """Does `text` hold one of the few characters a case-insensitive pattern matches as a
    letter that lower() does not turn into that letter (İ and ı for i, ſ for s)? Hints
    could then miss a match: such text, rare, tries every pattern."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


def _plan(lowered: str) -> _Plan:
    """Where to try the patterns whose hint matches. A substring test (far cheaper than
    a search) comes first where one is implied."""
    plan: _Plan = {}
    for kind, literals, hint in _GATED_HINTS:
        for literal in literals:
            if literal in lowered:
                m = hint.search(lowered)
                if m:
                    plan[kind] = m.start()
                break
    months = [m.start() for m in _MONTH_WORD.finditer(lowered)]
    if months:
        plan["month"] = months
        # "12 mars": the hint finds "2 mars", a day starts there or just before
        days = sorted({p for m in _DAY_MONTH_HINT.finditer(lowered) for p in (m.start() - 1, m.start()) if p >= 0})
        if days:
            plan["day_month"] = days
    return plan


def _matches(regex: re.Pattern[str], text: str, where: int | list[int]) -> Iterator[re.Match[str]]:
    """The matches of regex.finditer(text), when none starts before `where` or, given a
    list, each starts at one of its offsets. re reads the text before an offset for word
    boundaries and lookbehinds, so a match found from there is the one a scan from 0 finds."""
    if isinstance(where, int):
        yield from regex.finditer(text, where)
        return
    end = 0
    for offset in where:
        if offset >= end:
            m = regex.match(text, offset)
            if m:
                end = m.end()
                yield m


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    year: int
    month: int | None
    approx: bool  # "environ", "il y a N ans": one year either way is consistent
    text: str


def _words_to_int(words: str) -> int | None:
    try:
        from text_to_num import text2num

        return int(text2num(words.lower(), "fr"))
    except (ValueError, ImportError):
        return None


def _count(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token) or _words_to_int(token)


def _latest_month(month: int, published: date) -> int:
    """Year of the latest such month on or before publication ("en novembre")."""
    return published.year if month <= published.month else published.year - 1


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateExpr]:
    """Date expressions in `text`; spans are shifted by `offset`. Unresolvable ones are skipped."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    lowered = text.lower()
    plan = {kind: 0 for kind, _ in _PATTERNS} if has_case_trap(text) else _plan(lowered)
    if not plan:
        return []
    for kind, regex in _PATTERNS:
        if kind not in plan:
            continue
        for m in _matches(regex, text, plan[kind]):
            s, e = m.span()
            if not free(s, e):
                continue
            expr = _resolve(kind, m, published)
            if expr is None:
                continue
            year, month, approx = expr
            taken.append((s, e))
            found.append(DateExpr(offset + s, offset + e, year, month, approx, m.group(0)))
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[int, int | None, bool] | None:
    g = m.groupdict()
    if kind == "ago":
        n = _count(g["n"])
        if n is None or published is None:
            return None
        return published.year - n, None, True
    if kind == "last_year":
        return (published.year - 1, None, False) if published else None
    if kind == "last_month":
        if not published:
            return None
        y, mo = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return y, mo, False
    if kind in ("day_month", "month"):
        month = MONTHS[g["month"].lower()]
        if g.get("year"):
            return int(g["year"]), month, False
        if not published:
            return None
        if g.get("last"):
            y = published.year if month < published.month else published.year - 1
            return y, month, False
        return _latest_month(month, published), month, False
    if kind in ("year", "old_year"):
        return int(g["year"]), None, False
    if kind == "year_words":
        value = _words_to_int(g["words"])
        if value and 1950 <= value <= 2049:
            return value, None, False
    return None
