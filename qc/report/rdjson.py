"""`--format rdjson`: reviewdog's Diagnostic JSON, for review comments on pull requests."""
from __future__ import annotations

import json
from typing import Any, Sequence

from qc.engine import FileResult
from qc.report import RenderOptions, register


def _range(f: Any) -> dict[str, Any]:
    return {"start": {"line": f.line, "column": f.column}, "end": {"line": f.end_line, "column": f.end_column}}


@register("rdjson")
def render_rdjson(results: Sequence[FileResult], options: RenderOptions) -> str:
    diagnostics = []
    for r in results:
        for f in r.findings:
            d: dict[str, Any] = {
                "message": f.message,
                "location": {"path": f.path, "range": _range(f)},
                "severity": f.severity.value.upper(),
                "code": {"value": f.rule},
                "originalOutput": f.text,
            }
            if f.suggestion:
                d["suggestions"] = [{"range": _range(f), "text": f.suggestion}]
            diagnostics.append(d)
    doc = {"source": {"name": "qc"}, "severity": "WARNING", "diagnostics": diagnostics}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
