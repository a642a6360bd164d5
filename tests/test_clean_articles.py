"""Precision on correct French: the clean articles (fixtures/clean, written with the rules)
and the held-out ones (fixtures/clean-holdout, written after them) raise no finding with the
default rules. A finding here is a false alarm to fix in the rule, not in the article."""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "clean").glob("*.md")) + sorted((FIXTURES / "clean-holdout").glob("[0-9]*.md"))


def test_there_are_articles_to_check():
    assert len(ARTICLES) >= 22


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_correct_article_raises_no_finding(runner, path):
    from qc.documents import load_document

    found = runner.check(load_document(str(path)))
    assert [f"{f.rule} « {f.text} »" for f in found] == []
