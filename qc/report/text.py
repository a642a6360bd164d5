"""`--format text`: what a person reads in a terminal.

`path:line:col: severity [rule] message`, then the line with the span
underlined, then the suggestion; a summary at the end. Colour only when asked
(the CLI asks on a TTY without NO_COLOR).
"""
from __future__ import annotations

from typing import Sequence

from qc.engine import FileResult
from qc.findings import Finding
from qc.report import RenderOptions, register, summarize

_COLORS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1", "green": "32"}


def _c(text: str, color: str, on: bool) -> str:
    return f"\033[{_COLORS[color]}m{text}\033[0m" if on else text


def _excerpt(finding: Finding, lines: list[str], color: bool) -> list[str]:
    if finding.line > len(lines):
        return []
    line = lines[finding.line - 1].rstrip("\n")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(end, start + 1)
    gutter = f"{finding.line:>5} | "
    shown = line.replace("\t", " ")
    marker = " " * len(gutter.rstrip("| ")) + " | " + " " * start + "^" * (end - start)
    return [_c(gutter, "dim", color) + shown, _c(marker, finding.severity.value, color)]


def format_finding(f: Finding, lines: list[str] | None, color: bool = False) -> list[str]:
    head = f"{f.path}:{f.line}:{f.column}: {_c(f.severity.value, f.severity.value, color)} [{f.rule}] {f.message}"
    out = [head]
    if lines is not None:
        out.extend(_excerpt(f, lines, color))
    if f.suggestion:
        out.append("      " + _c(f"suggestion : {f.suggestion}", "green", color))
    return out


@register("text")
def render_text(results: Sequence[FileResult], options: RenderOptions) -> str:
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(_c(f"{r.error}", "error", options.color))
            continue
        lines = r.source.split("\n") if options.show_source and r.source is not None else None
        for f in r.findings:
            out.extend(format_finding(f, lines, options.color))
    s = summarize(results)
    sev = s["by_severity"]
    assert isinstance(sev, dict)
    summary = (
        f"{s['findings']} signalement(s) dans {s['files']} fichier(s) : "
        f"{sev['error']} erreur(s), {sev['warning']} avertissement(s), {sev['info']} info(s)"
    )
    if s["files_with_errors"]:
        summary += f" ; {s['files_with_errors']} fichier(s) illisible(s)"
    out.append(_c(summary, "bold", options.color))
    return "\n".join(out) + "\n"

