"""An on-disk cache of the compiled fact table, name index and lexicons.

Parsing some 700 KB of YAML and compiling a thousand patterns takes seconds; a
pickle of the result loads in a fraction of that. The key hashes qc's version and
the content of every data file involved and of the code that compiles them, so
editing a file (or qc itself) simply misses the cache. A cache that cannot be read or written is ignored, never
an error. QC_NO_DATA_CACHE=1 turns it off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

import platformdirs

import qc

T = TypeVar("T")


def cache_dir() -> Path:
    return Path(os.environ.get("QC_DATA_CACHE_DIR") or platformdirs.user_cache_dir("qc")) / "compiled"


#: the modules whose code decides what the cached objects contain
_CODE = ("facts", "lexicons", "tokens.py", "wordlists.py", "yamlload.py", "compiled.py")


def _code_files() -> list[str]:
    root = Path(qc.__file__).parent
    out: list[str] = []
    for name in _CODE:
        path = root / name
        out += sorted(str(p) for p in path.glob("*.py")) if path.is_dir() else [str(path)]
    return out


def _key(kind: str, files: Iterable[str]) -> str:
    h = hashlib.sha256(f"{qc.__version__}\0{kind}".encode())
    for f in [*sorted(set(files)), *_code_files()]:
        h.update(f.encode())
        try:
            h.update(Path(f).read_bytes())
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()[:32]


def load(kind: str, files: Iterable[str], build: Callable[[], T]) -> T:
    files = list(files)
    if os.environ.get("QC_NO_DATA_CACHE"):
        return build()
    path = cache_dir() / f"{kind}-{_key(kind, files)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 (our own cache file, keyed by content)
    except Exception:  # missing, truncated or from another Python: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass
    return value
