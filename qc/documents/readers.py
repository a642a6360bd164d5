"""Readers turn a file's text into a Document, one per format.

Each reader walks the original source with a real parser (pulldown-cmark through pyromark for
Markdown, the standard library's HTMLParser for HTML) and hands prose pieces to a
TextBuilder together with their original offsets.
"""
from __future__ import annotations

import bisect
import functools
import re
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, Callable, Iterator

import yaml
import pyromark

from qc.documents.model import PLACEHOLDER, Comment, Document, TextBuilder, line_starts
from qc.errors import InputError

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]«»\"]+[^\s<>()\[\]«»\".,;:!?]")


def _add_prose(builder: TextBuilder, text: str, offset: int) -> None:
    """Add prose, replacing bare URLs by a placeholder."""
    if "http" not in text and "www." not in text:  # every URL_RE match holds one: skip the regex scan
        builder.add(text, offset)
        return
    pos = 0
    for m in URL_RE.finditer(text):
        builder.add(text[pos : m.start()], offset + pos)
        builder.add_mapped(PLACEHOLDER, offset + m.start())
        pos = m.end()
    builder.add(text[pos:], offset + pos)


def _normalise_meta(raw: dict[str, Any], where: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    published = raw.get("date", raw.get("published"))
    if isinstance(published, datetime):
        meta["published"] = published.date()
    elif isinstance(published, date):
        meta["published"] = published
    elif isinstance(published, str):
        try:
            meta["published"] = date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise InputError(f"{where}: date: « {published} » n'est pas une date AAAA-MM-JJ") from None
    for key in ("lang", "source_lang", "title"):
        if key in raw and raw[key] is not None:
            meta[key] = str(raw[key])
    return meta


# -- plain text -------------------------------------------------------------
def read_text(path: str, source: str) -> Document:
    """Plain text: every non-empty line is a paragraph (CMS exports do not hard-wrap)."""
    builder = TextBuilder()
    offset = 0
    for line in source.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            _add_prose(builder, content, offset)
            builder.end_paragraph()
        offset += len(line)
    return builder.build(path, source, {}, [])


# -- Markdown ---------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_BACKTICKS = re.compile(r"`*")


#: libyaml's loader when PyYAML was built with it: front matter is parsed once per article
#: (an article with invalid front matter is parsed again by the pure-Python loader)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _front_matter(path: str, source: str) -> tuple[dict[str, Any], int]:
    m = _FRONT_MATTER.match(source)
    if not m:
        return {}, 0
    try:
        try:
            raw = yaml.load(m.group(1), Loader=_YAML_LOADER) or {}
        except yaml.YAMLError:  # the pure-Python loader words errors and their position better
            raw = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{path}:{line}: front matter YAML invalide : {problem}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}:1: le front matter doit être un dictionnaire YAML")
    return _normalise_meta(raw, f"{path}:1"), m.end()


#: CommonMark with the two GitHub extensions articles use
_MARKDOWN_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
#: inline tags: the others are blocks, whose every start and end closes a paragraph (a
#: tight list item's text comes without a paragraph of its own)
_INLINE_TAGS = frozenset({"Emphasis", "Strong", "Strikethrough", "Link", "Image"})
#: tags whose text is not prose: an image's alt text, a code block
_SKIPPED_TAGS = frozenset({"Image", "CodeBlock"})


class _Positions:
    """Code-point offsets in the file of the UTF-8 byte offsets pulldown-cmark gives.

    Asked in increasing order (the events come in source order), it decodes each byte
    of the text once; a position behind the last one starts again from the top.
    """

    def __init__(self, text: str, base: int):
        self.base = base
        self.ascii = text.isascii()
        self.data = b"" if self.ascii else text.encode("utf-8")
        self.byte = 0
        self.char = base

    def __call__(self, byte: int) -> int:
        if self.ascii:
            return self.base + byte
        if byte < self.byte:
            self.byte, self.char = 0, self.base
        self.char += len(self.data[self.byte : byte].decode("utf-8"))
        self.byte = byte
        return self.char


