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
    av apr j.-c jc env min max no nos n° tél fig éd coll trad dir resp vs
    inc corp co ltd llc plc sa sas bros jr sr gen gén lt col cie ets
    janv févr fév avr juil sept oct nov déc
    """.split()
)

# A boundary candidate: terminal punctuation, optional closing quotes/brackets,
# then white space.
_BOUNDARY = re.compile(r"(?:[.!?]+|…)(?:[ \u00a0\u202f]?[»”])?[\"')\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([«“\"(\[]?\s*)([A-ZÀ-ÖØ-Þ0-9ÉÈÊ¿¡«–—-])")


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
        start -= 1
    return text[start:end]


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _word_before(text, dot)
    if not word:
        return False
    lower = word.lower().rstrip(".")
    if lower in ABBREVIATIONS:
        return True
    # initials: "C. C. Wei", "J.-C."
    if len(word) == 1 and word.isupper():
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", word))


def split_sentences(text: str, paragraphs: list[Span]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, para in enumerate(paragraphs):
        start = para.start
        for m in _BOUNDARY.finditer(text, para.start, para.end):
            punct = m.group(0)
            nxt = _NEXT_START.match(text, m.end(), para.end)
            if not nxt:
                continue
            if punct.startswith(".") and not punct.startswith("..") and _is_abbreviation(text, m.start()):
                continue
            if punct.startswith("…") or punct.startswith(".."):
                # an ellipsis ends a sentence only before a capital
                if not nxt.group(2)[0].isupper():
                    continue
            end = m.end()
            if end > start:
                sentences.append(Sentence(start, end, index))
            start = nxt.start(1)
        if para.end > start:
            sentences.append(Sentence(start, para.end, index))
    return [s for s in (_strip(text, s) for s in sentences) if s.end > s.start]


def _strip(text: str, s: Sentence) -> Sentence:
    start, end = s.start, s.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, s.paragraph)
