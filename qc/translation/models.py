"""Which MarianMT model to use, and where its files are.

The registry (`models/registry.yaml` at the top of the repository) lists the
supported models with their licence and pinned revision. Local copies live in
`models/local/<id>` (gitignored), or in `$QC_MODELS_DIR`, or in the folder the
`[backtranslation] models-dir` setting names; a model already in the Hugging Face
cache is used from there. `qc check` never downloads: a CI run must not fetch
300 MB behind the user's back, so a missing model is an error that names the
command that fetches it (`qc models pull ID`).

Nothing here imports torch or transformers: listing models and reporting a missing
one stay instant.
"""
from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qc.errors import ModelError
from qc.yamlload import load_yaml, strip_lines

REPO_MODELS = Path(__file__).resolve().parents[2] / "models"
REGISTRY = REPO_MODELS / "registry.yaml"
#: written by `qc models pull`: the commit the files were downloaded at
REVISION_FILE = ".qc-revision"
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
#: what `qc models pull` fetches (no TensorFlow, Flax or Rust weights)
PULL_PATTERNS = ("*.json", "*.spm", "model.safetensors", "pytorch_model.bin", "README.md")
OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


@dataclass(frozen=True)
class Entry:
    """One line of the registry."""

    id: str
    direction: str
    role: str
    revision: str | None = None
    default: bool = False
    size: str = ""
    licence: str = ""
    architecture: str = ""


@dataclass(frozen=True)
class ModelRef:
    """A model found on disk, named the way findings and the cache key name it."""

    id: str
    revision: str
    path: Path

    @property
    def key(self) -> str:
        return f"{self.id}@{self.revision}"


@functools.lru_cache(maxsize=1)
def registry() -> dict[str, Entry]:
    if not REGISTRY.is_file():
        return {}
    data = strip_lines(load_yaml(str(REGISTRY))) or {}
    entries = {}
    for raw in data.get("models", []):
        try:
            entry = Entry(**raw)
        except TypeError as exc:
            raise ModelError(f"{REGISTRY}: entrée invalide {raw.get('id', '?')} ({exc})") from None
        entries[entry.id] = entry
    return entries


def default_pair(lang: str) -> tuple[str, str]:
    """Registry ids of the default (forward, back) models for articles translated from `lang`."""
    found = {}
    for entry in registry().values():
        if entry.default and entry.direction in (f"fr-{lang}", f"{lang}-fr"):
            found[entry.direction] = entry.id
    if len(found) != 2:
        raise ModelError(
            f"aucune paire de modèles par défaut pour la langue source « {lang} » (models/registry.yaml) : "
            "donnez --bt-forward et --bt-back"
        )
    return found[f"fr-{lang}"], found[f"{lang}-fr"]


def models_dir(setting: str | None = None) -> Path:
    """Where local models live: the setting, $QC_MODELS_DIR, or models/local/."""
    return Path(setting or os.environ.get("QC_MODELS_DIR") or REPO_MODELS / "local")


def is_model_dir(path: Path) -> bool:
    return (
        (path / "config.json").is_file()
        and all((path / name).is_file() for name in TOKENIZER_FILES)
        and any((path / name).is_file() for name in WEIGHT_FILES)
    )


def _looks_like_path(ref: str) -> bool:
    """Hub ids are `org/name`; anything else with a slash, or starting like a path, is a directory."""
    return ref.startswith((".", "/", "~")) or ref.count("/") > 1 or ref.endswith("/")


def locate(ref: str, base: Path | None = None) -> ModelRef:
    """A model directory, or a hub id looked up in the local folder then the HF cache."""
    path = Path(ref).expanduser()
    if path.is_dir() or _looks_like_path(ref):
        if not path.is_dir():
            raise ModelError(f"{ref}: répertoire de modèle introuvable")
        if not is_model_dir(path):
            missing = [n for n in ("config.json", *TOKENIZER_FILES) if not (path / n).is_file()]
            what = ", ".join(missing) if missing else "poids (model.safetensors ou pytorch_model.bin)"
            raise ModelError(f"{ref}: pas un modèle MarianMT complet (manque : {what})")
        resolved = path.resolve()
        return ModelRef(str(resolved), recorded_revision(resolved) or fingerprint(resolved), resolved)
    found = find(ref, base)
    if found is None:
        raise ModelError(
            f"modèle « {ref} » absent (cherché dans {(base or models_dir()) / ref} et dans le cache Hugging Face) : "
            f"téléchargez-le avec `qc models pull {ref}`, ou donnez un répertoire local (--bt-forward/--bt-back), "
            "ou lancez avec --no-backtranslate"
        )
    return found


