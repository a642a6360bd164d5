"""untranslated.*: the quick pre-check never hides an English time; French words are not English."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from qc.checks.untranslated import _AM_PM, _TIME_RE
from tests.checks.helpers import assert_clean

_PIECES = ["1", "12", "0", "٣", ":30", ":", " ", "\u00a0", "\n", "a.m.", "p.m.", "am", "pm", "AM", "PM", "Am", "a", "m", ".", "x", "Instagr"]


@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_precheck_holds_for_every_time(text):
    if _TIME_RE.search(text):
        assert _AM_PM.search(text)


def test_precheck_ignores_words_ending_in_am():
    assert not _AM_PM.search("Sur Instagram, l'islam et le programme de streaming Vietnam.")
    assert _AM_PM.search("Le lancement est prévu à 10:00 a.m., heure du Pacifique.")


def test_french_words_the_word_list_lacks_are_not_english(check):
    """"trillion" is French (10^18; the English one is caught by terminology.wrong-term), "rover" a settled loan."""
    assert_clean(check, "Un trillion vaut un milliard de milliards. Le rover a atterri sur Mars.", "untranslated.word")
    assert_clean(check, "Un faux enregistrement audio a circulé ; la garantie est de 1,5 milliard de livres sterling.", "untranslated.word")


def test_a_foreign_word_in_italics_is_meant(check):
    """French typography sets the foreign words it keeps in italics: only the plain one is flagged."""
    found = [f for f in check("Le correctif comble un *overflow* connu. Le correctif comble un overflow connu.", "md")
             if f.rule == "untranslated.word"]
    assert [(f.text, f.line, f.column) for f in found] == [("overflow", 1, 65)]


def test_lower_case_words_of_an_english_title_are_not_a_clause(check):
    assert_clean(check, "- Click to Do, qui propose des actions sur le texte affiché.\n", "untranslated.fragment", "md")


def test_the_words_an_acronym_stands_for_are_not_a_clause(check):
    assert_clean(check, "Elle présente le premier « GPU » (graphics processing unit) de son histoire.", "untranslated.fragment")
    found = [f.text for f in check("Le PDG a dit (we are going to win this market) hier.") if f.rule == "untranslated.fragment"]
    assert found


@pytest.mark.parametrize("text,expected", [
    ("Les ventes progressent de 12 % year-over-year, selon le groupe.", ["year-over-year"]),
    ("Le plan de cost-cutting touche les usines.", ["cost-cutting"]),
    # French compounds, and English ones French uses as they are
    ("Le week-end, la start-up a publié un best-seller en peer-to-peer, hors spin-off.", []),
    ("Le groupe, très capital-intensive, reste rentable.", []),  # "capital" is French too: not certain
])
def test_hyphenated_english_compounds(check, text, expected):
    assert [f.text for f in check(text) if f.rule == "untranslated.word"] == expected
