"""`qc review` for real, in a pseudo-terminal: one key per action, Ctrl-C, files afterwards."""
from __future__ import annotations

import json
import os
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

pexpect = pytest.importorskip("pexpect", reason="pexpect n'est pas installé (extra dev)")

GOLDEN = FIXTURES / "golden"
ARTICLE = (GOLDEN / "article.md").read_text(encoding="utf-8")
PROMPT = "[q] quitter > "


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".qc.toml").write_text((GOLDEN / ".qc.toml").read_text().replace("../", str(FIXTURES) + "/"))
    return tmp_path


def spawn(cwd):
    env = dict(os.environ, NO_COLOR="1", TERM="dumb", PYTHONPATH=str(ROOT))
    env.pop("QC_CONFIG", None)
    child = pexpect.spawn(sys.executable, ["-m", "qc", "review", "article.md"], cwd=str(cwd), env=env,
                          encoding="utf-8", timeout=90, dimensions=(40, 250))
    child.expect_exact(PROMPT)
    return child


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_keys_edit_the_file(workdir):
    child = spawn(workdir)
    assert "[1/7] article.md:7:26: error [name.casing]" in child.before
    child.send("a")  # no Enter: one key per action
    child.expect_exact(PROMPT)
    assert "remplacé par « OpenAI »" in child.before and "[2/7]" in child.before
    child.send("s")
    child.expect_exact(PROMPT)
    child.send("e")
    child.expect_exact("(vide : annuler) : ")
    child.sendline("2018")
    child.expect_exact(PROMPT)
    assert "[4/7] article.md:11:28: error [name.person-misspelled]" in child.before
    child.send("i")
    child.expect_exact(PROMPT)
    child.send("q")
    child.expect_exact("revue terminée : 1 acceptée(s), 1 passée(s), 1 éditée(s), 1 ignorée(s) ; 3 signalement(s) restant(s)")
    assert finish(child) == 0
    text = (workdir / "article.md").read_text(encoding="utf-8")
    assert text == ARTICLE.replace("concurrencer Openai", "concurrencer OpenAI").replace("OpenAI en 2008", "OpenAI en 2018")
    entries = json.loads((workdir / ".qc-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["text"] for e in entries] == ["Sam Altmann"]
    assert not (workdir / "article.md.qc-bak").exists()


def test_ctrl_c_at_a_key_prompt_keeps_what_was_decided(workdir):
    child = spawn(workdir)
    child.send("a")
    child.expect_exact(PROMPT)
    child.send("\x03")  # the terminal is raw while waiting for a key: Ctrl-C arrives as a character
    child.expect_exact("revue interrompue")
    assert finish(child) == 130
    assert "concurrencer OpenAI avec" in (workdir / "article.md").read_text(encoding="utf-8")
    assert (workdir / "article.md.qc-bak").read_text(encoding="utf-8") == ARTICLE


def test_ctrl_c_while_typing_a_replacement(workdir):
    child = spawn(workdir)
    child.send("i")
    child.expect_exact(PROMPT)
    child.send("e")
    child.expect_exact("(vide : annuler) : ")
    child.send("The Wall")
    child.sendintr()  # a line is being read in cooked mode: Ctrl-C is SIGINT
    child.expect_exact("revue interrompue")
    assert finish(child) == 130
    assert (workdir / "article.md").read_text(encoding="utf-8") == ARTICLE
    entries = json.loads((workdir / ".qc-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["rule"] for e in entries] == ["name.casing"]
