"""Word lists of French, English and Spanish, with frequencies.

pyspellchecker ships frequency dictionaries built from OpenSubtitles; we read
its data files directly (loading a SpellChecker object builds indexes we do not
need). Loaded lazily, once per process.
"""
from __future__ import annotations

import functools
import gzip
import json
import os


@functools.lru_cache(maxsize=None)
def frequencies(lang: str) -> dict[str, int]:
    import spellchecker

    path = os.path.join(os.path.dirname(spellchecker.__file__), "resources", f"{lang}.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def is_word(word: str, lang: str = "fr") -> bool:
    return word.lower().replace("’", "'") in frequencies(lang)


def frequency(word: str, lang: str) -> int:
    return frequencies(lang).get(word.lower(), 0)
