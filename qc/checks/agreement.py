"""Agreement broken by the translation, confirmed by the French spaCy pipeline.

"pour commencer avec la prochaine grande changements": a singular determiner and a
plural noun. A cheap lexical test picks candidate sentences (a singular determiner
followed within three words by a plural-looking word); only those go through
fr_core_news_sm, whose morphology must confirm the mismatch (determiner, adjectives,
noun in a row). Without the `spacy` extra the rule reports nothing.
"""
from __future__ import annotations

import contextlib
import functools
import sys
from typing import Any, Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import sentence_words
from qc.documents.model import Sentence
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import lemma

AGREEMENT = Rule(
    "fluency.agreement", "fluency", Severity.WARNING,
    "Déterminant et nom qui ne s'accordent pas (« la prochaine grande changements »).",
    "Un déterminant singulier suivi d'un nom pluriel (ou l'inverse) trahit une phrase recomposée par la "
    "traduction. Analyse morphologique de spaCy (fr_core_news_sm), sur les seules phrases candidates ; "
    "demande l'extra `spacy` (pip install 'qc[spacy]').",
    "pour commencer avec la prochaine grande changements",
    "pour préparer les prochains grands changements",
)

_SINGULAR_DET = frozenset("le la un une ce cet cette son sa mon ma ton ta notre votre leur".split())
#: adjectives that stand before the noun; the cheap test lets only these between determiner and noun
_PRENOMINAL = frozenset(
    "grand grande grands grandes petit petite petits petites nouveau nouvel nouvelle nouveaux nouvelles prochain "
    "prochaine prochains prochaines premier première premiers premières dernier dernière derniers dernières seul "
    "seule seuls seules même mêmes autre autres bon bonne bons bonnes gros grosse meilleur meilleure meilleurs "
    "meilleures principal principale principaux principales jeune jeunes vieux vieille beau belle haut haute "
    "faible faibles fort forte forts fortes important importante importants importantes".split()
)
_WINDOW = 3


@functools.lru_cache(maxsize=1)
def pipeline() -> Any | None:
    """fr_core_news_sm with only what gives POS and morphology (tok2vec, morphologizer,
    attribute_ruler): the dependency parser, lemmatizer and NER would double the cost of a
    sentence and add nothing the check reads. None when spaCy or the model is missing."""
    # a spaCy plug-in that needs torch fails without it: then load again, with torch
    for load_context in (_without_torch, contextlib.nullcontext):
        try:
            with load_context():
                import spacy

                return spacy.load("fr_core_news_sm", disable=["ner", "parser", "lemmatizer"])
        except (ImportError, OSError):
            continue
    return None


@contextlib.contextmanager
def _without_torch() -> Iterator[None]:
    """While spaCy loads, `import torch` fails, unless torch is loaded already.

    spaCy's thinc imports torch only to offer PyTorch layers, which fr_core_news_sm does
    not use; importing torch made loading spaCy take 3 s more (4.2 s instead of 1.2 s
    here). POS and morphology are identical either way (616 sentences of the dev
    corpora and fixtures). Afterwards torch imports as usual (back-translation)."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        del sys.modules["torch"]


def _plural_looking(word: str) -> bool:
    return len(word) > 3 and word[-1] in "sx" and lemma(word) != word and word.isalpha() and word.islower()


@register
class AgreementCheck(Check):
    rules = (AGREEMENT,)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        candidates = self.candidates(ctx)
        if not candidates:
            return
        nlp = pipeline()
        if nlp is None:
            return
        for sentence, parsed in zip(candidates, nlp.pipe(doc.text[s.start : s.end] for s in candidates)):
            yield from self._mismatches(ctx, sentence.start, parsed)

    def candidates(self, ctx: Context) -> list[Sentence]:
        """The sentences worth parsing: spaCy costs a millisecond a sentence."""
        return [
            sentence for sentence, words in zip(ctx.doc.sentences, sentence_words(ctx))
            if not _SINGULAR_DET.isdisjoint(words.norms)
            and any(self._candidate(words.norms, i) for i, norm in enumerate(words.norms) if norm in _SINGULAR_DET)
        ]

    @staticmethod
    def _candidate(norms: list[str], i: int) -> bool:
        """A singular determiner, prenominal adjectives only, then a plural-looking word."""
        j = i + 1
        while j < len(norms) and j - i <= _WINDOW and norms[j] in _PRENOMINAL:
            j += 1
        return j < len(norms) and _plural_looking(norms[j])

    def _mismatches(self, ctx: Context, offset: int, parsed: Any) -> Iterable[Finding]:
        for i, det in enumerate(parsed):
            if det.pos_ != "DET" or det.morph.get("Number") != ["Sing"] or det.lower_ not in _SINGULAR_DET:
                continue
            j = i + 1
            while j < len(parsed) and parsed[j].pos_ == "ADJ" and j - i <= _WINDOW:
                j += 1
            if j >= len(parsed) or parsed[j].pos_ != "NOUN" or parsed[j].morph.get("Number") != ["Plur"]:
                continue
            if not _plural_looking(parsed[j].lower_):
                continue
            start, end = offset + det.idx, offset + parsed[j].idx + len(parsed[j].text)
            text = ctx.doc.text[start:end]
            yield ctx.finding(
                AGREEMENT, start, end,
                f"« {text} » : « {det.text} » est singulier, « {parsed[j].text} » pluriel ; la phrase a sans doute été mal recomposée.",
                None, {"parser": "fr_core_news_sm"}, confidence=0.8,
            )
