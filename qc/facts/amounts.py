"""Amounts and counts in French prose: "6 milliards de dollars", "1,5 Md€",
"100 000 puces", "des dizaines de millions de dollars", "500 M$".

French number formats: spaces, no-break or narrow no-break spaces as thousands
separators, decimal commas, scale words (mille, million, milliard, billion) and
the abbreviations of the financial press (k, M, Md, Mds).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qc.facts.dates import has_case_trap

SCALES = {
    "mille": 1e3, "k": 1e3, "millier": 1e3, "milliers": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9,
    "billion": 1e12, "billions": 1e12, "trillion": 1e12,  # billion in French is 10^12
}
CURRENCIES = {
    "dollars": "USD", "dollar": "USD", "$": "USD", "us$": "USD", "usd": "USD",
    "euros": "EUR", "euro": "EUR", "€": "EUR", "eur": "EUR",
    "livres": "GBP", "livre": "GBP", "£": "GBP", "yuans": "CNY", "yuan": "CNY", "yens": "JPY", "yen": "JPY",
    "dollars taïwanais": "TWD", "wons": "KRW", "francs suisses": "CHF",
}
WORD_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "cent": 100}
VAGUE = {"dizaines": (10, 99), "dizaine": (10, 19), "centaines": (100, 999), "centaine": (100, 199), "quelques": (2, 9), "plusieurs": (2, 9), "milliers": (1000, 9999)}

_SP = r"[ \u00a0\u202f]"
_NUMBER = rf"(?P<num>\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|cent|(?:des|de|quelques|plusieurs)?{_SP}?(?P<vague>dizaines|dizaine|centaines|centaine|quelques|plusieurs|milliers)(?:{_SP}d['’]|{_SP}de)?)"
_SCALE = r"(?P<scale>milliards?|millions?|milliers|mille|billions?|trillions?|Mds?|Mrds?|Mn|M|k)"
_CUR = r"(?P<cur>dollars taïwanais|francs suisses|dollars?|euros?|livres?|yuans?|yens?|wons|\$|€|£|USD|EUR)"
_AMOUNT = re.compile(
    rf"(?<![\w,]){_NUMBER}(?:{_SP}?{_SCALE}\b\.?)?(?:{_SP}?(?:de{_SP}|d['’])?{_CUR})?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    low: float
    high: float
    currency: str | None
    text: str

    @property
    def value(self) -> float:
        return (self.low * self.high) ** 0.5


_SPACES = re.compile(r"[ \u00a0\u202f]")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _parse_number(raw: str) -> float | None:
    raw = raw.strip().lower()
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    digits = _SPACES.sub("", raw).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


#: without a digit, a quantity needs a scale or currency word, and every one of them
#: contains one of these: most sentences of an article skip the costly pattern
_WORDY_QUANTITY = re.compile(r"\d|mill|billion|trillion|md|mrd|dollar|eur|usd|livre|yuan|yen|won|franc|[$€£]", re.IGNORECASE)
#: Tighter tests, on lower-cased text without a case trap (see _may_hold_quantity). A kept
#: quantity has a currency sign or a scale word, or a number of digits followed by a
#: currency at most 8 characters on ("5 M. de dollars"), by "m" or "k" (only "M", "Mn" and
#: "k" need a currency) or worth 1000 or more without being a year; or a number word
#: followed by the same ("une dizaine de k€", "centaines de M$"). A bare "eur" proves
#: nothing: "leur" and "plusieurs" hold one.
_SIGN_OR_SCALE = re.compile(r"\$|€|£|mill|billion|trillion|md|mrd")
_DIGIT_QUANTITY = re.compile(
    r"\d(?:"
    r"\d{4}|\d{3},\d"  # five digits or more, or four and decimals
    r"|(?<=[^\D12])\d{3}|(?<=1)[^\D9]\d\d|(?<=2)[^\D0]\d\d"  # four, but not 19xx or 20xx
    rf"|{_SP}\d{{3}}"  # thousands after a space
    rf"|{_SP}?(?:mn?|k)\b"
    r"|.{0,8}?(?:dollar|franc|eur|livre|yuan|yen|won|usd)"
    r")"
)
#: without a sign or a digit: a number word and what may follow it, up to a currency or
#: "m" or "k" ("m" is no hint of _WORDY_QUANTITY)
_NUMBER_WORD_QUANTITY = re.compile(
    r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|cent|dizaine|quelques|plusieurs)\w{0,5}"
    rf"(?:{_SP}d['’]|{_SP}de)?{_SP}?(?:(?:mn?|k)\b\.?{_SP}?)?(?:de{_SP}|d['’])?"
    r"(?:mn?\b|k\b|dollar|franc|eur|livre|yuan|yen|won|usd)"
)


def _may_hold_quantity(text: str) -> bool:
    """Could find_quantities keep a quantity of `text`? That needs _WORDY_QUANTITY, which
    lets most sentences through ("leur", "plusieurs", any year) and, case-insensitive,
    tries every position of the text; the tests above, case-sensitive, skip to their
    first character, and a sentence that fails them spares the costly pattern."""
    if has_case_trap(text):  # rare: no pre-check
        return True
    lowered = text.lower()
    # each of these holds a hint of _WORDY_QUANTITY
    if _SIGN_OR_SCALE.search(lowered) or _DIGIT_QUANTITY.search(lowered):
        return True
    return _NUMBER_WORD_QUANTITY.search(lowered) is not None and _WORDY_QUANTITY.search(text) is not None


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Numbers with a scale or a currency (bare small numbers are not quantities)."""
    if not _may_hold_quantity(text):
        return []
    out = []
    for m in _AMOUNT.finditer(text):
        g = m.groupdict()
        scale_word, cur = g.get("scale"), g.get("cur")
        if g.get("vague"):
            if not scale_word:
                continue
            # the case-insensitive pattern also takes the long s: "dizaineſ"
            low, high = VAGUE[g["vague"].lower().replace("ſ", "s")]
        else:
            n = _parse_number(g["num"])
            if n is None:
                continue
            low = high = n
        if scale_word:
            # "M" alone is a scale only when a currency follows ("500 M$"), not "M. Musk"
            if scale_word in ("M", "k", "Mn") and not cur:
                scale_word = None
        if not scale_word and not cur and (low < 1000 or _YEAR.fullmatch(g["num"])):
            continue
        factor = SCALES.get(scale_word.lower(), 1.0) if scale_word else 1.0
        if scale_word is None and g["num"].lower() in WORD_NUMBERS and not cur:
            continue
        currency = CURRENCIES.get(cur.lower()) if cur else None
        end = m.end()
        out.append(Quantity(offset + m.start(), offset + end, low * factor, high * factor, currency, m.group(0)))
    return out


def ratio(q: Quantity, value: float) -> float:
    """How far `value` lies outside the quantity's range, as a factor (1 = inside)."""
    if value <= 0:
        return 1.0
    if value < q.low:
        return q.low / value
    if value > q.high:
        return value / q.high
    return 1.0
