"""`--format jsonl`: one JSON object per file, written as soon as the file is checked.

For runs over very many files: neither the findings nor the paths of the run are
ever held together in memory (combine with `--files-from`).
"""
from __future__ import annotations

import json

from qc.engine import FileResult
from qc.report import register_stream


@register_stream("jsonl")
def file_line(result: FileResult) -> str:
    doc = {"path": result.path, "error": result.error, "findings": [f.to_dict() for f in result.findings]}
    return json.dumps(doc, ensure_ascii=False) + "\n"
