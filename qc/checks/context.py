"""Analyses several checks need, computed once per document and shared."""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from qc.checks.base import Context
from qc.facts.names import Hit
from qc.tokens import Token, tokenize

T = TypeVar("T")


def memo(ctx: Context, key: str, compute: Callable[[], T]) -> T:
    cache: dict[str, Any] = ctx.cache
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def name_hits(ctx: Context, resources: Any) -> list[Hit]:
    """Every known-name occurrence in the document, in text order."""
    return memo(ctx, "name_hits", lambda: list(resources.names.scan(ctx.doc.text)))


def sentence_tokens(ctx: Context) -> list[list[Token]]:
    doc = ctx.doc
    return memo(ctx, "sentence_tokens", lambda: [tokenize(doc.text, s.start, s.end) for s in doc.sentences])
