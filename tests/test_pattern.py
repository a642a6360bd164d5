"""The lexicon pattern language (docs/data-format.md)."""
from __future__ import annotations

import pytest

from qc.lexicons.pattern import PatternError, compile_pattern
from qc.tokens import tokenize


def flagged(pattern: str, text: str) -> list[str]:
    p = compile_pattern(pattern)
    if hasattr(p, "search_text"):
        return [text[m.flag_start:m.flag_end] for m in p.search_text(text, 0)]
    return [text[m.flag_start:m.flag_end] for m in p.finditer(tokenize(text))]


@pytest.mark.parametrize("pattern,text,expected", [
    ("la course déjà? bondée|encombrée", "la pression sur la course déjà bondée", ["la course déjà bondée"]),
    ("la course déjà? bondée|encombrée", "la course encombrée", ["la course encombrée"]),
    ("La Course BONDÉE", "la course bondée", ["la course bondée"]),
    ("~former *2 modèles", "ils ont formé leurs nouveaux modèles", ["formé leurs nouveaux modèles"]),
    ("~former *2 modèles", "ils forment les salariés et les modèles", []),
    ("< ~former > des|les|ses? *2 modèles|IA", "afin de former rapidement des modèles", ["former"]),
    ("l'action de l'IA", "dans l’action de l’IA", ["l’action de l’IA"]),
    ("~bondé", "des rues bondées", ["bondées"]),
    ("dans * cas", "dans ce cas", ["dans ce cas"]),
    ("dans * cas", "dans cas", []),
    ("re:\\bQuoi (?P<flag>\\d+) mars", "Quoi 9 mars", ["9"]),
])
def test_pattern_matches(pattern, text, expected):
    assert flagged(pattern, text) == expected


def test_gaps_never_cross_punctuation():
    assert flagged("~former *3 modèles", "former les gens, puis des modèles") == []


@pytest.mark.parametrize("bad", ["", "* *2", "re:(unclosed"])
def test_invalid_patterns(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)


def test_regex_literal_sets_are_each_required():
    """The lexicon runs a regex only on sentences holding one string of each set."""
    from qc.lexicons.pattern import RegexPattern

    sets = RegexPattern(r"re:\bil\s+y\s+a\s+que\s+(?:faire|voir|dire)\b").literal_sets
    assert frozenset({"que"}) in sets and frozenset({"faire", "voir", "dire"}) in sets
    # "au " and one of the directions; "de"/"d'" are too short to be worth indexing
    assert set(RegexPattern(r"re:\bau (?:nord|sud) (?:de|d')\s*\d").literal_sets) == {frozenset({"au "}), frozenset({"nord", "sud"})}
    # an optional group or a branch with a short alternative requires nothing
    assert RegexPattern(r"re:(?:le )?(?:a|bloc)").literal_sets == ()


def test_regex_literal_runs_go_through_apostrophe_classes_and_literal_groups():
    """The text is looked up with ’ folded to ' (and in lower case), so "l['’]attente" needs
    "l'attente", and "la (?-i:Rue)" needs "la rue": longer strings, fewer candidate sentences."""
    from qc.lexicons.lexicon import Lexicon
    from qc.documents import load_text
    from qc.lexicons.pattern import RegexPattern

    assert RegexPattern(r"re:\bà l['’]attente de\b").literal_sets == (frozenset({"à l'attente de"}),)
    assert RegexPattern(r"re:\bà l[’']attente de\b").literal_sets == (frozenset({"à l'attente de"}),)
    assert RegexPattern(r"re:\bbattu la (?-i:Rue)\b").literal_sets == (frozenset({"battu la rue"}),)
    # any other class still ends the run
    assert set(RegexPattern(r"re:\bop[èé]rent des usines\b").literal_sets) == {frozenset({"rent des usines"})}
    entry = _entry(r"re:\b(?P<flag>à l['’]attente) de\b")
    doc = load_text("Le dossier reste à l’attente de la décision. Les attentes sont fortes. Il reste à l'attente de la fin du vote.")
    assert sorted(Lexicon([entry])._regex_candidates(doc.text, doc.sentences)) == [0, 2]


