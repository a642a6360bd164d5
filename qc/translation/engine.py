"""Translating many sentences fast: device, precision, batching, decoding.

The sentences of a whole run arrive at once. They are de-duplicated, looked up in
the cache, sorted by length and cut into batches by a token budget rather than a
fixed count: a batch of short sentences holds many of them, a batch of long ones
few, so padding stays small and memory bounded. Each batch is translated under
`torch.inference_mode` and the results are put back in the caller's order.

Precision follows the device: fp16 weights and inference on CUDA, fp32 on CPU, or
int8 on CPU on request (torch dynamic quantisation of the linear layers: 1.4 to
1.7 times faster here, for a small loss). Greedy decoding unless beams are asked for.

A sentence longer than the input limit is cut at the punctuation (or the space)
nearest its middle, piece by piece, and the translations joined; a single piece
that is still too long is truncated. Both are reported, never done silently.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from qc.errors import ConfigError, ModelError
from qc.translation.cache import TranslationCache
from qc.translation.models import ModelRef

log = logging.getLogger(__name__)

#: source tokens (padding included) per batch
TOKEN_BUDGET = 4096
MAX_INPUT_TOKENS = 256
#: a progress bar only for runs long enough to wait for
PROGRESS_MIN_BATCHES = 4
NEW_TOKENS_RULE = "1.5n+10"
_DEVICE = re.compile(r"^(auto|cpu|cuda(?::\d+)?)$")
_CUTS = re.compile(r"[;:,)]\s+|\s+[—–-]\s+")


def max_new_tokens(input_tokens: int) -> int:
    """Output length allowed for a batch whose longest input has `input_tokens` tokens."""
    return int(1.5 * input_tokens) + 10


@dataclass(frozen=True)
class Decoding:
    """Everything that changes a translation's text besides the model and the input."""

    beams: int = 1
    dtype: str = "float32"  # float32 | int8 | float16
    max_input_tokens: int = MAX_INPUT_TOKENS

    def as_evidence(self) -> dict[str, Any]:
        return {
            "strategy": "greedy" if self.beams == 1 else "beam",
            "beams": self.beams,
            "dtype": self.dtype,
            "max_input_tokens": self.max_input_tokens,
            "max_new_tokens": NEW_TOKENS_RULE,
        }

    def key(self) -> str:
        return json.dumps(self.as_evidence(), sort_keys=True)


def resolve_device(spec: str) -> str:
    """`auto`, `cpu`, `cuda` or `cuda:N` to a torch device name; CUDA must really be there."""
    spec = spec.strip().lower()
    if not _DEVICE.match(spec):
        raise ConfigError(f"--device « {spec} » : auto, cpu, cuda ou cuda:N attendu")
    import torch

    available = torch.cuda.is_available()
    if spec == "auto":
        return "cuda:0" if available else "cpu"
    if spec == "cpu":
        return "cpu"
    if not available:
        build = " (build CPU de torch)" if torch.version.cuda is None else ""
        raise ModelError(f"--device {spec} : torch {torch.__version__} ne voit aucun GPU CUDA{build} ; utilisez --device cpu ou auto")
    index = int(spec.partition(":")[2] or 0)
    if index >= torch.cuda.device_count():
        raise ModelError(f"--device {spec} : seulement {torch.cuda.device_count()} GPU CUDA visible(s)")
    return f"cuda:{index}"


