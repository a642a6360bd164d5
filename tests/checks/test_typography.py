"""Typography heuristics (qc/checks/typography.py): positives and look-alike French.

Positive sentences assert the rule id and the exact flagged text. Negative
sentences are correct French that resembles an artefact (French spacing before
; : ! ? and %, abbreviations, domain names, brands, inclusive "(e)s" marks...)
and must not produce the finding of the rule under test; other rules may fire
on them, so negatives only look at the rule under test. A few whole paragraphs
at the end must produce no typography or fluency finding at all.
"""
from __future__ import annotations

import pytest

from tests.checks.helpers import assert_clean, assert_flags

from qc.checks.grammar import GrammarCheck
from qc.checks.typography import TypographyCheck

SPACE_BEFORE = "typography.space-before-punctuation"
APOSTROPHE = "typography.space-after-apostrophe"
MISSING_SPACE = "typography.missing-space"
STRAY = "typography.stray-punctuation"
BROKEN = "typography.broken-paragraph"
ELISION = "typography.missing-elision"
QUOTES = "typography.english-quotes"
SPACING = "typography.inconsistent-spacing"
SPACE_BEFORE_OPEN = "typography.missing-space-before"

OWN_RULES = frozenset(r.id for r in (*TypographyCheck.rules, *GrammarCheck.rules))


# -- typography.space-before-punctuation ----------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Selon Bloomberg , la société prépare une introduction en Bourse.", "Bloomberg ,"),
        ("La start-up a été rachetée par Salesforce , qui l'intègre à son offre.", "Salesforce ,"),
        ("Les ventes atteignent 12 milliards d'euros , soit 10 % de plus.", "d'euros ,"),
        ("L'annonce a été faite lundi par Satya Nadella .", "Nadella ."),
        ("Le groupe (basé à Redmond ) a confirmé l'information.", "Redmond )"),
        ("Les ventes ont reculé de 4 % , selon le cabinet IDC.", "% ,"),
        ("« Nous allons accélérer » , a déclaré le dirigeant.", "» ,"),
        ("Le chiffre d'affaires atteint 35 milliards de dollars (33 ,05 milliards d'euros).", "33 ,"),
        ("Le marché des puces , dominé par Nvidia , reste tendu.", "puces ,"),
        ("Le groupe (basé à Redmond  ) a confirmé l'information.", "Redmond  )"),
    ],
)
def test_space_before_punctuation_flagged(check, text, expected):
    assert_flags(check, text, SPACE_BEFORE, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Selon Bloomberg, la société prépare une introduction en Bourse.",
        "Microsoft a publié .NET 9 en novembre, avec de meilleures performances.",
        "Le réseau social X.com a changé de nom en 2023.",
        "Le fichier de configuration .env ne doit jamais être publié sur GitHub.",
        "Les ventes ont progressé de 3,5 % sur un an.",
        "La société (cotée au Nasdaq) a confirmé l'information.",
        "« Nous allons accélérer », a déclaré le dirigeant.",
        "M. Musk, C. C. Wei et J.-C. Decaux étaient présents.",
        "Il a prévenu : la hausse sera de 5 % ; elle concernera tous les abonnés !",
        "Qui paiera la facture ? Les consommateurs, selon l'association.",
    ],
)
def test_space_before_punctuation_not_flagged(check, text):
    assert_clean(check, text, SPACE_BEFORE)


# -- typography.space-after-apostrophe ---------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le projet a été confié à l' équipe de Yann LeCun.", "l' équipe"),
        ("Il estime qu' Apple a pris du retard dans l'IA générative.", "qu' Apple"),
        ("La décision revient désormais au conseil d' administration.", "d' administration"),
        ("C' est une première pour le groupe.", "C' est"),
        ("L'offre est valable jusqu' au 30 juin.", "jusqu' au"),
        ("Le dirigeant n’ a pas souhaité commenter.", "n’ a"),
        ("Qu' importe le prix, les clients suivent.", "Qu' importe"),
        # every word the tokenizer elides, "quoiqu'" and "presqu'" included
        ("Le groupe recrute, quoiqu' il s'en défende.", "quoiqu' il"),
        ("L'usine est installée sur une presqu' île.", "presqu' île"),
    ],
)
def test_space_after_apostrophe_flagged(check, text, expected):
    assert_flags(check, text, APOSTROPHE, expected)


