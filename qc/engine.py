"""Running checks: rule selection, one document, many files.

This is the library behind `qc check`; the CLI only turns options into an
`Options` and prints what `check_paths` yields.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from qc.checks.base import Check, Context, all_rules, registered_checks
from qc.config import Config, discover
from qc.documents import Document, detect_format, decode, load_document, load_text
from qc.errors import ConfigError, InputError
from qc.findings import Finding, Severity
from qc import suppressions
from qc.resources import Resources


@dataclass(frozen=True)
class Options:
    """What the user asked for on top of the configuration files."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    published: date | None = None
    source_lang: str | None = None
    min_confidence: float | None = None
    config: str | None = None
    format: str | None = None  # force a reader (txt/md/html) for every input
    settings: tuple[tuple[str, Any], ...] = ()


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    #: the file's text, kept for formats that quote it (not serialised)
    source: str | None = field(default=None, repr=False, compare=False)


def _matches(rule_id: str, selector: str) -> bool:
    return selector in ("ALL", rule_id) or rule_id.startswith(selector + ".") or rule_id.startswith(selector + "/")


def resolve_rules(select: Sequence[str] | None, extend: Sequence[str], ignore: Sequence[str]) -> frozenset[str]:
    """Rule ids enabled by ruff-style selectors (ids or prefixes such as `name`)."""
    rules = all_rules()
    for selector in [*(select or ()), *extend, *ignore]:
        if not any(_matches(r.id, selector) for r in rules):
            raise ConfigError(f"règle inconnue « {selector} » (voir `qc rules`)")
    if select is None:
        enabled = {r.id for r in rules if r.default_enabled}
    else:
        enabled = {r.id for r in rules if any(_matches(r.id, s) for s in select)}
    enabled |= {r.id for r in rules if any(_matches(r.id, s) for s in extend)}
    enabled -= {r.id for r in rules if any(_matches(r.id, s) for s in ignore)}
    return frozenset(enabled)


class Runner:
    """Checks compiled for one configuration; reused for every file it governs."""

    def __init__(self, config: Config, options: Options):
        self.config = config
        self.options = options
        select = options.select if options.select is not None else config.select
        self.enabled = resolve_rules(select, (*config.extend_select, *options.extend_select), (*config.ignore, *options.ignore))
        overrides = dict(config.severity) | dict(options.severity)
        unknown = [k for k in overrides if not any(_matches(r.id, k) for r in all_rules())]
        if unknown:
            raise ConfigError(f"{config.path or 'options'}: severity: règle inconnue « {unknown[0]} »")
        # the most specific selector wins: `idiom.calque = "error"` beats `idiom = "info"`
        self.severities: dict[str, Severity] = {}
        for key in sorted(overrides, key=len):
            for r in all_rules():
                if _matches(r.id, key):
                    self.severities[r.id] = overrides[key]
        self.settings = dict(config.settings) | dict(options.settings)
        self.resources = Resources.for_config(config)
        self.checks: list[Check] = []
        for cls in registered_checks():
            ids = {r.id for r in cls.rules} & self.enabled
            if ids:
                check = cls(self.resources)  # type: ignore[call-arg]
                check.enabled = frozenset(ids)
                self.checks.append(check)
        self.min_confidence = options.min_confidence if options.min_confidence is not None else config.min_confidence
        self.published = options.published or config.published
        self.source_lang = options.source_lang or config.source_lang

    def check(self, doc: Document) -> list[Finding]:
        if self.published and "published" not in doc.meta:
            doc.meta["published"] = self.published
        if self.source_lang and "source_lang" not in doc.meta:
            doc.meta["source_lang"] = self.source_lang
        ctx = Context(doc, self.settings, self.severities, self.resources.confidences)
        found: dict[tuple, Finding] = {}
        for check in self.checks:
            for f in check.run(ctx):
                if f.rule in check.enabled and f.confidence >= self.min_confidence:
                    found.setdefault((f.offset, f.length, f.rule, f.message), f)
        regions, _ = suppressions.parse(doc)
        return sorted(suppressions.apply(found.values(), regions), key=Finding.sort_key)


class Session:
    """Caches one Runner per configuration file across a run."""

    def __init__(self, options: Options):
        self.options = options
        self._runners: dict[str | None, Runner] = {}

    def runner_for(self, path: str | None) -> Runner:
        config = discover(path, self.options.config)
        if config.path not in self._runners:
            self._runners[config.path] = Runner(config, self.options)
        return self._runners[config.path]

    def check_file(self, path: str) -> FileResult:
        try:
            runner = self.runner_for(path)
            if path == "-":
                text = decode("<stdin>", sys.stdin.buffer.read())
                doc = load_text(text, self.options.format or "txt", "<stdin>", self.options.published, self.options.source_lang)
            else:
                doc = load_document(path, self.options.format, self.options.published, self.options.source_lang)
            return FileResult(doc.path, runner.check(doc), source=doc.source)
        except InputError as exc:
            return FileResult(path, error=str(exc))


def iter_files(paths: Iterable[str], include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    """Expand directories recursively; explicit file arguments are always taken."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        found = []
        for root, dirs, files in os.walk(path):
            rel_root = os.path.relpath(root, path)
            dirs[:] = sorted(d for d in dirs if not _excluded(os.path.normpath(os.path.join(rel_root, d)), d, exclude))
            for name in files:
                rel = os.path.normpath(os.path.join(rel_root, name))
                if _excluded(rel, name, exclude):
                    continue
                if any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(Path(rel).as_posix(), pat) for pat in include):
                    found.append(os.path.join(root, name))
        if not found:
            raise InputError(f"{path}: aucun fichier à vérifier (motifs : {', '.join(include)})")
        yield from sorted(found)


def _excluded(rel: str, name: str, exclude: Sequence[str]) -> bool:
    posix = Path(rel).as_posix()
    return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(posix, pat) or posix.startswith(pat.rstrip("/") + "/") for pat in exclude)


def check_paths(paths: Sequence[str], options: Options | None = None) -> Iterator[FileResult]:
    """Check files and directories; a bad file becomes a FileResult with an error."""
    session = Session(options or Options())
    for arg in paths:
        config = discover(arg if arg != "-" else None, session.options.config)
        try:
            files = list(iter_files([arg], config.include, config.exclude))
        except InputError as exc:
            yield FileResult(arg, error=str(exc))
            continue
        for path in files:
            yield session.check_file(path)


def check_document(doc: Document, options: Options | None = None) -> list[Finding]:
    session = Session(options or Options())
    return session.runner_for(doc.path if os.path.exists(doc.path) else None).check(doc)


def check_text(text: str, fmt: str = "txt", options: Options | None = None, path: str = "<texte>") -> list[Finding]:
    opts = options or Options()
    return check_document(load_text(text, fmt, path, opts.published, opts.source_lang), opts)
