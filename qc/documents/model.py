"""Documents: the prose of an article plus an exact map back to the original file.

Checks never see the original markup. They see `Document.text`: the article's prose
with markup, code, URLs and front matter removed, paragraphs separated by a blank
line. `Document.offsets[i]` is the code-point offset in the original file of
`text[i]`, so every span a check reports maps back to the exact characters an
editor sees in their file.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Stands in the prose for something removed from it (inline code, a bare URL):
#: keeps the sentence readable for checks without inventing words.
PLACEHOLDER = "\ufffc"


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        pos += 1
        starts.append(pos)
        pos = text.find("\n", pos)
    return starts


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
    #: prose spans set in italics, where French typography puts the foreign words it means
    #: to keep ("*staking*", "<em>leak</em>")
    emphasis: list[Span] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self._line_starts:  # a reader that already computed them passes them in
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


#: Offsets are mostly runs of consecutive positions, and every int above 256 is an
#: object of its own: a range allocates one per character. Slicing this shared list
#: (grown on demand, up to a bound) only copies references to ints made once.
_SHARED_POSITIONS_MAX = 1 << 17
_shared_positions: list[int] = []


def _positions(start: int, stop: int) -> list[int] | range:
    """The positions start, start + 1, ..., stop - 1."""
    global _shared_positions
    if stop > len(_shared_positions):
        if stop > _SHARED_POSITIONS_MAX:
            return range(start, stop)
        size = min(max(stop, 2 * len(_shared_positions), 1 << 13), _SHARED_POSITIONS_MAX)
        _shared_positions = list(range(size))
    return _shared_positions[start:stop]


class TextBuilder:
    """Accumulates prose pieces with their original offsets.

    Pieces are kept whole (joined once in `build`) and their offsets added a range
    at a time: loading does no per-character Python work.
    """

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0  # characters in `pieces`
        self.offsets: list[int] = []
        self.paragraphs: list[Span] = []
        self._para_start: int | None = None
        self._para_piece = 0  # index in `pieces` of the current paragraph's first piece
        self.emphasis: list[Span] = []
        self._emphasis_start: int | None = None
        self._emphasis_depth = 0

    def open_emphasis(self) -> None:
        """Italics start here (nested ones count as one span)."""
        if not self._emphasis_depth:
            self._emphasis_start = self.length
        self._emphasis_depth += 1

    def close_emphasis(self) -> None:
        if not self._emphasis_depth:
            return
        self._emphasis_depth -= 1
        if not self._emphasis_depth and self._emphasis_start is not None and self.length > self._emphasis_start:
            self.emphasis.append(Span(self._emphasis_start, self.length))

    def add(self, text: str, offset: int) -> None:
        if not text:
            return
        if self._para_start is None:
            self._start_paragraph()
        self.pieces.append(text)
        self.length += len(text)
        self.offsets += _positions(offset, offset + len(text))

    def add_mapped(self, text: str, offset: int) -> None:
        """Add text whose characters all stand for one original position."""
        if not text:
            return
        if self._para_start is None:
            self._start_paragraph()
        self.pieces.append(text)
        self.length += len(text)
        self.offsets.extend([offset] * len(text))

    def _start_paragraph(self) -> None:
        if self.length:
            sep_offset = self.offsets[-1] + 1
            self.pieces.append("\n\n")
            self.length += 2
            self.offsets.extend((sep_offset, sep_offset))
        self._para_start = self.length
        self._para_piece = len(self.pieces)

    def end_paragraph(self) -> None:
        if self._para_start is None:
            return
        # trim whitespace at the paragraph edges: it is never prose
        # (str.strip and str.isspace agree on what white space is)
        text = "".join(self.pieces[self._para_piece :])
        start = self._para_start + len(text) - len(text.lstrip())
        end = self.length - (len(text) - len(text.rstrip()))
        if end > start:
            self.paragraphs.append(Span(start, end))
        self._para_start = None

    def build(
        self,
        path: str,
        source: str,
        meta: dict[str, Any],
        comments: list[Comment],
        source_line_starts: list[int] | None = None,
    ) -> Document:
        """The Document; `source_line_starts` saves recomputing them when the reader has them."""
        self.end_paragraph()
        self.offsets.append(len(source))
        return Document(
            path=path,
            source=source,
            text="".join(self.pieces),
            offsets=self.offsets,
            paragraphs=self.paragraphs,
            meta=meta,
            comments=comments,
            emphasis=self.emphasis,
            _line_starts=source_line_starts or [],
        )
