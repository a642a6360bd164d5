"""ReviewSession driven by scripted keys: every action, what it writes, and what survives an interruption."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from qc.config import load_config_file
from qc.engine import Options, Runner
from qc.errors import ConfigError, InputError
from qc.facts.table import read_tables
from qc.review import ReviewSession, _Decided, entity_override
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden"
ARTICLE = (GOLDEN / "article.md").read_text(encoding="utf-8")
CONFIG = (GOLDEN / ".qc.toml").read_text().replace("../", str(FIXTURES) + "/")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A copy of the golden article and its fixed-data configuration."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".qc.toml").write_text(CONFIG)
    return tmp_path


def configure(folder: Path, review: str, facts_extra: str = "") -> None:
    config = CONFIG.replace('sample.yaml"]', f'sample.yaml"{facts_extra}]', 1) if facts_extra else CONFIG
    (folder / ".qc.toml").write_text(config + "\n[review]\n" + review)


class Script:
    """Answers read_key/read_line from lists and records what the session writes."""

    def __init__(self, keys: str, lines: tuple[str, ...] = ()):
        self.keys = list(keys)
        self.lines = list(lines)
        self.out: list[str] = []

    def read_key(self, prompt: str) -> str:
        self.out.append(prompt)
        key = self.keys.pop(0) if self.keys else ""
        if key == "!":
            raise KeyboardInterrupt
        return key

    def read_line(self, prompt: str) -> str:
        self.out.append(prompt)
        return self.lines.pop(0) if self.lines else ""

    @property
    def text(self) -> str:
        return "".join(self.out)

    def asked(self) -> list[str]:
        """The findings shown, as `line:col rule`."""
        return re.findall(r"^\[\d+/\d+\] \S+?:(\d+:\d+): \w+ \[([\w.\-]+)\]", self.text, re.M)


def review(path: str, keys: str, lines: tuple[str, ...] = ()) -> tuple[ReviewSession, Script]:
    script = Script(keys, lines)
    session = ReviewSession(path, Options(), read_key=script.read_key, read_line=script.read_line, write=script.out.append)
    session.run()
    return session, script


def rules_left(folder: Path, name: str = "article.md") -> list[str]:
    from qc.engine import check_paths

    return [f.rule for r in check_paths([str(folder / name)]) for f in r.findings]


def test_accept_applies_every_suggestion_and_removes_the_backup(workdir):
    session, script = review("article.md", "aaaa")
    text = (workdir / "article.md").read_text(encoding="utf-8")
    assert "# Musk veut concurrencer OpenAI avec" in text
    assert "Selon The Wall Street Journal, Elon Musk" in text
    assert "d'OpenAI en 2018, veut" in text
    assert "ceux de Sam Altman." in text
    assert session.counts["a"] == 4
    assert not (workdir / "article.md.qc-bak").exists()
    assert "revue terminée : 4 acceptée(s) ; 3 signalement(s) restant(s)" in script.text


def test_each_finding_is_asked_once_even_when_edits_shift_offsets(workdir):
    session, script = review("article.md", "sasasss")
    assert script.asked() == [
        ("7:26", "name.casing"), ("9:7", "name.mistranslated"), ("10:59", "date.contradicts-fact"),
        ("11:28", "name.person-misspelled"), ("13:15", "idiom.calque"),
        ("13:59", "typography.space-before-punctuation"), ("14:1", "idiom.calque"),
    ]
    assert "[7/7]" in script.text
    assert rules_left(workdir) == ["name.casing", "date.contradicts-fact", "idiom.calque",
                                   "typography.space-before-punctuation", "idiom.calque"]


def test_edit_by_hand_and_cancelled_edit(workdir):
    session, script = review("article.md", "eeq", ("", "OpenAI Inc."))
    assert "édition annulée" in script.text
    assert "# Musk veut concurrencer OpenAI Inc. avec" in (workdir / "article.md").read_text(encoding="utf-8")
    assert script.asked()[:2] == [("7:26", "name.casing"), ("9:7", "name.mistranslated")]


def test_unknown_key_and_unavailable_action_ask_again(workdir):
    (workdir / "a.txt").write_text("Comme l'a révélé Openai , la société recrute.\n", encoding="utf-8")
    session, script = review("a.txt", "zfsq")
    assert "touche inconnue « z »" in script.text
    assert "configurez [review] facts-file" in script.text
    assert script.asked()[0] == ("1:18", "name.casing")


def test_ignore_into_the_baseline(workdir):
    review("article.md", "siq")
    data = json.loads((workdir / ".qc-baseline.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["rule"], e["text"]) for e in data["findings"]] == [
        ("article.md", "name.mistranslated", "Le journal de Wall Street")]
    assert (workdir / "article.md").read_text(encoding="utf-8") == ARTICLE
    # a new session does not ask again, and `qc check --baseline` drops it
    _, script = review("article.md", "q")
    assert script.asked() == [("7:26", "name.casing")]
    from click.testing import CliRunner

    from qc.cli import main

    result = CliRunner().invoke(main, ["check", "--format", "json", "--baseline", ".qc-baseline.json", "article.md"])
    assert "name.mistranslated" not in result.output and "name.casing" in result.output


def test_ignore_as_inline_suppressions(workdir):
    configure(workdir, 'ignore = "suppression"\n')
    review("article.md", "iiisii")
    lines = (workdir / "article.md").read_text(encoding="utf-8").split("\n")
    assert lines[6:18] == [
        # a heading after a blank line: a comment line of its own
        "<!-- qc-disable-next-line name.casing -->",
        "# Musk veut concurrencer Openai avec sa propre société",
        "",
        "<!-- qc-disable-next-line name.mistranslated -->",
        # inside a paragraph: at the end of the line above, so the paragraph is not split
        "Selon Le journal de Wall Street, Elon Musk prépare une nouvelle levée de fonds pour xAI."
        " <!-- qc-disable-next-line date.contradicts-fact -->",
        "Le milliardaire, qui a décidé de se dissocier d'OpenAI en 2008, veut désormais former des modèles",
        "plus puissants que ceux de Sam Altmann.",
        "",
        # two findings on one line: one directive naming both rules
        "<!-- qc-disable-next-line idiom.calque typography.space-before-punctuation -->",
        "La startup se lance dans l'action de l'IA avec des moyens considérables , et ses concurrents",
        "sont excités par cette nouvelle rivalité. Le code source de l'exemple est `musk.py` et la",
        "documentation se trouve sur https://example.org/docs.",
    ]
    assert rules_left(workdir) == ["name.person-misspelled", "idiom.calque"]


def test_suppression_in_html_and_baseline_for_text(workdir):
    configure(workdir, 'ignore = "suppression"\n')
    (workdir / "a.html").write_text("<article>\n  <p>Openai recrute.</p>\n</article>\n", encoding="utf-8")
    review("a.html", "i")
    assert (workdir / "a.html").read_text(encoding="utf-8") == (
        "<article>\n  <!-- qc-disable-next-line name.casing -->\n  <p>Openai recrute.</p>\n</article>\n")
    assert rules_left(workdir, "a.html") == []
    (workdir / "a.txt").write_text("Openai recrute.\n", encoding="utf-8")
    _, script = review("a.txt", "i")
    assert "les fichiers .txt n'ont pas de commentaires" in script.text
    assert (workdir / ".qc-baseline.json").exists()


def test_add_the_flagged_form_to_the_facts_file(workdir):
    configure(workdir, 'facts-file = "facts/local.yaml"\n')
    _, script = review("article.md", "fssfq")
    assert "ajouté aux formes acceptées de openai dans facts/local.yaml" in script.text
    assert "ajoutez ce fichier à `facts`" in script.text
    assert script.asked() == [("7:26", "name.casing"), ("9:7", "name.mistranslated"), ("10:59", "date.contradicts-fact"),
                              ("11:28", "name.person-misspelled"), ("13:15", "idiom.calque")]
    local = workdir / "facts" / "local.yaml"
    data = yaml.safe_load(local.read_text(encoding="utf-8"))
    assert [(e["id"], e["accepted"]) for e in data["entities"]] == [("openai", ["Openai"]), ("sam-altman", ["Altman", "Sam Altmann"])]
    # a valid data file (docs/data-format.md) that, once listed in `facts`, silences the forms
    _, problems = read_tables([str(FIXTURES / "facts" / "sample.yaml"), str(local)])
    assert problems == []
    configure(workdir, 'facts-file = "facts/local.yaml"\n', ', "facts/local.yaml"')
    assert "name.casing" not in rules_left(workdir) and "name.person-misspelled" not in rules_left(workdir)


def test_facts_file_entries_are_replaced_not_duplicated(workdir):
    configure(workdir, 'facts-file = "facts/local.yaml"\n', ', "facts/local.yaml"')
    (workdir / "facts").mkdir()
    (workdir / "facts" / "local.yaml").write_text("")
    (workdir / "a.txt").write_text("Openai recrute. Xai aussi. OPENai encore.\n", encoding="utf-8")
    review("a.txt", "fff")
    data = yaml.safe_load((workdir / "facts" / "local.yaml").read_text(encoding="utf-8"))
    assert [(e["id"], e["accepted"]) for e in data["entities"]] == [("openai", ["Openai", "OPENai"]), ("xai", ["X.AI", "Xai"])]
    assert rules_left(workdir, "a.txt") == []


def test_entity_override_drops_the_form_from_bad_forms():
    runner = Runner(load_config_file(str(GOLDEN / ".qc.toml")), Options())
    wsj = runner.resources.facts.entities["wall-street-journal"]
    entry = entity_override(wsj, "TWSJ")
    assert entry["accepted"] == ["Wall Street Journal", "WSJ", "TWSJ"]
    assert "bad" not in entry
    assert entry["examples"]["bad"] == ["Selon Le journal de Wall Street, la société lève des fonds."]
    assert entry["examples"]["good"] == ["Selon le Wall Street Journal, la société lève des fonds."]


def test_ctrl_c_keeps_every_decision_and_the_backup(workdir):
    script = Script("ai!")
    session = ReviewSession("article.md", read_key=script.read_key, read_line=script.read_line, write=script.out.append)
    with pytest.raises(KeyboardInterrupt):
        session.run()
    assert "# Musk veut concurrencer OpenAI avec" in (workdir / "article.md").read_text(encoding="utf-8")
    assert (workdir / ".qc-baseline.json").exists()
    assert (workdir / "article.md.qc-bak").read_text(encoding="utf-8") == ARTICLE
    # the next session refuses to overwrite the backup of the interrupted one...
    with pytest.raises(InputError, match=r"article\.md\.qc-bak existe déjà"):
        review("article.md", "q")
    # ...unless it is the same as the file (interrupted before any change)
    (workdir / "article.md.qc-bak").write_bytes((workdir / "article.md").read_bytes())
    review("article.md", "q")
    assert not (workdir / "article.md.qc-bak").exists()


def test_file_changed_outside_the_session_is_not_overwritten(workdir):
    script = Script("a")

    def read_key(prompt: str) -> str:
        (workdir / "article.md").write_text(ARTICLE + "\nAjout.\n", encoding="utf-8")
        return script.read_key(prompt)

    session = ReviewSession("article.md", read_key=read_key, read_line=script.read_line, write=script.out.append)
    with pytest.raises(InputError, match="modifié hors de qc review"):
        session.run()
    assert (workdir / "article.md").read_text(encoding="utf-8").endswith("Ajout.\n")


def test_bom_and_crlf_are_kept(workdir):
    (workdir / "a.md").write_bytes("\ufeffOpenai recrute.\r\nXai aussi.\r\n".encode())
    review("a.md", "aa")
    assert (workdir / "a.md").read_bytes() == "\ufeffOpenAI recrute.\r\nxAI aussi.\r\n".encode()


@pytest.mark.parametrize("review_table,message", [
    ('ignore = "poubelle"\n', "ignore: « poubelle » (baseline ou suppression)"),
    ('couleur = "rouge"\n', "clé inconnue « couleur »"),
    ("baseline = 3\n", "baseline: un chemin est attendu"),
])
def test_bad_review_configuration(workdir, review_table, message):
    configure(workdir, review_table)
    with pytest.raises(ConfigError, match=re.escape(message)):
        review("article.md", "q")


@pytest.mark.parametrize("start,removed,added,expected", [
    (0, 0, 5, 15),  # insertion before
    (10, 0, 5, 15),  # insertion right at the span: it moves
    (20, 3, 0, 10),  # edit after: unchanged
    (12, 4, 1, None),  # edit inside: forgotten
    (2, 8, 3, 5),  # replacement ending where the span starts
])
def test_decided_spans_follow_edits(start, removed, added, expected):
    moved = _Decided("r", 10, 4).shifted(start, removed, added)
    assert (moved.offset if moved else None) == expected
