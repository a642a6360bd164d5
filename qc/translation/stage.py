"""The run-level back-translation step: every sentence of the run at once.

`qc.engine.check_paths` builds a `Stage` before checking any file, so that a bad
`--device` or a missing `--bt-forward` directory fails at once, then hands it the
checked documents. Sentences of all files are pooled (one batched translation,
one calibration for the run), scored, and the findings go back to each document
through its own `Context`, so their positions are exact and the document's
configuration (severities, ignored rules, suppressions) applies.

Settings come from the command line (`Options`) over the `[backtranslation]`
table of the configuration that governs the first checked path.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from qc.checks.backtranslation import LOW_ROUNDTRIP, SOURCE_DATE, SOURCE_MISMATCH, SOURCE_NAME, SOURCE_NUMBER
from qc.checks.base import Context
from qc.documents import PLACEHOLDER, Document, load_document
from qc.errors import ConfigError
from qc.findings import Finding
from qc.translation import align, scoring
from qc.translation.cache import TranslationCache, default_path
from qc.translation.engine import MAX_INPUT_TOKENS, TOKEN_BUDGET, CachedTranslator, Translator, precision, resolve_device
from qc.translation.models import ModelRef, default_pair, locate, models_dir

if TYPE_CHECKING:
    from qc.engine import Options

log = logging.getLogger(__name__)

#: shorter sentences (titles, captions) give chrF scores too noisy to judge
MIN_WORDS = 4
LANGUAGES = {"en": "anglais", "es": "espagnol"}
_DIFF_RULES = {"number": SOURCE_NUMBER, "year": SOURCE_DATE, "name": SOURCE_NAME}


@dataclass(frozen=True)
class Settings:
    backtranslate: bool = False
    forward: str | None = None
    back: str | None = None
    device: str = "auto"
    threads: int | None = None
    beams: int = 1
    int8: bool = False
    cache: str | None = None  # None: the user cache dir
    no_cache: bool = False
    source: str | None = None
    models_dir: str | None = None
    token_budget: int = TOKEN_BUDGET
    max_tokens: int = MAX_INPUT_TOKENS
    calibration: scoring.Calibration = field(default_factory=scoring.Calibration)

    @property
    def active(self) -> bool:
        return self.backtranslate or self.source is not None


#: [backtranslation] keys: type, Settings field (calibration keys go to Calibration)
_KEYS: dict[str, tuple[type, str]] = {
    "enabled": (bool, "backtranslate"), "forward": (str, "forward"), "back": (str, "back"), "device": (str, "device"),
    "threads": (int, "threads"), "beams": (int, "beams"), "int8": (bool, "int8"), "cache": (str, "cache"),
    "models-dir": (str, "models_dir"), "token-budget": (int, "token_budget"), "max-tokens": (int, "max_tokens"),
    "threshold": (float, "threshold"), "z-threshold": (float, "z_threshold"), "min-sentences": (int, "min_sentences"),
}
_PATH_KEYS = {"cache", "models_dir"}
_CALIBRATION = {f.name for f in fields(scoring.Calibration)}


def read_settings(table: Any, config_path: str | None) -> Settings:
    """Settings from a `[backtranslation]` table; relative paths are relative to the config file."""
    where = f"{config_path or 'configuration'}: [backtranslation]"
    if table is None:
        return Settings()
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: une table est attendue")
    base = Path(config_path).parent if config_path else Path.cwd()
    values: dict[str, Any] = {}
    calibration: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in _KEYS:
            raise ConfigError(f"{where}: clé inconnue « {raw_key} » ({', '.join(_KEYS)})")
        kind, name = _KEYS[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ConfigError(f"{where}: {raw_key} : {kind.__name__} attendu, pas « {value} »")
        if name in _PATH_KEYS or (name in ("forward", "back") and (base / value).is_dir()):
            value = str(base / Path(value).expanduser())
        (calibration if name in _CALIBRATION else values)[name] = value
    return Settings(**values, calibration=scoring.Calibration(**calibration))


def merge(settings: Settings, options: Options) -> Settings:
    """Command-line options (qc.engine.Options) over the configuration."""
    values = {
        "backtranslate": options.backtranslate, "forward": options.bt_forward, "back": options.bt_back,
        "device": options.device, "threads": options.threads, "beams": options.beams, "int8": options.int8,
        "cache": options.cache, "source": options.source,
    }
    merged = replace(settings, **{k: v for k, v in values.items() if v is not None}, no_cache=options.no_cache)
    if options.bt_threshold is not None:
        merged = replace(merged, calibration=replace(merged.calibration, threshold=options.bt_threshold))
    return merged


@dataclass
class _Unit:
    """One French sentence to score."""

    doc: int
    start: int
    end: int
    text: str


class Stage:
    def __init__(self, settings: Settings, actors: Callable[..., CachedTranslator] | None = None):
        """`actors` (qc.ray_executor.actor_translators) builds translators whose models run
        in Ray actors: the cluster, not this process, then decides which device they use."""
        self.settings = settings
        self._new_translator = actors or Translator
        self._refs: dict[str, ModelRef] = {}
        self._translators: dict[str, CachedTranslator] = {}
        self._cache: TranslationCache | None = None
        if settings.backtranslate:
            self.device = settings.device if actors else resolve_device(settings.device)
            precision(self.device, settings.int8)  # --bt-int8 on CUDA: refuse before any work
            for ref in (settings.forward, settings.back):
                if ref:
                    self._locate(ref)

    # -- models ------------------------------------------------------------
    def _locate(self, ref: str) -> ModelRef:
        if ref not in self._refs:
            self._refs[ref] = locate(ref, models_dir(self.settings.models_dir))
        return self._refs[ref]

    def _translator(self, ref: str) -> CachedTranslator:
        model = self._locate(ref)
        if model.key not in self._translators:
            if self._cache is None and not self.settings.no_cache:
                self._cache = TranslationCache(self.settings.cache or default_path())
            s = self.settings
            self._translators[model.key] = self._new_translator(
                model, self.device, s.beams, s.int8, s.threads, self._cache, s.token_budget, s.max_tokens
            )
        return self._translators[model.key]

    def _pair(self, lang: str) -> tuple[CachedTranslator, CachedTranslator | None]:
        """Forward (French to `lang`) and back translators; no back one when comparing with the source."""
        forward, back, need_back = self.settings.forward, self.settings.back, self.settings.source is None
        if not forward or (need_back and not back):
            default_forward, default_back = default_pair(lang)
            forward, back = forward or default_forward, back or default_back
        return self._translator(forward), self._translator(back) if need_back and back else None

    # -- the run -------------------------------------------------------------
    def run(self, docs: Sequence[tuple[Document, Context, frozenset[str]]]) -> list[list[Finding]]:
        """Extra findings for each (document, context, enabled rule ids), in the same order."""
        try:
            if self.settings.source is not None:
                return self._against_source(docs)
            return self._roundtrip(docs)
        finally:
            if self._cache is not None:
                self._cache.close()

    def _roundtrip(self, docs: Sequence[tuple[Document, Context, frozenset[str]]]) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in docs]
        if not self.settings.backtranslate:
            return out
        by_lang: dict[str, list[_Unit]] = {}
        for k, (doc, _, enabled) in enumerate(docs):
            if LOW_ROUNDTRIP.id in enabled:
                by_lang.setdefault((doc.source_lang or "en").lower(), []).extend(_units(doc, k))
        for lang, units in by_lang.items():
            forward, back = self._pair(lang)
            assert back is not None
            there = forward.translate([u.text for u in units], f"fr→{lang}")
            again = back.translate(there, f"{lang}→fr")
            scores = [scoring.chrf(r, u.text) for u, r in zip(units, again)]
            verdicts = scoring.judge(scores, self.settings.calibration)
            models = {"forward": _model(forward), "back": _model(back)}
            for unit, verdict, mid, final in zip(units, verdicts, there, again):
                if verdict.flagged:
                    ctx = docs[unit.doc][1]
                    message = (
                        f"Phrase mal conservée par l'aller-retour français → {LANGUAGES.get(lang, lang)} → français "
                        f"({_score_text(verdict, self.settings.calibration)}) : sens à vérifier. Aller : « {_excerpt(mid)} »"
                    )
                    evidence = self._evidence(verdict, len(units), lang, models, forward) | {"backtranslation": mid, "roundtrip": final}
                    out[unit.doc].append(ctx.finding(LOW_ROUNDTRIP, unit.start, unit.end, message, evidence=evidence))
        return out

    def _against_source(self, docs: Sequence[tuple[Document, Context, frozenset[str]]]) -> list[list[Finding]]:
        if len(docs) != 1:
            raise ConfigError(f"--source : un seul article à comparer à son original ({len(docs)} fichiers donnés)")
        doc, ctx, enabled = docs[0]
        source_doc = load_document(self.settings.source)
        lang = doc.source_lang or source_doc.meta.get("lang") or "en"
        french = [doc.text[s.start : s.end] for s in doc.sentences]
        original = [source_doc.text[s.start : s.end] for s in source_doc.sentences]
        beads = align.align(original, french, lang)
        problem = align.alignment_problem(beads, len(original), len(french))
        if problem:
            log.warning("%s : alignement avec %s incertain (%s) : comparaison avec l'original abandonnée", doc.path, self.settings.source, problem)
            return [[]]
        forward: CachedTranslator | None = None
        there: list[str] = []
        if self.settings.backtranslate:
            forward = self._pair(lang)[0]
            there = forward.translate(french, f"fr→{lang}")
        found: list[Finding] = []
        pairs = []
        for bead in (b for b in beads if b.source and b.french):
            src_text = " ".join(original[i] for i in bead.source)
            fr_parts = [(doc.sentences[j].start, french[j]) for j in bead.french]
            mt = " ".join(there[j] for j in bead.french) if forward else None
            for d in align.diff(fr_parts, src_text, lang, mt):
                rule = _DIFF_RULES[d.kind]
                if rule.id in enabled:
                    found.append(ctx.finding(rule, d.start, d.end, _diff_message(d), d.suggestion, evidence={
                        "source": self.settings.source, "source_sentence": src_text, "source_values": list(d.source),
                    }))
            if mt is not None:
                pairs.append((bead, src_text, mt))
        if forward is not None and SOURCE_MISMATCH.id in enabled:
            scores = [scoring.chrf(mt, src) for _, src, mt in pairs]
            for (bead, src_text, mt), verdict in zip(pairs, scoring.judge(scores, self.settings.calibration)):
                if verdict.flagged:
                    start, end = doc.sentences[bead.french[0]].start, doc.sentences[bead.french[-1]].end
                    message = (
                        f"La traduction automatique de cette phrase s'éloigne de l'original ({_score_text(verdict, self.settings.calibration)}). "
                        f"Original : « {_excerpt(src_text)} »"
                    )
                    evidence = self._evidence(verdict, len(pairs), lang, {"forward": _model(forward)}, forward) | {
                        "backtranslation": mt, "source": self.settings.source, "source_sentence": src_text,
                    }
                    found.append(ctx.finding(SOURCE_MISMATCH, start, end, message, evidence=evidence))
        return [found]

    def _evidence(self, verdict: scoring.Verdict, n: int, lang: str, models: dict[str, Any], translator: CachedTranslator) -> dict[str, Any]:
        return {
            "score": verdict.score,
            "metric": "chrF2",
            "z": verdict.z,
            **self.settings.calibration.as_evidence(),
            "sentences": n,
            "source_lang": lang,
            "models": models,
            "decoding": translator.decoding.as_evidence() | {"device": translator.device},
            "signature": scoring.signature(),
        }


def _units(doc: Document, k: int) -> list[_Unit]:
    units = []
    for s in doc.sentences:
        text = " ".join(doc.text[s.start : s.end].replace(PLACEHOLDER, " ").split())
        if len(text.split()) >= MIN_WORDS:
            units.append(_Unit(k, s.start, s.end, text))
    return units


def _model(translator: CachedTranslator) -> dict[str, str]:
    return {"id": translator.ref.id, "revision": translator.ref.revision}


def _excerpt(text: str, limit: int = 160) -> str:
    """Quoted text for a message; the evidence keeps it whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _score_text(verdict: scoring.Verdict, calibration: scoring.Calibration) -> str:
    text = f"chrF {_number(verdict.score)} sous le seuil {calibration.threshold:g}"
    return text + (f", z = {_number(verdict.z)}" if verdict.z is not None else "")


def _diff_message(d: align.Diff) -> str:
    theirs = ", ".join(f"« {s} »" for s in d.source)
    if d.kind == "name":
        return f"« {d.text} » : l'original écrit {theirs}."
    what = "Année « {} » absente" if d.kind == "year" else "Nombre « {} » absent"
    return f"{what.format(d.text)} de la phrase originale, qui donne {theirs}."
