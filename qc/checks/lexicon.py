"""Calques, false friends and wrong technical terms, from the lexicon data files.

The knowledge is in qc/lexicons/data/*.yaml; this check only runs the patterns
on every sentence and words the findings.
"""
from __future__ import annotations

import functools
from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.findings import Finding, Severity
from qc.lexicons.lexicon import Lexicon, document_topics
from qc.resources import Resources
from qc.checks.context import sentence_words

RULES = (
    Rule(
        "idiom.calque", "idiom", Severity.WARNING,
        "Calque ou idiome déformé par la traduction automatique (anglais, espagnol).",
        explanation=(
            "Une tournure traduite mot à mot de l'anglais ou de l'espagnol se lit couramment mais "
            "n'est pas du français idiomatique, ou ne veut pas dire ce que disait l'original. "
            "Chaque entrée du lexique (qc/lexicons/data/idioms-*.yaml) explique le calque et propose "
            "une tournure française."
        ),
        example_bad="Il ajoute de la pression à la course déjà bondée.",
        example_good="Il ajoute de la pression à une course déjà très disputée.",
    ),
    Rule(
        "idiom.false-friend", "idiom", Severity.WARNING,
        "Faux ami : mot français employé dans le sens d'un mot anglais ou espagnol proche.",
        explanation=(
            "Les faux amis (actually/actuellement, eventually/éventuellement, to support/supporter) "
            "changent le sens de la phrase. Le lexique qc/lexicons/data/false-friends.yaml décrit "
            "chaque cas avec le contexte où le mot est fautif."
        ),
        example_bad="Le logiciel supporte désormais le format PDF.",
        example_good="Le logiciel prend désormais en charge le format PDF.",
    ),
    Rule(
        "terminology.wrong-term", "terminology", Severity.WARNING,
        "Terme technique faux (IA, tech, finance) dans son sens technique.",
        explanation=(
            "La traduction automatique choisit souvent le sens courant d'un mot technique : on "
            "« entraîne » un modèle d'IA (training), on ne le « forme » pas ; un éditeur de logiciel "
            "n'est pas un « fabricant ». Le glossaire qc/lexicons/data/terminology.yaml ne signale le "
            "terme que dans son contexte technique."
        ),
        example_bad="OpenAI a formé son modèle sur des milliards de pages.",
        example_good="OpenAI a entraîné son modèle sur des milliards de pages.",
    ),
    Rule(
        "fluency.awkward", "fluency", Severity.INFO,
        "Tournure maladroite typique de la traduction automatique.",
        explanation="Entrées de lexique qui signalent des lourdeurs plutôt que des fautes.",
        example_bad="La hausse de la demande continuera à se poursuivre.",
        example_good="La hausse de la demande se poursuivra.",
    ),
)


@register
class LexiconCheck(Check):
    rules = RULES

    def __init__(self, resources: Resources):
        self.resources = resources

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        return self.resources.lexicon(frozenset(rule for rule in self.resources.lexicons if rule in self.enabled))  # type: ignore[no-any-return]

    def run(self, ctx: Context) -> Iterable[Finding]:
        if not self.lexicon.entries:
            return
        doc = ctx.doc
        for entry, m in self.lexicon.find(doc.text, doc.sentences, sentence_words(ctx), lambda: document_topics(doc.text)):
            yield ctx.finding(
                self.rule(entry.rule), m.flag_start, m.flag_end, entry.message, entry.suggestion,
                evidence={"entry": entry.key, "source_lang": entry.source_lang},
                severity=entry.severity,
            )
