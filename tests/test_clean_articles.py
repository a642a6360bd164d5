"""Precision on correct French: the clean articles raise no finding with the default rules.
A finding here is a false alarm to fix in the rule, with a general change, not in the article.

fixtures/clean: ten articles written with the rules (the benchmark's paragraph pool).
fixtures/clean-holdout: 72 written after the rules by other authors, on prose the rules
were not tuned on, and kept out of the benchmark's pool so that its figures stay comparable:
two dozen topical news stories (semiconductors to deepfakes), a dozen stock-market wire
stories, a dozen gadget tests, leaks, crypto and Spanish or Latin American tech stories, a
dozen company histories dense in dates, and a dozen complete HTML pages; most in real
Markdown (headings, lists, links, a table, an interview, English quotations with their
translation, foreign words in italics). Names, dates and amounts follow the fact table where
it has them; other details are plausible, not checked one by one.

Each dozen's first run raised false alarms (4, 6, 1, 16, 15 and 1), all fixed by general
changes: a token taken for a company, a game title read as an English genitive, French words
missing from the word list, a role's end date, "à trois reprises" read as a takeover, a date
completing a noun, an opening participle's subject, a date another date's event is closer
to, an acronym against a word of a known name, « compétence directe sur », foreign words in
italics, "l'oracle" read as Oracle, "Click to Do" read as a clause, "leur lancement" and
"lancé sur Ethereum", a planned year after the article's, "votre" in an article that says
"vous", a year-less date after a narrative set another year, the date nearest an amount, a
decade read as a year, "cette acquisition" referring back, "entré dans l'indice", "investi"
read as an inauguration, an acronym's English words in parentheses, "Denny's", "Rebaptisé
Facebook en 2005", "fast fashion".
"""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "clean").glob("*.md")) + sorted((FIXTURES / "clean-holdout").glob("*.*"))


def test_there_are_articles_to_check():
    assert len(ARTICLES) >= 82


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_correct_article_raises_no_finding(runner, path):
    from qc.documents import load_document

    found = runner.check(load_document(str(path)))
    assert [f"{f.rule} « {f.text} »" for f in found] == []
