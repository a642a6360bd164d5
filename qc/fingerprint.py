"""Stable identities for findings, shared by SARIF and baselines.

A fingerprint must survive edits elsewhere in the file (line numbers shift) but
change when the flagged text or its immediate surroundings change. It hashes the
rule, the path, the flagged text and a few characters around it on the same
lines (whitespace folded), plus the rank of that key among identical ones.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Sequence

from qc.findings import Finding

CONTEXT = 24


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fingerprints(findings: Sequence[Finding], source: str | None) -> list[str]:
    """One fingerprint per finding, in order."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        around = ""
        if source is not None:
            # a few characters either side, never beyond the finding's own lines
            lo = max(source.rfind("\n", 0, f.offset) + 1, f.offset - CONTEXT)
            nl = source.find("\n", f.offset + f.length)
            hi = min(nl if nl >= 0 else len(source), f.offset + f.length + CONTEXT)
            around = _fold(source[lo:hi])
        key = "\x1f".join((f.rule, f.path, _fold(f.text), around))
        seen[key] += 1
        out.append(hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:32])
    return out
