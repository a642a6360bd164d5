"""Documents: the prose of an article plus an exact map back to the original file.

Checks never see the original markup. They see `Document.text`: the article's prose
with markup, code, URLs and front matter removed, paragraphs separated by a blank
line. `Document.offsets[i]` is the code-point offset in the original file of
`text[i]`, so every span a check reports maps back to the exact characters an
editor sees in their file.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Stands in the prose for something removed from it (inline code, a bare URL):
#: keeps the sentence readable for checks without inventing words.
PLACEHOLDER = "\ufffc"


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: int = 0


@dataclass(frozen=True)
class Comment:
    """An HTML comment of the original file (suppression directives live in them)."""

    text: str  # inside the comment markers, stripped
    offset: int  # of "<!--" in the original file
    line: int
    length: int = 0  # of the whole "<!-- ... -->"


@dataclass
class Document:
    path: str
    source: str
    text: str
    offsets: list[int]
    paragraphs: list[Span]
    sentences: list[Sentence] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = line_starts(self.source)
        if not self.sentences:
            from qc.documents.segment import split_sentences

            self.sentences = split_sentences(self.text, self.paragraphs)

    # -- metadata -------------------------------------------------------
    @property
    def published(self) -> date | None:
        value = self.meta.get("published")
        return value if isinstance(value, date) else None

    @property
    def source_lang(self) -> str | None:
        return self.meta.get("source_lang")

    # -- positions ------------------------------------------------------
    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (offset, length) of the prose span text[start:end]."""
        if end <= start:
            off = self.offsets[start] if start < len(self.offsets) else len(self.source)
            return off, 0
        first = self.offsets[start]
        last = self.offsets[end - 1]
        return first, max(last + 1 - first, 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points of an original offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1



class TextBuilder:
    """Accumulates prose pieces with their original offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.paragraphs: list[Span] = []
        self._para_start: int | None = None

    def add(self, text: str, offset: int) -> None:
        if not text:
            return
        if self._para_start is None:
            self._start_paragraph()
        self.chars.extend(text)
        self.offsets.extend(range(offset, offset + len(text)))

    def add_mapped(self, text: str, offset: int) -> None:
        """Add text whose characters all stand for one original position."""
        if not text:
            return
        if self._para_start is None:
            self._start_paragraph()
        self.chars.extend(text)
        self.offsets.extend([offset] * len(text))

    def _start_paragraph(self) -> None:
        if self.chars:
            sep_offset = self.offsets[-1] + 1
            self.chars.extend("\n\n")
            self.offsets.extend([sep_offset, sep_offset])
        self._para_start = len(self.chars)

    def end_paragraph(self) -> None:
        if self._para_start is None:
            return
        start, end = self._para_start, len(self.chars)
        # trim whitespace at the paragraph edges: it is never prose
        while start < end and self.chars[start].isspace():
            start += 1
        while end > start and self.chars[end - 1].isspace():
            end -= 1
        if end > start:
            self.paragraphs.append(Span(start, end))
        self._para_start = None

    def build(self, path: str, source: str, meta: dict[str, Any], comments: list[Comment]) -> Document:
        self.end_paragraph()
        offsets = self.offsets + [len(source)]
        return Document(
            path=path,
            source=source,
            text="".join(self.chars),
            offsets=offsets,
            paragraphs=self.paragraphs,
            meta=meta,
            comments=comments,
        )
