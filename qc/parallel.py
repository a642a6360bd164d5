"""Checking files on every core: an ordered, crash-isolating process pool.

Workers are forked after the parent has loaded the fact table and lexicons, so they
start with them in memory (and the on-disk compiled cache makes the parent's own
start fast). Results come back in input order through a bounded window, so a run
over a million files never holds more than a few hundred results or paths.

A worker that dies (segfault, OOM kill) breaks the pool: the file it was checking
is reported as failed with the reason, a fresh pool takes the remaining files, and
the run goes on. Ctrl-C stops every worker and leaves no process behind.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from qc.engine import FileResult, Options, Session

_session: Session | None = None


def _init_worker(options: Options) -> None:
    # the parent decides when to stop: workers ignore Ctrl-C and die with the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _session
    if _session is None or _session.options != options:
        _session = Session(options)


def _check_one(path: str) -> FileResult:
    assert _session is not None
    return _session.check_file(path)


def _done(result: FileResult) -> "Future[FileResult]":
    future: Future[FileResult] = Future()
    future.set_result(result)
    return future


def warm(session: Session, first_path: str | None) -> None:
    """Load the data in the parent before forking, so workers inherit it."""
    runner = session.runner_for(first_path)
    for check in runner.checks:
        getattr(check, "lexicon", None)  # the lexicon check's combined index
    resources = runner.resources
    resources.facts, resources.names, resources.lexicons  # noqa: B018 (loads them)


class LocalPool:
    def __init__(self, options: Options, jobs: int):
        self.options = options
        self.jobs = max(1, jobs)
        self.window = 4 * self.jobs
        self._context = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
        self._executor: ProcessPoolExecutor | None = None

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=self._context, initializer=_init_worker, initargs=(self.options,))

    def map(self, items: Iterable[str | FileResult]) -> Iterator[FileResult]:
        """Results in the order of `items`: paths to check, or results already known
        (an input error found while listing files); standard input is read here."""
        global _session
        _session = Session(self.options)
        it = iter(items)
        head = list(itertools.islice(it, 2))
        if len(head) < 2:
            # a single file is checked here: forking would only cost time
            for item in head:
                yield item if isinstance(item, FileResult) else _session.check_file(item)
            return
        first = head[0]
        warm(_session, first if isinstance(first, str) and first != "-" else None)
        self._executor = self._new_executor()
        pending: deque[tuple[str, Future[FileResult]]] = deque()

        def submit(item: str | FileResult) -> None:
            assert self._executor is not None and _session is not None
            if isinstance(item, FileResult):
                pending.append((item.path, _done(item)))
            elif item == "-":
                pending.append((item, _done(_session.check_file(item))))
            else:
                pending.append((item, self._executor.submit(_check_one, item)))

        try:
            for item in head:
                submit(item)
            for path in it:
                submit(path)
                if len(pending) >= self.window:
                    yield self._next(pending, submit)
            while pending:
                yield self._next(pending, submit)
        except BaseException:
            self.terminate()
            raise
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None

    def _next(self, pending: deque[tuple[str, Future[FileResult]]], submit) -> FileResult:
        path, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # some worker died: find out whether it was on this file by running it alone
            rest = [p for p, _ in pending]
            pending.clear()
            self._restart()
            result = self._alone(path)
            for p in rest:
                submit(p)
            return result

    def _alone(self, path: str) -> FileResult:
        single = ProcessPoolExecutor(1, mp_context=self._context, initializer=_init_worker, initargs=(self.options,))
        try:
            return single.submit(_check_one, path).result()
        except BrokenProcessPool:
            return FileResult(path, error=f"{path}: le processus qui vérifiait ce fichier s'est arrêté brutalement (plantage ou mémoire épuisée)")
        finally:
            single.shutdown(wait=True, cancel_futures=True)

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()

    def terminate(self) -> None:
        """Stop every worker now (Ctrl-C): no process is left behind."""
        executor = self._executor
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        for proc in processes:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
        self._executor = None
