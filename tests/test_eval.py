"""`qc eval`: recall per type, true positives, false alarms, unverified, per-rule table."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from qc.cli import main
from qc.errors import InputError
from qc.evaluation import read_corpus
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "corpus" / "mini.jsonl")


@pytest.fixture
def golden_config(monkeypatch):
    monkeypatch.setenv("QC_CONFIG", str(FIXTURES / "golden" / ".qc.toml"))


def test_eval_json_counts(golden_config):
    result = CliRunner().invoke(main, ["eval", MINI, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["recall"]["name"] == {"gold": 2, "caught": 2, "recall": 1.0}
    assert data["recall"]["idiom"]["caught"] == 0
    assert data["overall"]["true_positives"] == 2
    assert data["overall"]["false_alarms"] == 0
    assert data["rules"]["name.casing"]["precision"] == 1.0
    assert data["misses"][0]["quote"] == "fondée en 2015"


def test_eval_table_and_show(golden_config):
    result = CliRunner().invoke(main, ["eval", MINI, "--show"])
    assert result.exit_code == 0
    assert "name" in result.output and "100%" in result.output
    assert "manquées (1)" in result.output


def test_malformed_corpus_says_where(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": \n')
    with pytest.raises(InputError, match=r"bad\.jsonl:2:\d+: JSON invalide"):
        read_corpus(str(bad))
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code == 2 and "JSON invalide" in result.output
