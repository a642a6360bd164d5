"""Tiny MarianMT models built in the test session: no hub, no network, a few seconds.

A sentencepiece model is trained on the fixture articles, a MarianConfig with one
small layer gets random weights, and both are saved with save_pretrained the way
a real opus-mt folder is laid out (config.json, model.safetensors, source.spm,
target.spm, vocab.json). Random weights translate into nonsense, which is enough
to exercise loading, batching, caching and scoring; large initial weights make
the nonsense depend on the input, so that order restoration can be checked.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


def corpus() -> list[str]:
    lines = []
    for path in sorted((FIXTURES / "clean").glob("*.md")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    lines += ["OpenAI raised 6 billion dollars in 2024, The Wall Street Journal reported."] * 3
    return lines


def build_tiny_marian(folder: Path, seed: int, vocab_size: int = 1000) -> Path:
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()), model_writer=model, vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, unk_id=0, eos_id=1, bos_id=-1, pad_id=-1, minloglevel=2, hard_vocab_limit=False,
    )
    for name in ("source.spm", "target.spm"):
        (folder / name).write_bytes(model.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    size = len(vocab)
    config = MarianConfig(
        vocab_size=size, decoder_vocab_size=size, d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=512, pad_token_id=size - 1, decoder_start_token_id=size - 1, eos_token_id=0,
        forced_eos_token_id=0, bos_token_id=0, init_std=1.0, share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    MarianMTModel(config).save_pretrained(folder)
    tokenizer = MarianTokenizer(
        source_spm=str(folder / "source.spm"), target_spm=str(folder / "target.spm"), vocab=str(folder / "vocab.json"),
    )
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """(forward, back) model directories, built once per session."""
    import warnings

    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    root = tmp_path_factory.mktemp("models")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_tiny_marian(root / "fr-en", seed=1), build_tiny_marian(root / "en-fr", seed=2)
