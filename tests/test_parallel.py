"""--jobs: same results as in-process, crash isolation, Ctrl-C; --format jsonl; --files-from."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from qc.cli import main
from qc.engine import Options, check_paths
from tests.conftest import FIXTURES, ROOT

CLEAN = str(FIXTURES / "clean")
ARTICLES = str(FIXTURES / "articles")


def _summary(results):
    return [(r.path, r.error, [f.to_dict() for f in r.findings]) for r in results]


def test_jobs_give_identical_output():
    paths = [CLEAN, ARTICLES, str(FIXTURES / "content-repo"), "missing.md"]
    serial = _summary(check_paths(paths, Options(jobs=1)))
    parallel = _summary(check_paths(paths, Options(jobs=2)))
    assert parallel == serial
    assert any(findings for _, _, findings in serial)
    assert serial[-1][1] == "missing.md: fichier introuvable"


import qc.parallel as parallel  # noqa: E402

_real_check_one = parallel._check_one


def crashing_check(path):
    """Module level, so the pool can send it to a worker by name."""
    if path.endswith("boom.txt"):
        os._exit(9)  # a segfault or an OOM kill looks like this to the pool
    return _real_check_one(path)


def test_a_crashing_worker_fails_only_its_file(monkeypatch, tmp_path):
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text("Openai recrute.\n")
    (tmp_path / "boom.txt").write_text("ce fichier tue son processus\n")
    monkeypatch.setattr(parallel, "_check_one", crashing_check)
    results = list(check_paths([str(tmp_path)], Options(jobs=2)))
    by_name = {os.path.basename(r.path): r for r in results}
    assert set(by_name) == {"a0.txt", "a1.txt", "a2.txt", "a3.txt", "boom.txt"}
    assert "s'est arrêté brutalement" in by_name["boom.txt"].error
    assert all(by_name[f"a{i}.txt"].findings and not by_name[f"a{i}.txt"].error for i in range(4))


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def test_ctrl_c_stops_every_worker(tmp_path):
    for i in range(400):
        (tmp_path / f"a{i:03d}.md").write_text("Selon Le journal de Wall Street, Openai recrute. " * 40 + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "qc", "check", "--jobs", "2", "--format", "jsonl", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline and len(_children(proc.pid)) < 2:
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the pool never started"
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    assert proc.returncode == 130
    time.sleep(0.5)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}") and "zombie" not in open(f"/proc/{w}/status").read()]
    assert alive == []


def test_jsonl_streams_one_object_per_file(tmp_path, monkeypatch):
    monkeypatch.chdir(FIXTURES / "golden")
    result = CliRunner().invoke(main, ["check", "--format", "jsonl", "--jobs", "1", "article.md", "nope.md"])
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [d["path"] for d in lines] == ["article.md", "nope.md"]
    assert lines[0]["findings"] and lines[1]["error"] == "nope.md: fichier introuvable"
    assert result.exit_code == 2


def test_files_from_reads_paths_lazily(tmp_path, monkeypatch):
    monkeypatch.chdir(FIXTURES / "golden")
    listing = tmp_path / "list.txt"
    listing.write_text("# articles du jour\narticle.md\n\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--files-from", str(listing)])
    data = json.loads(result.output)
    assert [f["path"] for f in data["files"]] == ["article.md"]
    result = CliRunner().invoke(main, ["check", "--format", "json", "--files-from", "-"], input="article.md\n")
    assert [f["path"] for f in json.loads(result.output)["files"]] == ["article.md"]
