"""Every rule's own documentation examples (`qc rules --explain`): the bad one is flagged
by the rule, the good one is not. One generic test, as proselint does for its checks."""
from __future__ import annotations

import pytest

from qc.checks.agreement import pipeline
from qc.checks.base import all_rules
from tests.checks.helpers import assert_clean, flagged

#: rules whose examples need something a plain text check does not have
NEEDS = {
    "backtranslation": "needs translation models (tests/translation)",
    "suppression": "examples are comments, tested in tests/test_suppressions.py",
}


def _cases():
    for rule in all_rules():
        reason = NEEDS.get(rule.id.split(".")[0])
        if rule.id == "fluency.agreement" and pipeline() is None:
            reason = "spaCy not installed"
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        yield pytest.param(rule, marks=marks, id=rule.id)


@pytest.mark.parametrize("rule", list(_cases()))
def test_rule_documentation_examples(check, rule):
    assert rule.example_bad and rule.example_good, f"{rule.id}: document an example and its fix"
    assert flagged(check, rule.example_bad, rule.id), f"{rule.id}: example_bad not flagged"
    assert_clean(check, rule.example_good, rule.id)
