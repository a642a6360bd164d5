"""Configuration discovery and validation."""
from __future__ import annotations

import pytest

from qc.config import discover, load_config_file
from qc.errors import ConfigError
from qc.findings import Severity


def test_discovery_order(tmp_path, monkeypatch):
    monkeypatch.delenv("QC_CONFIG", raising=False)
    monkeypatch.setattr("platformdirs.user_config_dir", lambda name: str(tmp_path / "user"))
    sub = tmp_path / "repo" / "articles" / "2024"
    sub.mkdir(parents=True)
    article = sub / "a.md"
    article.write_text("texte")
    assert discover(str(article)).path is None
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "config.toml").write_text('fail-on = "never"\n')
    assert discover(str(article)).fail_on == "never"
    (tmp_path / "repo" / "setup.cfg").write_text("[tool:qc]\nselect = name, date\nseverity = idiom=info\n")
    cfg = discover(str(article))
    assert cfg.select == ("name", "date") and dict(cfg.severity) == {"idiom": Severity.INFO}
    (tmp_path / "repo" / "articles" / ".qc.toml").write_text('ignore = ["name.casing"]\n')
    assert discover(str(article)).ignore == ("name.casing",)
    explicit = tmp_path / "other.toml"
    explicit.write_text('fail-on = "warning"\n')
    monkeypatch.setenv("QC_CONFIG", str(explicit))
    assert discover(str(article)).fail_on == "warning"
    assert discover(str(article), explicit=str(tmp_path / "user" / "config.toml")).fail_on == "never"


@pytest.mark.parametrize("content,message", [
    ('select = "name"\nfail-on = \n', r"\.qc\.toml:2: TOML invalide"),
    ('colour = "red"\n', r"\.qc\.toml:1: clé inconnue « colour »"),
    ('\n\nfail-on = "sometimes"\n', r"\.qc\.toml:3: fail-on"),
    ('[severity]\nidiom = "loud"\n', r"severity: sévérité inconnue"),
    ('min-confidence = "high"\n', r"min-confidence"),
    ('published = "hier"\n', r"published"),
])
def test_malformed_config(tmp_path, content, message):
    path = tmp_path / ".qc.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config_file(str(path))


def test_pyproject_style_tool_table(tmp_path):
    path = tmp_path / "qc.toml"
    path.write_text('[tool.qc]\nselect = ["name"]\n')
    assert load_config_file(str(path)).select == ("name",)
