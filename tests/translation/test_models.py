"""The model registry, finding models on disk, offline errors, and `qc models`."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from qc.cli import main
from qc.errors import ModelError
from qc.translation import models
from qc.translation.models import default_pair, describe, find, locate, pull, registry

FR_EN = "Helsinki-NLP/opus-mt-fr-en"


@pytest.fixture
def hf_cache(tmp_path, monkeypatch):
    """An empty Hugging Face cache, so the user's own cache plays no part."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf"))
    return tmp_path / "hf"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_registry_has_the_default_pairs_with_their_licence():
    assert default_pair("en") == (FR_EN, "Helsinki-NLP/opus-mt-en-fr")
    assert default_pair("es") == ("Helsinki-NLP/opus-mt-fr-es", "Helsinki-NLP/opus-mt-es-fr")
    for entry in registry().values():
        assert entry.licence and entry.size and entry.role in ("forward", "back"), entry


def test_no_default_pair_for_other_languages():
    with pytest.raises(ModelError, match="--bt-forward"):
        default_pair("de")


def test_a_directory_is_identified_by_its_content(tiny_models, tmp_path):
    ref = locate(str(tiny_models[0]))
    assert ref.path == tiny_models[0].resolve() and ref.revision.startswith("local-")
    copy = shutil.copytree(tiny_models[0], tmp_path / "copy")
    assert locate(str(copy)).revision == ref.revision  # a copied folder keeps its cache entries
    assert locate(str(tiny_models[1])).revision != ref.revision


def test_incomplete_directory_says_what_is_missing(tiny_models, tmp_path):
    shutil.copytree(tiny_models[0], tmp_path / "m")
    (tmp_path / "m" / "vocab.json").unlink()
    with pytest.raises(ModelError, match="manque : vocab.json"):
        locate(str(tmp_path / "m"))
    with pytest.raises(ModelError, match="introuvable"):
        locate(str(tmp_path / "nowhere") + "/")


def test_missing_model_names_it_the_folder_and_the_command(tmp_path, hf_cache):
    with pytest.raises(ModelError) as err:
        locate(FR_EN, tmp_path)
    message = str(err.value)
    assert FR_EN in message and str(tmp_path / FR_EN) in message and f"qc models pull {FR_EN}" in message
    assert "\n" not in message


def test_model_found_by_id_in_the_local_folder(tiny_models, tmp_path, hf_cache):
    shutil.copytree(tiny_models[0], tmp_path / FR_EN)
    assert locate(FR_EN, tmp_path).revision.startswith("local-")
    (tmp_path / FR_EN / models.REVISION_FILE).write_text("0123abcd\n")
    ref = locate(FR_EN, tmp_path)
    assert (ref.id, ref.revision, ref.path) == (FR_EN, "0123abcd", tmp_path / FR_EN)


def test_model_found_in_the_hugging_face_cache(tiny_models, tmp_path, hf_cache):
    repo = hf_cache / "models--Helsinki-NLP--opus-mt-fr-en"
    commit = "f" * 40
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    shutil.copytree(tiny_models[0], repo / "snapshots" / commit)
    ref = locate(FR_EN, tmp_path)
    assert (ref.id, ref.revision) == (FR_EN, commit)


def test_pull_respects_offline_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="hors ligne \\(HF_HUB_OFFLINE=1\\)"):
        pull(FR_EN, tmp_path)
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "true")
    with pytest.raises(ModelError, match="TRANSFORMERS_OFFLINE"):
        pull(FR_EN, tmp_path)
    assert not (tmp_path / FR_EN).exists()


def test_pull_network_failure_is_one_clean_line(tmp_path, monkeypatch):
    import huggingface_hub

    for var in models.OFFLINE_VARS:
        monkeypatch.delenv(var, raising=False)

    def unreachable(self, *args, **kwargs):
        raise ConnectionError("Name or service not known\nsecond line")

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", unreachable)
    with pytest.raises(ModelError) as err:
        pull(FR_EN, tmp_path)
    assert str(err.value).startswith(f"téléchargement de {FR_EN} impossible (ConnectionError: Name or service not known)")
    with pytest.raises(ModelError, match="pas dans le registre"):
        pull("someone/else", tmp_path)


def test_describe_reads_the_config_only(tiny_models):
    details = describe(tiny_models[0])
    assert details["config"]["d_model"] == 32 and "model.safetensors" in details["files"]


def test_models_commands(tiny_models, tmp_path, hf_cache, monkeypatch):
    result = run("models", "--models-dir", str(tmp_path), "list")
    assert result.exit_code == 0
    assert all(model_id in result.output for model_id in registry())
    assert f"{FR_EN:<36} fr-en  défaut" in result.output and "absent" in result.output
    shutil.copytree(tiny_models[0], tmp_path / FR_EN)
    shutil.copytree(tiny_models[1], tmp_path / "mine" / "en-fr")
    result = run("models", "--models-dir", str(tmp_path), "list")
    assert f"présent ({tmp_path / FR_EN}" in result.output
    assert "mine/en-fr" in result.output and "hors registre" in result.output

    result = run("models", "--models-dir", str(tmp_path), "info", FR_EN)
    assert result.exit_code == 0 and "d_model 32" in result.output and "licence : CC-BY-4.0" in result.output
    assert run("models", "info", str(tiny_models[1])).exit_code == 0
    missing = run("models", "--models-dir", str(tmp_path), "info", "someone/else")
    assert missing.exit_code == 2 and "qc models pull someone/else" in missing.output

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = run("models", "--models-dir", str(tmp_path / "empty"), "pull", FR_EN)
    assert result.exit_code == 2 and result.output.startswith("qc: téléchargement de") and "Traceback" not in result.output


def test_find_returns_none_for_what_is_not_there(tmp_path, hf_cache):
    assert find(FR_EN, tmp_path) is None
    assert find("not a valid id", tmp_path) is None