def find(model_id: str, base: Path | None = None) -> ModelRef | None:
    """A hub id's local copy: the models folder first, then the Hugging Face cache."""
    folder = (base or models_dir()) / model_id
    if is_model_dir(folder):
        return ModelRef(model_id, recorded_revision(folder) or fingerprint(folder), folder)
    cached = hub_cache(model_id)
    return ModelRef(model_id, cached.name, cached) if cached is not None else None


def hub_cache(model_id: str) -> Path | None:
    """The snapshot folder of the model's pinned revision in the Hugging Face cache, if complete."""
    from huggingface_hub import try_to_load_from_cache

    entry = registry().get(model_id)
    try:
        found = try_to_load_from_cache(model_id, "config.json", revision=(entry.revision if entry else None) or "main")
    except ValueError:  # not a valid hub id: nothing of it can be cached
        return None
    if isinstance(found, str) and is_model_dir(Path(found).parent):
        return Path(found).parent
    return None


def recorded_revision(path: Path) -> str | None:
    try:
        return (path / REVISION_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def fingerprint(path: Path) -> str:
    """A revision for a directory nobody pinned: a hash of its files' content.

    Small files are hashed whole; weight files by size, first and last MiB, so
    that fingerprinting 300 MB of weights costs milliseconds and a copied folder
    keeps its cache entries (modification times play no part).
    """
    digest = hashlib.sha256()
    for file in sorted(p for p in path.iterdir() if p.is_file() and p.name != REVISION_FILE):
        size = file.stat().st_size
        digest.update(f"{file.name}\0{size}\0".encode())
        with file.open("rb") as fh:
            if size <= 8 << 20:
                digest.update(fh.read())
            else:
                digest.update(fh.read(1 << 20))
                fh.seek(-(1 << 20), os.SEEK_END)
                digest.update(fh.read())
    return "local-" + digest.hexdigest()[:12]


def offline_reason() -> str | None:
    """The environment variable that forbids downloads, if one does."""
    for var in OFFLINE_VARS:
        if os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on"):
            return f"{var}={os.environ[var]}"
    return None


def pull(model_id: str, base: Path | None = None) -> ModelRef:
    """Download a registry model into the local models folder (progress bars on stderr)."""
    entry = registry().get(model_id)
    if entry is None:
        raise ModelError(f"« {model_id} » n'est pas dans le registre des modèles ({REGISTRY}) : voir `qc models list`")
    dest = (base or models_dir()) / model_id
    reason = offline_reason()
    if reason:
        raise ModelError(f"téléchargement de {model_id} impossible : mode hors ligne ({reason}) ; copiez le modèle dans {dest}")
    from huggingface_hub import HfApi, snapshot_download

    try:
        commit = HfApi().model_info(model_id, revision=entry.revision).sha or entry.revision or "main"
        snapshot_download(model_id, revision=commit, local_dir=dest, allow_patterns=list(PULL_PATTERNS))
    except Exception as exc:  # noqa: BLE001  network, HTTP and disk errors of several libraries: one line for the user
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise ModelError(
            f"téléchargement de {model_id} impossible ({type(exc).__name__}{': ' + detail if detail else ''}) ; "
            f"vérifiez le réseau, ou copiez le modèle dans {dest}"
        ) from None
    (dest / REVISION_FILE).write_text(commit + "\n", encoding="utf-8")
    return ModelRef(model_id, commit, dest)


def describe(path: Path) -> dict[str, Any]:
    """Architecture and files of a model directory, read from its config (weights untouched)."""
    import json

    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path / 'config.json'}: illisible ({exc})") from None
    keys = ("model_type", "d_model", "encoder_layers", "decoder_layers", "encoder_attention_heads", "vocab_size", "max_position_embeddings")
    return {
        "config": {k: config[k] for k in keys if k in config},
        "files": {p.name: p.stat().st_size for p in sorted(path.iterdir()) if p.is_file()},
    }
