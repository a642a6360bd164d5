"""Golden-file comparison: QC_UPDATE_GOLDEN=1 rewrites the expected files."""
from __future__ import annotations

import os
from pathlib import Path


def assert_golden(actual: str, path: Path) -> None:
    if os.environ.get("QC_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs; run with QC_UPDATE_GOLDEN=1 after checking the change"
