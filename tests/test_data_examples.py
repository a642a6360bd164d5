"""Every data entry's own examples (proselint/LanguageTool style).

- each `bad` example of an entry must be flagged by that entry;
- each `good` example of any entry must trigger no rule at all.
Adding a lexicon entry or a fact is therefore tested without writing Python.
"""
from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest

from qc.facts.table import default_files as fact_files, read_tables
from qc.lexicons.lexicon import default_files as lexicon_files, read_lexicon_file
from qc.facts.table import Problems


def _text(example):
    if isinstance(example, dict):
        published = example.get("published")
        return example["text"], date.fromisoformat(str(published)) if published else None
    return str(example), None


def _lexicon_cases():
    for file in lexicon_files():
        for entry in read_lexicon_file(file, Problems()):
            name = f"{Path(file).stem}:{entry.id}"
            for i, ex in enumerate(entry.examples.bad):
                yield pytest.param(entry.key, "bad", ex, id=f"{name}:bad{i}")
            for i, ex in enumerate(entry.examples.good):
                yield pytest.param(entry.key, "good", ex, id=f"{name}:good{i}")


def _fact_cases():
    table, _ = read_tables(fact_files())
    for kind, items in (("entity", table.entities.values()), ("fact", table.facts.values())):
        for item in items:
            name = f"{Path(item.file).stem}:{item.id}"
            for i, ex in enumerate(item.examples.bad):
                yield pytest.param(kind, item.id, "bad", ex, id=f"{name}:bad{i}")
            for i, ex in enumerate(item.examples.good):
                yield pytest.param(kind, item.id, "good", ex, id=f"{name}:good{i}")


def _describe(findings):
    return "; ".join(f"[{f.rule}] « {f.text} » {f.evidence}" for f in findings)


@functools.lru_cache(maxsize=None)
def _entries():
    return {e.key: e for file in lexicon_files() for e in read_lexicon_file(file, Problems())}


def _entry_spans(key, text):
    """Spans the entry itself matches in `text` (source offsets of a plain-text document)."""
    from qc.documents import load_text
    from qc.lexicons.lexicon import Lexicon, document_topics
    from qc.tokens import tokenize_spans

    entry = _entries()[key]
    doc = load_text(text)
    tokens = tokenize_spans(doc.text, [(s.start, s.end) for s in doc.sentences])
    found = Lexicon([entry]).find(doc.text, doc.sentences, tokens, lambda: document_topics(doc.text))
    return [doc.source_span(m.flag_start, m.flag_end) for _, m in found]


@pytest.mark.parametrize("key,polarity,example", list(_lexicon_cases()))
def test_lexicon_example(check, key, polarity, example):
    """A bad example matches its entry, and the full check reports that span (maybe under an
    equivalent entry of another lexicon: one finding per span)."""
    text, published = _text(example)
    findings = check(text, published=published)
    if polarity == "bad":
        spans = _entry_spans(key, text)
        assert spans, f"entry {key} does not match its own example {text!r}"
        reported = {(f.offset, f.length) for f in findings if "entry" in f.evidence}
        assert any(span in reported for span in spans), f"{key} span not reported in {text!r}; got {_describe(findings)}"
    else:
        assert not findings, f"good example flagged: {text!r}: {_describe(findings)}"


@pytest.mark.parametrize("kind,item_id,polarity,example", list(_fact_cases()))
def test_fact_example(check, kind, item_id, polarity, example):
    text, published = _text(example)
    findings = check(text, published=published)
    if polarity == "bad":
        assert any(item_id in (f.evidence.get("entity"), f.evidence.get("fact")) for f in findings), (
            f"not flagged by {kind} {item_id}: {text!r}; got {_describe(findings)}"
        )
    else:
        assert not findings, f"good example flagged: {text!r}: {_describe(findings)}"


def test_default_data_files_validate():
    _, problems = read_tables(fact_files())
    for file in lexicon_files():
        p = Problems()
        read_lexicon_file(file, p)
        problems += p.items
    assert not problems, "\n".join(problems[:30])
