"""The run-level stage: pooling, calibration, exact spans, evidence, settings, --source.

Translators are replaced by dictionaries here, so that which sentence survives
the round trip is decided by the test; test_cli_backtranslation.py runs the real
engine end to end.
"""
from __future__ import annotations

import logging

import pytest

from qc.engine import Options, check_paths
from qc.errors import ConfigError
from qc.translation.engine import Decoding
from qc.translation.models import ModelRef
from qc.translation.stage import Settings, Stage, read_settings

GOOD = [
    "La startup parisienne a levé des fonds auprès de plusieurs investisseurs.",
    "Le tour de table valorise désormais l'entreprise à un niveau record.",
    "Les fondateurs veulent recruter des ingénieurs dans toute l'Europe.",
    "La société publie une partie de ses modèles en open source.",
    "Elle a présenté le même mois un assistant conversationnel.",
    "Son partenariat avec Microsoft suscite des interrogations à Bruxelles.",
    "Les besoins en puissance de calcul restent colossaux.",
    "La concurrence dispose de moyens sans commune mesure.",
]
BROKEN = "Hier soir Bloomberg révélé que le fondateur aurait vendu des parts."


class FakeTranslator:
    """Stands for qc.translation.engine.Translator: same attributes, canned output."""

    def __init__(self, name: str, translate):
        self.ref = ModelRef(name, "rev-" + name, None)  # type: ignore[arg-type]
        self.decoding = Decoding()
        self.device = "cpu"
        self.calls: list[list[str]] = []
        self._translate = translate

    def translate(self, texts, label="traduction"):
        self.calls.append(list(texts))
        return [self._translate(t) for t in texts]


@pytest.fixture
def fakes(tiny_models, monkeypatch):
    """--bt-forward/--bt-back name real directories; their translators are fakes."""
    forward = FakeTranslator("fwd", lambda t: "EN " + t)
    back = FakeTranslator("back", lambda t: "quelque chose d'autre" if BROKEN in t else t.removeprefix("EN "))
    by_ref = {str(tiny_models[0]): forward, str(tiny_models[1]): back}
    monkeypatch.setattr(Stage, "_translator", lambda self, ref: by_ref[ref])
    options = Options(backtranslate=True, bt_forward=str(tiny_models[0]), bt_back=str(tiny_models[1]), no_cache=True)
    return forward, back, options


def write(folder, name, sentences):
    path = folder / name
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return str(path)


def bt_findings(results):
    return [f for r in results for f in r.findings if f.rule.startswith("backtranslation.")]


def test_the_sentence_that_does_not_survive_is_flagged_on_its_exact_span(fakes, tmp_path):
    forward, back, options = fakes
    path = write(tmp_path, "a.txt", GOOD[:5] + [BROKEN] + GOOD[5:])
    (f,) = bt_findings(check_paths([path], options))
    source = open(path, encoding="utf-8").read()
    assert (f.rule, f.text, f.line, f.column) == ("backtranslation.low-roundtrip", BROKEN, 11, 1)
    assert source[f.offset : f.offset + f.length] == BROKEN
    ev = f.evidence
    assert ev["score"] < 40 and ev["z"] <= -2 and ev["threshold"] == 40 and ev["z_threshold"] == -2
    assert ev["backtranslation"] == "EN " + BROKEN and ev["roundtrip"] == "quelque chose d'autre"
    assert ev["models"] == {"forward": {"id": "fwd", "revision": "rev-fwd"}, "back": {"id": "back", "revision": "rev-back"}}
    assert ev["decoding"]["strategy"] == "greedy" and ev["decoding"]["device"] == "cpu"
    assert ev["signature"].startswith("chrF2|nrefs:1|") and ev["sentences"] == 9 and ev["source_lang"] == "en"
    assert "chrF" in f.message and "anglais" in f.message


def test_sentences_of_all_files_are_pooled_and_calibrated_together(fakes, tmp_path):
    forward, back, options = fakes
    paths = [write(tmp_path, "a.txt", GOOD[:4]), write(tmp_path, "b.md", GOOD[4:] + [BROKEN, "Trop court."])]
    results = list(check_paths(paths, options))
    assert len(forward.calls) == 1 and len(forward.calls[0]) == 9  # one batched call; "Trop court." is too short to score
    (f,) = bt_findings(results)
    assert f.path.endswith("b.md") and f.evidence["sentences"] == 9


def test_ignored_rule_translates_nothing(fakes, tmp_path):
    forward, back, options = fakes
    path = write(tmp_path, "a.txt", GOOD + [BROKEN])
    from dataclasses import replace

    assert bt_findings(check_paths([path], replace(options, ignore=("backtranslation.low-roundtrip",)))) == []
    assert forward.calls == []


