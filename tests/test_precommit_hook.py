"""The pre-commit hook shipped in .pre-commit-hooks.yaml."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def test_manifest_structure():
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["qc"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["entry"] == "qc check --fail-on error"
    assert hook.get("pass_filenames", True)
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("a.md", "b/c.markdown", "d.html", "e.htm", "f.txt"))
    assert not any(files.search(p) for p in ("setup.py", "a.md.bak", "style.css", "a.json"))


def test_manifest_is_valid_for_pre_commit():
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit n'est pas installé")
    assert clientlib.load_manifest(str(MANIFEST))[0]["id"] == "qc"


def _git(cwd: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="qc", GIT_AUTHOR_EMAIL="qc@example.org",
               GIT_COMMITTER_NAME="qc", GIT_COMMITTER_EMAIL="qc@example.org")
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git n'est pas installé")
def test_try_repo_fails_on_a_bad_article_and_passes_a_good_one(tmp_path):
    """pre-commit runs the real hook definition from a hook repository.

    Installing qc itself in pre-commit's environment would download torch and the
    models, so the hook repository holds the real .pre-commit-hooks.yaml and a
    stand-in package whose `qc` command runs this interpreter's qc.
    """
    pytest.importorskip("pre_commit", reason="pre-commit n'est pas installé")
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    shutil.copy(MANIFEST, hook_repo / ".pre-commit-hooks.yaml")
    (hook_repo / "qc_stand_in.py").write_text(
        "import os, sys\n\n\ndef main():\n"
        f"    os.execv({sys.executable!r}, [{sys.executable!r}, '-m', 'qc', *sys.argv[1:]])\n"
    )
    (hook_repo / "setup.py").write_text(
        "from setuptools import setup\n\nsetup(name='qc-stand-in', version='0', py_modules=['qc_stand_in'],\n"
        "      entry_points={'console_scripts': ['qc = qc_stand_in:main']})\n"
    )
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", ".")
    _git(hook_repo, "commit", "-q", "-m", "hook")

    site = tmp_path / "site"
    site.mkdir()
    (site / ".qc.toml").write_text((FIXTURES / "golden" / ".qc.toml").read_text().replace("../", str(FIXTURES) + "/"))
    (site / "bon.md").write_text("OpenAI a présenté un nouveau modèle.\n", encoding="utf-8")
    (site / "notes.py").write_text("print('Openai')\n")
    _git(site, "init", "-q")
    _git(site, "add", ".")

    # PIP_NO_BUILD_ISOLATION=0 builds the stand-in with the setuptools of pre-commit's
    # fresh virtualenv instead of fetching one into an isolated build environment
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), PIP_NO_BUILD_ISOLATION="0")
    env.pop("QC_CONFIG", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "qc", "--all-files"]
    good = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=600)
    assert good.returncode == 0, good.stdout + good.stderr

    (site / "mauvais.md").write_text("Selon Le journal de Wall Street, Openai recrute.\n", encoding="utf-8")
    _git(site, "add", ".")
    bad = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "mauvais.md:1:7: error [name.mistranslated]" in bad.stdout
    assert "mauvais.md:1:34: error [name.casing]" in bad.stdout
    assert "notes.py" not in bad.stdout and "bon.md:" not in bad.stdout
