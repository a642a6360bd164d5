"""chrF scores, and which of them are low enough to flag.

A sentence is flagged when its score is low both in absolute terms and relative
to the rest of the run. The absolute threshold alone would flag every sentence of
a hard article (jargon, names the model mangles); the relative test alone would
flag the worst sentence of a perfect one. The relative test is a robust z-score
(median and MAD, Iglewicz & Hoaglin) that a few bad sentences cannot drag the way
they drag a mean and a standard deviation. A run too small to estimate a spread
(fewer than `min_sentences` scores) is judged on the absolute threshold alone.

Scores come with sacrebleu's signature (`nrefs:1|case:mixed|eff:yes|nc:6|...`)
so that a number in a report can be reproduced.
"""
from __future__ import annotations

import functools
import statistics
from dataclasses import dataclass
from typing import Any, Sequence

#: MAD of a normal distribution is 0.6745 sigma; mean absolute deviation is 0.7979 sigma
_MAD_SCALE = 0.6745
_MEANAD_SCALE = 1.253314


@dataclass(frozen=True)
class Calibration:
    threshold: float = 40.0  # chrF below which a sentence may be flagged
    z_threshold: float = 2.0  # ... if its robust z-score is at most -z_threshold
    min_sentences: int = 8  # fewer scores than this: absolute threshold only

    def as_evidence(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "z_threshold": -self.z_threshold, "min_sentences": self.min_sentences}


@dataclass(frozen=True)
class Verdict:
    score: float
    z: float | None  # None when the run was too small to calibrate
    flagged: bool


@functools.lru_cache(maxsize=1)
def _chrf() -> Any:
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    metric.sentence_score("", [""])  # sacrebleu knows the number of references (signature) only after a score
    return metric


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence-level chrF (sacrebleu defaults: character 6-grams, beta 2)."""
    return round(_chrf().sentence_score(hypothesis, [reference]).score, 2)


def signature() -> str:
    return f"chrF2|{_chrf().get_signature()}"


def robust_z(scores: Sequence[float]) -> list[float]:
    """(x - median) scaled by the MAD; by the mean absolute deviation when the MAD is 0."""
    median = statistics.median(scores)
    deviations = [abs(s - median) for s in scores]
    mad = statistics.median(deviations)
    if mad > 0:
        return [_MAD_SCALE * (s - median) / mad for s in scores]
    mean_ad = statistics.fmean(deviations)
    if mean_ad > 0:
        return [(s - median) / (_MEANAD_SCALE * mean_ad) for s in scores]
    return [0.0 for _ in scores]


def judge(scores: Sequence[float], calibration: Calibration) -> list[Verdict]:
    if not scores:
        return []
    if len(scores) < calibration.min_sentences:
        return [Verdict(s, None, s < calibration.threshold) for s in scores]
    return [
        Verdict(s, round(z, 2), s < calibration.threshold and z <= -calibration.z_threshold)
        for s, z in zip(scores, robust_z(scores))
    ]
