from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.pop("QC_CONFIG", None)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def runner():
    """One compiled runner (default rules, default data) for the whole session."""
    from qc.engine import Options, Session

    return Session(Options()).runner_for(None)


@pytest.fixture(scope="session")
def check(runner):
    from qc.documents import load_text

    def _check(text: str, fmt: str = "txt", published: date | str | None = None, source_lang: str | None = None):
        if isinstance(published, str):
            published = date.fromisoformat(published)
        return runner.check(load_text(text, fmt, "<test>", published, source_lang))

    return _check


@pytest.fixture(scope="session")
def sample_check():
    """Checks run with the small fixed fact table and lexicon of fixtures/ only."""
    from qc.config import load_config_file
    from qc.documents import load_text
    from qc.engine import Options, Runner

    runner = Runner(load_config_file(str(FIXTURES / "golden" / ".qc.toml")), Options())

    def _check(text: str, published: str | None = None, fmt: str = "txt"):
        pub = date.fromisoformat(published) if published else None
        return runner.check(load_text(text, fmt, "<test>", pub))

    return _check