def markdown_events(source: str, start: int = 0) -> Iterator[tuple[str, Any, int, int]]:
    """The events of source[start:] as (kind, value, start, end) with file offsets, end
    -1 for a tag, start -1 for a closing one.

    pyromark binds pulldown-cmark (the Rust CommonMark parser of rustdoc): it parses an
    article in a tenth of markdown-it-py's time, whose parse was a seventh of a whole
    run, and gives the exact source range of every piece of text.
    """
    text = source[start:]
    position = _Positions(text, start)
    for event, where in pyromark.events_with_range(text, options=_MARKDOWN_OPTIONS):
        if event.__class__ is str:  # a break or a rule
            yield event, None, position(where["start"]), position(where["end"])
            continue
        for kind, value in event.items():
            if kind == "End":  # its range is the whole tag's: going back would decode again
                yield kind, value, -1, -1
            elif kind == "Start":
                yield kind, value, position(where["start"]), -1
            else:
                yield kind, value, position(where["start"]), position(where["end"])


def _tag(value: Any) -> str:
    """"Paragraph" of the value "Paragraph", "Link" of {"Link": {...}}."""
    return value if value.__class__ is str else next(iter(value))


class _MarkdownReader:
    def __init__(self, source: str, builder: TextBuilder, line_of: Callable[[int], int]):
        self.source = source
        self.builder = builder
        self.line_of = line_of
        self.comments: list[Comment] = []
        self.skipped = 0  # depth in tags whose text is not prose
        self.autolinks: list[bool] = []  # for each open link: is it an autolink?
        self.html_block = [0, 0]  # the source range of the HTML block being read

    def text(self, content: str, start: int, end: int) -> None:
        source = self.source
        if source.startswith(content, start):
            _add_prose(self.builder, content.replace("\0", "\ufffd") if "\0" in content else content, start)
            return
        # an entity or a tab changed the text: map char by char in its source
        cursor = start
        for ch in content:
            p = source.find(ch, cursor, end)
            p = p if p >= 0 else cursor
            _add_prose(self.builder, ch, p)
            cursor = p + 1

    def start_tag(self, tag: str, value: Any, start: int) -> None:
        builder = self.builder
        if tag not in _INLINE_TAGS:
            builder.end_paragraph()
            if tag == "HtmlBlock":
                self.html_block = [start, start]
        elif tag == "Emphasis":
            builder.open_emphasis()
        elif tag == "Link":
            autolink = value["Link"]["link_type"] in ("Autolink", "Email")
            self.autolinks.append(autolink)
            if autolink:
                builder.add_mapped(PLACEHOLDER, start + 1)
                self.skipped += 1
        if tag in _SKIPPED_TAGS:
            self.skipped += 1

    def end_tag(self, tag: str) -> None:
        if tag not in _INLINE_TAGS:
            self.builder.end_paragraph()
            if tag == "HtmlBlock":
                self.html_comments(*self.html_block)
        elif tag == "Emphasis":
            self.builder.close_emphasis()
        elif tag == "Link" and self.autolinks and self.autolinks.pop():
            self.skipped -= 1
        if tag in _SKIPPED_TAGS:
            self.skipped -= 1

    def html_comments(self, start: int, end: int) -> None:
        for cm in _COMMENT.finditer(self.source, start, end):
            self.comments.append(Comment(cm.group(1).strip(), cm.start(), self.line_of(cm.start()), len(cm.group(0))))

    def read(self, start: int) -> None:
        """Read the Markdown of the source from `start` on (past the front matter)."""
        for kind, value, pos, end in markdown_events(self.source, start):
            if kind == "Text":
                if not self.skipped:
                    self.text(value, pos, end)
            elif kind == "Start":
                self.start_tag(_tag(value), value, pos)
            elif kind == "End":
                self.end_tag(_tag(value))
            elif self.skipped:
                continue
            elif kind == "Code":  # on the code's first character, past the backticks
                code = self.source.find(value, pos, end)  # not found when broken over lines
                self.builder.add_mapped(PLACEHOLDER, code if code >= 0 else _BACKTICKS.match(self.source, pos).end())
            elif kind == "SoftBreak" or kind == "HardBreak":
                self.builder.add_mapped(" ", end - 1)  # on the line feed
            elif kind == "Html":
                self.html_block[1] = end
            elif kind == "InlineHtml":
                self.html_comments(pos, end)


def read_markdown(path: str, source: str) -> Document:
    meta, fm_end = _front_matter(path, source)
    source_line_starts = line_starts(source)
    starts = [*source_line_starts, len(source)]
    builder = TextBuilder()
    reader = _MarkdownReader(source, builder, lambda offset: bisect.bisect_right(starts, offset))
    reader.read(fm_end)
    meta.setdefault("lang", None)
    return builder.build(path, source, meta, reader.comments, source_line_starts)


