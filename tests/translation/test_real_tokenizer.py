"""Optional: the engine with a real opus-mt tokenizer (../shared/models/tokenizers), skipped without it."""
from __future__ import annotations

import json
import shutil

import pytest

from qc.translation.engine import Translator
from qc.translation.models import locate
from tests.conftest import SHARED

REAL = SHARED / "models" / "tokenizers" / "opus-mt-en-fr"


@pytest.fixture(scope="module")
def real_tokenizer_model(tmp_path_factory):
    if not all((REAL / name).is_file() for name in ("config.json", "source.spm", "target.spm", "vocab.json")):
        pytest.skip(f"{REAL} absent")
    import torch
    from transformers import MarianConfig, MarianMTModel

    folder = tmp_path_factory.mktemp("real-tokenizer")
    config = MarianConfig.from_pretrained(REAL)
    for key, value in {"d_model": 16, "encoder_layers": 1, "decoder_layers": 1, "encoder_attention_heads": 2,
                       "decoder_attention_heads": 2, "encoder_ffn_dim": 32, "decoder_ffn_dim": 32}.items():
        setattr(config, key, value)
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(folder)
    shutil.copy(REAL / "target.spm", folder / "source.spm")  # French in: a fr→en model
    shutil.copy(REAL / "source.spm", folder / "target.spm")
    shutil.copy(REAL / "vocab.json", folder / "vocab.json")
    (folder / "tokenizer_config.json").write_text(json.dumps({"source_lang": "fr", "target_lang": "en"}))
    return folder


def test_real_opus_tokenizer_counts_and_translates(real_tokenizer_model):
    translator = Translator(locate(str(real_tokenizer_model)), "cpu", threads=1)
    sentence = "Demain, dès l'aube, à l'heure où blanchit la campagne, je partirai."
    assert len(translator.tokenizer(sentence)["input_ids"]) == 22  # the 21 pieces of PROVENANCE.md, then </s>
    assert translator.tokenizer.pad_token_id == 59513
    assert all(translator.translate([sentence, "OpenAI a levé 6 milliards de dollars."]))
