"""`--format json`: one document on stdout, stable keys, for tools and CI."""
from __future__ import annotations

import json
from typing import Sequence

import qc
from qc.engine import FileResult
from qc.report import RenderOptions, register, summarize


@register("json")
def render_json(results: Sequence[FileResult], options: RenderOptions) -> str:
    doc = {
        "version": qc.__version__,
        "files": [
            {"path": r.path, "error": r.error, "findings": [f.to_dict() for f in r.findings]}
            for r in results
        ],
        "summary": summarize(results),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
