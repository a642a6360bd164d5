"""Precision on correct French: the clean articles raise no finding with the default rules.
A finding here is a false alarm to fix in the rule, not in the article.

fixtures/clean: ten articles written with the rules (the benchmark's paragraph pool).
fixtures/clean-holdout: 72 written after them by other authors, on prose the rules were
not tuned on, one per topic (semiconductors, AI funding, smartphones, crypto, telecoms, space,
video games, cybersecurity, quarterly results, EU regulation, electric vehicles, social
networks; then quantum computing, French Tech, WWDC, Google antitrust, streaming, chip
factories, Chinese tech, open-source AI, a CNIL sanction, sovereign cloud, robots,
deepfakes; then a dozen stock-market wire stories on tech companies, and a dozen gadget
tests, leaks, crypto and Spanish or Latin American tech stories), from the second dozen on in
real Markdown (headings, lists, links, a table, an interview, English quotations with their
translation, foreign words in italics); then a dozen company histories dense in dates
(Apple, Google, Microsoft, Amazon, Meta, Tesla, OpenAI, Nvidia, Twitter/X, Samsung, Netflix,
SpaceX) and a dozen complete HTML pages (navigation, figures, asides, entities). Names, dates and amounts follow the fact table where it has them; other details
are plausible, not checked one by one. They stay out of the benchmark's pool so that its
figures remain comparable. The first dozen raised four false alarms and the second six, each
fixed by a general change (a token taken for a company, a game title read as an English
genitive, French words missing from the word list, a role's end date, "à trois reprises" read
as a takeover, a date completing a noun, an opening participle's subject, a date another
date's event is closer to, an acronym against a word of a known name, « compétence directe
sur »); the third and fourth seventeen (foreign words in italics, which French typography
uses for the words it keeps; "l'oracle" read as Oracle; "Click to Do" read as a clause;
"leur lancement" and "lancé sur Ethereum" read as the entity's event; a planned year after
the article's; "votre" in an article that says "vous"); the histories fifteen, fourteen
fixed (a year-less date after a narrative set another year, the date nearest an amount, a
decade read as a year, "cette acquisition" referring back, "entré dans l'indice", "investi"
read as an inauguration, an acronym's English words in parentheses, "Denny's"), one left
(KNOWN_FALSE_ALARMS); the HTML pages one ("fast fashion").
"""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "clean").glob("*.md")) + sorted((FIXTURES / "clean-holdout").glob("*.*"))
#: held-out false alarms not fixed yet, each with what a fix needs
KNOWN_FALSE_ALARMS = {
    "53-meta.md": "« Rebaptisé Facebook en 2005 » read as the renaming of Facebook into Meta (2021): "
                  "for a renaming, the name right after the verb is the new one",
}


def test_there_are_articles_to_check():
    assert len(ARTICLES) >= 82


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_FALSE_ALARMS[p.name], strict=True)) if p.name in KNOWN_FALSE_ALARMS else p
    for p in ARTICLES
], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_correct_article_raises_no_finding(runner, path):
    from qc.documents import load_document

    found = runner.check(load_document(str(path)))
    assert [f"{f.rule} « {f.text} »" for f in found] == []
