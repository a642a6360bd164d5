"""The command line: formats (golden files), exit codes, and every bad input."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from qc.cli import main
from tests.conftest import FIXTURES
from tests.golden import assert_golden

GOLDEN = FIXTURES / "golden"


@pytest.fixture
def run(monkeypatch):
    def _run(*args, cwd=GOLDEN, input=None):
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return _run


@pytest.fixture
def isolated(tmp_path):
    """A folder whose .qc.toml uses the fixed test data, like fixtures/golden."""
    (tmp_path / ".qc.toml").write_text((GOLDEN / ".qc.toml").read_text().replace("../", str(FIXTURES) + "/"))
    return tmp_path


def test_text_format_golden(run):
    result = run("check", "article.md")
    assert result.exit_code == 1
    assert_golden(result.output, GOLDEN / "article.text")


def test_json_format_golden(run):
    result = run("check", "--format", "json", "article.md")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"]["findings"] == len(data["files"][0]["findings"]) > 0
    finding = data["files"][0]["findings"][0]
    assert set(finding) == {"rule", "category", "severity", "path", "line", "column", "end_line", "end_column",
                            "offset", "length", "text", "message", "suggestion", "evidence", "confidence"}
    source = (GOLDEN / "article.md").read_text(encoding="utf-8")
    for f in data["files"][0]["findings"]:
        assert source[f["offset"]:f["offset"] + f["length"]] == f["text"]
    assert_golden(result.output, GOLDEN / "article.json")


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "rdjson"])
def test_ci_formats_golden(run, fmt):
    result = run("check", "--format", fmt, "article.md")
    assert result.exit_code == 1
    assert_golden(result.output, GOLDEN / f"article.{fmt}")


def test_sarif_is_valid_and_fingerprints_are_stable(run, tmp_path):
    first = json.loads(run("check", "--format", "sarif", "article.md").output)
    run_ = first["runs"][0]
    assert first["version"] == "2.1.0"
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for res in run_["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["endColumn"] > region["startColumn"]
    # an edit elsewhere in the file shifts lines but keeps fingerprints
    edited = tmp_path / "article.md"
    edited.write_text((GOLDEN / "article.md").read_text().replace("# Musk veut", "Une ligne ajoutée.\n\n# Musk veut"))
    (tmp_path / ".qc.toml").write_text((GOLDEN / ".qc.toml").read_text().replace("../", str(FIXTURES) + "/"))
    second = json.loads(run("check", "--format", "sarif", "article.md", cwd=tmp_path).output)
    fp = lambda doc: [r["partialFingerprints"]["qcFindingHash/v1"] for r in doc["runs"][0]["results"]]
    lines = lambda doc: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in doc["runs"][0]["results"]]
    assert fp(first) == fp(second)
    assert lines(first) != lines(second)


def test_exit_codes_follow_fail_on(run):
    assert run("check", "article.md").exit_code == 1
    assert run("check", "--fail-on", "never", "article.md").exit_code == 0
    assert run("check", "--select", "idiom", "--fail-on", "error", "article.md").exit_code == 0
    assert run("check", "--select", "idiom", "--fail-on", "warning", "article.md").exit_code == 1


def test_clean_text_exits_zero(run):
    result = run("check", "-", input="OpenAI a présenté un nouveau modèle.\n")
    assert result.exit_code == 0, result.output
    assert "0 signalement" in result.output


def test_stdin_is_checked(run):
    result = run("check", "--format", "json", "-", input="Openai a présenté un modèle.\n")
    data = json.loads(result.output)
    assert data["files"][0]["path"] == "<stdin>"
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["name.casing"]


def test_select_ignore_and_severity(run):
    data = json.loads(run("check", "--format", "json", "--select", "name", "--ignore", "name.casing", "article.md").output)
    rules = {f["rule"] for f in data["files"][0]["findings"]}
    assert rules and all(r.startswith("name.") and r != "name.casing" for r in rules)
    data = json.loads(run("check", "--format", "json", "--select", "name.casing", "--severity", "name=info", "article.md").output)
    assert {f["severity"] for f in data["files"][0]["findings"]} == {"info"}


def test_published_option_anchors_relative_dates(run, isolated):
    tmp_path = isolated
    (tmp_path / "a.txt").write_text("Il y a environ huit ans, Musk participait à la fondation d'OpenAI.\n")
    assert run("check", "a.txt", "--published", "2023-04-15", cwd=tmp_path).exit_code == 0
    result = run("check", "a.txt", "--published", "2030-04-15", cwd=tmp_path)
    assert result.exit_code == 1 and "date.contradicts-fact" in result.output


@pytest.mark.parametrize("args,message", [
    (["check", "nope.md"], "nope.md: fichier introuvable"),
    (["check", "--select", "name.nope", "article.md"], "règle inconnue « name.nope »"),
    (["check", "--published", "hier", "article.md"], "AAAA-MM-JJ"),
    (["check", "--format", "xml", "article.md"], "xml"),
])
def test_usage_and_input_errors_exit_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_files_do_not_stop_the_others(run, isolated):
    tmp_path = isolated
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("Société".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ok.txt").write_text("Openai recrute.\n")
    result = run("check", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert "bin.txt: fichier binaire" in result.output
    assert "latin1.txt:1:5: UTF-8 invalide (octet 0xe9)" in result.output
    assert "ok.txt:1:1: error [name.casing]" in result.output


def test_directory_without_articles(run, tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert "aucun fichier à vérifier" in result.output


def test_huge_file_is_refused(run, isolated, monkeypatch):
    tmp_path = isolated
    monkeypatch.setattr("qc.documents.MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("Openai. " * 50)
    result = run("check", str(big))
    assert result.exit_code == 2 and "trop volumineux" in result.output


def test_unreadable_file(run, isolated, monkeypatch):
    tmp_path = isolated
    f = tmp_path / "secret.txt"
    f.write_text("texte")
    real_open = open

    def fake_open(path, *a, **k):
        if str(path) == str(f):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", fake_open)
    result = run("check", str(f))
    assert result.exit_code == 2 and "lecture refusée" in result.output


def test_malformed_config_reports_file_and_line(run, tmp_path):
    (tmp_path / ".qc.toml").write_text('select = ["name"]\nfail-on = \n')
    (tmp_path / "a.txt").write_text("texte\n")
    result = run("check", "a.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert ".qc.toml:2: TOML invalide" in result.output
    assert "Traceback" not in result.output


def test_color_only_on_tty(run, monkeypatch):
    assert "\033[" not in run("check", "article.md").output


def test_rules_lists_and_explains(run):
    result = run("rules")
    assert result.exit_code == 0
    assert "name.mistranslated" in result.output and "idiom.calque" in result.output
    explained = run("rules", "--explain", "name.casing").output
    assert "## Pourquoi est-ce un problème ?" in explained and "## À la place" in explained
    assert run("rules", "--explain", "nope").exit_code == 2


def test_rules_doc_is_up_to_date():
    from qc.rules_doc import rules_markdown
    from tests.conftest import ROOT

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), "run: qc rules --markdown > docs/rules.md"
