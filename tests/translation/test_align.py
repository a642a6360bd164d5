"""Sentence alignment with the original, and number, year and name diffs."""
from __future__ import annotations

import pytest

from qc.translation.align import Bead, align, alignment_problem, diff, numbers


@pytest.mark.parametrize("text,lang,values", [
    ("6,6 milliards de dollars en 2024 pour 10 000 puces et 500 M€, soit 24 %", "fr", [6.6e9, 2024, 10000, 500e6, 24]),
    ("$6.6 billion in 2024 for 10,000 chips, $5m and 1.5bn", "en", [6.6e9, 2024, 10000, 5e6, 1.5e9]),
    ("6.600 millones de dólares en 2024, 1,5 mil millones", "es", [6.6e9, 2024, 1.5e9]),
    ("GPT-4 et 3,5 millions", "fr", [4, 3.5e6]),
])
def test_numbers_with_their_scale(text, lang, values):
    assert [n.value for n in numbers(text, lang)] == pytest.approx(values)


def test_a_different_year_is_flagged_on_the_french_span_with_the_original_year():
    french = "Musk a quitté OpenAI en 2008."
    (d,) = diff([(100, french)], "Musk left OpenAI in 2018.", "en")
    assert (d.kind, d.text, d.suggestion, d.source) == ("year", "2008", "2018", ("2018",))
    assert (d.start, d.end) == (100 + french.index("2008"), 100 + french.index("2008") + 4)


def test_a_different_amount_is_flagged_with_its_scale():
    (d,) = diff([(0, "OpenAI a levé 6 billions de dollars.")], "OpenAI raised $6 billion.", "en")
    assert (d.kind, d.text, d.source) == ("number", "6 billions", ("6 billion",))
    assert diff([(0, "OpenAI a levé 6 milliards de dollars.")], "OpenAI raised $6 billion.", "en") == []


def test_what_only_one_side_has_is_left_alone():
    assert diff([(0, "Il a levé 6 milliards de dollars (5,5 milliards d'euros).")], "He raised $6 billion.", "en") == []
    assert diff([(0, "Il a levé des fonds.")], "He raised $6 billion in 2024.", "en") == []


def test_near_miss_names_but_not_french_forms_or_house_style():
    found = diff([(0, "Sam Altmann dirige Openai en Californie, au Japon et chez NVIDIA.")],
                  "Sam Altman runs OpenAI in California, in Japan and at Nvidia.", "en")
    assert [(d.text, d.suggestion) for d in found] == [("Altmann", "Altman"), ("Openai", "OpenAI")]


def test_the_forward_translation_vetoes_a_name_the_model_resolves():
    french, source = [(0, "Il vit à Cupertinno.")], "He lives in Cupertino."
    assert [d.text for d in diff(french, source, "en")] == ["Cupertinno"]
    assert diff(french, source, "en", forward="He lives in Cupertino.") == []


def test_alignment_merges_and_anchors_on_numbers():
    source = ["OpenAI raised $6 billion in 2024.", "The round was led by Thrive.", "Microsoft also invested.",
              "The company has 1,500 employees."]
    french = ["OpenAI a levé 6 milliards de dollars en 2024.",
              "Le tour a été mené par Thrive, et Microsoft a aussi investi.",
              "L'entreprise compte 1 500 salariés."]
    beads = align(source, french, "en")
    assert beads == [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), (2,))]
    assert alignment_problem(beads, 4, 3) is None


def test_an_alignment_with_many_lone_sentences_is_not_trusted():
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((), (2,)), Bead((1,), ())]
    assert "2 phrase(s) française(s) sur 3" in alignment_problem(beads, 2, 3)
    assert alignment_problem([], 0, 3) is not None
