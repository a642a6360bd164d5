"""Per-rule confidence, measured on the annotated dev corpora.

`qc eval --calibrate CORPUS...` writes `qc/data/calibration.json`: for each rule,
its precision tp / (tp + false alarms) and the counts behind it. The file is
generated, never edited by hand. A rule's findings carry that precision as their
confidence (times the check's own relative confidence for the finding), and a rule
measured below MIN_PRECISION on enough findings is off by default (still listed,
still selectable with --select). A rule never measured has confidence 1.0.
"""
from __future__ import annotations

import functools
import json
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

CALIBRATION_FILE = Path(str(importlib_resources.files("qc"))) / "data" / "calibration.json"
MIN_PRECISION = 0.7
#: judged findings (tp + false alarms) needed before a measure can switch a rule off
MIN_EVIDENCE = 3


@functools.lru_cache(maxsize=4)
def load_calibration(path: Path = CALIBRATION_FILE) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return dict(data.get("rules", {}))


def load_confidences(path: Path = CALIBRATION_FILE) -> dict[str, float]:
    return {rule: float(entry["confidence"]) for rule, entry in load_calibration(path).items()}


def measured_off(path: Path = CALIBRATION_FILE) -> frozenset[str]:
    """Rules whose measured precision is too low to be on by default."""
    return frozenset(
        rule for rule, e in load_calibration(path).items()
        if e["tp"] + e["false_alarms"] >= MIN_EVIDENCE and e["confidence"] < MIN_PRECISION
    )
