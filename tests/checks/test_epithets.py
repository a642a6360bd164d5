"""Home-town epithets (« la firme de Cupertino ») checked against the fact table's head offices."""
from __future__ import annotations

import pytest

from tests.checks.helpers import assert_clean, flagged

RULE = "fact.headquarters"


@pytest.mark.parametrize("text,expected,suggestion", [
    ("Nvidia publie ses résultats. Nvidia prévoit une forte demande ; la firme de Cupertino reste prudente sur la Chine.",
     "la firme de Cupertino", "la firme de Santa Clara"),
    ("Microsoft investit dans ses centres de données. Microsoft, selon ses dirigeants, accélère, "
     "et le géant américain de Mountain View double sa mise.",
     "le géant américain de Mountain View", "le géant américain de Redmond"),
    ("Netflix relève ses prix. Netflix l'explique par ses investissements : "
     "pour la société basée à Menlo Park, le contenu coûte cher.",
     "la société basée à Menlo Park", "la société basée à Los Gatos"),
    ("TSMC construit une usine en Arizona. TSMC y produira des puces de 4 nm, a précisé "
     "le fondeur taïwanais installé à Santa Clara.",
     "le fondeur taïwanais installé à Santa Clara", "le fondeur taïwanais installé à Hsinchu"),
])
def test_wrong_town_flagged(check, text, expected, suggestion):
    findings = [f for f in check(text) if f.rule == RULE]
    assert [f.text for f in findings] == [expected]
    assert findings[0].suggestion == suggestion
    assert "source : https://" in findings[0].message


@pytest.mark.parametrize("text", [
    # the right town
    "Apple présente ses résultats. Apple vend moins d'iPhone, mais la firme de Cupertino reste confiante.",
    # a company of the town is named before the epithet: it is what the epithet means
    "Apple et Microsoft publient leurs résultats. Apple déçoit, alors que le groupe de Redmond profite du cloud. Apple recule.",
    # one of the three companies of Santa Clara
    "AMD lance une puce. AMD vise les centres de données, et le concepteur de Santa Clara vise Nvidia.",
    # a lead that names the company by its town before its name: nothing names another before it
    "Le géant de Redmond dévoile une mise à jour. Microsoft l'installe sur Windows, Microsoft l'annonce mardi.",
    # a town, not an epithet
    "Apple ouvre un bureau à Redmond. Apple y recrute, a indiqué un porte-parole de Cupertino.",
    # no company the article is plainly about
    "Apple et Google s'opposent. Apple et Google ont chacun leur magasin, et la firme de Redmond observe.",
    # a company the table has no town for is the topic
    "Humane lance un appareil. Humane, selon ses fondateurs, et la firme de Cupertino ne sont pas concurrents.",
])
def test_right_or_unclear_not_flagged(check, text):
    assert_clean(check, text, RULE)



def test_a_company_named_once_after_does_not_excuse_the_epithet(check):
    """The article is about Apple; Microsoft comes up once, later, for another matter."""
    text = "Apple, Apple et encore Apple. Le géant de Redmond prépare un iPhone. Microsoft, lui, vend des casques."
    assert flagged(check, text, RULE) == ["Le géant de Redmond"]


def test_a_product_named_after_its_maker_names_the_maker(check):
    text = ("Google Workspace gagne des clients. Microsoft riposte, Microsoft baisse ses prix, "
            "mais le géant de Mountain View garde son avance avec Google Drive.")
    assert flagged(check, text, RULE) == []
