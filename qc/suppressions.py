"""Inline suppressions in Markdown and HTML comments.

    <!-- qc-disable name.casing idiom -->  ...  <!-- qc-enable -->
    <!-- qc-disable-next-line name.casing -->

Ids are rule ids or prefixes (as for --select); no id means every rule. A
suppression naming an unknown rule is itself reported, so a typo never silently
disables nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from qc.documents import Comment, Document
from qc.findings import Finding

_DIRECTIVE = re.compile(r"^qc-(disable-next-line|disable|enable)\b(.*)$", re.S)


@dataclass(frozen=True)
class Suppression:
    selectors: tuple[str, ...]  # empty: every rule
    start: int  # original offsets
    end: int
    line: int | None = None  # for next-line suppressions


def _covers(selectors: tuple[str, ...], rule: str) -> bool:
    return not selectors or any(rule == s or rule.startswith(s + ".") for s in selectors)


def parse(doc: Document) -> tuple[list[Suppression], list[tuple[Comment, str]]]:
    """Suppressions of a document, and the (comment, selector) pairs naming no rule."""
    from qc.checks.base import all_rules

    if not doc.comments:  # most articles
        return [], []
    rule_ids = [r.id for r in all_rules()]
    regions: list[Suppression] = []
    unknown: list[tuple[Comment, str]] = []
    open_regions: list[tuple[tuple[str, ...], int]] = []
    for c in doc.comments:
        m = _DIRECTIVE.match(c.text.strip())
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        selectors = tuple(s for s in re.split(r"[\s,]+", rest.strip()) if s)
        for s in selectors:
            if not any(_covers((s,), r) for r in rule_ids):
                unknown.append((c, s))
        if kind == "disable-next-line":
            comment_end_line = doc.position(c.offset + max(c.length - 1, 0))[0]
            regions.append(Suppression(selectors, 0, 0, comment_end_line + 1))
        elif kind == "disable":
            open_regions.append((selectors, c.offset))
        else:  # enable closes the matching regions (all of them when no id is given)
            still_open = []
            for sel, start in open_regions:
                if not selectors or set(sel) & set(selectors):
                    regions.append(Suppression(sel, start, c.offset))
                else:
                    still_open.append((sel, start))
            open_regions = still_open
    regions.extend(Suppression(sel, start, len(doc.source)) for sel, start in open_regions)
    return regions, unknown


def apply(findings: Iterable[Finding], regions: list[Suppression]) -> list[Finding]:
    kept = []
    for f in findings:
        suppressed = any(
            _covers(s.selectors, f.rule)
            and (f.line == s.line if s.line is not None else s.start <= f.offset < s.end)
            for s in regions
        )
        if not suppressed:
            kept.append(f)
    return kept
