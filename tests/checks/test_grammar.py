"""Fluency heuristics (qc/checks/grammar.py): positives and look-alike French.

Positive sentences assert the rule id and the exact flagged text. Negative
sentences are correct French built like the artefact (a participle after a
noun, a reflexive "nous nous", a title starting with "Si" or "Les", a noun and
an adjective that share a stem by chance...) and must not produce the finding
of the rule under test; other rules may fire on them.
"""
from __future__ import annotations

import pytest

from tests.checks.helpers import assert_clean, assert_flags


MISSING_AUX = "fluency.missing-auxiliary"
STRAY = "fluency.stray-interrogative"
REPEATED = "fluency.repeated-word"
CA = "fluency.ca-cedilla"
READER = "fluency.reader-possessive"
CAPITAL = "fluency.capital-mid-sentence"
REDUNDANT = "fluency.redundant-adjective"


# -- fluency.missing-auxiliary ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mardi, Bloomberg révélé que la société préparait une introduction en Bourse.", "Bloomberg révélé"),
        ("Cette semaine, le Financial Times annoncé que Nvidia investirait dans la start-up.", "Times annoncé"),
        ("La société, qui racheté Activision en 2023, a supprimé 1 900 postes.", "qui racheté"),
        ("Le groupe, qui acquis Twitter en 2022, a changé de nom.", "qui acquis"),
        ("Début mars recruté Marc Dupont, un ancien de Google, pour diriger la recherche.", "mars recruté"),
        ("Reuters confirmé que les discussions avaient échoué.", "Reuters confirmé"),
        ("La start-up, qui levé 100 millions d'euros l'an dernier, recrute.", "qui levé"),
    ],
)
def test_missing_auxiliary_flagged(check, text, expected):
    assert_flags(check, text, MISSING_AUX, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Le rapport publié mardi indique une hausse des ventes.",
        "Apple, qui a présenté l'iPhone 16 en septembre, prépare déjà la suite.",
        "Ce qui a été dit lors de la réunion reste confidentiel.",
        "Le Monde dit que la décision sera rendue en juin.",
        "Reuters écrit que les discussions ont échoué.",
        "La guerre des prix qui fait rage en Chine pèse sur les marges.",
        "Une entreprise qui produit des puces doit investir des milliards.",
        "Le contrat signé avec Microsoft prévoit que les données restent en Europe.",
        "Le modèle présenté en mars par Google sera disponible en juin.",
        "Sam Altman a confirmé que GPT-5 sortirait cet été.",
        "Google n'a jamais confirmé que le projet existait.",
        "Moins médiatisé que son rival, le projet avance pourtant vite.",
        "Le document, publié par Reuters, révèle que la société a menti.",
        "Ceux qui ont été licenciés en janvier ont porté plainte.",
    ],
)
def test_missing_auxiliary_not_flagged(check, text):
    assert_clean(check, text, MISSING_AUX)


# -- fluency.stray-interrogative ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Quoi 12 avril, la société a présenté son nouveau modèle.", "Quoi 12 avril"),
        ("Quoi 3 janvier, Apple a annoncé le départ de son directeur financier.", "Quoi 3 janvier"),
        ("Le produit est attendu cet été. Quoi 1er juin, le groupe a confirmé le calendrier.", "Quoi 1er juin"),
        ("Où 15 mai, les négociations ont repris à Bruxelles.", "Où 15 mai"),
    ],
)
def test_stray_interrogative_flagged(check, text, expected):
    assert_flags(check, text, STRAY, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Pourquoi 2025 sera l'année des agents d'IA",
        "Comment 3 ingénieurs ont créé un concurrent de ChatGPT",
        "Quelle 5G choisir pour son entreprise ?",
        "Quel 14 juillet pour les commerçants ?",
        "Le 9 mars, la société a été fondée.",
        "Quoi qu'il en soit, le projet avance.",
        "Où trouver les 10 meilleures applications de l'année ?",
    ],
)
def test_stray_interrogative_not_flagged(check, text):
    assert_clean(check, text, STRAY)


