"""Checking files on a Ray cluster (`qc check --executor ray`), and back-translating on its actors.

`RayPool` keeps the contract of qc.parallel.LocalPool: results in input order, a
bounded number of tasks in flight (the input may be a lazy list of a million
paths), and a file whose check kills its process reported as failed while the run
goes on. Files travel BATCH paths per task, because scheduling a task costs about
as much as checking a file; each worker process keeps its Session (fact table,
lexicons, compiled patterns) from one task to the next, and qc.compiled makes the
first load on a node fast.

Workers read the files themselves: on a cluster every path must be reachable at
the same place on every node (a shared file system), relative paths being taken
from the driver's working directory.

`ActorTranslator` is the back-translation side: the translation cache stays in the
driver and only uncached sentences travel, to a pool of actors that each hold one
model, on a GPU of their own when the cluster has GPUs, else on ACTOR_THREADS cores.
The actors live for one call of `translate`: the forward model's actors release their
CPUs or GPUs before the back model's start.

Ray is an optional extra (`pip install 'qc[ray]'`), imported only here.
"""
from __future__ import annotations

import functools
import itertools
import logging
import os
import re
import socket
from collections import deque
from types import ModuleType
from typing import Any, Iterable, Iterator

from qc.engine import FileResult, Options, Session
from qc.errors import ConfigError, ExecutorError, ModelError, QcError
from qc.translation.cache import TranslationCache
from qc.translation.engine import MAX_INPUT_TOKENS, TOKEN_BUDGET, CachedTranslator, Decoding, Translator, precision
from qc.translation.models import ModelRef

#: paths per task: enough to make scheduling negligible, few enough to spread a small run
BATCH = 32
#: tasks in flight per CPU of the cluster: every worker busy, memory bounded
TASKS_PER_CPU = 2
#: torch threads of a CPU translation actor (--threads overrides): one thread per actor
#: translates most per core (benchmarks/bench_backtranslation.py), at the cost of one
#: model in memory (about 1.1 GB) per core
ACTOR_THREADS = 1
#: seconds to reach a cluster's head before giving up (Ray itself retries for minutes)
CONNECT_TIMEOUT = 10
#: sentences per actor call: large batches for the model, small enough to share the work
SENTENCES_PER_CALL = 256
_CRASHED = "le processus Ray qui vérifiait ce fichier s'est arrêté brutalement (plantage, mémoire épuisée ou nœud perdu)"

_session: Session | None = None


def _check_batch(options: Options, cwd: str, paths: list[str]) -> list[FileResult]:
    """A Ray task: its worker process keeps the session, so the data is loaded once per worker."""
    global _session
    if os.getcwd() != cwd and os.path.isdir(cwd):
        os.chdir(cwd)
    if _session is None or _session.options != options:
        _session = Session(options)
    return [_session.check_file(path) for path in paths]


def import_ray() -> ModuleType:
    try:
        import ray
    except ImportError:
        raise ExecutorError("--executor ray : Ray n'est pas installé (installez l'extra : pip install 'qc[ray]')") from None
    return ray