def test_lexicon_runs_a_regex_only_where_every_literal_set_is_met():
    from qc.documents import load_text
    from qc.lexicons.lexicon import Lexicon
    from qc.tokens import tokenize_spans

    entry = _entry(r"re:\bil\s+y\s+a\s+que\s+(?P<flag>faire)\b")
    doc = load_text("Il faut faire vite. Il y a que faire maintenant. Ce que je vois.")
    tokens = tokenize_spans(doc.text, [(s.start, s.end) for s in doc.sentences])
    assert Lexicon([entry])._regex_candidates(doc.text, doc.sentences) == {1: [entry]}
    found = [doc.text[m.flag_start : m.flag_end] for _, m in Lexicon([entry]).find(doc.text, doc.sentences, tokens)]
    assert found == ["faire"]


def _entry(pattern: str):
    from qc.findings import Severity
    from qc.lexicons.lexicon import Entry
    from qc.lexicons.pattern import compile_pattern

    return Entry("t", "idiom.calque", compile_pattern(pattern), "m", None, "es", Severity.WARNING)


def _find(lexicon, text):
    from qc.documents import load_text
    from qc.tokens import tokenize_spans

    doc = load_text(text)
    words = tokenize_spans(doc.text, [(s.start, s.end) for s in doc.sentences])
    return [doc.text[m.start : m.end] for _, m in lexicon.find(doc.text, doc.sentences, words)]


def test_lexicon_needs_every_required_word_in_the_same_sentence():
    """The document holding every word lets an entry through to its sentences; each
    sentence must still hold them all."""
    from qc.lexicons.lexicon import Lexicon

    lexicon = Lexicon([_entry("la course bondée")])
    assert _find(lexicon, "La course est lancée. La salle est bondée.") == []
    assert _find(lexicon, "La salle est pleine. Elle rejoint la course bondée des assistants.") == ["la course bondée"]


def test_lexicon_finds_the_same_after_forgetting_what_it_learned(monkeypatch):
    """Past LEARNED_FORMS_MAX word forms a lexicon starts learning afresh, and matches alike."""
    from qc.lexicons import lexicon as module

    texts = ["Elle rejoint la course bondée des assistants.", "La course bondée continue. Rien ici.", "Une course, bondée ?"]
    expected = [_find(module.Lexicon([_entry("la course bondée")]), t) for t in texts]
    monkeypatch.setattr(module, "LEARNED_FORMS_MAX", 0)
    forgetful = module.Lexicon([_entry("la course bondée")])
    assert [_find(forgetful, t) for t in texts] == expected == [["la course bondée"], ["La course bondée"], []]


@pytest.mark.parametrize("pattern,guarded", [
    (r"\b(?:va|vont|ira)\s+à", r"(?=[iv])\b(?:va|vont|ira)\s+à"),
    (r"\b(?P<flag>(année|mois) sur \2)\b", r"(?=[am])\b(?P<flag>(année|mois) sur \2)\b"),
    (r"\bbien\s+x|\bmal\s+y", r"(?=[bm])\bbien\s+x|\bmal\s+y"),
    (r"\b(?:jusqu')?à\s+date", None),  # may start with "j" or "à": an optional start is not guarded
    (r"\b[a-z]+ing\b", None),  # a class: left alone
    (r"(?<!')\bil y a", None),  # does not open with \b
])
def test_regex_opening_with_a_boundary_gets_a_first_letter_guard(pattern, guarded):
    from qc.lexicons.pattern import _first_char_guard

    assert _first_char_guard(pattern) == (guarded or pattern)


@pytest.mark.parametrize("pattern", [r"\b(?:va|vont)\s+à\s+faire\b", r"\bsur\b", r"\b(?:ks|ir)\w*"])
@pytest.mark.parametrize("text", ["Il VA à faire", "ſur la table", "il Va à Faire, il vont à faire", "İr kſ Kelvin", "xsur sur"])
def test_guarded_regex_matches_as_the_original(pattern, text):
    """The lookahead only states what matches start with, case folding included (ſ, K)."""
    import re

    from qc.lexicons.pattern import _first_char_guard

    def spans(p):
        return [m.span() for m in re.finditer(p, text, re.IGNORECASE)]

    assert spans(_first_char_guard(pattern)) == spans(pattern)
