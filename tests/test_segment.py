"""French sentence segmentation."""
from __future__ import annotations

import pytest

from qc.documents import Span, load_text
from qc.documents.segment import split_sentences


def sentences(text):
    doc = load_text(text, "txt")
    return [doc.text[s.start:s.end] for s in doc.sentences]


@pytest.mark.parametrize("text,expected", [
    ("M. Musk a parlé. Il est parti.", ["M. Musk a parlé.", "Il est parti."]),
    ("Selon C. C. Wei, la demande reste forte. TSMC le confirme.", ["Selon C. C. Wei, la demande reste forte.", "TSMC le confirme."]),
    ("La croissance atteint 3,5 % cette année. Elle ralentit.", ["La croissance atteint 3,5 % cette année.", "Elle ralentit."]),
    ("Que savons-nous ? Le 9 mars, il a fondé X.AI.", ["Que savons-nous ?", "Le 9 mars, il a fondé X.AI."]),
    ("Il hésite… puis il signe. Fin.", ["Il hésite… puis il signe.", "Fin."]),
    ("« C'est réel. » Il sourit.", ["« C'est réel. »", "Il sourit."]),
    ("Twitter Inc. est devenue X Corp. en 2023.", ["Twitter Inc. est devenue X Corp. en 2023."]),
    ("Apple, Google, etc. sont concernés. Voilà.", ["Apple, Google, etc. sont concernés.", "Voilà."]),
])
def test_french_sentence_rules(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Il attend... Puis il part. Fin.", ["Il attend...", "Puis il part.", "Fin."]),
    ("Il attend... puis il part.", ["Il attend... puis il part."]),
    ("Vraiment ?! « Oui. » (Sans doute.) Fin.", ["Vraiment ?!", "« Oui. »", "(Sans doute.)", "Fin."]),
    ("Voir la fig. 3 du rapport. Selon J.-C. Martin, U.S.A. et Cie. Fin.", ["Voir la fig. 3 du rapport.", "Selon J.-C. Martin, U.S.A. et Cie. Fin."]),
    ("Le mot_final. Suite.", ["Le mot_final.", "Suite."]),
])
def test_ellipses_closers_and_abbreviations(text, expected):
    assert sentences(text) == expected


def test_paragraph_edges_in_white_space_are_trimmed():
    # split_sentences accepts any spans, not only the trimmed ones readers build
    text = "  Un. Deux.  \n x. Trois ! ..  "
    got = split_sentences(text, [Span(0, 13), Span(13, len(text))])
    assert [(s.start, s.end, s.paragraph) for s in got] == [(2, 5, 0), (6, 11, 0), (15, 17, 1), (18, 28, 1)]
