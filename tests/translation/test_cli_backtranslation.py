"""`qc check --backtranslate` end to end with real (tiny) MarianMT models on disk."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qc.cli import main
from tests.conftest import FIXTURES, ROOT

ARTICLE_A = "OpenAI a levé des fonds auprès de Microsoft cette année.\n\nLa startup recrute des chercheurs en Europe.\n"
ARTICLE_B = "---\ndate: 2024-05-30\n---\n# Titre\n\nNvidia publie des résultats supérieurs aux attentes des analystes.\n"


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    return tmp_path


@pytest.fixture
def run(monkeypatch):
    def _run(*args, cwd=None):
        if cwd:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return _run


def bt_args(tiny_models, *more):
    # one thread: on a shared 2-core machine, two threads make a tiny model's small matrices crawl
    return ("check", "--backtranslate", "--bt-forward", str(tiny_models[0]), "--bt-back", str(tiny_models[1]), "--threads", "1", *more)


def test_end_to_end_json_report_carries_scores(run, tiny_models, articles):
    cache = articles / "cache.sqlite"
    result = run(*bt_args(tiny_models, "--format", "json", "--cache", str(cache), "--bt-threshold", "100",
                          "--device", "cpu", str(articles / "a.txt"), str(articles / "b.md")))
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    found = [f for file in data["files"] for f in file["findings"] if f["rule"] == "backtranslation.low-roundtrip"]
    assert {f["path"].rsplit("/", 1)[-1] for f in found} == {"a.txt", "b.md"}
    sources = {file["path"]: open(file["path"], encoding="utf-8").read() for file in data["files"]}
    for f in found:
        assert sources[f["path"]][f["offset"] : f["offset"] + f["length"]] == f["text"]
        ev = f["evidence"]
        assert 0 <= ev["score"] < 100 and ev["threshold"] == 100 and ev["z"] is None  # 3 sentences: absolute only
        assert ev["backtranslation"] and ev["roundtrip"] and ev["signature"].startswith("chrF2|nrefs:1")
        assert ev["models"]["forward"]["id"] == str(tiny_models[0]) and ev["models"]["back"]["revision"].startswith("local-")
        assert ev["decoding"] == {"strategy": "greedy", "beams": 1, "dtype": "float32", "max_input_tokens": 256,
                                  "max_new_tokens": "1.5n+10", "device": "cpu"}
    assert "# Titre" not in {f["text"] for f in found}  # too short to score


def test_a_rerun_translates_only_the_changed_sentence(run, tiny_models, articles):
    cache = articles / "cache.sqlite"
    args = bt_args(tiny_models, "--format", "json", "--cache", str(cache), str(articles / "a.txt"))
    first = run(*args)

    def rows():
        with sqlite3.connect(cache) as conn:
            return conn.execute("SELECT count(*) FROM translations").fetchone()[0]

    assert rows() == 4  # two sentences, there and back
    assert run(*args).stdout == first.stdout and rows() == 4
    (articles / "a.txt").write_text(ARTICLE_A.replace("en Europe", "à Paris"), encoding="utf-8")
    run(*args)
    assert rows() == 6
    run(*bt_args(tiny_models, "--no-cache", str(articles / "b.md")))
    assert rows() == 6


def test_cuda_without_cuda_is_a_clean_error(run, tiny_models, articles):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    result = run(*bt_args(tiny_models, "--device", "cuda", str(articles / "a.txt")))
    assert result.exit_code == 2
    assert result.output.startswith("qc: --device cuda : torch") and "aucun GPU CUDA" in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_missing_model_is_exit_2_and_no_backtranslate_runs_the_rest(run, articles, tmp_path, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf"))
    monkeypatch.setenv("QC_MODELS_DIR", str(tmp_path / "models"))
    (articles / ".qc.toml").write_text("[backtranslation]\nenabled = true\n")
    result = run("check", "a.txt", cwd=articles)
    assert result.exit_code == 2
    assert "Helsinki-NLP/opus-mt-fr-en" in result.output and str(tmp_path / "models") in result.output
    assert "`qc models pull Helsinki-NLP/opus-mt-fr-en`" in result.output
    result = run("check", "--no-backtranslate", "a.txt", cwd=articles)
    assert result.exit_code in (0, 1) and "qc models pull" not in result.output


def test_source_option_on_the_command_line(run, articles):
    (articles / "en.md").write_text("Musk left the board of OpenAI in 2018.\n", encoding="utf-8")
    (articles / "fr.txt").write_text("Musk a quitté le conseil d'OpenAI en 2008.\n", encoding="utf-8")
    result = run("check", "--source", str(articles / "en.md"), "--format", "json", str(articles / "fr.txt"))
    (f,) = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"].startswith("backtranslation")]
    assert (f["rule"], f["text"], f["suggestion"], f["severity"]) == ("backtranslation.source-date", "2008", "2018", "error")
    assert result.exit_code == 1
    (articles / "en.md").write_text("Something else entirely.\n\nAnd more.\n\nAnd even more text here.\n", encoding="utf-8")
    (articles / "fr.txt").write_text("Une.\n\nDeux.\n\nTrois.\n\nQuatre.\n\nCinq.\n\nSix.\n\nSept.\n\nHuit.\n\nNeuf.\n", encoding="utf-8")
    result = run("check", "--source", str(articles / "en.md"), str(articles / "fr.txt"))
    assert "qc: attention : " in result.stderr and "alignement" in result.stderr


def test_rules_are_listed_off_by_default_and_explained(run):
    assert "backtranslation." not in run("rules").output
    listed = run("rules", "--all").output
    for rule in ("low-roundtrip", "source-mismatch", "source-number", "source-date", "source-name"):
        assert f"backtranslation.{rule}" in listed
    explained = run("rules", "--explain", "backtranslation.low-roundtrip").output
    assert "chrF" in explained and "désactivée par défaut" in explained


def test_check_without_backtranslation_never_imports_torch(tmp_path):
    code = (
        "import sys\nfrom qc.engine import check_paths\n"
        f"list(check_paths([{str(FIXTURES / 'articles' / 'exemple-traduction.md')!r}]))\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sacrebleu') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
