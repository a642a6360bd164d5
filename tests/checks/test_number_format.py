"""Numbers in the English or Spanish format, read only where they are amounts."""
from __future__ import annotations

import pytest

from tests.checks.helpers import assert_clean

RULE = "typography.number-format"


@pytest.mark.parametrize("text,expected,suggestion", [
    ("Le chiffre d'affaires atteint 12.7 milliards d'euros.", "12.7 milliards", "12,7 milliards"),
    ("La part de marché recule de 3.4 % sur un an.", "3.4 %", "3,4 %"),
    ("La part de marché recule de 3.4% sur un an.", "3.4%", "3,4 %"),
    ("Chaque salarié touchera 250,000 dollars de prime.", "250,000 dollars", "250 000 dollars"),
    ("Le contrat porte sur 1,250,000 euros.", "1,250,000 euros", "1 250 000 euros"),
    ("La prime atteint 1,234.5 euros.", "1,234.5 euros", "1 234,5 euros"),
    ("Le fonds lève 120.000 euros auprès de ses abonnés.", "120.000 euros", "120 000 euros"),
    ("La filiale a facturé 2.000 millions de pesos.", "2.000 millions", "2 milliards"),
    ("La filiale a facturé 7.500 millions de pesos.", "7.500 millions", "7,5 milliards"),
    ("La filiale a facturé 1.000 millions de pesos.", "1.000 millions", "1 milliard"),
    ("Le groupe vaut désormais $48.2 milliards en Bourse.", "$48.2 milliards", "48,2 milliards de dollars"),
    ("L'abonnement coûte $20 par mois, ou US$ 200 par an.", "$20", "20 dollars"),
    ("L'abonnement coûte $20 par mois, ou US$ 200 par an.", "US$ 200", "200 dollars"),
])
def test_foreign_number_formats_flagged(check, text, expected, suggestion):
    findings = {f.text: f for f in check(text) if f.rule == RULE}
    assert expected in findings, findings
    assert findings[expected].suggestion == suggestion


@pytest.mark.parametrize("text", [
    "Le chiffre d'affaires atteint 12,7 milliards d'euros, soit 3,4 % de plus.",
    "Chaque salarié touchera 250 000 dollars de prime, 1,5 million au total.",
    "La mise à jour iOS 17.1 corrige la batterie ; Python 3.12 est sorti.",
    "Le ratio passe de 1,234 milliard à 1,250 milliard d'euros.",  # French decimals, three digits
    "Le litre coûte 0,500 euro de plus.",
    "La version 2.500 du logiciel arrive le 12.05.2025.",
    "L'adresse 192.168.1.1 répond, 1.500 milliards reste ambigu (1,5 ou 1 500).",
    "Le score final est de 3.2, loin des 4.5 promis.",
])
def test_french_numbers_and_non_amounts_left_alone(check, text):
    assert_clean(check, text, RULE)