# -- fluency.repeated-word ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Il a lancé le le projet en 2022.", "le le"),
        ("La société a a annoncé une hausse de ses revenus.", "a a"),
        ("Le le groupe a publié ses comptes annuels.", "Le le"),
        ("Les résultats sont sont meilleurs que prévu.", "sont sont"),
        ("Nvidia domine le marché des des puces graphiques.", "des des"),
    ],
)
def test_repeated_word_flagged(check, text, expected):
    assert_flags(check, text, REPEATED, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Nous nous sommes trompés, admet le dirigeant.",
        "Vous vous demandez peut-être pourquoi la facture augmente.",
        "L'opérateur britannique Talk Talk a été piraté en 2015.",
        "Les mémoires de de Gaulle ont été numérisés par la BnF.",
        "La série A a permis de lever 20 millions d'euros.",
        "Le film La La Land est disponible sur Netflix.",
        "Elle, elle a refusé de signer.",
        "Le score final est de 10 10 après prolongation.",
    ],
)
def test_repeated_word_not_flagged(check, text):
    assert_clean(check, text, REPEATED)


# -- fluency.ca-cedilla ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("C'est comme ca que fonctionne le modèle.", "ca"),
        ("Ca ne change rien pour les utilisateurs.", "Ca"),
        ("Les utilisateurs n'aiment pas ca, selon un sondage.", "ca"),
    ],
)
def test_ca_cedilla_flagged(check, text, expected):
    assert_flags(check, text, CA, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Ça ne change rien pour les utilisateurs.",
        "C'est comme ça que fonctionne le modèle.",
        "Le CA du groupe a progressé de 8 %.",
        "Le manuscrit date de ca. 1450, selon la bibliothèque.",
        "Le site de la ville, toronto.ca, a été piraté.",
    ],
)
def test_ca_cedilla_not_flagged(check, text):
    assert_clean(check, text, CA)


# -- fluency.reader-possessive ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le milliardaire a rappelé que xAI fait partie de votre empire, aux côtés de Tesla et SpaceX.", "votre"),
        ("Mark Zuckerberg a réorganisé vos équipes consacrées à l'IA.", "vos"),
        ("Selon Bloomberg, la société envisage de céder votre filiale chinoise.", "votre"),
    ],
)
def test_reader_possessive_flagged(check, text, expected):
    assert_flags(check, text, READER, expected)


@pytest.mark.parametrize(
    "text",
    [
        "« Nous protégeons votre vie privée », affirme Apple.",
        "Si vous utilisez un iPhone, vous pouvez activer l'option dans vos réglages.",
        "Protégez vos comptes avec la double authentification.",
        "Votre smartphone est-il compatible avec iOS 18 ?",
        "Comment sécuriser votre réseau Wi-Fi",
        "Le magazine Votre Argent a classé les meilleures banques en ligne.",
        "Vous pourrez bientôt modifier vos messages, annonce WhatsApp.",
        "Votre abonnement augmentera de deux euros en janvier, annonce Netflix.",
    ],
)
def test_reader_possessive_not_flagged(check, text):
    assert_clean(check, text, READER)


# -- fluency.capital-mid-sentence ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Avec Tesla, SpaceX et Si cela ne suffisait pas, il dirige aussi xAI.", "Si"),
        ("Le groupe a réduit ses coûts et Mais la rentabilité reste fragile.", "Mais"),
        ("Les ventes ont reculé en Europe et Il faut attendre la fin de l'année.", "Il"),
    ],
)
def test_capital_mid_sentence_flagged(check, text, expected):
    assert_flags(check, text, CAPITAL, expected)


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Selon Les Echos, la banque prépare un plan social.", "txt"),
        ("L'information a fait la Une du quotidien mardi.", "txt"),
        ("L'enquête a été publiée en Une du quotidien.", "txt"),
        ("Le magazine Elle consacre un dossier à l'IA.", "txt"),
        ("Il a cité le roman Des souris et des hommes pendant sa conférence.", "txt"),
        ("L'émission Qui veut gagner des millions revient sur TF1.", "txt"),
        ("Elle a relu *Ce que je sais de l'IA*, paru en 2023.", "md"),
        ("Il a cité « Si tu veux » parmi ses chansons préférées.", "txt"),
        ("M. Musk et Mme Li ont signé l'accord à Shanghai.", "txt"),
    ],
)
def test_capital_mid_sentence_not_flagged(check, text, fmt):
    assert_clean(check, text, CAPITAL, fmt)


