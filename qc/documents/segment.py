"""French sentence segmentation.

Hand-written on purpose: general-purpose splitters (simplemma's, spaCy's) break
on "M. Musk", on initials ("C. C. Wei"), and inside « guillemets », and none keep
exact offsets into text we built ourselves. The rules here are the French
typographic ones, and every boundary is an index into `Document.text`.
"""
from __future__ import annotations

import re

from qc.documents.model import Sentence, Span

ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle mlles dr pr me mgr st ste cf etc ex p pp vol chap art al
    av apr j.-c jc env min max no nos n° tél fig éd coll trad dir resp vs approx réf suppl ibid cit
    inc corp co ltd llc plc sa sas bros jr sr gen gén lt col cie ets
    janv févr fév avr juil sept oct nov déc
    """.split()
)

# A boundary candidate: terminal punctuation (a run of . ! ? or one …), optional
# closing quotes/brackets, then white space. It starts with a character class, which
# the regex engine scans for quickly. The optional lookahead captures what starts the
# next sentence (1: its opening quote or bracket, 2: its first character): one regex
# call per candidate.
_BOUNDARY = re.compile(
    r"[.!?…](?:(?<=[.!?])[.!?]*)?(?:[ \u00a0\u202f]?[»”])?[\"')\]]*(?=\s)"
    r"(?:(?=\s+([«“\"(\[]?\s*)([A-ZÀ-ÖØ-Þ0-9ÉÈÊ¿¡«–—-])))?"
)
#: letters, digits, dots and hyphens (str.isalnum is \w without "_"), matched in the
#: reversed text to read the word before a dot in one regex call
_WORD_REVERSED = re.compile(r"(?:[^\W_]|[.\-])*")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")


def _word_before(reversed_text: str, end: int) -> str:
    """The word of letters, digits, dots and hyphens that ends at `end` in the text."""
    return _WORD_REVERSED.match(reversed_text, len(reversed_text) - end).group()[::-1]


def _is_abbreviation(reversed_text: str, dot: int) -> bool:
    word = _word_before(reversed_text, dot)
    if not word:
        return False
    lower = word.lower().rstrip(".")
    if lower in ABBREVIATIONS:
        return True
    # initials: "C. C. Wei", "J.-C."
    if len(word) == 1 and word.isupper():
        return True
    return _INITIALS.fullmatch(word) is not None


def split_sentences(text: str, paragraphs: list[Span]) -> list[Sentence]:
    sentences: list[Sentence] = []
    reversed_text = ""  # built on the first dot to check, most texts have one
    for index, para in enumerate(paragraphs):
        # Only a paragraph's own edges can be white space: a boundary ends on punctuation
        # and the next sentence starts after the white space that follows it.
        start, end = para.start, para.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        for m in _BOUNDARY.finditer(text, para.start, para.end):
            next_start = m.start(1)
            if next_start < 0:  # nothing starts a sentence after it
                continue
            dot = m.start()
            first = text[dot]
            if first == "…" or (first == "." and text[dot + 1] == "."):
                # an ellipsis ends a sentence only before a capital
                if not m.group(2).isupper():
                    continue
            elif first == ".":
                if not reversed_text:
                    reversed_text = text[::-1]
                if _is_abbreviation(reversed_text, dot):
                    continue
            if m.end() > start:
                sentences.append(Sentence(start, m.end(), index))
            start = next_start
        if end > start:
            sentences.append(Sentence(start, end, index))
    return sentences
