"""French sentence segmentation."""
from __future__ import annotations

import pytest

from qc.documents import load_text


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