def precision(device: str, int8: bool) -> str:
    if device.startswith("cuda"):
        if int8:
            raise ConfigError("--bt-int8 : la quantification int8 ne s'applique qu'au CPU (sur CUDA, qc calcule en fp16)")
        return "float16"
    return "int8" if int8 else "float32"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def plan_batches(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Indices grouped so that each batch's size times its longest length fits the budget.

    Longest first: the first batch is the most memory-hungry, so an
    out-of-memory error comes at once rather than at the end of a long run.
    """
    batches: list[list[int]] = []
    current: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        if current and (len(current) + 1) * lengths[current[0]] > budget:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def split_long(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut `text` into pieces of at most `limit` tokens, at punctuation near the middle if any."""
    if count(text) <= limit:
        return [text]
    middle = len(text) / 2
    cuts = [m.end() for m in _CUTS.finditer(text)] or [m.end() for m in re.finditer(r"\s+", text)]
    cuts = [c for c in cuts if 0 < c < len(text)]
    if not cuts:
        return [text]  # one unbreakable piece: the caller truncates it
    cut = min(cuts, key=lambda c: abs(c - middle))
    return split_long(text[:cut].rstrip(), count, limit) + split_long(text[cut:].lstrip(), count, limit)


def _quiet_transformers() -> None:
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


class CachedTranslator:
    """The cache in front of a model: only the sentences it does not hold are translated.

    Shared by `Translator` (the model in this process) and
    `qc.ray_executor.ActorTranslator` (models in Ray actors), so that both key, count
    and store translations the same way.
    """

    ref: ModelRef
    device: str
    decoding: Decoding
    cache: TranslationCache | None
    hits: int
    misses: int

    def translate(self, texts: Sequence[str], label: str = "traduction") -> list[str]:
        """Translations of `texts`, in the same order; cached ones are not recomputed."""
        unique = [t for t in dict.fromkeys(texts) if t.strip()]
        done = self.cache.get_many(self.ref.key, self.decoding.key(), unique) if self.cache else {}
        todo = [t for t in unique if t not in done]
        self.hits += len(unique) - len(todo)
        self.misses += len(todo)
        if todo:
            fresh = dict(zip(todo, self._translate(todo, label)))
            if self.cache:
                self.cache.put_many(self.ref.key, self.decoding.key(), fresh.items())
            done.update(fresh)
        return [done.get(t, "") for t in texts]

    def _translate(self, texts: list[str], label: str) -> list[str]:
        """Translations of distinct, uncached, non-blank `texts`, in the same order."""
        raise NotImplementedError


class Translator(CachedTranslator):
    """One MarianMT model loaded on one device, with its cache."""

    def __init__(
        self,
        ref: ModelRef,
        device: str = "cpu",
        beams: int = 1,
        int8: bool = False,
        threads: int | None = None,
        cache: TranslationCache | None = None,
        token_budget: int = TOKEN_BUDGET,
        max_input_tokens: int = MAX_INPUT_TOKENS,
    ):
        import torch

        if beams < 1:
            raise ConfigError(f"--bt-beams {beams} : au moins 1")
        self.ref = ref
        self.device = device
        self.decoding = Decoding(beams, precision(device, int8), max_input_tokens)
        self.cache = cache
        self.token_budget = token_budget
        self.hits = 0
        self.misses = 0
        if device == "cpu":
            torch.set_num_threads(threads or available_cores())
        self.tokenizer, self.model = self._load(torch)

    def _load(self, torch: Any) -> tuple[Any, Any]:
        from transformers import MarianMTModel, MarianTokenizer

        _quiet_transformers()
        dtype = torch.float16 if self.decoding.dtype == "float16" else torch.float32
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses", deprecations
                tokenizer = MarianTokenizer.from_pretrained(self.ref.path, local_files_only=True)
                model = MarianMTModel.from_pretrained(self.ref.path, dtype=dtype, local_files_only=True)
                model.eval()
                if self.decoding.dtype == "int8":
                    model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"{self.ref.path}: chargement du modèle {self.ref.id} impossible ({detail})") from None
        return tokenizer, model.to(self.device)

    # -- the work ----------------------------------------------------------
    def _count(self, text: str) -> int:
        return len(self.tokenizer(text)["input_ids"])

    def _translate(self, texts: list[str], label: str) -> list[str]:
        limit = self.decoding.max_input_tokens
        ids: list[list[int]] = []
        owner: list[int] = []
        split = truncated = 0
        for i, (text, seq) in enumerate(zip(texts, self.tokenizer(texts)["input_ids"])):
            if len(seq) <= limit:
                ids.append(seq)
                owner.append(i)
                continue
            pieces = split_long(text, self._count, limit)
            split += len(pieces) > 1
            for piece in pieces:
                piece_ids = self.tokenizer(piece)["input_ids"]
                if len(piece_ids) > limit:
                    truncated += 1
                    piece_ids = piece_ids[: limit - 1] + piece_ids[-1:]  # keep the end-of-sentence token
                ids.append(piece_ids)
                owner.append(i)
        if split:
            log.warning("%s : %d phrase(s) de plus de %d jetons découpée(s) en morceaux pour la traduction", label, split, limit)
        if truncated:
            log.warning("%s : %d morceau(x) de phrase sans coupure possible tronqué(s) à %d jetons", label, truncated, limit)
        outputs = self._generate(ids, label)
        joined: list[list[str]] = [[] for _ in texts]
        for i, out in zip(owner, outputs):
            joined[i].append(out)
        return [" ".join(parts) for parts in joined]

    def _generate(self, ids: list[list[int]], label: str) -> list[str]:
        import torch
        from tqdm import tqdm

        pad = self.tokenizer.pad_token_id
        outputs: list[str] = [""] * len(ids)
        batches = plan_batches([len(seq) for seq in ids], self.token_budget)
        positions = self.model.config.max_position_embeddings
        forced = int(self.model.generation_config.forced_eos_token_id is not None)
        show = sys.stderr.isatty() and len(batches) >= PROGRESS_MIN_BATCHES
        with torch.inference_mode(), tqdm(total=len(ids), desc=label, unit=" phrases", disable=not show, leave=False, file=sys.stderr) as bar:
            for batch in batches:
                width = max(len(ids[i]) for i in batch)
                input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, i in enumerate(batch):
                    input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
                    mask[row, : len(ids[i])] = 1
                generated = self.model.generate(
                    input_ids=input_ids.to(self.device),
                    attention_mask=mask.to(self.device),
                    num_beams=self.decoding.beams,
                    do_sample=False,
                    # opus-mt configs renormalise the scores: a log-softmax over the whole
                    # vocabulary per step that cannot change a greedy choice
                    renormalize_logits=self.decoding.beams > 1 and self.model.generation_config.renormalize_logits,
                    max_new_tokens=min(max_new_tokens(width), positions - 1),
                )
                # each sentence gets its own length limit, not its batch's (a translation must not
                # depend on its neighbours); Marian forces end-of-sentence on the last allowed step
                rows = [generated[row, : 1 + min(max_new_tokens(len(ids[i])), positions - 1) - forced] for row, i in enumerate(batch)]
                for i, text in zip(batch, self.tokenizer.batch_decode(rows, skip_special_tokens=True)):
                    outputs[i] = text.strip()
                bar.update(len(batch))
        return outputs