@pytest.mark.parametrize(
    "text",
    [
        "L'entreprise estime qu'Apple a pris du retard sur l'IA.",
        "Aujourd'hui, l'iPhone représente la moitié des ventes d'Apple.",
        "Les utilisateurs d’Instagram pourront l’activer dès jeudi.",
        "Le festival mêle rock 'n' roll et musique électronique.",
        "Jusqu'à présent, personne n'a revendiqué l'attaque.",
    ],
)
def test_space_after_apostrophe_not_flagged(check, text):
    assert_clean(check, text, APOSTROPHE)


# -- typography.missing-space ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Les ventes ont bondi de 5 %.Par ailleurs, la marge progresse.", "%.Par"),
        ("Le groupe a publié ses résultats mardi.Les investisseurs ont salué la hausse.", "mardi.Les"),
        ("Qui va payer?Les consommateurs, sans doute.", "payer?Les"),
        ("La société veut renforcer sa position sur le secteurDe la robotique.", "secteurDe"),
        ("Les investisseurs restent prudentsMalgré la hausse du titre.", "prudentsMalgré"),
        ("La majeure partiedu chiffre d'affaires provient du cloud.", "partiedu"),
        ("Les douaniers ont saisi des marchandisesen novembre dernier.", "marchandisesen"),
        ("Le procès s'ouvrira devant le tribunaldu district de Columbia.", "tribunaldu"),
    ],
)
def test_missing_space_flagged(check, text, expected):
    assert_flags(check, text, MISSING_SPACE, expected)


@pytest.mark.parametrize(
    "text",
    [
        "M. Musk a répondu sur X.com dans la nuit.",
        "C. C. Wei dirige TSMC depuis 2024.",
        "Le groupe a publié ses résultats mardi. Les investisseurs ont salué la hausse.",
        "Microsoft mise sur .NET et sur Azure pour séduire les développeurs.",
        "L'iPhone, l'iPad et l'iCloud d'Apple partagent le même compte.",
        "eBay et PayPal se sont séparés en 2015.",
        "easyJet a annoncé une hausse de ses tarifs.",
        "La compagnie airBaltic a commandé de nouveaux appareils.",
        "Le laboratoire bioMérieux a publié ses résultats annuels.",
        "Les données de LinkedIn et de JavaScript ne sont pas concernées.",
        "Le surinvestissement dans les centres de données inquiète les analystes.",
        "Les hyperscaleurs ont surpondéré leurs dépenses d'équipement.",
        "Certains actifs restent survalorisés, selon la banque.",
        "Les compagnies aériennes pratiquent la surréservation.",
        "Le groupe veut dessaisir la justice américaine du dossier.",
        "Les pourparlers ont repris à Bruxelles.",
        "Les surcoûts de la gigafactory dépassent le milliard.",
    ],
)
def test_missing_space_not_flagged(check, text):
    assert_clean(check, text, MISSING_SPACE)


# -- typography.stray-punctuation --------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("La société a levé 50 millions d'euros,, selon ses dirigeants.", ",,"),
        ("Les ventes progressent. . Les marges aussi.", ". ."),
        ("Elle s'appuie sur ses grandes entreprises. -partenaires historiques.", ". -"),
        ("Le titre n'a presque pas bougé (ou plutôt, très peu). )", "). )"),
        ("Microsoft () a publié ses résultats trimestriels.", "()"),
        ("La Commission consulte les régulateurs ; ; la décision est attendue.", "; ;"),
    ],
)
def test_stray_punctuation_flagged(check, text, expected):
    assert_flags(check, text, STRAY, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Et puis... plus rien pendant six mois.",
        "Il a répondu : « Non. » Puis il est parti.",
        "La version 2.0.1 corrige la faille.",
        "Les données (y compris celles des client(s) professionnel(s)) restent en Europe.",
        "La fonction print() affiche le résultat à l'écran.",
        "Le titre a fini la séance en net recul. -12 % en une journée, du jamais-vu.",
        "Les États-Unis, la Chine, etc. sont concernés par la mesure.",
    ],
)
def test_stray_punctuation_not_flagged(check, text):
    assert_clean(check, text, STRAY)


