"""Analyses several checks need, computed once per document and shared."""
from __future__ import annotations

import re
from typing import Any, Callable, TypeVar

from qc.checks.base import Context
from qc.facts.names import Hit
from qc.tokens import Words, tokenize_spans

T = TypeVar("T")


def memo(ctx: Context, key: str, compute: Callable[[], T]) -> T:
    cache: dict[str, Any] = ctx.cache
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def name_hits(ctx: Context, resources: Any) -> list[Hit]:
    """Every known-name occurrence in the document, in text order."""
    return memo(ctx, "name_hits", lambda: list(resources.names.scan(ctx.doc.text)))


def name_mask(ctx: Context, resources: Any) -> bytes:
    """1 at every character of a known name of the document (name_hits), 0 elsewhere: the
    checks that leave names alone test a position in it."""

    def compute() -> bytes:
        mask = bytearray(len(ctx.doc.text) + 1)
        for h in name_hits(ctx, resources):
            mask[h.start : h.end] = b"\x01" * (h.end - h.start)
        return bytes(mask)

    return memo(ctx, "name_mask", compute)


def sentence_words(ctx: Context) -> list[Words]:
    """The tokens of each sentence (qc.tokens.Words: Token tuples only where asked)."""
    doc = ctx.doc
    return memo(ctx, "sentence_words", lambda: tokenize_spans(doc.text, [(s.start, s.end) for s in doc.sentences]))


_CITATION_CUES = re.compile(
    r"(?:selon|d['’]après|par|rapporte|rapporté|révèle|révélé|indique|publié dans|cité par|écrit|explique|affirme|assure|soit|ou|et)"
    r"(?:\s+(?:le|la|les))?\s*$",
    re.IGNORECASE,
)


def after_citation_cue(text: str, start: int) -> bool:
    """Is the name at `start` introduced as a source ("selon X", "rapporte X")?"""
    return bool(_CITATION_CUES.search(text[max(0, start - 20) : start]))
