"""The translation engine: loading, devices, precision, batching, order, long sentences."""
from __future__ import annotations

import logging

import pytest
from hypothesis import given, strategies as st

from qc.errors import ConfigError, ModelError
from qc.translation.engine import Decoding, Translator, plan_batches, precision, resolve_device, split_long
from qc.translation.models import locate

SENTENCES = [
    "La startup parisienne a levé 600 millions d'euros.",
    "Nvidia domine le marché des puces.",
    "Le PDG a déclaré que la demande restait forte au troisième trimestre, selon un analyste.",
    "OpenAI prépare un nouveau modèle.",
    "Les investisseurs restent prudents.",
    "Mistral AI a été fondée en avril 2023 par trois chercheurs français.",
    "La Commission européenne examine l'accord.",
    "Il y a un an, elle avait déjà surpris.",
]


@pytest.fixture(scope="module")
def forward(tiny_models):
    return Translator(locate(str(tiny_models[0])), "cpu", threads=1)


def test_loads_a_local_directory_in_eval_mode(forward):
    assert forward.decoding == Decoding(beams=1, dtype="float32")
    assert not forward.model.training
    assert forward.tokenizer.pad_token_id == forward.model.config.pad_token_id


def test_device_selection_without_cuda():
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") == "cpu"
    for spec in ("cuda", "cuda:1", "CUDA:0"):
        with pytest.raises(ModelError, match="ne voit aucun GPU CUDA"):
            resolve_device(spec)
    with pytest.raises(ConfigError, match="auto, cpu, cuda ou cuda:N"):
        resolve_device("gpu")


def test_precision_follows_the_device():
    assert precision("cpu", False) == "float32"
    assert precision("cpu", True) == "int8"
    assert precision("cuda:0", False) == "float16"
    with pytest.raises(ConfigError, match="CPU"):
        precision("cuda:0", True)


@given(st.lists(st.integers(1, 300), max_size=60), st.integers(1, 2000))
def test_batches_cover_every_sentence_once_within_the_budget(lengths, budget):
    batches = plan_batches(lengths, budget)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or len(batch) * longest <= budget
        assert [lengths[i] for i in batch] == sorted((lengths[i] for i in batch), reverse=True)


def test_batches_hold_more_short_sentences_than_long_ones():
    batches = plan_batches([10] * 20 + [100] * 4, 200)
    assert [len(b) for b in batches] == [2, 2, 20]


def test_split_long_cuts_at_punctuation_near_the_middle():
    words = lambda text: len(text.split())  # noqa: E731
    text = "un deux trois, quatre cinq six sept huit, neuf dix onze douze treize ; quatorze quinze"
    pieces = split_long(text, words, 6)
    assert all(words(p) <= 6 for p in pieces) and " ".join(pieces) == text
    assert split_long("court", words, 6) == ["court"]
    assert split_long("x" * 50, len, 10) == ["x" * 50]  # unbreakable: left to truncation


def test_batched_translation_restores_order(tiny_models):
    translator = Translator(locate(str(tiny_models[0])), "cpu", threads=1, token_budget=48)  # several batches
    # float64: padding changes the sums by 1e-16, so no near-tie of the random model flips
    translator.model.double()
    texts = SENTENCES + SENTENCES[:3] + [""]
    batched = translator.translate(texts)
    singles = [translator.translate([t])[0] for t in texts]
    assert batched == singles
    assert batched[-1] == "" and batched[8:11] == batched[:3]
    assert len(set(batched[:8])) > 3  # the tiny model's output depends on its input


def test_long_sentences_are_split_and_truncated_with_warnings(tiny_models, caplog):
    translator = Translator(locate(str(tiny_models[0])), "cpu", threads=1, max_input_tokens=12)
    long = "La startup parisienne, fondée en 2023, a levé 600 millions d'euros, un record, selon ses dirigeants."
    with caplog.at_level(logging.WARNING, logger="qc"):
        out = translator.translate([long, "x" * 80])
    assert all(out)
    messages = [r.getMessage() for r in caplog.records]
    assert any("1 phrase(s) de plus de 12 jetons découpée(s)" in m for m in messages)
    assert any("tronqué(s) à 12 jetons" in m for m in messages)


def test_int8_quantises_the_linear_layers(tiny_models):
    translator = Translator(locate(str(tiny_models[0])), "cpu", int8=True, threads=1)
    assert translator.decoding.dtype == "int8"
    assert any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in translator.model.modules())
    assert all(translator.translate(SENTENCES[:3]))


def test_beam_search_is_a_different_decoding(tiny_models):
    translator = Translator(locate(str(tiny_models[0])), "cpu", beams=2, threads=1)
    assert translator.decoding.key() != Decoding().key()
    assert all(translator.translate(SENTENCES[:2]))