# -- fluency.redundant-adjective ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ces résultats revêtent une importance importante pour le secteur.", "importance importante"),
        ("Le groupe revendique une tradition traditionnelle d'ingénierie.", "tradition traditionnelle"),
        ("Il s'agit d'une exception exceptionnelle dans le secteur.", "exception exceptionnelle"),
        ("Les différences différentes entre les deux modèles sont minimes.", "différences différentes"),
        ("La start-up promet une innovation innovante dans le paiement.", "innovation innovante"),
        ("La croissance croissante des usages inquiète les opérateurs.", "croissance croissante"),
    ],
)
def test_redundant_adjective_flagged(check, text, expected):
    assert_flags(check, text, REDUNDANT, expected)


@pytest.mark.parametrize(
    "text",
    [
        "La nouvelle a une grande importance pour le secteur.",
        "La société adopte une position positive sur le texte.",
        "Une réunion informelle s'est tenue mardi.",
        "Une information informelle a circulé dans les couloirs.",
        "Le groupe mise sur la communication communautaire.",
        "Une différence notable sépare les deux modèles.",
        "La direction directe du projet revient au PDG.",
        "Elle accorde une attention particulière aux données personnelles.",
    ],
)
def test_redundant_adjective_not_flagged(check, text):
    assert_clean(check, text, REDUNDANT)


# -- prefilters ----------------------------------------------------------------
def test_redundant_prefilter_keeps_every_pair():
    """The regex that picks the sentences worth reading must match every pair _same_stem accepts."""
    from itertools import product

    from qc.checks.grammar import _REDUNDANT_CANDIDATE, _REDUNDANT_PAIRS, _same_stem

    for suffix, adjective_suffixes in _REDUNDANT_PAIRS:
        for adjective_suffix, noun_plural, adjective_plural in product(adjective_suffixes, ("", "s"), ("", "s")):
            noun, adjective = f"abc{suffix}{noun_plural}", f"abc{adjective_suffix}{adjective_plural}"
            assert _same_stem(noun, adjective)
            assert _REDUNDANT_CANDIDATE.search(f" une {noun} {adjective} ."), (noun, adjective)


@pytest.mark.parametrize(
    "text, rule, expected",
    [
        ("Il faut qu'Il soit là et Si cela ne suffisait pas, il partira.", CAPITAL, "Si"),
        ("Les ventes baissent, et ca", CA, "ca"),
        ("Les différences différentes, les importances importantes.", REDUNDANT, "importances importantes"),
    ],
)
def test_prefilters_keep_findings(check, text, rule, expected):
    assert_flags(check, text, rule, expected)


# -- fluency.lowercase-start -----------------------------------------------------------------
LOWER_START = "fluency.lowercase-start"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le groupe a publié ses résultats jeudi. et la direction prévoit une hausse des ventes.", ". et"),
        ("Les ventes ont progressé de 12 %. mais la marge recule.", ". mais"),
        ("La start-up a été rachetée en 2021. elle emploie désormais 300 personnes.", ". elle"),
        ("Le régulateur a ouvert une enquête. l’entreprise conteste les faits.", ". l’"),
        ("Il a quitté la société (après dix ans). selon ses proches, il prépare un autre projet.", ". selon"),
    ],
)
def test_lowercase_start_flagged(check, text, expected):
    assert_flags(check, text, LOWER_START, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Elle vend des serveurs, des logiciels, etc. et emploie 5 000 personnes.",
        "Le chantier coûtera env. la moitié du budget prévu.",
        "Apple Inc. et Microsoft Corp. ont publié leurs comptes.",
        "Voir le chap. des résultats pour le détail.",
        "Le site apple.com. est indisponible ce matin.",
        "Il hésite… et finit par signer.",
        "La société a lancé l'iPhone. iPhone 15 désigne le modèle de base.",
        "Il a vendu ses parts. Et la société a continué sans lui.",
        "Ils ont signé avec M. le maire de la ville.",
    ],
)
def test_lowercase_start_not_flagged(check, text):
    assert_clean(check, text, LOWER_START)


def test_lowercase_start_not_flagged_after_more_abbreviations(check):
    assert_clean(check, "Le projet coûtera approx. la moitié du budget, voir réf. le rapport annuel.", LOWER_START)


def test_reader_possessive_silent_in_an_article_that_says_vous(check):
    text = ("Microsoft publie la mise à jour. Si votre machine est compatible, la migration reste gratuite. "
            "Pour vous accompagner, consultez notre guide.")
    assert_clean(check, text, READER)
