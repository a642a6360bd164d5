"""End to end, as CI runs qc on a content repository: changed files, baseline, SARIF."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from qc.cli import main
from tests.conftest import FIXTURES


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "content-repo", root)
    toml = root / ".qc.toml"
    toml.write_text(toml.read_text().replace("../", str(FIXTURES) + "/"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "articles")
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(root)
    monkeypatch.delenv("QC_CONFIG", raising=False)
    return root


def qc(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_clean_repository_passes(repo):
    result = qc("check", ".")
    assert result.exit_code == 0, result.output
    assert "brouillon" not in result.output  # drafts are excluded


def test_changed_files_baseline_and_sarif(repo):
    article = repo / "articles" / "2024" / "xai-levee.md"
    article.write_text(article.read_text() + "Openai , de son côté, sont excités.\n")
    (repo / "articles" / "2024" / "nouveau.md").write_text("# Nouveau\n\nSelon Le journal de Wall Street, rien.\n")

    result = qc("check", "--changed", "--format", "json", ".")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert sorted(f["path"] for f in data["files"]) == ["articles/2024/nouveau.md", "articles/2024/xai-levee.md"]

    lines = json.loads(qc("check", "--changed", "main", "--changed-lines", "--format", "json", ".").output)
    changed = {(f["path"], f["line"]) for r in lines["files"] for f in r["findings"]}
    assert ("articles/2024/xai-levee.md", 9) in changed and all(line >= 9 for p, line in changed if "xai" in p)

    assert qc("baseline", "create", ".", "-o", "baseline.json").exit_code == 0
    assert qc("check", "--baseline", "baseline.json", ".").exit_code == 0

    article.write_text(article.read_text().replace("# xAI", "Une ligne ajoutée en tête.\n\n# xAI") + "Openai recrute aussi.\n")
    result = qc("check", "--baseline", "baseline.json", "--format", "sarif", ".")
    sarif = json.loads(result.output)
    new = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]) for r in sarif["runs"][0]["results"]]
    assert new == [("name.casing", "Openai")]
    assert result.exit_code == 1


def test_changed_without_changes_checks_nothing(repo):
    result = qc("check", "--changed", ".")
    assert result.exit_code == 0, result.output
    assert "0 signalement(s) dans 0 fichier(s)" in result.output


def test_changed_with_unknown_ref_is_a_clean_error(repo):
    result = qc("check", "--changed", "nope", ".")
    assert result.exit_code == 2 and "git diff" in result.output
