"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""
from __future__ import annotations

from typing import Sequence

from qc.engine import FileResult
from qc.report import RenderOptions, register

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@register("github")
def render_github(results: Sequence[FileResult], options: RenderOptions) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={_prop(r.path)},title=qc::{_data(r.error)}")
            continue
        for f in r.findings:
            message = f.message + (f" Suggestion : {f.suggestion}" if f.suggestion else "")
            lines.append(
                f"::{LEVELS[f.severity.value]} file={_prop(f.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f.rule)}::{_data(message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