# -- typography.broken-paragraph ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le chiffre d'affaires de Microsoft\n\nMSFT.O a progressé de 16 %.", "Microsoft\n\nMSFT.O"),
        ("La société a annoncé une hausse de\n\nses revenus au troisième trimestre.", "de\n\nses"),
        ("Les autorités européennes ont ouvert une enquête sur\n\nles pratiques de l'entreprise.", "sur\n\nles"),
        ("Les régulateurs s'intéressent désormais à\n\nl'entreprise de Sam Altman.", "à\n\nl'entreprise"),
    ],
)
def test_broken_paragraph_flagged(check, text, expected):
    assert_flags(check, text, BROKEN, expected)


def test_broken_paragraph_flagged_in_html(check):
    html = "<p>Le chiffre d'affaires d'Amazon</p><p>AMZN.O a dépassé les attentes.</p>"
    assert_flags(check, html, BROKEN, "Amazon</p><p>AMZN.O", "html")


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Apple présente l'iPhone 16\n\nLa société a dévoilé lundi ses nouveaux modèles.", "txt"),
        ("Les nouveautés de la semaine\n\niOS 18 arrive sur les iPhone compatibles.", "txt"),
        ("Le point sur xAI\n\nxAI a levé 6 milliards de dollars.", "txt"),
        ("La société a publié ses comptes.\n\nils sont meilleurs que prévu.", "txt"),
        ("Les annonces principales\n\n- une nouvelle puce M4\n- un casque plus léger\n- des écouteurs\n", "md"),
        ("# Mistral AI lève 600 millions\n\nLa startup parisienne a officialisé mardi sa levée.", "md"),
        ("<h1>Les annonces</h1><ul><li>une puce</li><li>un casque</li></ul>", "html"),
    ],
)
def test_broken_paragraph_not_flagged(check, text, fmt):
    assert_clean(check, text, BROKEN, fmt)


# -- typography.missing-elision ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Il rappelle que Apple a longtemps refusé de commenter.", "que Apple"),
        ("Le rachat de Instagram remonte à 2012.", "de Instagram"),
        ("Elle se est imposée face à Google.", "se est"),
        ("La société ne a pas souhaité commenter.", "ne a"),
        ("Le modèle est disponible jusque au 30 juin.", "jusque au"),
        ("Le régulateur enquête sur le entraînement des modèles.", "le entraînement"),
        ("Les chauffeurs de Uber réclament une hausse de leurs revenus.", "de Uber"),
        ("Il reste à savoir si ce est vraiment nécessaire.", "ce est"),
        ("Il estime que  Intel a pris du retard.", "que  Intel"),
        ("Que Apple rachète la société surprend les analystes.", "Que Apple"),
    ],
)
def test_missing_elision_flagged(check, text, expected):
    assert_flags(check, text, ELISION, expected)


@pytest.mark.parametrize(
    "text",
    [
        "L'iPhone, qu'Apple vend depuis 2007, reste le produit phare.",
        "Le PDG de Yahoo a démissionné en 2012.",
        "La une du journal était consacrée à OpenAI.",
        "Le onze de départ a été dévoilé une heure avant le match.",
        "Ce à quoi pense Sam Altman reste un mystère.",
        "C'est ce en quoi croit la direction.",
        "La hausse devrait être de un à deux points.",
        "Le Banco de España a relevé ses prévisions de croissance.",
        "Le hautbois et le yaourt n'ont rien à voir avec la tech.",
        "Le groupe dispose de une à deux semaines pour répondre.",
        "Le ou la salarié(e) concerné(e) sera prévenu(e) par courrier.",
        "L'offre court jusque et y compris le 15 mars.",
        "Le rédacteur en chef de El País a démissionné.",
        "Le fondateur de OnePlus a quitté l'entreprise, tout comme le directeur de Ouigo.",
        "Une fusée Atlas V de United Launch Alliance a décollé ; le PDG de United Airlines a applaudi.",
    ],
)
def test_missing_elision_not_flagged(check, text):
    assert_clean(check, text, ELISION)


