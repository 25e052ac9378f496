"""Where the per-article stage runs: inline, in a local process pool, or on a Dask cluster.

The per-article stage is a pure function of (article, config, code version), so it can run anywhere; the caller
hands over work in chunks and gets the results back in the order it gave them, whatever order they finished in.
`map_stream` takes the items from an iterator only as fast as the workers finish them, so a caller that reads its
inputs as it goes (the build decodes every source file) never holds more than a few chunks of them at once.

Dask distributed rather than Ray for the cluster: it installs from pip alone (Ray ships a large binary with its
own object store and dashboard processes), `LocalCluster` starts a real multi-process cluster in a test in a few
seconds, its futures API is the `concurrent.futures` one this module already speaks, and a scheduler plus
workers is the whole deployment (`dask scheduler` on one machine, `dask worker tcp://host:8786` on the others).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar
from urllib.parse import urlsplit

from .errors import BuildError

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
Advance = Callable[[int], None]  # called with how many items just finished

KINDS = ("inline", "processes", "dask://HOST:PORT")
CONNECT_SECONDS = 10
TASKS_PER_WORKER = 4  # several chunks per worker, so a slow chunk does not leave the others idle at the end
MAX_CHUNK = 16  # articles per task: enough to hide the per-task overhead (~0.2 ms pool, ~1 ms Dask)


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def chunk_size(count: int, workers: int) -> int:
    """How many of `count` items go in one task: about TASKS_PER_WORKER tasks per worker, at most MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, count // max(1, workers * TASKS_PER_WORKER)))


class Pending(Protocol[R_co]):
    """A submitted task: a concurrent.futures or Dask future, or a task already run inline."""

    def result(self) -> R_co: ...


class Executor:
    """Runs `task` over chunks of items and returns one result per item, in the order of the items."""

    name = "inline"
    workers = 1

    def submit(self, task: Callable[[list[T]], list[R]], chunk: list[T]) -> Pending[list[R]]:
        """Start `task` on one chunk; inline, it runs to the end here."""
        done: Future[list[R]] = Future()
        done.set_result(task(chunk))
        return done

    def map_stream(self, task: Callable[[list[T]], list[R]], items: Iterable[T], advance: Advance,
                   expected: int) -> Iterator[tuple[T, R]]:
        """(item, result) for each item, in the order of the items, taking items only as tasks finish: at most
        TASKS_PER_WORKER chunks a worker submitted and not yet collected, so only that many chunks of items are
        held at once. `expected`, about how many items will come, sizes the chunks (`chunk_size`). The oldest
        task is awaited first, which keeps the order: the later ones keep the workers busy meanwhile."""
        size, window = chunk_size(expected, self.workers), self.workers * TASKS_PER_WORKER
        source = iter(items)
        in_flight: deque[tuple[Pending[list[R]], list[T]]] = deque()
        while True:
            chunk = list(islice(source, size))
            if chunk:
                in_flight.append((self.submit(task, chunk), chunk))
            if in_flight and (len(in_flight) >= window or not chunk):
                oldest, taken = in_flight.popleft()
                results = self._result(oldest)
                advance(len(taken))
                yield from zip(taken, results)
            elif not chunk:
                return

    def _result(self, pending: Pending[list[R]]) -> list[R]:
        """A task's results; a worker's exception is raised here, with the worker's traceback."""
        return pending.result()

    def start(self) -> None:
        """Start the workers now rather than at the first task (see ProcessExecutor.start)."""

    def close(self) -> None:
        """Release workers and connections."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _start_method() -> str:
    # fork starts a worker in milliseconds with every module already imported. Forking a process that runs
    # other threads (`digest serve` builds beside its HTTP and watcher threads) can copy a held lock, so there
    # the pool uses a fork server that imported the stages once instead.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


class ProcessExecutor(Executor):
    """A local pool of worker processes (concurrent.futures), one per job."""

    name = "processes"

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        method = _start_method()
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["generator.full_build"])
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)

    def start(self) -> None:
        """Fork the workers now: a forked worker's RSS counts every page of the parent at the fork, so workers
        forked before the build reads its sources start at the libraries' size, not at the builder's."""
        self._pool.submit(int).result()  # with fork the pool starts all its workers at the first task

    def submit(self, task: Callable[[list[T]], list[R]], chunk: list[T]) -> Pending[list[R]]:
        try:
            return self._pool.submit(task, chunk)
        except BrokenProcessPool as exc:
            raise _died(exc) from exc

    def _result(self, pending: Pending[list[R]]) -> list[R]:
        try:
            return pending.result()
        except BrokenProcessPool as exc:
            raise _died(exc) from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _died(exc: BrokenProcessPool) -> BuildError:
    return BuildError(f"a build worker process died ({exc}); was it out of memory? Try --jobs 1")


class DaskExecutor(Executor):
    """The workers of a running Dask distributed scheduler."""

    name = "dask"

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise BuildError(f"--executor {address} needs Dask distributed: pip install 'digest[dask]'") from None
        try:
            self._client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise BuildError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, task: Callable[[list[T]], list[R]], chunk: list[T]) -> Pending[list[R]]:
        # pure=False: two equal chunks are still two tasks (each writes its own results to the cache).
        return self._client.submit(task, chunk, pure=False)  # type: ignore[no-any-return]

    def close(self) -> None:
        self._client.close()


def check_spec(spec: str) -> str:
    """The executor spec if it is one we know; BuildError naming the accepted forms otherwise."""
    if spec in ("inline", "processes"):
        return spec
    parts = urlsplit(spec)
    if parts.scheme == "dask" and parts.hostname and _port(parts) is not None:
        return spec
    raise BuildError(f"{spec!r} is not an executor; use one of: {', '.join(KINDS)}")


def _port(parts: Any) -> int | None:
    try:
        return parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return None


def open_executor(spec: str, jobs: int) -> Executor:
    """An executor for spec ('inline', 'processes' or 'dask://host:port'); jobs sizes the local pool."""
    check_spec(spec)
    if spec == "inline" or (spec == "processes" and jobs <= 1):
        return Executor()
    if spec == "processes":
        return ProcessExecutor(jobs)
    parts = urlsplit(spec)
    return DaskExecutor(f"tcp://{parts.hostname}:{parts.port}")

