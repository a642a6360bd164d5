"""untranslated.time-format: the quick pre-check never hides an English time."""
from __future__ import annotations

from hypothesis import given, strategies as st

from qc.checks.untranslated import _AM_PM, _TIME_RE

_PIECES = ["1", "12", "0", "٣", ":30", ":", " ", "\u00a0", "\n", "a.m.", "p.m.", "am", "pm", "AM", "PM", "Am", "a", "m", ".", "x", "Instagr"]


@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_precheck_holds_for_every_time(text):
    if _TIME_RE.search(text):
        assert _AM_PM.search(text)


def test_precheck_ignores_words_ending_in_am():
    assert not _AM_PM.search("Sur Instagram, l'islam et le programme de streaming Vietnam.")
    assert _AM_PM.search("Le lancement est prévu à 10:00 a.m., heure du Pacifique.")
