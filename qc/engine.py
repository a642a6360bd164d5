"""Running checks: rule selection, one document, many files.

This is the library behind `qc check`; the CLI only turns options into an
`Options` and prints what `check_paths` yields.
"""
from __future__ import annotations

import contextlib
import fnmatch
import gc
import itertools
import os
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from qc.checks.base import Check, Context, all_rules, registered_checks
from qc.config import Config, discover
from qc.documents import Document, decode, load_document, load_text
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
    # back-translation and comparison with the original (qc.translation); None: the config decides
    backtranslate: bool | None = None
    bt_forward: str | None = None  # model id or directory, French to the source language
    bt_back: str | None = None  # source language to French
    device: str | None = None  # auto | cpu | cuda | cuda:N
    threads: int | None = None
    beams: int | None = None
    int8: bool | None = None
    cache: str | None = None  # translation cache file
    no_cache: bool = False
    source: str | None = None  # the original article
    bt_threshold: float | None = None
    jobs: int = 1  # worker processes for the per-file checks (qc.parallel), CPUs of a local Ray instance
    executor: str = "local"  # local: this machine (qc.parallel) | ray: Ray tasks and actors (qc.ray_executor)
    ray_address: str | None = None  # the Ray cluster to join; None: a local Ray instance


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    #: the file's text, kept for formats that quote it (not serialised)
    source: str | None = field(default=None, repr=False, compare=False)


#: where the per-file checks run (Options.executor)
EXECUTORS = ("local", "ray")


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
        ctx = self.context(doc)
        return self.admit(doc, (f for check in self.checks for f in check.run(ctx) if f.rule in check.enabled))

    def context(self, doc: Document) -> Context:
        return Context(doc, self.settings, self.severities, self.resources.confidences)

    def admit(self, doc: Document, findings: Iterable[Finding]) -> list[Finding]:
        """Enabled and confident enough, one per span and rule, not suppressed, in file order."""
        found: dict[tuple[int, int, str], Finding] = {}
        for f in findings:
            if f.rule not in self.enabled or f.confidence < self.min_confidence:
                continue
            # two lexicon entries on the same words are one error: keep the more severe
            key = (f.offset, f.length, "lexicon" if "entry" in f.evidence else f.rule)
            kept = found.get(key)
            if kept is None or (f.severity.rank, f.confidence) > (kept.severity.rank, kept.confidence):
                found[key] = f
        regions, _ = suppressions.parse(doc)
        return sorted(suppressions.apply(found.values(), regions), key=Finding.sort_key)


class Session:
    """Caches one Runner per configuration file across a run."""

    def __init__(self, options: Options):
        self.options = options
        self._runners: dict[str | None, Runner] = {}
        self._configs: dict[str | None, Config] = {}

    def config_for(self, path: str | None) -> Config:
        """The configuration of `path`, looked up once per folder: a run over a thousand
        files of one folder walks up the tree once, not a thousand times."""
        folder = None if path is None else path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        if folder not in self._configs:
            self._configs[folder] = discover(path, self.options.config)
        return self._configs[folder]

    def runner_for(self, path: str | None) -> Runner:
        config = self.config_for(path)
        if config.path not in self._runners:
            self._runners[config.path] = Runner(config, self.options)
        return self._runners[config.path]

    def check_file(self, path: str) -> FileResult:
        return self.load_and_check(path)[0]

    def load_and_check(self, path: str) -> tuple[FileResult, Document | None, Runner | None]:
        """The result, and the document and runner that run-level stages need."""
        try:
            runner = self.runner_for(path)
            if path == "-":
                text = decode("<stdin>", sys.stdin.buffer.read())
                doc = load_text(text, self.options.format or "txt", "<stdin>", self.options.published, self.options.source_lang)
            else:
                doc = load_document(path, self.options.format, self.options.published, self.options.source_lang)
            return FileResult(doc.path, runner.check(doc), source=doc.source), doc, runner
        except InputError as exc:
            return FileResult(path, error=str(exc)), None, None


