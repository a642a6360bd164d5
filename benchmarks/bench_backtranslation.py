"""Sentences per second of qc's translation engine against naive per-sentence calls.

Builds a MarianMT model with the exact architecture of opus-mt-fr-en (from
../shared/models/tokenizers/opus-mt-fr-en/config.json) and random weights, with a
real opus-mt tokenizer (opus-mt-en-fr's files, French and English swapped; same
59,514-entry vocabulary), then translates 25-token French sentences one way:

- naive: one call per sentence, as `pipeline("translation")` does (transformers 5
  removed that task; its per-call work, tokenise one sentence, generate, decode,
  is then reproduced as is);
- qc's engine (qc.translation.engine.Translator): pooled, length-sorted,
  token-budget batches, in fp32 and int8 on CPU, fp16 on CUDA when present;
- the same sentences again from the SQLite cache.

Random weights never emit end-of-sentence, so every mode is made to generate
exactly 25 tokens per sentence, about what a real model writes for a 25-token
sentence. Each mode runs in its own process, so peak memory (max RSS) is its own.
Never run in tests.

    python benchmarks/bench_backtranslation.py [--sentences 256] [--naive 32] [--threads N]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TOKENIZERS = ROOT.parent / "shared" / "models" / "tokenizers"
TOKENS = 25


def build_model(folder: Path) -> None:
    """opus-mt-fr-en's architecture, random weights, opus-mt-en-fr's tokenizer files reversed."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    config = MarianConfig.from_pretrained(TOKENIZERS / "opus-mt-fr-en")
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(folder)
    real = TOKENIZERS / "opus-mt-en-fr"
    shutil.copy(real / "target.spm", folder / "source.spm")  # French
    shutil.copy(real / "source.spm", folder / "target.spm")  # English
    shutil.copy(real / "vocab.json", folder / "vocab.json")
    (folder / "tokenizer_config.json").write_text(json.dumps({"source_lang": "fr", "target_lang": "en"}))


def sentences(tokenizer, n: int) -> list[str]:
    """n distinct French sentences of exactly TOKENS tokens (end-of-sentence included)."""
    words = []
    for path in sorted((ROOT / "fixtures" / "clean").glob("*.md")):
        words += [w for w in path.read_text(encoding="utf-8").split() if w.isalpha()]
    out: list[str] = []
    start = 0
    while len(out) < n:
        chunk = words[start % len(words) : start % len(words) + 40]
        start += 7
        ids = tokenizer(" ".join(chunk))["input_ids"][: TOKENS - 1]
        text = tokenizer.decode(ids, skip_special_tokens=True)
        if len(tokenizer(text)["input_ids"]) == TOKENS and text not in out:
            out.append(text)
    return out


def fix_output_length(model) -> dict:
    """Generate exactly TOKENS tokens: TOKENS - 1 words, then the end-of-sentence Marian forces.

    The model's own end-of-sentence is ruled out through its output bias, which costs
    nothing per step (a min_new_tokens logits processor would mask the whole vocabulary
    at every step and slow down the batched modes more than the naive one).
    """
    import torch

    with torch.no_grad():
        model.final_logits_bias[..., model.config.eos_token_id] = -1e4
    return {"max_new_tokens": TOKENS, "num_beams": 1, "do_sample": False}


def gemm_rate(threads: int) -> float:
    """GFLOP/s of one fp32 output projection (128 x 512 by 512 x 59514): what this machine gives now."""
    import torch

    torch.set_num_threads(threads)
    a, w = torch.randn(128, 512), torch.randn(59514, 512)
    torch.nn.functional.linear(a, w)
    t0 = time.perf_counter()
    for _ in range(5):
        torch.nn.functional.linear(a, w)
    return 5 * 2 * 128 * 512 * 59514 / (time.perf_counter() - t0) / 1e9