def test_the_configuration_can_turn_it_on_and_the_command_line_off(fakes, tiny_models, tmp_path):
    forward, back, _ = fakes
    (tmp_path / ".qc.toml").write_text(
        f'[backtranslation]\nenabled = true\nforward = "{tiny_models[0]}"\nback = "{tiny_models[1]}"\nthreshold = 50\n'
    )
    path = write(tmp_path, "a.txt", GOOD + [BROKEN])
    (f,) = bt_findings(check_paths([path], Options(no_cache=True)))
    assert f.evidence["threshold"] == 50
    assert bt_findings(check_paths([path], Options(backtranslate=False))) == []
    assert len(forward.calls) == 1


@pytest.mark.parametrize("table,message", [
    ({"forwrd": "x"}, "clé inconnue « forwrd »"),
    ({"threads": "deux"}, "threads : int attendu"),
    ({"enabled": 1}, "enabled : bool attendu"),
    ("oui", "une table est attendue"),
])
def test_bad_settings_are_config_errors(table, message):
    with pytest.raises(ConfigError, match=message):
        read_settings(table, "/x/.qc.toml")


def test_settings_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "mt").mkdir()
    settings = read_settings({"forward": "mt", "back": "Helsinki-NLP/opus-mt-en-fr", "cache": "c.sqlite", "z-threshold": 3}, str(tmp_path / ".qc.toml"))
    assert settings.forward == str(tmp_path / "mt") and settings.back == "Helsinki-NLP/opus-mt-en-fr"
    assert settings.cache == str(tmp_path / "c.sqlite") and settings.calibration.z_threshold == 3.0
    assert not Settings().active


ORIGINAL = """---
lang: en
---
OpenAI raised $6 billion in 2024, according to The Wall Street Journal.

Sam Altman said the money would fund new data centers.

Musk left the board of OpenAI in 2018.
"""
TRANSLATION = [
    "OpenAI a levé 6 billions de dollars en 2024, selon le Wall Street Journal.",
    "Sam Altmann a déclaré que l'argent financerait de nouveaux centres de données.",
    "Musk a quitté la direction d'OpenAI en 2008.",
]


def test_source_diffs_need_no_model(tmp_path, monkeypatch):
    monkeypatch.setattr(Stage, "_translator", lambda self, ref: pytest.fail("no model should be loaded"))
    (tmp_path / "en.md").write_text(ORIGINAL, encoding="utf-8")
    path = write(tmp_path, "fr.txt", TRANSLATION)
    found = bt_findings(check_paths([path], Options(source=str(tmp_path / "en.md"))))
    assert [(f.rule, f.text, f.suggestion) for f in found] == [
        ("backtranslation.source-number", "6 billions", None),
        ("backtranslation.source-name", "Altmann", "Altman"),
        ("backtranslation.source-date", "2008", "2018"),
    ]
    assert found[0].evidence["source_sentence"].startswith("OpenAI raised $6 billion")
    assert found[0].evidence["source_values"] == ["6 billion"]


def test_source_mismatch_compares_the_forward_translation(tmp_path, tiny_models, monkeypatch):
    english = {
        TRANSLATION[0]: "OpenAI raised $6 trillion in 2024, according to the Wall Street Journal.",
        TRANSLATION[1]: "Bananas are yellow and grow in tropical countries.",
        TRANSLATION[2]: "Musk left the board of directors of OpenAI in 2008.",
    }
    forward = FakeTranslator("fwd", english.__getitem__)
    monkeypatch.setattr(Stage, "_translator", lambda self, ref: forward)
    (tmp_path / "en.md").write_text(ORIGINAL, encoding="utf-8")
    path = write(tmp_path, "fr.txt", TRANSLATION)
    options = Options(source=str(tmp_path / "en.md"), backtranslate=True, bt_forward=str(tiny_models[0]), no_cache=True)
    (f,) = [f for f in bt_findings(check_paths([path], options)) if f.rule == "backtranslation.source-mismatch"]
    assert f.text == TRANSLATION[1] and f.evidence["backtranslation"] == english[TRANSLATION[1]]
    assert f.evidence["source_sentence"] == "Sam Altman said the money would fund new data centers."
    assert f.evidence["z"] is None and f.evidence["models"] == {"forward": {"id": "fwd", "revision": "rev-fwd"}}


def test_source_with_several_files_is_refused(tmp_path):
    (tmp_path / "en.md").write_text(ORIGINAL, encoding="utf-8")
    paths = [write(tmp_path, "a.txt", TRANSLATION), write(tmp_path, "b.txt", TRANSLATION)]
    with pytest.raises(ConfigError, match="un seul article"):
        list(check_paths(paths, Options(source=str(tmp_path / "en.md"))))


def test_failed_alignment_is_a_warning_not_findings(tmp_path, caplog):
    (tmp_path / "en.txt").write_text("A completely different and much shorter text.\n", encoding="utf-8")
    path = write(tmp_path, "fr.txt", TRANSLATION + GOOD)
    with caplog.at_level(logging.WARNING, logger="qc"):
        assert bt_findings(check_paths([path], Options(source=str(tmp_path / "en.txt")))) == []
    assert "alignement avec" in caplog.text and "abandonnée" in caplog.text
