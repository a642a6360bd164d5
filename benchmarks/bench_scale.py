"""The figures behind docs/scaling.md: how `qc check` scales with cores, on Ray, and with files.

- throughput: articles/s of `check_paths` with --jobs 1 and --jobs 2 (qc.parallel), and
  with --executor ray on a local Ray instance of --cpus CPUs (qc.ray_executor), on the
  synthetic ~5 KB articles of bench_check.py (start-up included: it is what a run costs);
- memory: max RSS of `python -m qc check --format jsonl --files-from LIST` over 1,000 and
  10,000 of those articles, measured per run with os.wait4, to show that a streamed run
  does not grow with the number of files;
- cache re-run: back-translation of fixtures/clean/ with the test suite's tiny MarianMT
  models, then again unchanged, then with 5 % of the scored sentences edited; the hit
  rate depends on which sentences changed, not on the model, so tiny models suffice.

Never run in tests. Translation speed per core comes from bench_backtranslation.py.

    python benchmarks/bench_scale.py [--articles 600] [--memory 1000,10000] [--cpus 2] [--skip ray,memory,cache]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_check import make_articles  # noqa: E402


def rate(paths: list[str], **options) -> tuple[float, float]:
    """Articles per second and seconds for one run of check_paths over `paths`."""
    from qc.engine import Options, check_paths

    t0 = time.perf_counter()
    done = sum(1 for r in check_paths(paths, Options(**options)) if not r.error)
    seconds = time.perf_counter() - t0
    assert done == len(paths), f"{len(paths) - done} file(s) failed"
    return len(paths) / seconds, seconds


def throughput(paths: list[str], cpus: int, with_ray: bool) -> None:
    rate(paths[:1])  # the compiled data cache (qc.compiled) is built once, outside the timings
    for jobs in (1, 2):
        r, s = rate(paths, jobs=jobs)
        print(f"{f'--jobs {jobs}':<16}: {r:6.1f} articles/s ({s:.1f} s for {len(paths)})")
    if not with_ray:
        return
    from qc import ray_executor

    t0 = time.perf_counter()
    ray_executor.connect(None, cpus)
    print(f"ray start       : {time.perf_counter() - t0:.1f} s (local instance, {cpus} CPUs)")
    r, s = rate(paths, executor="ray", jobs=cpus)
    print(f"ray, cold       : {r:6.1f} articles/s ({s:.1f} s; workers load the data)")
    r, s = rate(paths, executor="ray", jobs=cpus)
    print(f"ray, warm       : {r:6.1f} articles/s ({s:.1f} s; workers keep their session)")
    import ray

    ray.shutdown()


def peak_memory(paths: list[str], counts: list[int], folder: Path, jobs: int) -> None:
    for n in counts:
        listing = folder / f"list-{n}.txt"
        listing.write_text("".join(f"{p}\n" for p in paths[:n]), encoding="utf-8")
        cmd = [sys.executable, "-m", "qc", "check", "--format", "jsonl", "--jobs", str(jobs), "--files-from", str(listing)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        # the findings make qc exit 1; anything else is a failed run
        assert os.waitstatus_to_exitcode(status) in (0, 1), f"qc exited {os.waitstatus_to_exitcode(status)}"
        print(f"memory {n:>6}   : max RSS {usage.ru_maxrss / 1024:5.0f} MB (--jobs {jobs}, jsonl, {n / seconds:.1f} articles/s)")


def cache_rerun(folder: Path, share: float) -> None:
    import warnings

    from qc.engine import Options, check_paths
    from qc.translation import engine
    from tests.translation.conftest import build_tiny_marian

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forward, back = build_tiny_marian(folder / "fr-en", seed=1), build_tiny_marian(folder / "en-fr", seed=2)
    articles = folder / "articles"
    shutil.copytree(ROOT / "fixtures" / "clean", articles)
    counts: Counter[str] = Counter()
    translate = engine.CachedTranslator.translate

    def counting(self, texts, label="traduction"):
        hits, misses = self.hits, self.misses
        out = translate(self, texts, label)
        counts["hits"] += self.hits - hits
        counts["misses"] += self.misses - misses
        return out

    engine.CachedTranslator.translate = counting  # type: ignore[method-assign]
    options = Options(backtranslate=True, bt_forward=str(forward), bt_back=str(back), device="cpu", cache=str(folder / "cache.sqlite"))

    def run(label: str) -> None:
        counts.clear()
        t0 = time.perf_counter()
        list(check_paths([str(articles)], options))
        total = counts["hits"] + counts["misses"]
        print(f"{f'cache, {label}':<16}: {counts['hits']:4d} hits, {counts['misses']:4d} misses "
              f"({100 * counts['hits'] / total:5.1f} % hits, both directions; {time.perf_counter() - t0:.1f} s)")

    run("cold")
    run("unchanged")
    edited, scored = edit_sentences(articles, share)
    print(f"edited          : {edited} of the {scored} scored sentences")
    run("edited")


def edit_sentences(folder: Path, share: float, seed: int = 0) -> tuple[int, int]:
    """Edit `share` of the sentences that back-translation scores, in the files themselves."""
    from qc.documents import load_document
    from qc.translation.stage import MIN_WORDS

    candidates = []  # (file, offset in the file of the sentence's final punctuation)
    for f in sorted(folder.glob("*.md")):
        doc = load_document(str(f))
        for sentence in doc.sentences:
            text = doc.text[sentence.start : sentence.end].rstrip()
            if len(text.split()) >= MIN_WORDS and text[-1:] in ".!?":
                candidates.append((f, doc.offsets[sentence.start + len(text) - 1]))
    chosen = random.Random(seed).sample(candidates, max(1, round(share * len(candidates))))
    for f in sorted({f for f, _ in chosen}):
        text = f.read_text(encoding="utf-8")
        for offset in sorted((o for g, o in chosen if g == f), reverse=True):
            text = text[:offset] + ", selon nos informations" + text[offset:]
        f.write_text(text, encoding="utf-8")
    return len(chosen), len(candidates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600, help="articles for the throughput runs")
    parser.add_argument("--memory", default="1000,10000", help="file counts for the memory runs")
    parser.add_argument("--memory-jobs", type=int, default=2)
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray instance")
    parser.add_argument("--edited", type=float, default=0.05, help="share of sentences edited before the re-run")
    parser.add_argument("--skip", default="", help="comma-separated: ray, memory, cache")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    counts = [int(n) for n in args.memory.split(",")] if "memory" not in skip else []
    print(f"machine         : {len(os.sched_getaffinity(0))} cores, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "articles").mkdir()
        paths = [str(p) for p in make_articles(folder / "articles", max([args.articles, *counts]))]
        print(f"articles        : {len(paths)} synthetic, ~5 KB each (bench_check.make_articles)")
        throughput(paths[: args.articles], args.cpus, "ray" not in skip)
        if counts:
            peak_memory(paths, counts, folder, args.memory_jobs)
        if "cache" not in skip:
            (folder / "bt").mkdir()
            cache_rerun(folder / "bt", args.edited)
    print(f"load after      : {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
