"""`qc facts expand`: literal renderings of names written as known bad forms."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from qc.cli import main
from qc.facts.table import Entity, read_tables
from qc.translation.expand import Rendering, literal_forms, write
from tests.conftest import FIXTURES


class Literal:
    """An en→fr 'model' that renders names the way MT systems do."""

    def translate(self, texts, label=""):
        table = {"The Wall Street Journal": "Le journal de Wall Street.", "The Verge": "Le bord", "OpenAI": "Openai",
                 "xAI": "xAI"}
        return [table.get(t, t) for t in texts]


def test_literal_forms_skip_accepted_forms_and_case_variants():
    table, _ = read_tables([str(FIXTURES / "facts" / "sample.yaml")])
    found = {r.entity.id: (r.form, r.ambiguous) for r in literal_forms(table, Literal())}  # type: ignore[arg-type]
    assert found["wall-street-journal"] == ("Le journal de Wall Street", False)
    assert found["verge"] == ("Le bord", True)  # ordinary French: fires only as a name
    assert "openai" not in found and "xai" not in found  # case only (name.casing) or the name itself
    assert "elon-musk" not in found  # people are not translated


def test_written_file_is_a_valid_user_facts_file(tmp_path):
    entity = Entity("verge", "publication", "The Verge", source="https://en.wikipedia.org/wiki/The_Verge", checked="2026-12-01")
    out = tmp_path / "literal.yaml"
    assert write(str(out), [Rendering(entity, "Le bord", True)], "m@1") == 1
    assert write(str(out), [Rendering(entity, "Le bord", True)], "m@1") == 0  # already there
    table, problems = read_tables([str(out)])
    assert problems == []
    (bad,) = table.entities["verge"].bad
    assert (bad.form, bad.ambiguous, bad.note) == ("Le bord", True, "traduction littérale de m@1")
    assert table.entities["verge"].examples.bad == ("Selon Le bord, l'entreprise prépare une annonce.",)
    assert out.read_text(encoding="utf-8").startswith("# Formes littérales ajoutées par `qc facts expand` (m@1")


def test_facts_expand_command_with_a_local_model(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("QC_CONFIG", str(FIXTURES / "golden" / ".qc.toml"))
    out = tmp_path / "literal.yaml"
    result = CliRunner().invoke(main, ["facts", "expand", "--model", str(tiny_models[1]), "--output", str(out), "--device", "cpu", "--threads", "1"])
    assert result.exit_code == 0, result.output
    assert "forme(s) littérale(s) ajoutée(s)" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    ids = {e["id"] for e in data["entities"]}
    assert ids and ids <= {"wall-street-journal", "verge", "openai", "xai", "x-com", "paypal"}  # no people
    table, problems = read_tables([str(FIXTURES / "facts" / "sample.yaml"), str(out)])
    assert problems == []
    assert all(any(b.note.startswith("traduction littérale de ") for b in table.entities[i].bad) for i in ids)
