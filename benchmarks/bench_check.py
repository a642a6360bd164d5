"""Articles per second and peak memory of `qc check` with every non-model check.

Generates N synthetic articles of about 5 KB: paragraphs of the correct French tech
articles in fixtures/clean/ (real prose, dense in names, dates and amounts), shuffled,
with two or three typical machine-translation errors mixed in. Checks them in-process
with the full fact table and lexicons and prints the throughput. Never asserted in tests.

    python benchmarks/bench_check.py --articles 300 [--select name,date]
"""
from __future__ import annotations

import argparse
import random
import resource
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


def _run(paths: list[Path], options) -> tuple[float, float, list]:
    from qc.engine import check_paths

    t0 = time.perf_counter()
    list(check_paths([str(paths[0])], options))  # loads data files (and spaCy) once
    t1 = time.perf_counter()
    results = list(check_paths([str(p) for p in paths], options))
    return t1 - t0, time.perf_counter() - t1, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--select", default=None, help="comma-separated rule selectors")
    args = parser.parse_args()

    from qc.checks.agreement import pipeline
    from qc.engine import Options

    select = tuple(args.select.split(",")) if args.select else None
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_articles(Path(tmp), args.articles)
        # every non-model check, without the spaCy stage (jobs=1: one core)
        startup, elapsed, results = _run(paths, Options(select=select, ignore=("fluency.agreement",), jobs=1))
        with_spacy = _run(paths, Options(select=select, jobs=1)) if pipeline() is not None else None
    findings = sum(len(r.findings) for r in results)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        : {len(results)} of ~5 KB")
    print(f"start-up        : {startup:.2f} s (data files, first article)")
    print(f"throughput      : {len(results) / elapsed:.1f} articles/s on one core ({elapsed / len(results) * 1000:.1f} ms/article), without spaCy")
    if with_spacy is not None:
        extra = (with_spacy[1] - elapsed) / len(results) * 1000
        print(f"spaCy stage     : +{extra:.1f} ms/article on candidate sentences ({len(results) / with_spacy[1]:.1f} articles/s with it; model load {with_spacy[0]:.1f} s)")
    print(f"findings        : {findings}")
    print(f"peak memory     : {peak_mb:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