# -- typography.english-quotes -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le patron de Meta promet une 'superintelligence' personnelle.", "'superintelligence'"),
        ("« Nous sommes prêts », assure-t-il, évoquant une “nouvelle ère” pour l'entreprise.", "“nouvelle ère”"),
        ("« Nous sommes prêts », dit-il, évoquant une \"nouvelle ère\" pour le groupe.", "\"nouvelle ère\""),
    ],
)
def test_english_quotes_flagged(check, text, expected):
    assert_flags(check, text, QUOTES, expected)


@pytest.mark.parametrize(
    "text",
    [
        "« Le projet est qualifié de “stratégique” en interne », confie un cadre.",
        "« Il m'a dit \"jamais\", puis il a signé », raconte l'investisseur.",
        "L'entreprise d'Elon Musk n'a pas l'intention de vendre.",
        "Aujourd'hui, l'IA est partout, jusqu'aux réfrigérateurs.",
        "Le festival mêle rock 'n' roll et musique électronique.",
        "Le patron de Meta promet une superintelligence « personnelle ».",
    ],
)
def test_english_quotes_not_flagged(check, text):
    assert_clean(check, text, QUOTES)


# -- typography.inconsistent-spacing ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("La part de marché passe de 40 % à 18% en deux ans.", "18%"),
        ("La croissance atteint 5,6 % en Europe, 66 % en Asie et 39% aux États-Unis.", "39%"),
        ("Pourquoi maintenant ? Et pourquoi si vite? La réponse tient au calendrier.", "vite?"),
        ("Quel succès ! Et quelle chute! Le titre a perdu la moitié de sa valeur.", "chute!"),
        ("La marge passe de 12,5\u00a0% à 9,8%.", "9,8%"),
    ],
)
def test_inconsistent_spacing_flagged(check, text, expected):
    assert_flags(check, text, SPACING, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Une hausse de 18% puis de 20% en deux trimestres.",
        "Une hausse de 18\u00a0% puis de 20\u202f% en deux trimestres.",
        "Une hausse de 18% puis de 20%, puis encore de 30 % l'an dernier.",
        "Yahoo! reste une marque connue. Quelle chute !",
        "La marque a été rachetée par Yahoo! en 2013. Quel gâchis !",
        "Qui a gagné ? Personne, selon les analystes.",
    ],
)
def test_inconsistent_spacing_not_flagged(check, text):
    assert_clean(check, text, SPACING)


# -- typography.missing-space-before ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le bénéfice a atteint 10 milliards au quatrième trimestre(contre 8 milliards un an plus tôt).", "trimestre("),
        ("Trois pays sont concernés: la France, l'Allemagne et l'Italie.", "concernés:"),
        ("Le message de Donald Trump: les droits de douane augmenteront.", "Trump:"),
        ("Source: Bloomberg, d'après des documents internes.", "Source:"),
        ("Lire: Galaxy S25, tout ce que l'on sait", "Lire:"),
    ],
)
def test_missing_space_before_flagged(check, text, expected):
    assert_flags(check, text, SPACE_BEFORE_OPEN, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Les salarié(e)s et les client(e)s concerné(e)s seront prévenus.",
        "Les directeur(rice)s de magasin recevront une prime.",
        "Le(s) compte(s) concerné(s) sera(ont) suspendu(s).",
        "Le rendez-vous est fixé à 10:30, heure de Paris.",
        "Trois pays sont concernés : la France, l'Allemagne et l'Italie.",
        "Trois pays sont concernés\u00a0: la France, l'Allemagne et l'Italie.",
        "Le jeu Call of Duty: Black Ops 6 sort en octobre.",
        "Le ratio est de 3:1 en faveur des actionnaires.",
        "Le bénéfice a atteint 10 milliards au quatrième trimestre (contre 8 milliards).",
    ],
)
def test_missing_space_before_not_flagged(check, text):
    assert_clean(check, text, SPACE_BEFORE_OPEN)


