"""Readers turn a file's text into a Document, one per format.

Each reader walks the original source with a real parser (markdown-it-py for
Markdown, the standard library's HTMLParser for HTML) and hands prose pieces to a
TextBuilder together with their original offsets.
"""
from __future__ import annotations

import bisect
import functools
import re
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, Callable

import yaml
from markdown_it import MarkdownIt

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
_LINK_TAIL = re.compile(r"\s*\](?:\([^)]*\)|\[[^\]]*\])?")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_AUTOLINK_END = re.compile(r">")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?")


#: libyaml's loader when PyYAML was built with it: front matter is parsed once per article
#: (an article with invalid front matter is parsed again by the pure-Python loader)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _markdown_parser() -> MarkdownIt:
    """One parser per process: building its rule chains costs more than parsing an article.

    Its `normalize` rule is off: it rewrites every line ending and NUL of the text with two
    regex substitutions, even where there is nothing to change; `_normalise` does the same
    only when there is.
    """
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").disable("normalize")


_CR_OR_NUL = re.compile(r"\r\n?|\0")


def _normalise(source: str) -> str:
    """What markdown-it's `normalize` rule makes of the text: CR and CRLF line endings to LF,
    NUL to U+FFFD."""
    if "\r" not in source and "\0" not in source:
        return source
    return _CR_OR_NUL.sub(lambda m: "\ufffd" if m.group() == "\0" else "\n", source)


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


class _InlineWalker:
    """Maps markdown-it inline tokens back onto the raw source of their block.

    markdown-it-py gives line ranges for blocks but no character offsets for
    inline content, so each text token is located by a forward search from a cursor
    in the block's raw source (tokens come in source order).
    """

    def __init__(self, builder: TextBuilder, source: str, start: int, end: int, comments: list[Comment], position: Callable[[int], int]):
        self.builder = builder
        self.source = source
        self.cursor = start
        self.end = end
        self.comments = comments
        self.position = position

    def find(self, needle: str) -> int:
        return self.source.find(needle, self.cursor, self.end) if needle else -1

    def text(self, content: str) -> None:
        pos = self.find(content)
        if pos < 0:
            # entities or escapes changed the text: map char by char
            for ch in content:
                p = self.source.find(ch, self.cursor, self.end)
                p = p if p >= 0 else self.cursor
                _add_prose(self.builder, ch, p)
                self.cursor = p + 1
            return
        _add_prose(self.builder, content, pos)
        self.cursor = pos + len(content)

    def skip(self, content: str, placeholder: bool) -> None:
        pos = self.find(content)
        if pos < 0:
            return
        if placeholder:
            self.builder.add_mapped(PLACEHOLDER, pos)
        self.cursor = pos + len(content)

    def newline(self) -> None:
        pos = self.source.find("\n", self.cursor, self.end)
        if pos < 0:
            pos = self.cursor
        self.builder.add_mapped(" ", pos)
        self.cursor = pos + 1

    def walk(self, children: list[Any]) -> None:
        skip_depth = 0
        for tok in children:
            kind = tok.type
            if kind == "link_open" and tok.markup == "autolink":
                skip_depth += 1
                self.skip(tok.attrs.get("href", ""), placeholder=True)
            elif kind == "link_close":
                if tok.markup == "autolink":
                    skip_depth -= 1
                    m = _AUTOLINK_END.search(self.source, self.cursor, self.end)
                    self.cursor = m.end() if m else self.cursor
                else:
                    m = _LINK_TAIL.match(self.source, self.cursor, self.end)
                    if m:
                        self.cursor = m.end()
            elif skip_depth:
                continue
            elif kind == "text":
                self.text(tok.content)
            elif kind == "em_open":
                self.builder.open_emphasis()
            elif kind == "em_close":
                self.builder.close_emphasis()
            elif kind == "code_inline":
                self.skip(tok.content, placeholder=True)
            elif kind in ("softbreak", "hardbreak"):
                self.newline()
            elif kind == "image":
                m = _IMAGE.search(self.source, self.cursor, self.end)
                if m:
                    self.cursor = m.end()
            elif kind == "html_inline":
                pos = self.find(tok.content)
                if pos >= 0:
                    cm = _COMMENT.fullmatch(tok.content)
                    if cm:
                        self.comments.append(Comment(cm.group(1).strip(), pos, self.position(pos), len(cm.group(0))))
                    self.cursor = pos + len(tok.content)


def read_markdown(path: str, source: str) -> Document:
    meta, fm_end = _front_matter(path, source)
    # keep line numbers: the parser sees the front matter as blank lines
    parsed_source = "\n" * source.count("\n", 0, fm_end) + source[fm_end:]
    source_line_starts = line_starts(source)
    starts = [*source_line_starts, len(source)]

    def line_offset(line: int) -> int:
        return starts[min(line, len(starts) - 1)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    tokens = _markdown_parser().parse(_normalise(parsed_source))
    builder = TextBuilder()
    comments: list[Comment] = []
    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            base = line_offset(tok.map[0])
            for cm in _COMMENT.finditer(source, base, line_offset(tok.map[1])):
                comments.append(Comment(cm.group(1).strip(), cm.start(), line_of(cm.start()), len(cm.group(0))))
            continue
        if tok.type != "inline" or not tok.map:
            if tok.type.endswith("_close") and tok.type in ("paragraph_close", "heading_close", "th_close", "td_close"):
                builder.end_paragraph()
            continue
        start, end = line_offset(tok.map[0]), line_offset(tok.map[1])
        walker = _InlineWalker(builder, source, start, end, comments, line_of)
        walker.walk(tok.children or [])
        builder.end_paragraph()
    meta.setdefault("lang", None)
    return builder.build(path, source, meta, comments, source_line_starts)


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
