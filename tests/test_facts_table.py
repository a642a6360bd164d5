"""`qc facts validate`: schema and references, reported as file:line: field: problem."""
from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from qc.cli import main
from qc.facts.table import default_files, read_tables

GOOD_ENTITY = """\
  - id: acme
    kind: company
    name: AcmeCorp
    source: https://example.org/acme
    checked: 2026-12-01
    examples:
      good: ["AcmeCorp recrute."]
"""


def _write(tmp_path, body: str):
    path = tmp_path / "facts.yaml"
    path.write_text(textwrap.dedent(body))
    return str(path)


def _problems(tmp_path, body: str) -> list[str]:
    _, problems = read_tables([_write(tmp_path, body)])
    return problems


def test_default_table_is_valid_and_large_enough():
    table, problems = read_tables(default_files())
    assert problems == []
    assert len(table.entities) >= 400 and len(table.facts) >= 200
    assert all(e.source.startswith("http") for e in table.entities.values())
    assert all(f.source.startswith("http") for f in table.facts.values())


def test_unknown_field(tmp_path):
    problems = _problems(tmp_path, "entities:\n" + GOOD_ENTITY + "    colour: red\n")
    assert len(problems) == 1 and problems[0].endswith(":2: colour: champ inconnu")


def test_missing_source(tmp_path):
    problems = _problems(tmp_path, "entities:\n" + GOOD_ENTITY.replace("    source: https://example.org/acme\n", ""))
    assert problems == [f"{tmp_path / 'facts.yaml'}:2: source: source manquante (URL)"]


def test_dangling_entity_reference(tmp_path):
    body = "entities:\n" + GOOD_ENTITY + textwrap.dedent("""\
        facts:
          - id: acme.founded
            subject: acme
            object: nobody
            event: founded
            date: 2001
            statement: AcmeCorp a été fondée en 2001.
            source: https://example.org/acme
            checked: 2026-12-01
        """)
    problems = _problems(tmp_path, body)
    assert problems == [f"{tmp_path / 'facts.yaml'}:10: object: entité inconnue « nobody »"]


@pytest.mark.parametrize("date,message", [("2001-13", "mois 13 invalide"), ("2001-02-30", "date:"), ("hier", "n'est pas une date")])
def test_bad_date(tmp_path, date, message):
    body = "entities:\n" + GOOD_ENTITY + textwrap.dedent(f"""\
        facts:
          - id: acme.founded
            subject: acme
            event: founded
            date: {date}
            statement: AcmeCorp a été fondée.
            source: https://example.org/acme
            checked: 2026-12-01
        """)
    problems = _problems(tmp_path, body)
    assert len(problems) == 1 and ":10: date: " in problems[0] and message in problems[0]


def test_invalid_yaml_says_where(tmp_path):
    path = _write(tmp_path, "entities:\n  - id: [unclosed\n")
    result = CliRunner().invoke(main, ["facts", "validate", "--no-default", path])
    assert result.exit_code == 2 and "facts.yaml:3: YAML invalide" in result.output


def test_cli_validate_reports_and_exits_1(tmp_path):
    path = _write(tmp_path, "entities:\n" + GOOD_ENTITY + "    colour: red\n")
    result = CliRunner().invoke(main, ["facts", "validate", "--no-default", path])
    assert result.exit_code == 1 and "colour: champ inconnu" in result.output
    ok = CliRunner().invoke(main, ["facts", "validate"])
    assert ok.exit_code == 0 and ok.output.startswith("ok :")


def test_facts_show_list_grep():
    runner = CliRunner()
    assert "The Wall Street Journal" in runner.invoke(main, ["facts", "show", "wall-street-journal"]).output
    assert "openai.musk-departure" in runner.invoke(main, ["facts", "list", "--kind", "fact"]).output
    grep = runner.invoke(main, ["facts", "grep", "Selon Le journal de Wall Street et Openai"])
    assert "forme fautive" in grep.output and "casse différente" in grep.output
    assert runner.invoke(main, ["facts", "show", "nope"]).exit_code == 2


def test_headquarters_is_a_place_entity(tmp_path):
    lyon = "  - id: lyon\n    kind: place\n    name: Lyon\n    source: https://example.org/lyon\n    checked: 2026-12-01\n"
    table, problems = read_tables([_write(tmp_path, "entities:\n" + GOOD_ENTITY + "    headquarters: lyon\n" + lyon)])
    assert problems == [] and table.entities["acme"].headquarters == "lyon"
    problems = _problems(tmp_path, "entities:\n" + GOOD_ENTITY + "    headquarters: acme\n")
    assert problems == [f"{tmp_path / 'facts.yaml'}:2: headquarters: « acme » n'est pas une entité de type place"]
    problems = _problems(tmp_path, "entities:\n" + GOOD_ENTITY + "    headquarters: [lyon]\n")
    assert problems == [f"{tmp_path / 'facts.yaml'}:2: headquarters: l'identifiant d'une entité de type place attendu"]