def markdown_paragraph_lines(source: str) -> set[int]:
    """The 0-based lines of paragraph text (a tight list item's too) and of ATX headings:
    those an HTML comment can end without splitting a paragraph."""
    starts = line_starts(source)
    lines: set[int] = set()
    counted: list[bool] = []  # for each open tag: does its text count?
    for kind, value, pos, end in markdown_events(source):
        if kind == "Start":
            tag = _tag(value)
            if tag in _INLINE_TAGS:
                counted.append(bool(counted) and counted[-1])
            else:
                counted.append(tag in ("Paragraph", "Item") or (tag == "Heading" and source[pos : pos + 4].lstrip(" ").startswith("#")))
        elif kind == "End":
            counted.pop()
        elif counted and counted[-1]:
            lines.update(range(bisect.bisect_right(starts, pos) - 1, bisect.bisect_right(starts, max(end - 1, pos))))
    return lines


# -- HTML -------------------------------------------------------------------
_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form", "button", "code", "pre", "iframe", "head", "select", "figure"})
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "td", "th", "tr", "table", "br", "hr", "figcaption", "dd", "dt", "title", "body"})
_WHITE_SPACE = re.compile(r"\s+")
_ITALIC_TAGS = frozenset({"em", "i"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track"})


class _HTMLReader(HTMLParser):
    def __init__(self, source: str, builder: TextBuilder, body_tags: frozenset[str]):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.builder = builder
        self.body_tags = body_tags
        self.line_starts = line_starts(source)
        self.skip = 0
        self.inside_body = 0 if body_tags else 1
        self.comments: list[Comment] = []
        self.meta: dict[str, Any] = {}
        self._last_space = True

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            lang = dict(attrs).get("lang")
            if lang:
                self.meta["lang"] = lang
        if tag == "meta":
            a = dict(attrs)
            if a.get("property") in ("article:published_time",) or a.get("name") in ("date", "article:published_time"):
                self.meta.setdefault("date", a.get("content"))
        if tag in self.body_tags:
            self.inside_body += 1
        if tag in _SKIP_TAGS and tag not in _VOID:
            self.skip += 1
        if tag in _BLOCK_TAGS:
            self.builder.end_paragraph()
            self._last_space = True
        if tag in _ITALIC_TAGS:
            self.builder.open_emphasis()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.builder.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag not in _VOID and self.skip:
            self.skip -= 1
        if tag in self.body_tags and self.inside_body:
            self.inside_body -= 1
        if tag in _BLOCK_TAGS:
            self.builder.end_paragraph()
            self._last_space = True
        if tag in _ITALIC_TAGS:
            self.builder.close_emphasis()

    def _emit(self, text: str, offset: int) -> None:
        if self.skip or not self.inside_body:
            return
        # collapse runs of white space as a browser does
        pos = 0
        for m in _WHITE_SPACE.finditer(text):
            _add_prose(self.builder, text[pos : m.start()], offset + pos)
            if m.start() > pos:
                self._last_space = False
            if not self._last_space:
                self.builder.add_mapped(" ", offset + m.start())
                self._last_space = True
            pos = m.end()
        if pos < len(text):
            _add_prose(self.builder, text[pos:], offset + pos)
            self._last_space = False

    def handle_data(self, data: str) -> None:
        self._emit(data, self._offset())

    def _ref(self, raw: str, value: str) -> None:
        if self.skip or not self.inside_body:
            return
        self.builder.add_mapped(value, self._offset())
        self._last_space = value.isspace()

    def handle_entityref(self, name: str) -> None:
        import html

        self._ref(f"&{name};", html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        import html

        self._ref(f"&#{name};", html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        off = self._offset()
        line = self.getpos()[0]
        self.comments.append(Comment(data.strip(), off, line, len(data) + 7))


def read_html(path: str, source: str) -> Document:
    lowered = source.lower()
    body_tags: frozenset[str] = frozenset()
    for tag in ("article", "main"):
        if f"<{tag}" in lowered:
            body_tags = frozenset({tag})
            break
    builder = TextBuilder()
    reader = _HTMLReader(source, builder, body_tags)
    reader.feed(source)
    reader.close()
    meta = _normalise_meta(reader.meta, path) if reader.meta else {}
    return builder.build(path, source, meta, reader.comments, reader.line_starts)


READERS: dict[str, Callable[[str, str], Document]] = {
    "txt": read_text,
    "md": read_markdown,
    "html": read_html,
}

EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
