"""The SQLite translation cache: hits, misses, keys, two processes, corruption."""
from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import textwrap

from qc.translation.cache import TranslationCache
from qc.translation.engine import Translator
from qc.translation.models import locate
from tests.conftest import ROOT


def test_entries_are_keyed_by_model_settings_and_exact_text(tmp_path):
    with TranslationCache(tmp_path / "c.sqlite") as cache:
        cache.put_many("m@1", "greedy", [("Bonjour.", "Hello."), ("Merci.", "Thanks.")])
        assert cache.get_many("m@1", "greedy", ["Bonjour.", "Merci.", "Bonjour !"]) == {"Bonjour.": "Hello.", "Merci.": "Thanks."}
        assert cache.get_many("m@2", "greedy", ["Bonjour."]) == {}
        assert cache.get_many("m@1", "beam", ["Bonjour."]) == {}
        many = [f"phrase {i}" for i in range(2500)]  # more than one statement's worth of parameters
        cache.put_many("m@1", "greedy", [(t, t.upper()) for t in many])
        assert len(cache.get_many("m@1", "greedy", many)) == 2500


def test_a_rerun_translates_only_changed_sentences(tiny_models, tmp_path):
    ref = locate(str(tiny_models[0]))
    with TranslationCache(tmp_path / "c.sqlite") as cache:
        first = Translator(ref, "cpu", threads=1, cache=cache)
        out = first.translate(["La startup a levé des fonds.", "Nvidia domine le marché."])
        assert (first.hits, first.misses) == (0, 2)
        again = Translator(ref, "cpu", threads=1, cache=cache)
        assert again.translate(["La startup a levé des fonds.", "Une phrase nouvelle ici."])[0] == out[0]
        assert (again.hits, again.misses) == (1, 1)
        beams = Translator(ref, "cpu", beams=2, threads=1, cache=cache)
        beams.translate(["La startup a levé des fonds."])
        assert (beams.hits, beams.misses) == (0, 1)  # other decoding settings, other entry


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from qc.translation.cache import TranslationCache
    name, path = sys.argv[1], sys.argv[2]
    with TranslationCache(path) as cache:
        for batch in range(40):
            cache.put_many("m@1", "s", [(f"{{name}} {{batch}} {{i}}", "x") for i in range(25)])
            cache.get_many("m@1", "s", [f"{{name}} {{batch}} 0"])
    """
)


def test_two_processes_share_one_cache(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(root=str(ROOT)))
    path = tmp_path / "shared.sqlite"
    procs = [subprocess.Popen([sys.executable, str(script), name, str(path)], stderr=subprocess.PIPE, text=True) for name in "ab"]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "attention" not in err and "désactivé" not in err, err
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM translations").fetchone()[0] == 2 * 40 * 25
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_corrupt_cache_is_reported_moved_aside_and_rebuilt(tmp_path, caplog):
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 200)
    with caplog.at_level(logging.WARNING, logger="qc"), TranslationCache(path) as cache:
        cache.put_many("m@1", "s", [("a", "b")])
        assert cache.get_many("m@1", "s", ["a"]) == {"a": "b"}
    assert "cache de traductions illisible (file is not a database)" in caplog.text and "reconstruit" in caplog.text
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")


def test_a_cache_that_cannot_be_created_is_skipped(tmp_path, caplog):
    (tmp_path / "file").write_text("")
    with caplog.at_level(logging.WARNING, logger="qc"), TranslationCache(tmp_path / "file" / "c.sqlite") as cache:
        cache.put_many("m@1", "s", [("a", "b")])
        assert cache.get_many("m@1", "s", ["a"]) == {}
    assert "cache de traductions désactivé" in caplog.text


def test_a_cache_locked_by_another_process_is_not_fatal(tmp_path, caplog, monkeypatch):
    from qc.translation import cache as cache_module

    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.1)
    path = tmp_path / "c.sqlite"
    TranslationCache(path).close()
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.WARNING, logger="qc"), TranslationCache(path) as cache:
            cache.put_many("m@1", "s", [("a", "b")])
    finally:
        blocker.rollback()
        blocker.close()
    assert "désactivé" in caplog.text and "locked" in caplog.text
    assert path.exists() and not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
