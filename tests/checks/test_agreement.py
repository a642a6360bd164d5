"""fluency.agreement: spaCy confirms a determiner/noun mismatch found by a cheap test."""
from __future__ import annotations

import pytest

from qc.checks.agreement import pipeline

pytestmark = pytest.mark.skipif(pipeline() is None, reason="spaCy or fr_core_news_sm not installed (extra `spacy`)")


@pytest.mark.parametrize("text,flagged", [
    ("La feuille de route annonce la prochaine grande mises à jour du service.", "la prochaine grande mises"),
    ("Le groupe annonce une nouvelles fonctionnalités pour ses clients.", "une nouvelles fonctionnalités"),
])
def test_mismatch_flagged(check, text, flagged):
    assert [f.text for f in check(text) if f.rule == "fluency.agreement"] == [flagged]


@pytest.mark.parametrize("text", [
    "La plupart des changements sont déjà en place.",
    "Le prix des puces et le temps de calcul augmentent.",
    "Un des changements majeurs concerne le cloud.",
    "Le groupe et ses filiales publient leurs résultats.",
    "Les prochains grands changements arrivent.",
    "Le cours des actions a chuté.",
])
def test_correct_french_not_flagged(check, text):
    assert [f for f in check(text) if f.rule == "fluency.agreement"] == []


def test_torch_cannot_be_imported_only_while_spacy_loads(monkeypatch):
    """thinc imports torch if it can; qc keeps it out while spaCy loads, then lets it in."""
    import importlib
    import sys

    from qc.checks.agreement import _without_torch

    monkeypatch.delitem(sys.modules, "torch", raising=False)  # restored after the test
    with _without_torch():
        with pytest.raises(ImportError):
            importlib.import_module("torch")
    assert "torch" not in sys.modules  # a later `import torch` loads it as usual
    loaded = object()
    monkeypatch.setitem(sys.modules, "torch", loaded)
    with _without_torch():
        assert sys.modules["torch"] is loaded  # already loaded: left alone
