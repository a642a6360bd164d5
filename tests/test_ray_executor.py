"""--executor ray: same results as in-process, a failing task isolated, back-translation
on actors, and clear errors when Ray is missing or its cluster out of reach.

Starting Ray takes seconds: one local instance of 2 CPUs serves the whole module.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import warnings

import pytest
from click.testing import CliRunner

from qc.cli import main
from qc.engine import Options, check_paths
from tests.conftest import FIXTURES, ROOT

PATHS = [str(FIXTURES / "clean"), str(FIXTURES / "articles"), str(FIXTURES / "content-repo"), "missing.md"]


def _summary(results):
    return [(r.path, r.error, [f.to_dict() for f in r.findings]) for r in results]


@pytest.fixture(scope="module")
def ray_instance():
    pytest.importorskip("ray", reason="extra qc[ray] non installé")
    from qc import ray_executor
    from qc.errors import ExecutorError

    try:
        started = ray_executor.connect(None, 2)
    except ExecutorError as exc:
        pytest.skip(f"Ray ne démarre pas ici : {exc}")
    yield
    if started:
        import ray

        ray.shutdown()


def test_findings_are_identical_to_in_process(ray_instance, monkeypatch):
    from qc import ray_executor

    # small batches and window: several tasks in flight, results reordered
    monkeypatch.setattr(ray_executor, "BATCH", 3)
    monkeypatch.setattr(ray_executor, "TASKS_PER_CPU", 1)
    serial = _summary(check_paths(PATHS, Options(jobs=1)))
    on_ray = _summary(check_paths(PATHS, Options(executor="ray")))
    assert on_ray == serial
    assert len(serial) > 2 * 3 * 2 and any(findings for _, _, findings in serial)
    assert serial[-1][1] == "missing.md: fichier introuvable"


def test_a_failing_task_fails_only_its_files(ray_instance, monkeypatch, tmp_path):
    from qc import ray_executor

    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text("Openai recrute.\n")
    (tmp_path / "boom.txt").write_text("ce fichier tue son processus\n")
    (tmp_path / "bug.txt").write_text("ce fichier révèle un bogue\n")
    real = ray_executor._check_batch

    def failing(options, cwd, paths):
        """Defined here, so Ray ships it by value to its workers."""
        if any(p.endswith("boom.txt") for p in paths):
            os._exit(9)  # a segfault or an OOM kill looks like this to Ray
        if any(p.endswith("bug.txt") for p in paths):
            raise RuntimeError("bogue")
        return real(options, cwd, paths)

    monkeypatch.setattr(ray_executor, "_check_batch", failing)
    results = list(check_paths([str(tmp_path)], Options(executor="ray")))
    by_name = {os.path.basename(r.path): r for r in results}
    assert list(by_name) == ["a0.txt", "a1.txt", "a2.txt", "a3.txt", "boom.txt", "bug.txt"]
    assert "s'est arrêté brutalement" in by_name["boom.txt"].error
    assert by_name["bug.txt"].error.endswith("erreur interne pendant la vérification (RuntimeError: bogue)")
    assert all(by_name[f"a{i}.txt"].findings and not by_name[f"a{i}.txt"].error for i in range(4))


def test_a_task_that_fails_makes_the_run_exit_2(ray_instance, tmp_path, monkeypatch):
    from qc import ray_executor

    (tmp_path / "a.txt").write_text("Openai recrute.\n")

    def crash(options, cwd, paths):
        os._exit(9)

    monkeypatch.setattr(ray_executor, "_check_batch", crash)
    result = CliRunner().invoke(main, ["check", "--executor", "ray", "--format", "jsonl", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "s'est arrêté brutalement" in result.stderr


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    import transformers

    from tests.translation.conftest import build_tiny_marian

    transformers.utils.logging.set_verbosity_error()
    root = tmp_path_factory.mktemp("models")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_tiny_marian(root / "fr-en", seed=1), build_tiny_marian(root / "en-fr", seed=2)


def test_backtranslation_on_actors_matches_in_process(ray_instance, tiny_models, tmp_path, monkeypatch):
    from qc import ray_executor

    # several calls per model, to one actor per model (two threads take both CPUs): spawning
    # an actor costs seconds, and the forward model's actor is freed for the back model's
    monkeypatch.setattr(ray_executor, "SENTENCES_PER_CALL", 2)
    (tmp_path / "a.txt").write_text("OpenAI a levé des fonds auprès de Microsoft cette année.\n\nLa startup recrute en Europe.\n")
    (tmp_path / "b.md").write_text("---\ndate: 2024-05-30\n---\n# Titre\n\nNvidia publie des résultats supérieurs aux attentes.\n")
    forward, back = map(str, tiny_models)
    bt = dict(backtranslate=True, bt_forward=forward, bt_back=back, device="cpu", bt_threshold=100)
    local = _summary(check_paths([str(tmp_path)], Options(cache=str(tmp_path / "local.sqlite"), threads=1, **bt)))
    cache = tmp_path / "ray.sqlite"
    on_ray = _summary(check_paths([str(tmp_path)], Options(executor="ray", cache=str(cache), threads=2, **bt)))
    assert on_ray == local
    assert any(f["rule"] == "backtranslation.low-roundtrip" for _, _, findings in local for f in findings)
    with sqlite3.connect(cache) as conn:  # the driver filled the cache with what the actors sent back
        rows = conn.execute("SELECT count(*) FROM translations").fetchone()[0]
    assert rows > 0
    # a re-run finds every sentence in the driver's cache: no actor is even created
    monkeypatch.setattr(ray_executor, "_TranslatorActor", None)
    again = _summary(check_paths([str(tmp_path)], Options(executor="ray", cache=str(cache), threads=2, **bt)))
    assert again == local


def test_without_ray_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if not installed
    result = CliRunner().invoke(main, ["check", "--executor", "ray", str(FIXTURES / "articles")])
    assert result.exit_code == 2
    assert result.stderr == "qc: --executor ray : Ray n'est pas installé (installez l'extra : pip install 'qc[ray]')\n"
    assert result.stdout == ""


def test_an_unreachable_cluster_is_a_one_line_error():
    pytest.importorskip("ray", reason="extra qc[ray] non installé")
    article = str(FIXTURES / "articles")
    out = subprocess.run([sys.executable, "-m", "qc", "check", "--executor", "ray", "--ray-address", "127.0.0.1:1", article],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.startswith("qc: --ray-address 127.0.0.1:1 : cluster Ray injoignable (") and out.stderr.count("\n") == 1


def test_ray_address_needs_the_ray_executor():
    result = CliRunner().invoke(main, ["check", "--ray-address", "head:6379", str(FIXTURES / "articles")])
    assert result.exit_code == 2 and "--executor ray" in result.output
