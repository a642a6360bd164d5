"""Confidence from measurement: calibration file, default-off rules, --min-confidence."""
from __future__ import annotations

import json

from qc import calibration
from qc.checks.base import Context, Rule
from qc.documents import load_text
from qc.findings import Severity


def test_measured_off_needs_enough_evidence(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"rules": {
        "a.low": {"confidence": 0.5, "tp": 2, "false_alarms": 2, "unverified": 0},
        "a.thin": {"confidence": 0.0, "tp": 0, "false_alarms": 1, "unverified": 3},
        "a.good": {"confidence": 0.9, "tp": 9, "false_alarms": 1, "unverified": 0},
    }}))
    assert calibration.measured_off(path) == frozenset({"a.low"})
    assert calibration.load_confidences(path)["a.good"] == 0.9


def test_finding_confidence_is_rule_precision_times_check_confidence():
    rule = Rule("name.casing", "name", Severity.ERROR, "x")
    ctx = Context(load_text("Openai recrute."), confidences={"name.casing": 0.8})
    assert ctx.finding(rule, 0, 6, "m").confidence == 0.8
    assert ctx.finding(rule, 0, 6, "m", confidence=0.5).confidence == 0.4


def test_min_confidence_hides_findings(sample_check):
    from qc.config import load_config_file
    from qc.engine import Options, Runner
    from tests.conftest import FIXTURES

    config = load_config_file(str(FIXTURES / "golden" / ".qc.toml"))
    text = "Le secrétaire Altmann a parlé. Sam Altmann aussi."
    low = Runner(config, Options()).check(load_text(text))
    high = Runner(config, Options(min_confidence=0.8)).check(load_text(text))
    assert {f.text for f in low if f.rule == "name.person-misspelled"} == {"Altmann", "Sam Altmann"}
    assert {f.text for f in high if f.rule == "name.person-misspelled"} == {"Sam Altmann"}
