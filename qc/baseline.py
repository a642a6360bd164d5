"""Baselines: accept today's findings, report only new ones.

`qc baseline create` stores each finding's fingerprint (qc.fingerprint: rule,
path, flagged text and its immediate surroundings) so entries survive edits
elsewhere in the file; `qc check --baseline FILE` drops findings it contains.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Sequence

from qc.engine import FileResult
from qc.errors import InputError
from qc.findings import Finding
from qc.fingerprint import fingerprints

VERSION = 1


def _key(path: str) -> str:
    """Paths are stored relative to the working directory, with forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _entry(f: Finding, fp: str) -> dict[str, object]:
    return {"path": _key(f.path), "rule": f.rule, "fingerprint": fp, "line": f.line, "text": f.text}


def _write(entries: list[dict[str, object]], out: str) -> None:
    data = {"version": VERSION, "findings": entries}
    tmp = f"{out}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, out)


def create(results: Iterable[FileResult], out: str) -> int:
    entries = [_entry(f, fp) for r in results for f, fp in zip(r.findings, fingerprints(r.findings, r.source))]
    _write(entries, out)
    return len(entries)


def add(finding: Finding, fingerprint: str, out: str) -> None:
    """Record one more finding (`qc review`, key i), creating the file if needed."""
    entries = _read(out)["findings"] if os.path.exists(out) else []
    _write([*entries, _entry(finding, fingerprint)], out)


def _read(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: baseline introuvable (qc baseline create)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: baseline JSON invalide ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: format de baseline inconnu (version {VERSION} attendue)")
    return data


def load(path: str) -> set[tuple[str, str]]:
    return {(e["path"], e["fingerprint"]) for e in _read(path)["findings"] if isinstance(e, dict)}


def filter_new(results: Sequence[FileResult], known: set[tuple[str, str]]) -> list[FileResult]:
    out = []
    for r in results:
        fps = fingerprints(r.findings, r.source)
        new = [f for f, fp in zip(r.findings, fps) if (_key(f.path), fp) not in known]
        out.append(FileResult(r.path, new, r.error, r.source))
    return out
