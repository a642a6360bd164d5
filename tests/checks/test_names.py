"""Names: literal titles, casing, misspelled people, consistency (sample fact table)."""
from __future__ import annotations

import pytest


def rules_and_text(findings, prefix=""):
    return [(f.rule, f.text) for f in findings if f.rule.startswith(prefix)]


@pytest.mark.parametrize("text,expected", [
    ("Selon Le journal de Wall Street, la société recrute.", [("name.mistranslated", "Le journal de Wall Street")]),
    ("D'après le Journal de Wall Street, tout va bien.", [("name.mistranslated", "le Journal de Wall Street")]),
    ("Comme l'a révélé Le bord, le projet avance.", [("name.mistranslated", "Le bord")]),
    ("Des détails révélés par TWSJ circulent.", [("name.mistranslated", "TWSJ")]),
    ("comme le rapporte Le bordIl faudra attendre.", [("name.mistranslated", "Le bord")]),
    ("Openai et Xai recrutent, comme xai.", [("name.casing", "Openai"), ("name.casing", "Xai"), ("name.casing", "xai")]),
    ("Sam Altmann dirige l'entreprise.", [("name.person-misspelled", "Sam Altmann")]),
])
def test_names_flagged(sample_check, text, expected):
    assert rules_and_text(sample_check(text), "name.") == expected


@pytest.mark.parametrize("text", [
    "Selon The Wall Street Journal, la société recrute.",
    "Selon le Wall Street Journal, la société recrute.",
    "Le WSJ l'a confirmé.",
    "Le bord de la route est glissant.",
    "Il se tient au bord du gouffre, dit Le Monde.",
    "OpenAI et xAI recrutent ; X.AI était le premier nom.",
    "OPENAI ET XAI EN TITRE",
    "Sam Altman dirige OpenAI ; Sam Bankman-Fried est un autre Sam.",
    "Peter Altmann, un autre homme, s'exprime.",
])
def test_correct_names_not_flagged(sample_check, text):
    assert rules_and_text(sample_check(text), "name.") == []


def test_suggestion_and_evidence(sample_check):
    (f,) = [f for f in sample_check("Selon Le journal de Wall Street, non.") if f.rule == "name.mistranslated"]
    assert f.suggestion == "The Wall Street Journal"
    assert f.evidence == {"entity": "wall-street-journal", "source": "https://en.wikipedia.org/wiki/The_Wall_Street_Journal"}
    assert f.column == 7 and f.length == len("Le journal de Wall Street")


def test_consistency_points_at_minority_spelling(sample_check):
    findings = sample_check("CoreWeave lève des fonds. Puis CoreWeave loue des GPU. Enfin Coreweave recrute.")
    assert rules_and_text(findings, "consistency.") == [("consistency.spelling", "Coreweave")]
    assert [f.suggestion for f in findings if f.rule == "consistency.spelling"] == ["CoreWeave"]


def test_consistency_silent_when_spelling_is_uniform(sample_check):
    assert rules_and_text(sample_check("CoreWeave lève. Puis CoreWeave loue."), "consistency.") == []


def test_consistency_tells_an_acronym_from_a_word_of_a_known_name(check):
    """"CLOUD Act" (an acronym) twice, then "Google Cloud" (a known name): no spelling to unify."""
    text = ("Le CLOUD Act inquiète. Selon ses critiques, le CLOUD Act permet des saisies. "
            "Google Cloud promet des garanties.")
    assert [f.text for f in check(text) if f.rule == "consistency.spelling"] == []


@pytest.mark.parametrize("text,expected", [
    ("Financial Times assure que la banque recrute.", [("name.article", "Financial Times")]),
    ("Une dépense liée à l'OpenAI inquiète.", [("name.article", "l'OpenAI")]),
    ("Les NFTs se vendent moins bien.", [("name.english-plural", "NFTs")]),
    ("Les nouveaux MacBook Pros arrivent.", [("name.english-plural", "Pros")]),
])
def test_articles_and_plurals(check, text, expected):
    assert [(f.rule, f.text) for f in check(text) if f.rule in ("name.article", "name.english-plural")] == expected


@pytest.mark.parametrize("text", [
    "Le Financial Times assure que la banque recrute.",
    "Selon le Financial Times, la banque recrute.",
    "Selon Le Monde, la banque recrute.",
    "Une dépense liée à OpenAI inquiète.",
    "L'Apple Watch se vend bien.",
    "Les NFT se vendent moins bien, comme les GPU et les USA.",
    "Les pros du marketing sont là.",
])
def test_correct_articles_and_plurals(check, text):
    assert [f for f in check(text) if f.rule in ("name.article", "name.english-plural")] == []


def test_a_lower_case_french_word_spelled_like_a_name_is_not_the_name(check):
    """"l'oracle" (the common noun) is not Oracle; "l'Oracle" still takes no article."""
    assert [f.text for f in check("Chainlink est l'oracle le plus utilisé des blockchains.") if f.rule.startswith("name.")] == []
    assert "l'Oracle" in [f.text for f in check("Une dépense liée à l'Oracle inquiète.") if f.rule == "name.article"]
