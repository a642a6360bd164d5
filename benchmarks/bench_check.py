"""Articles per second and peak memory of `qc check` with every non-model check.

Generates N synthetic articles of about 5 KB: paragraphs of the correct French tech
articles in fixtures/clean/ (real prose, dense in names, dates and amounts), shuffled,
with two or three typical machine-translation errors mixed in. Checks them in-process
with the full fact table and lexicons and prints the throughput. Never asserted in tests.

    python benchmarks/bench_check.py --articles 300 [--repeat 5] [--select name,date]

The machines we measure on are shared and noisy: each pass checks every article,
and the best pass is the throughput figure (as timeit does), the median beside it.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ERRORS = [
    "Selon le Wall Street Journal, Elon Musk prépare une nouvelle levée de fonds pour xAI.",
    "OpenAI a été fondée en décembre 2015 par Sam Altman, Greg Brockman et d'autres chercheurs.",
    "La startup a levé 6 milliards de dollars pour une valorisation de 24 milliards de dollars.",
    "Nvidia a publié mercredi un chiffre d'affaires supérieur aux attentes des analystes.",
    "Les investisseurs restent prudents face à la concurrence croissante dans le cloud.",
    "Le modèle a été entraîné sur des milliers de GPU loués à Oracle.",
    "Microsoft, Alphabet, Meta et Amazon devraient dépenser plus de 300 milliards cette année.",
    "Selon Le journal de Wall Street, Openai veut former des modèles plus puissants.",
    "Cette semaine Business Insider révélé que le magnat avait acheté 10 000 cartes graphiques.",
    "La société se lance dans l'action de l'IA avec des moyens considérables , selon un analyste.",
    "Tim Cook dirige Apple depuis 2011 et défend l'App Store face aux régulateurs européens.",
    "Le PDG a déclaré que la demande en puces restait très forte au troisième trimestre.",
    "« Nous voulons accélérer », explique une source proche du dossier.",
    "Il y a environ huit ans, Musk participait déjà à la fondation d'OpenAI.",
    "Le groupe a présenté un nouveaux processeurs destiné aux centres de données.",
]


def clean_paragraphs() -> list[str]:
    paras = []
    for path in sorted((ROOT / "fixtures" / "clean").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        paras += [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    return paras


def make_articles(folder: Path, n: int, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    pool = clean_paragraphs()
    paths = []
    for i in range(n):
        paras = [" ".join(rng.sample(ERRORS, 3))]
        size = len(paras[0])
        while size < 5000:
            para = rng.choice(pool)
            paras.append(para)
            size += len(para) + 2
        path = folder / f"article-{i:05d}.md"
        path.write_text(f"---\ndate: 2024-05-30\n---\n# Article {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _run(paths: list[Path], options, repeat: int) -> tuple[float, list[float], list]:
    """Start-up time, then the time of each of `repeat` passes over all the articles."""
    from qc.engine import check_paths

    t0 = time.perf_counter()
    list(check_paths([str(paths[0])], options))  # loads data files once
    startup = time.perf_counter() - t0
    passes, results = [], []
    for _ in range(repeat):
        t1 = time.perf_counter()
        results = list(check_paths([str(p) for p in paths], options))
        passes.append(time.perf_counter() - t1)
    return startup, passes, results


def _spacy_stage(paths: list[Path]) -> tuple[float, float, int, int] | None:
    """Seconds to load spaCy and its French model (once per process, on the first
    candidate), ms/article of the spaCy agreement check alone (shared analyses computed
    beforehand), and how many sentences it parsed out of how many: it only parses candidates."""
    from qc.checks.agreement import AgreementCheck, pipeline
    from qc.checks.context import sentence_words
    from qc.documents import load_document
    from qc.engine import Session, Options

    t0 = time.perf_counter()
    nlp = pipeline()
    load = time.perf_counter() - t0
    if nlp is None:
        return None
    nlp("Le modèle est chargé une fois.")
    runner = Session(Options(select=("fluency.agreement",))).runner_for(str(paths[0]))
    check = next(c for c in runner.checks if isinstance(c, AgreementCheck))
    contexts = []
    for p in paths:
        ctx = runner.context(load_document(str(p)))
        sentence_words(ctx)
        contexts.append(ctx)
    t0 = time.perf_counter()
    for ctx in contexts:
        list(check.run(ctx))
    elapsed = time.perf_counter() - t0
    sentences = sum(len(ctx.doc.sentences) for ctx in contexts)
    parsed = sum(len(check.candidates(ctx)) for ctx in contexts)
    return load, elapsed / len(paths) * 1000, parsed, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the articles (5, as timeit); the best and the median are shown")
    parser.add_argument("--select", default=None, help="comma-separated rule selectors")
    args = parser.parse_args()

    from qc.engine import Options

    select = tuple(args.select.split(",")) if args.select else None
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_articles(Path(tmp), args.articles)
        # every non-model check, without the spaCy stage (jobs=1: one core)
        startup, passes, results = _run(paths, Options(select=select, ignore=("fluency.agreement",), jobs=1), args.repeat)
        spacy = _spacy_stage(paths) if select is None else None
    n = len(results)
    best, median = min(passes), statistics.median(passes)
    findings = sum(len(r.findings) for r in results)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        : {n} of ~5 KB, {args.repeat} passes")
    print(f"start-up        : {startup:.2f} s (data files, first article)")
    print(f"throughput      : {n / best:.1f} articles/s on one core, best pass ({best / n * 1000:.1f} ms/article); "
          f"median pass {n / median:.1f} articles/s; without spaCy")
    if spacy is not None:
        load, ms, parsed, sentences = spacy
        print(f"spaCy stage     : +{ms:.2f} ms/article ({parsed} of {sentences} sentences are candidates and parsed); "
              f"loading spaCy took {load:.1f} s, once per process")
    print(f"findings        : {findings}")
    print(f"peak memory     : {peak_mb:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
