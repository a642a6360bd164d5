"""chrF scores and run-level calibration (absolute threshold and robust z-score)."""
from __future__ import annotations

import pytest

from qc.translation.scoring import Calibration, chrf, judge, robust_z, signature


def test_chrf_and_its_signature():
    assert chrf("Le chat dort sur le canapé.", "Le chat dort sur le canapé.") == 100.0
    assert chrf("", "Le chat dort.") == 0.0
    assert 0 < chrf("Le chat dort sur le lit.", "Le chat dort sur le canapé.") < 100
    assert signature().startswith("chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:")


def test_robust_z_ignores_the_outliers_it_is_looking_for():
    z = robust_z([60, 62, 58, 61, 59, 63, 60, 5])
    assert z[-1] < -10 and all(abs(v) < 3 for v in z[:-1])


def test_robust_z_without_spread():
    assert robust_z([50, 50, 50, 50, 10]) == pytest.approx([0, 0, 0, 0, -40 / (1.253314 * 8)])
    assert robust_z([42, 42, 42]) == [0.0, 0.0, 0.0]


def test_flagged_only_when_low_in_absolute_and_relative_terms():
    calibration = Calibration(threshold=40, z_threshold=2, min_sentences=8)
    good_run = [70, 72, 68, 71, 69, 73, 70, 45]  # the outlier is still above the threshold
    assert not any(v.flagged for v in judge(good_run, calibration))
    hard_run = [30, 32, 28, 31, 29, 33, 30, 5]  # all below the threshold, only the outlier flagged
    assert [v.flagged for v in judge(hard_run, calibration)] == [False] * 7 + [True]
    verdict = judge(hard_run, calibration)[-1]
    assert verdict.score == 5 and verdict.z is not None and verdict.z <= -2


def test_small_runs_use_the_absolute_threshold_alone():
    verdicts = judge([20, 80, 39.9], Calibration(threshold=40, min_sentences=8))
    assert [(v.flagged, v.z) for v in verdicts] == [(True, None), (False, None), (True, None)]
    assert judge([], Calibration()) == []
