"""Knowledge shared by the checks of a run: fact table, lexicons, calibration.

Everything is loaded lazily (a run with `--select typography` never parses the
fact table) and cached per configuration, so a directory of articles pays for
the data files once.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from qc.config import Config


class Resources:
    def __init__(self, fact_files: tuple[str, ...], lexicon_files: tuple[str, ...], disabled_entries: tuple[str, ...], default_data: bool = True):
        self.fact_files = fact_files
        self.lexicon_files = lexicon_files
        self.disabled_entries = frozenset(disabled_entries)
        self.default_data = default_data

    @classmethod
    def for_config(cls, config: Config) -> "Resources":
        base = str(Path(config.path).parent) if config.path else None
        from qc.facts.table import expand

        facts = tuple(expand(config.facts, base)) if config.facts else ()
        lexicons = tuple(expand(config.lexicons, base)) if config.lexicons else ()
        return _cached(facts, lexicons, config.disable_entries, config.default_data)

    @functools.cached_property
    def _fact_inputs(self) -> list[str]:
        from qc.facts.table import DATA_DIR, default_files

        aux = [str(DATA_DIR / "title-words.yaml"), str(DATA_DIR / "events.yaml")]
        return [*(default_files() if self.default_data else ()), *self.fact_files, *aux]

    @functools.cached_property
    def facts(self) -> Any:
        from qc import compiled
        from qc.facts.table import load_table

        return compiled.load("facts", self._fact_inputs, lambda: load_table(self.fact_files, self.default_data))

    @functools.cached_property
    def names(self) -> Any:
        from qc import compiled
        from qc.facts.names import NameIndex

        return compiled.load("names", self._fact_inputs, lambda: NameIndex(self.facts))

    @functools.cached_property
    def lexicons(self) -> Any:
        from qc import compiled
        from qc.lexicons.lexicon import TOPICS_FILE, default_files, load_lexicons

        inputs = [*(default_files() if self.default_data else ()), *self.lexicon_files, str(TOPICS_FILE)]
        key = [*inputs, *sorted(f"disabled:{e}" for e in self.disabled_entries)]
        return compiled.load("lexicons", key, lambda: load_lexicons(self.lexicon_files, self.disabled_entries, self.default_data))

    def lexicon(self, rules: frozenset[str]) -> Any:
        """The entries of these lexicon rules in one index (one pass per sentence, whatever
        the number of files), built once per rule set: building it takes tens of
        milliseconds, and the word forms it learns serve every later run of the process."""
        merged = self._merged_lexicons.get(rules)
        if merged is None:
            from qc.lexicons.lexicon import Lexicon

            merged = self._merged_lexicons[rules] = Lexicon([e for rule, lx in self.lexicons.items() if rule in rules for e in lx.entries])
        return merged

    @functools.cached_property
    def _merged_lexicons(self) -> dict[frozenset[str], Any]:
        return {}

    @functools.cached_property
    def confidences(self) -> dict[str, float]:
        from qc.calibration import load_confidences

        return load_confidences()


def forget() -> None:
    """Drop the cached data, so that data files edited during a run (`qc review`) are read again."""
    _cached.cache_clear()


@functools.lru_cache(maxsize=16)
def _cached(facts: tuple[str, ...], lexicons: tuple[str, ...], disabled: tuple[str, ...], default_data: bool) -> Resources:
    return Resources(facts, lexicons, disabled, default_data)
