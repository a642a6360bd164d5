"""Amounts and counts in French prose: "6 milliards de dollars", "1,5 Md€",
"100 000 puces", "des dizaines de millions de dollars", "500 M$".

French number formats: spaces, no-break or narrow no-break spaces as thousands
separators, decimal commas, scale words (mille, million, milliard, billion) and
the abbreviations of the financial press (k, M, Md, Mds).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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


def _parse_number(raw: str) -> float | None:
    raw = raw.strip().lower()
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    digits = re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


#: without a digit, a quantity needs a scale or currency word, and every one of them
#: contains one of these: most sentences of an article skip the costly pattern
_WORDY_QUANTITY = re.compile(r"\d|milli|billion|trillion|md|mrd|dollar|eur|usd|livre|yuan|yen|won|franc|[$€£]", re.IGNORECASE)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Numbers with a scale or a currency (bare small numbers are not quantities)."""
    if not _WORDY_QUANTITY.search(text):
        return []
    out = []
    for m in _AMOUNT.finditer(text):
        g = m.groupdict()
        scale_word, cur = g.get("scale"), g.get("cur")
        if g.get("vague"):
            if not scale_word:
                continue
            low, high = VAGUE[g["vague"].lower()]
        else:
            n = _parse_number(g["num"])
            if n is None:
                continue
            low = high = n
        if scale_word:
            # "M" alone is a scale only when a currency follows ("500 M$"), not "M. Musk"
            if scale_word in ("M", "k", "Mn") and not cur:
                scale_word = None
        if not scale_word and not cur and (low < 1000 or re.fullmatch(r"(?:19|20)\d\d", g["num"])):
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