# -- whole correct paragraphs: no typography or fluency finding at all ----------------------------------
CLEAN_TEXTS = [
    (
        "M. Musk a annoncé, mardi 12 mars à 10:30, que X.com deviendrait « la plateforme de tout ». "
        "Selon Le Monde, la société a perdu 3,5 % de ses annonceurs ; Les Echos évoquent même 10 %. "
        "Le patron de TSMC, C. C. Wei, s'est dit « prudent » : la demande reste forte, mais l'iPhone ralentit. "
        "Ce qui a été dit lors de la réunion reste confidentiel, et le rapport publié mardi indique une baisse.",
        "txt",
    ),
    (
        "Apple, qui a présenté l'iPhone 16 en septembre, estime qu'Apple Intelligence portera les ventes. "
        "Le PDG de Yahoo a rappelé que la une du journal lui était consacrée. "
        "« Nous nous sommes trompés », reconnaît un cadre ; « vous vous en doutiez ? » "
        "Les client(s) concerné(s) seront remboursés d'ici à la fin du mois.",
        "txt",
    ),
    (
        "Microsoft mise sur .NET et sur Azure\n\n"
        "La société de Redmond a publié jeudi ses résultats trimestriels. Son chiffre d'affaires a progressé "
        "de 16 %, à 65,6 milliards de dollars, porté par le cloud. Les investisseurs, eux, attendaient davantage : "
        "l'action a reculé de 4 % dans les échanges après la clôture.\n\n"
        "Amy Hood, la directrice financière, a prévenu que les investissements du groupe resteraient élevés. "
        "« La demande dépasse nos capacités », a-t-elle expliqué.",
        "txt",
    ),
    (
        "---\ntitle: Nvidia\n---\n\n# Nvidia dépasse les attentes\n\n"
        "Le fabricant de puces a publié mercredi des résultats supérieurs aux attentes. Selon Reuters, "
        "le chiffre d'affaires du trimestre atteint 30 milliards de dollars, en hausse de 122 %.\n\n"
        "## Ce qu'il faut retenir\n\n"
        "- une demande toujours forte pour les GPU H100\n"
        "- des marges brutes proches de 75 %\n"
        "- un rachat d'actions de 50 milliards\n\n"
        "Jensen Huang, le cofondateur, s'est montré confiant pour la suite.\n",
        "md",
    ),
]


@pytest.mark.parametrize("text, fmt", CLEAN_TEXTS)
def test_clean_paragraphs(check, text, fmt):
    found = [(f.rule, f.text) for f in check(text, fmt) if f.rule in OWN_RULES or f.category == "fluency"]
    assert found == []


@pytest.mark.parametrize("text,rule,expected", [
    ("Le ministère canadien de l'industrie soutient le projet.", "typography.institution-capital", "ministère canadien de l'industrie"),
    ("Le Galaxy S9 + sera plus cher.", "typography.model-plus", "S9 +"),
])
def test_name_typography(check, text, rule, expected):
    assert [f.text for f in check(text) if f.rule == rule] == [expected]


@pytest.mark.parametrize("text", [
    "Le ministère de l'Économie finance le projet.",
    "Le ministère de l’Énergie et celui de la Justice.",
    "Le Galaxy S9+ sera plus cher.",
    "On a 2 + 2 = 4 et la formule 1 + x.",
])
def test_name_typography_negatives(check, text):
    assert [f for f in check(text) if f.rule in ("typography.institution-capital", "typography.model-plus")] == []


@pytest.mark.parametrize("text,expected", [
    ("Selon Apple’s porte-parole, rien ne change.", ["Apple’s"]),
    ("Le patron de Nvidia's division cloud s'exprime.", ["Nvidia's"]),
    ("Un menu chez McDonald's, selon Barron's.", []),
    ("Nvidia serait née dans un restaurant Denny's de San José.", []),
    ("L'IA de l'État et l'OCDE s'en inquiètent.", []),
])
def test_english_possessive(check, text, expected):
    assert [f.text for f in check(text) if f.rule == "untranslated.possessive"] == expected


def test_english_possessive_suggestion_elides_before_a_vowel(check):
    found = {f.text: f.suggestion for f in check("Apple’s casque et Nvidia's puces.") if f.rule == "untranslated.possessive"}
    assert found == {"Apple’s": "d'Apple", "Nvidia's": "de Nvidia"}


def test_game_titles_with_an_english_possessive_are_names(check):
    text = "Ubisoft regroupe Assassin's Creed dans une filiale ; Larian a publié Baldur’s Gate 3."
    assert [f for f in check(text) if f.rule == "untranslated.possessive"] == []
