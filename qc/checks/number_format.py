"""Numbers written the English or Spanish way in French prose: "8.5 millions", "100,000
dollars", "3.000 millions", "$35 milliards".

French writes a decimal comma ("8,5 millions"), groups thousands with a space ("100 000
dollars") and puts the currency after the amount ("35 milliards de dollars"). A translation
that keeps the source's format misleads the reader: "100,000 dollars" reads as a hundred
dollars, and the Spanish "3.000 millones" left as "3.000 millions" as three millions where
it meant three billions ("3 milliards").

Only numbers followed by what says they are amounts (a scale word, a currency, "%") are
read: a version ("iOS 17.1"), a score or a date keeps its dots.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import WORD_CHAR

RULE = Rule(
    "typography.number-format", "fluency", Severity.WARNING,
    "Nombre au format anglais ou espagnol (« 8.5 millions », « 100,000 dollars », « $35 milliards »).",
    explanation=(
        "En français, la virgule sépare les décimales, une espace groupe les milliers et la devise suit "
        "le montant. « 100,000 dollars » se lit cent dollars, et « 3.000 millions » (l'espagnol « 3.000 "
        "millones ») trois millions là où le texte source disait trois milliards."
    ),
    example_bad="Le chiffre d'affaires atteint $35.1 milliards, contre 8.5 millions d'abonnés et 100,000 dollars de prime.",
    example_good="Le chiffre d'affaires atteint 35,1 milliards de dollars, contre 8,5 millions d'abonnés et 100 000 dollars de prime.",
)

_SCALES = ("million", "millions", "milliard", "milliards", "billion", "billions")
_CURRENCIES = ("dollars", "euros", "livres", "francs", "yens", "yuans", "pesos")
_SPACE = "[ \u00a0\u202f]"
#: the part of a number from its first dot or comma between digits on, and the amount word
#: after it; the digits before are read in Python (starting at the separator, rarer than
#: digits, the scan is several times faster)
_NUMBER_RE = re.compile(
    rf"[.,](?<=\d[.,])\d{{1,3}}(?:[.,]\d{{1,3}})*(?![\w.,]?\d)"
    rf"(?:{_SPACE}(?P<unit>{'|'.join(_SCALES + _CURRENCIES)})(?!\w)|{_SPACE}?(?P<percent>%))"
)
#: a dollar sign before an amount: "$35.1 milliards", "US$ 10", "$5"
_DOLLAR_RE = re.compile(
    rf"\$(?={_SPACE}?\d){_SPACE}?(?P<num>\d[\d.,]*\d|\d)(?:{_SPACE}(?P<scale>{'|'.join(_SCALES)})(?!\w))?"
)


@register
class NumberFormatCheck(Check):
    rules = (RULE,)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.doc.text
        if "$" in text:
            yield from self._dollars(ctx, text)
        for m in _NUMBER_RE.finditer(text):
            start = m.start()
            while start > m.start() - 3 and start and text[start - 1].isdigit():
                start -= 1  # the one to three digits before the first separator
            if start and (WORD_CHAR[text[start - 1]] or text[start - 1] in ".,$"):
                continue  # a longer number ("2024.5"), a version ("v1.2"), a dollar amount (_dollars)
            found = text[start : m.end()]
            suggestion = french_amount(found.split()[0].rstrip("%"), m.group("unit") or "%")
            if suggestion:
                yield ctx.finding(RULE, start, m.end(), f"« {found} » : nombre au format étranger ; en français, « {suggestion} ».",
                                  suggestion)

    def _dollars(self, ctx: Context, text: str) -> Iterator[Finding]:
        for m in _DOLLAR_RE.finditer(text):
            start = m.start() - 2 if text[max(0, m.start() - 2) : m.start()] == "US" else m.start()
            number, scale = m.group("num"), m.group("scale")
            amount = french_amount(number, scale or "dollars") or f"{number} {scale or 'dollars'}"
            suggestion = f"{amount} de dollars" if scale else amount
            yield ctx.finding(RULE, start, m.end(), f"« {text[start:m.end()]} » : en français, la devise suit le montant (« {suggestion} »).",
                              suggestion)


def french_amount(number: str, unit: str) -> str | None:
    """The French writing of an English or Spanish number and the word after it, or None
    when the number is French already, or could be ("2,5 millions", "1,234 milliard",
    "1.500 milliards", which is 1,5 or 1 500)."""
    groups = re.split(r"[.,]", number)
    seps = re.findall(r"[.,]", number)
    if not seps:
        return None
    if len(set(seps)) == 2:  # "1,234.5 dollars": English thousands and decimal point
        if seps[-1] != "." or any(s != "," for s in seps[:-1]):
            return None
        return f"{' '.join(groups[:-1])},{groups[-1]} {unit}"
    thousands = all(len(g) == 3 for g in groups[1:])
    plain = unit in _CURRENCIES  # neither a scale word nor "%"
    if seps[0] == ".":
        if thousands and unit in ("million", "millions") and len(groups) == 2:
            # "3.000 millions": the Spanish "3.000 millones", billions in French
            value = int("".join(groups)) / 1000
            return f"{value:.3f}".rstrip("0").rstrip(".").replace(".", ",") + (" milliards" if value >= 2 else " milliard")
        if thousands and plain:
            return f"{' '.join(groups)} {unit}"  # "100.000 euros": thousands grouped with dots
        if len(groups) == 2 and not thousands:
            return f"{groups[0]},{groups[1]} {unit}"  # "8.5 millions": the English decimal point
        return None
    # a comma is the French decimal mark, unless each group after it has three digits before a currency
    if thousands and plain and groups[0] != "0":
        return f"{' '.join(groups)} {unit}"  # "100,000 dollars"
    return None