def iter_files(paths: Iterable[str], include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    """Expand directories recursively; explicit file arguments are always taken."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        # lazily, one directory at a time (sorted), so a tree of a million files is never
        # held in memory
        found = 0
        for root, dirs, files in os.walk(path):
            rel_root = os.path.relpath(root, path)
            dirs[:] = sorted(d for d in dirs if not _excluded(os.path.normpath(os.path.join(rel_root, d)), d, exclude))
            for name in sorted(files):
                rel = os.path.normpath(os.path.join(rel_root, name))
                if _excluded(rel, name, exclude):
                    continue
                if any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(Path(rel).as_posix(), pat) for pat in include):
                    found += 1
                    yield os.path.join(root, name)
        if not found:
            raise InputError(f"{path}: aucun fichier à vérifier (motifs : {', '.join(include)})")


def _excluded(rel: str, name: str, exclude: Sequence[str]) -> bool:
    posix = Path(rel).as_posix()
    return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(posix, pat) or posix.startswith(pat.rstrip("/") + "/") for pat in exclude)


def check_paths(paths: Iterable[str], options: Options | None = None) -> Iterator[FileResult]:
    """Check files and directories; a bad file becomes a FileResult with an error.

    Results stream file by file, except with back-translation or `source`: that
    stage needs every sentence of the run, so results come once it is done.
    """
    with _fewer_collections():
        yield from _check_paths(paths, options)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while checking.

    A run allocates thousands of objects per article (token strings, lists, matches)
    that reference counting frees, yet each 700 allocations the default threshold
    triggers a collection (4% of a run). Checks make almost no reference cycles; mypy
    raises the threshold for the same reason.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _check_paths(paths: Iterable[str], options: Options | None) -> Iterator[FileResult]:
    it = iter(paths)
    first_arg = next(it, None)
    paths = itertools.chain([first_arg], it) if first_arg is not None else iter(())
    options = options or Options()
    if options.executor not in EXECUTORS:
        raise ConfigError(f"exécuteur inconnu « {options.executor} » ({', '.join(EXECUTORS)})")
    options, stage = _plan_backtranslation(options, first_arg)
    session = Session(options)
    if stage is None and options.executor == "ray":
        from qc.ray_executor import RayPool

        yield from RayPool(options).map(_inputs(session, paths))
        return
    if stage is None and options.jobs > 1:
        from qc.parallel import LocalPool

        yield from LocalPool(options, options.jobs).map(_inputs(session, paths))
        return
    if stage is None:
        for arg in paths:
            yield from (result for result, _, _ in _check_arg(session, arg))
        return
    checked = [item for arg in paths for item in _check_arg(session, arg)]
    documents = [(doc, runner) for _, doc, runner in checked if doc is not None and runner is not None]
    extra = iter(stage.run([(doc, runner.context(doc), runner.enabled) for doc, runner in documents]))
    for result, doc, runner in checked:
        if doc is not None and runner is not None:
            result.findings = runner.admit(doc, [*result.findings, *next(extra)])
        yield result


def _inputs(session: Session, paths: Iterable[str]) -> Iterator[str | FileResult]:
    """Files to check, lazily; a path that yields none becomes its error result."""
    for arg in paths:
        config = session.config_for(arg if arg != "-" else None)
        try:
            yield from iter_files([arg], config.include, config.exclude)
        except InputError as exc:
            yield FileResult(arg, error=str(exc))


def _check_arg(session: Session, arg: str) -> Iterator[tuple[FileResult, Document | None, Runner | None]]:
    for item in _inputs(session, [arg]):
        yield (item, None, None) if isinstance(item, FileResult) else session.load_and_check(item)


def _plan_backtranslation(options: Options, first_arg: str | None) -> tuple[Options, Any]:
    """The run-level back-translation stage this run asks for, and options that enable its rules.

    Planned before any file is checked, so that a bad device or model fails at
    once. qc.translation is imported only here, and only when asked for.
    """
    config = discover(first_arg if first_arg != "-" else None, options.config)
    settings = dict(config.settings) | dict(options.settings)
    if options.backtranslate is None and options.source is None and "backtranslation" not in settings:
        return options, None
    from qc.checks.backtranslation import selectors
    from qc.translation.stage import Stage, merge, read_settings

    planned = merge(read_settings(settings.get("backtranslation"), config.path), options)
    if not planned.active:
        return options, None
    extra = selectors(planned.backtranslate, planned.source is not None)
    actors = None
    if options.executor == "ray":
        from qc.ray_executor import actor_translators

        actors = actor_translators(options)
    return replace(options, extend_select=(*options.extend_select, *extra)), Stage(planned, actors)


def check_document(doc: Document, options: Options | None = None) -> list[Finding]:
    session = Session(options or Options())
    return session.runner_for(doc.path if os.path.exists(doc.path) else None).check(doc)


def check_text(text: str, fmt: str = "txt", options: Options | None = None, path: str = "<texte>") -> list[Finding]:
    opts = options or Options()
    return check_document(load_text(text, fmt, path, opts.published, opts.source_lang), opts)