def connect(address: str | None, cpus: int) -> bool:
    """Join the cluster at `address`, or start a local Ray instance of `cpus` CPUs.

    True when this call connected, so the caller disconnects (ray.shutdown) at the
    end; False when Ray was already initialised by someone else.
    """
    ray = import_ray()
    if ray.is_initialized():
        return False
    quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
    # qc's own variables (QC_CONFIG, QC_MODELS_DIR...) must reach the workers of every node
    env = {key: value for key, value in os.environ.items() if key.startswith("QC_")}
    if env:
        quiet["runtime_env"] = {"env_vars": env}
    where, hint = "--executor ray : démarrage de Ray impossible", ""
    try:
        if address:
            where = f"--ray-address {address} : cluster Ray injoignable"
            _probe(address)
            # the head answers: a refusal now is most often a token the driver does not send
            hint = " ; cluster à jeton : RAY_AUTH_MODE=token et son jeton, voir docs/scaling.md"
            ray.init(address=address, **quiet)
        else:
            # "local": a new instance even when RAY_ADDRESS names a cluster
            ray.init(address="local", num_cpus=cpus, include_dashboard=False, **quiet)
    except (OSError, RuntimeError, ValueError) as exc:
        detail = getattr(exc, "strerror", None) or (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ExecutorError(f"{where} ({detail}{hint})") from None
    return True


def _probe(address: str) -> None:
    """Fail at once when a HOST:PORT head does not answer."""
    found = re.fullmatch(r"\[?([^\[\]/]+?)\]?:(\d+)", address)
    if found:
        socket.create_connection((found[1], int(found[2])), timeout=CONNECT_TIMEOUT).close()


def _raise_own(exc: Exception) -> None:
    """qc's own errors raised in a task (a bad configuration) stop the run, as they do in-process."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, QcError):
        raise cause from None


def _reason(path: str, exc: Exception) -> str:
    """Why a task failed, for its file."""
    _raise_own(exc)
    cause = getattr(exc, "cause", None)
    if isinstance(cause, Exception):
        return f"{path}: erreur interne pendant la vérification ({type(cause).__name__}: {cause})"
    return f"{path}: {_CRASHED}"


def _batches(items: Iterator[str | FileResult], size: int) -> Iterator[list[str | FileResult]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


class RayPool:
    """Per-file checks as Ray tasks; `map` has the interface of qc.parallel.LocalPool."""

    def __init__(self, options: Options):
        self.options = options
        self.ray = import_ray()
        self._stdin: Session | None = None

    def map(self, items: Iterable[str | FileResult]) -> Iterator[FileResult]:
        """Results in the order of `items`: paths to check, or results already known
        (an input error found while listing files); standard input is read here."""
        ray = self.ray
        started = connect(self.options.ray_address, self.options.jobs)
        pending: deque[tuple[list[str | FileResult], Any]] = deque()
        try:
            # no blind retry: a failed batch is re-run file by file below
            task = ray.remote(max_retries=0)(_check_batch)
            options, cwd = ray.put(self.options), os.getcwd()
            window = TASKS_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", 1)))

            def submit(paths: list[str]) -> Any:
                return task.remote(options, cwd, paths) if paths else None

            for batch in _batches(iter(items), BATCH):
                pending.append((batch, submit(_remote(batch))))
                if len(pending) >= window:
                    yield from self._collect(*pending.popleft(), submit)
            while pending:
                yield from self._collect(*pending.popleft(), submit)
        except BaseException:
            for _, ref in pending:
                if ref is not None:
                    ray.cancel(ref, force=True)
            raise
        finally:
            if started:
                ray.shutdown()

    def _collect(self, batch: list[str | FileResult], ref: Any, submit: Any) -> Iterator[FileResult]:
        paths = _remote(batch)
        try:
            checked = iter(self.ray.get(ref) if ref is not None else [])
        except self.ray.exceptions.RayError as exc:
            _raise_own(exc)
            # find out which file it was: each on its own
            checked = iter(self._alone(paths, [submit([path]) for path in paths]))
        for item in batch:
            if isinstance(item, FileResult):
                yield item
            elif item == "-":
                self._stdin = self._stdin or Session(self.options)
                yield self._stdin.check_file(item)
            else:
                yield next(checked)

    def _alone(self, paths: list[str], refs: list[Any]) -> Iterator[FileResult]:
        for path, ref in zip(paths, refs):
            try:
                yield self.ray.get(ref)[0]
            except self.ray.exceptions.RayError as exc:
                yield FileResult(path, error=_reason(path, exc))


def _remote(batch: list[str | FileResult]) -> list[str]:
    """The paths of a batch that a worker checks (not known results, not standard input)."""
    return [item for item in batch if isinstance(item, str) and item != "-"]


# -- back-translation --------------------------------------------------------------


class _TranslatorActor:
    """One model on one device, in a Ray actor; the driver's cache already filtered its input."""

    def __init__(self, ref: ModelRef, device: str, beams: int, int8: bool, threads: int, token_budget: int, max_tokens: int):
        # a model that does not load is reported by the first call, as qc's own one-line
        # error: an actor that dies in its constructor only says that it died
        self.error: QcError | None = None
        try:
            # on a GPU actor, Ray makes its own GPU the only one visible: cuda:0
            self.translator = Translator(ref, "cuda:0" if device == "cuda" else "cpu", beams, int8, threads, None, token_budget, max_tokens)
        except QcError as exc:
            self.error = exc

    def translate(self, texts: list[str], label: str) -> list[str]:
        if self.error is not None:
            raise self.error
        return self.translator.translate(texts, label)


def actor_translators(options: Options) -> functools.partial[ActorTranslator]:
    """The translator factory qc.translation.stage.Stage uses with `--executor ray`."""
    import_ray()
    return functools.partial(ActorTranslator, address=options.ray_address, cpus=options.jobs)


class ActorTranslator(CachedTranslator):
    """A Translator whose model runs in Ray actors, the cache staying in this process."""

    def __init__(
        self,
        ref: ModelRef,
        device: str = "auto",
        beams: int = 1,
        int8: bool = False,
        threads: int | None = None,
        cache: TranslationCache | None = None,
        token_budget: int = TOKEN_BUDGET,
        max_input_tokens: int = MAX_INPUT_TOKENS,
        *,
        address: str | None = None,
        cpus: int = 1,
    ):
        ray = self.ray = import_ray()
        connect(address, cpus)
        spec = device.strip().lower()
        if spec not in ("auto", "cpu") and not spec.startswith("cuda"):
            raise ConfigError(f"--device « {device} » : auto, cpu, cuda ou cuda:N attendu")
        gpus = int(ray.cluster_resources().get("GPU", 0))
        if spec.startswith("cuda") and not gpus:
            raise ModelError(f"--device {device} : aucun GPU dans le cluster Ray")
        self.ref, self.cache, self.hits, self.misses = ref, cache, 0, 0
        self.device = "cuda" if gpus and spec != "cpu" else "cpu"
        self.decoding = Decoding(beams, precision(self.device, int8), max_input_tokens)
        if self.device == "cuda":
            self._most, threads, self._resources = gpus, 1, {"num_gpus": 1, "num_cpus": 1}
        else:
            largest = max(int(node["Resources"].get("CPU", 0)) for node in ray.nodes() if node["Alive"])
            threads = max(1, min(threads or ACTOR_THREADS, largest))
            self._most, self._resources = max(1, int(ray.cluster_resources().get("CPU", 1)) // threads), {"num_cpus": threads}
        self._spec = (ref, self.device, beams, int8, threads, token_budget, max_input_tokens)

    def _translate(self, texts: list[str], label: str) -> list[str]:
        """Only called with uncached sentences: a run whose sentences are all cached loads no model."""
        from ray.util import ActorPool

        # similar lengths in one call: the actor's batches then carry little padding
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        calls = [order[i : i + SENTENCES_PER_CALL] for i in range(0, len(order), SENTENCES_PER_CALL)]
        out = [""] * len(texts)
        spawn = self.ray.remote(_TranslatorActor).options(max_restarts=2, max_task_retries=2, **self._resources)
        actors = [spawn.remote(*self._spec) for _ in range(min(self._most, len(calls)))]
        pool = ActorPool(actors)
        try:
            results = pool.map(lambda actor, call: actor.translate.remote([texts[i] for i in call], label), calls)
            for call, translated in zip(calls, results):
                for i, text in zip(call, translated):
                    out[i] = text
        except self.ray.exceptions.RayError as exc:
            _raise_own(exc)
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"{label} : un acteur Ray de traduction a échoué ({detail})") from None
        finally:
            for handle in actors:
                self.ray.kill(handle)
        return out
