"""Per-rule confidence, measured on the annotated dev corpora.

`qc eval --calibrate CORPUS...` writes `qc/data/calibration.json` (rule id ->
precision measured, with the counts behind it); it is never edited by hand.
A rule absent from the file has confidence 1.0 until it has been measured.
"""
from __future__ import annotations

import json
from importlib import resources as importlib_resources
from pathlib import Path

CALIBRATION_FILE = Path(str(importlib_resources.files("qc"))) / "data" / "calibration.json"


def load_confidences(path: Path = CALIBRATION_FILE) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {rule: float(entry["confidence"]) for rule, entry in data.get("rules", {}).items()}
