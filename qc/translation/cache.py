"""SQLite cache of translations, so that a CI re-run only translates changed sentences.

An entry is keyed by the model (id and revision), the decoding settings and the
exact text: change any of them and the sentence is translated again. Two qc
processes may share one cache file (WAL journal, busy timeout). A cache is a
convenience, never a reason to fail a run: a corrupt file is reported, moved aside
and rebuilt; a cache that cannot be opened or stays locked is skipped with a warning.
"""
from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Iterable, Sequence

import platformdirs

log = logging.getLogger(__name__)

#: seconds a writer waits for another process's transaction before giving up
BUSY_TIMEOUT = 30.0
#: SQLite's historical limit on bound parameters per statement is 999
_CHUNK = 900
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    settings TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (model, settings, source)
) WITHOUT ROWID
"""


def default_path() -> Path:
    return Path(platformdirs.user_cache_dir("qc")) / "translations.sqlite"


class TranslationCache:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = self._open()

    def __enter__(self) -> "TranslationCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def get_many(self, model: str, settings: str, texts: Sequence[str]) -> dict[str, str]:
        """The cached translations of those texts that have one."""
        if self._conn is None or not texts:
            return {}
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(texts))
        try:
            for i in range(0, len(unique), _CHUNK):
                chunk = unique[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT source, target FROM translations WHERE model = ? AND settings = ? AND source IN ({marks})",
                    (model, settings, *chunk),
                )
                found.update(rows)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return {}
        return found

    def put_many(self, model: str, settings: str, pairs: Iterable[tuple[str, str]]) -> None:
        rows = [(model, settings, source, target) for source, target in pairs]
        for _ in range(2):  # once more after a corrupt file was rebuilt
            if self._conn is None or not rows:
                return
            try:
                with self._conn:
                    self._conn.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)", rows)
                return
            except sqlite3.DatabaseError as exc:
                self._failed(exc)

    # -- opening and recovering ---------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            conn.execute("SELECT 1 FROM translations LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection | None:
        try:
            return self._connect()
        except OSError as exc:
            log.warning("cache de traductions désactivé : %s (%s)", self.path, exc.strerror or exc)
            return None
        except sqlite3.OperationalError as exc:  # locked, unwritable folder, disk I/O: not the file's fault
            log.warning("cache de traductions désactivé : %s (%s)", self.path, exc)
            return None
        except sqlite3.DatabaseError as exc:
            return self._rebuild(exc)

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        """An error in the middle of a run: rebuild a corrupt file, give up on a busy one."""
        self.close()
        if isinstance(exc, sqlite3.OperationalError):
            log.warning("cache de traductions désactivé pour ce lancement : %s (%s)", self.path, exc)
        else:
            self._conn = self._rebuild(exc)

    def _rebuild(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection | None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            conn = self._connect()
        except (OSError, sqlite3.Error) as again:
            log.warning("cache de traductions illisible (%s) et impossible à reconstruire (%s) : désactivé", exc, again)
            return None
        log.warning("cache de traductions illisible (%s) : %s déplacé vers %s, cache reconstruit", exc, self.path, aside.name)
        return conn
