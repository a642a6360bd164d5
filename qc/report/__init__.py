"""Output formats, one module each behind one registry.

A formatter is a function `(results, summary, options) -> str`. Adding a format
is one module that calls `register`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from qc.engine import FileResult
from qc.findings import Finding, Severity

Formatter = Callable[[Sequence[FileResult], "RenderOptions"], str]
_FORMATS: dict[str, Formatter] = {}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    show_source: bool = True
    fail_on: str = "error"
    extra: dict = field(default_factory=dict)


def register(name: str) -> Callable[[Formatter], Formatter]:
    def deco(fn: Formatter) -> Formatter:
        _FORMATS[name] = fn
        return fn

    return deco


#: streaming formats: one chunk of text per file, written as soon as the file is done
_STREAMS: dict[str, Callable[[FileResult], str]] = {}


def register_stream(name: str) -> Callable[[Callable[[FileResult], str]], Callable[[FileResult], str]]:
    def deco(fn: Callable[[FileResult], str]) -> Callable[[FileResult], str]:
        _STREAMS[name] = fn
        _FORMATS[name] = lambda results, options: "".join(fn(r) for r in results)
        return fn

    return deco


def stream_format(name: str) -> Callable[[FileResult], str] | None:
    _load()
    return _STREAMS.get(name)


def formats() -> list[str]:
    _load()
    return sorted(_FORMATS)


def _load() -> None:
    from qc.report import github, html, json_format, jsonl, junit, rdjson, sarif, text  # noqa: F401


def render(results: Sequence[FileResult], fmt: str = "text", options: RenderOptions | None = None) -> str:
    _load()
    if fmt not in _FORMATS:
        raise ValueError(f"format inconnu « {fmt} » ({', '.join(sorted(_FORMATS))})")
    return _FORMATS[fmt](results, options or RenderOptions())


def summarize(results: Sequence[FileResult]) -> dict[str, object]:
    findings: list[Finding] = [f for r in results for f in r.findings]
    by_severity = {s.value: 0 for s in Severity}
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_severity[f.severity.value] += 1
        by_category[f.category] = by_category.get(f.category, 0) + 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {
        "files": len(results),
        "files_with_errors": sum(1 for r in results if r.error),
        "findings": len(findings),
        "by_severity": by_severity,
        "by_category": dict(sorted(by_category.items())),
        "by_rule": dict(sorted(by_rule.items())),
    }


def exit_code(results: Sequence[FileResult], fail_on: str) -> int:
    """0 clean, 1 findings at or above `fail_on`, 2 when a file could not be checked."""
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for r in results for f in r.findings) else 0