def run_mode(mode: str, folder: Path, n: int, naive_n: int, threads: int) -> dict:
    import torch

    from qc.translation import engine
    from qc.translation.cache import TranslationCache
    from qc.translation.engine import Translator
    from qc.translation.models import locate

    warnings.simplefilter("ignore")
    torch.set_num_threads(threads)
    ref = locate(str(folder))
    result: dict = {"mode": mode}
    if mode == "naive":
        from transformers import MarianMTModel, MarianTokenizer, pipeline

        engine._quiet_transformers()
        tokenizer = MarianTokenizer.from_pretrained(folder)
        model = MarianMTModel.from_pretrained(folder).eval()
        kwargs = fix_output_length(model)
        texts = sentences(tokenizer, naive_n)
        try:
            pipe = pipeline("translation", model=model, tokenizer=tokenizer, device=-1)
            translate = lambda s: pipe(s, **kwargs)[0]["translation_text"]  # noqa: E731
            result["baseline"] = 'pipeline("translation")'
        except KeyError:  # transformers 5: the task is gone; the same work per call
            def translate(s: str) -> str:
                with torch.inference_mode():
                    return tokenizer.decode(model.generate(**tokenizer(s, return_tensors="pt"), **kwargs)[0], skip_special_tokens=True)
            result["baseline"] = "per-sentence tokenize+generate+decode (pipeline('translation') removed in transformers 5)"
        translate(texts[0])  # warm-up
        t0 = time.perf_counter()
        for s in texts:
            translate(s)
        result["rate"] = len(texts) / (time.perf_counter() - t0)
    else:
        device = "cuda:0" if mode == "fp16" else "cpu"
        engine.max_new_tokens = lambda _: TOKENS  # random weights: a fixed output length for every mode
        cache_path = Path(tempfile.mkdtemp()) / "bench.sqlite"
        with TranslationCache(cache_path) as cache:
            translator = Translator(ref, device, int8=mode == "int8", threads=threads, cache=cache)
            fix_output_length(translator.model)
            texts = sentences(translator.tokenizer, n + 8)
            translator.translate(texts[:8])  # warm-up, not timed
            t0 = time.perf_counter()
            translator.translate(texts[8:])
            result["rate"] = n / (time.perf_counter() - t0)
            t0 = time.perf_counter()
            translator.translate(texts[8:])
            result["cached_rate"] = n / (time.perf_counter() - t0)
            result["cache_hits"] = translator.hits
        shutil.rmtree(cache_path.parent)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=256, help="sentences per engine mode")
    parser.add_argument("--naive", type=int, default=32, help="sentences for the naive baseline")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (default: cores available)")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    args = parser.parse_args()
    from qc.translation.engine import available_cores

    threads = args.threads or available_cores()
    if args.mode:
        print(json.dumps(run_mode(args.mode, Path(args.model), args.sentences, args.naive, threads)))
        return
    if not (TOKENIZERS / "opus-mt-fr-en" / "config.json").is_file() or not (TOKENIZERS / "opus-mt-en-fr" / "vocab.json").is_file():
        sys.exit(f"bench: {TOKENIZERS} is missing the opus-mt-fr-en config or the opus-mt-en-fr tokenizer")
    import torch

    modes = ["naive", "fp32", "int8"] + (["fp16"] if torch.cuda.is_available() else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "opus-mt-fr-en-random"
        t0 = time.perf_counter()
        build_model(folder)
        print(f"model           : opus-mt-fr-en architecture, random weights, real tokenizer ({time.perf_counter() - t0:.1f} s to build)")
        print(f"machine         : {available_cores()} cores available, {threads} threads, torch {torch.__version__}, "
              f"load {os.getloadavg()[0]:.1f}, fp32 GEMM {gemm_rate(threads):.0f} GFLOP/s")
        print(f"sentences       : {TOKENS} tokens in, {TOKENS} tokens out; {args.sentences} per engine mode, {args.naive} naive")
        results = {}
        for mode in modes:
            cmd = [sys.executable, __file__, "--mode", mode, "--model", str(folder), "--sentences", str(args.sentences),
                   "--naive", str(args.naive), "--threads", str(threads)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            results[mode] = json.loads(out.strip().splitlines()[-1])
    naive = results["naive"]["rate"]
    print(f"naive baseline  : {results['naive']['baseline']}")
    for mode, r in results.items():
        line = f"{mode:<6} one way   : {r['rate']:7.1f} sentences/s  ({r['rate'] / naive:5.1f}x naive)  peak {r['peak_mb']:.0f} MB"
        print(line)
    for mode, r in results.items():
        if "cached_rate" in r:
            print(f"{mode:<6} cache hits: {r['cached_rate']:9.0f} sentences/s  ({r['cache_hits']} hits)")


if __name__ == "__main__":
    main()
