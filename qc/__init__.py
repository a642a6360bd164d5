"""qc: a translation quality checker for French tech journalism.

The public API is re-exported here so that a Python user never needs to know the
module layout: load documents, run the checks, render a report.
"""
from __future__ import annotations

__version__ = "0.1.0"

from qc.findings import Finding, Severity, CATEGORIES  # noqa: E402
from qc.documents import Document, load_document, load_text  # noqa: E402
from qc.engine import Options, check_document, check_paths, check_text  # noqa: E402
from qc.report import render  # noqa: E402

__all__ = [
    "__version__",
    "CATEGORIES",
    "Document",
    "Finding",
    "Options",
    "Severity",
    "check_document",
    "check_paths",
    "check_text",
    "load_document",
    "load_text",
    "render",
]
