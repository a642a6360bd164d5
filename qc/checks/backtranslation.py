"""Back-translation rules: declared here so `qc rules` lists and explains them.

Their findings need every sentence of the run at once (batched translation,
run-level calibration), so they come from the run-level stage in
qc/translation/stage.py, which `qc.engine.check_paths` calls; the per-document
`run` has nothing to do. They are off by default: `--backtranslate` turns on the
model-based rules, `--source FILE` the comparisons with the original.
"""
from __future__ import annotations

from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.findings import Finding, Severity
from qc.resources import Resources

LOW_ROUNDTRIP = Rule(
    "backtranslation.low-roundtrip", "backtranslation", Severity.WARNING,
    "Phrase qui ne survit pas à l'aller-retour vers la langue source et retour (chrF bas).",
    explanation=(
        "qc traduit la phrase vers la langue de l'original (anglais, espagnol) puis de nouveau en français "
        "avec MarianMT, et mesure avec chrF ce qui reste de la phrase. Une phrase au sens déformé, "
        "tronquée ou incohérente revient très différente. Elle est signalée quand son score est bas à la "
        "fois dans l'absolu (seuil --bt-threshold) et par rapport aux autres phrases du lancement "
        "(z-score robuste, médiane et MAD). Les preuves du signalement donnent le score, le seuil, "
        "l'aller, le retour, les modèles et leurs révisions, le décodage et la signature sacrebleu."
    ),
    example_bad="Cette semaine Business Insider révélé que le magnat avait acheté 10 000 cartes graphiques.",
    example_good="Cette semaine, Business Insider a révélé que le milliardaire avait acheté 10 000 cartes graphiques.",
    default_enabled=False,
)
SOURCE_MISMATCH = Rule(
    "backtranslation.source-mismatch", "backtranslation", Severity.WARNING,
    "Phrase dont la traduction automatique s'éloigne de la phrase correspondante de l'original (--source).",
    explanation=(
        "Avec --source, qc aligne les phrases de l'article et de l'original, traduit chaque phrase française "
        "vers la langue de l'original et la compare (chrF) à la phrase alignée. Un score bas dans l'absolu et "
        "par rapport au reste de l'article signale un contresens, un ajout ou une omission."
    ),
    example_bad="Original : « Musk left OpenAI's board in 2018. » — Traduction : « Musk a rejoint le conseil d'OpenAI. »",
    example_good="Original : « Musk left OpenAI's board in 2018. » — Traduction : « Musk a quitté le conseil d'OpenAI en 2018. »",
    default_enabled=False,
)
SOURCE_NUMBER = Rule(
    "backtranslation.source-number", "backtranslation", Severity.ERROR,
    "Montant ou nombre différent de celui de la phrase correspondante de l'original (--source).",
    explanation=(
        "Les nombres des deux phrases alignées sont comparés avec leur échelle (« 6 milliards » = « 6 billion », "
        "« 1,5 million » = « 1.5 million »). Un nombre de la traduction absent de l'original, alors que "
        "l'original en donne un autre, est presque toujours une erreur (billion traduit par « billion », "
        "chiffre mal recopié)."
    ),
    example_bad="Original : « OpenAI raised $6 billion. » — Traduction : « OpenAI a levé 6 billions de dollars. »",
    example_good="Original : « OpenAI raised $6 billion. » — Traduction : « OpenAI a levé 6 milliards de dollars. »",
    default_enabled=False,
)
SOURCE_DATE = Rule(
    "backtranslation.source-date", "backtranslation", Severity.ERROR,
    "Année différente de celle de la phrase correspondante de l'original (--source).",
    explanation="Une année de la traduction absente de la phrase alignée de l'original, qui en donne une autre.",
    example_bad="Original : « Musk left OpenAI in 2018. » — Traduction : « Musk a quitté OpenAI en 2008. »",
    example_good="Original : « Musk left OpenAI in 2018. » — Traduction : « Musk a quitté OpenAI en 2018. »",
    default_enabled=False,
)
SOURCE_NAME = Rule(
    "backtranslation.source-name", "backtranslation", Severity.WARNING,
    "Nom propre proche mais différent de celui de l'original (--source) : faute de frappe ou de casse.",
    explanation=(
        "Un mot à majuscule de la traduction absent de la phrase alignée de l'original mais très proche d'un nom "
        "de celle-ci (une ou deux lettres, ou la casse seule : « Altmann », « Openai ») est signalé. Les formes "
        "françaises des lieux (Californie, Japon) et les mots français ne le sont pas."
    ),
    example_bad="Original : « Sam Altman runs OpenAI. » — Traduction : « Sam Altmann dirige Openai. »",
    example_good="Original : « Sam Altman runs OpenAI. » — Traduction : « Sam Altman dirige OpenAI. »",
    default_enabled=False,
)
RULES = (LOW_ROUNDTRIP, SOURCE_MISMATCH, SOURCE_NUMBER, SOURCE_DATE, SOURCE_NAME)
#: the rules that need no model, only the original article
SOURCE_RULES = (SOURCE_NUMBER.id, SOURCE_DATE.id, SOURCE_NAME.id)


def selectors(backtranslate: bool, source: bool) -> tuple[str, ...]:
    """Rule selectors a run turns on: all of them with a model, the model-free ones with --source only."""
    if backtranslate:
        return ("backtranslation",)
    return SOURCE_RULES if source else ()


@register
class BacktranslationCheck(Check):
    rules = RULES

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        return ()  # the run-level stage (qc/translation/stage.py) produces these findings
