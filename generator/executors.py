"""Where the per-article stage runs: inline, in a local process pool, or on a Dask cluster.

The per-article stage is a pure function of (article, config, code version), so it can run anywhere; the caller
hands over work in chunks and gets the results back in the order it gave them, whatever order they finished in.

Dask distributed rather than Ray for the cluster: it installs from pip alone (Ray ships a large binary with its
own object store and dashboard processes), `LocalCluster` starts a real multi-process cluster in a test in a few
seconds, its futures API is the `concurrent.futures` one this module already speaks, and a scheduler plus
workers is the whole deployment (`dask scheduler` on one machine, `dask worker tcp://host:8786` on the others).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Sequence, TypeVar
from urllib.parse import urlsplit

from .errors import BuildError

T = TypeVar("T")
R = TypeVar("R")
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


def chunked(items: Sequence[T], workers: int) -> list[list[T]]:
    """Items in consecutive chunks, about TASKS_PER_WORKER per worker and at most MAX_CHUNK long."""
    size = max(1, min(MAX_CHUNK, len(items) // max(1, workers * TASKS_PER_WORKER)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class Executor:
    """Runs `task` over chunks of items and returns one result per item, in the order of the items."""

    name = "inline"
    workers = 1

    def map_chunks(self, task: Callable[[list[T]], list[R]], items: Sequence[T], advance: Advance) -> list[R]:
        results: list[R] = []
        for chunk in chunked(items, 1):
            results.extend(task(chunk))
            advance(len(chunk))
        return results

    def start(self) -> None:
        """Start the workers now rather than at the first task (see ProcessExecutor.start)."""

    def close(self) -> None:
        """Release workers and connections."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _gather(futures: dict[Any, int], chunks: list[list[Any]], advance: Advance,
            completed: Any = as_completed) -> list[Any]:
    """Results of futures (concurrent.futures or Dask ones) back in chunk order, reporting progress as they land."""
    done: dict[int, list[Any]] = {}
    for future in completed(futures):
        index = futures[future]
        done[index] = future.result()  # a worker's exception is raised here, with the worker's traceback
        advance(len(chunks[index]))
    return [result for index in range(len(chunks)) for result in done[index]]


def _start_method() -> str:
    # fork starts a worker in milliseconds with every module already imported. Forking a process that runs
    # other threads (`digest serve` builds beside its HTTP and watcher threads) can copy a held lock, so there
    # the pool uses a fork server that imported the pipeline once instead.
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
            context.set_forkserver_preload(["generator.pipeline"])
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)

    def start(self) -> None:
        """Fork the workers now: a forked worker's RSS counts every page of the parent at the fork, so workers
        forked before the build reads its sources start at the libraries' size, not at the builder's."""
        self._pool.submit(int).result()  # with fork the pool starts all its workers at the first task

    def map_chunks(self, task: Callable[[list[T]], list[R]], items: Sequence[T], advance: Advance) -> list[R]:
        chunks = chunked(items, self.workers)
        try:
            futures = {self._pool.submit(task, chunk): i for i, chunk in enumerate(chunks)}
            return _gather(futures, chunks, advance)
        except BrokenProcessPool as exc:
            raise BuildError(f"a build worker process died ({exc}); was it out of memory? Try --jobs 1") from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


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

    def map_chunks(self, task: Callable[[list[T]], list[R]], items: Sequence[T], advance: Advance) -> list[R]:
        chunks = chunked(items, self.workers)
        # pure=False: two equal chunks are still two tasks (each writes its own results to the cache).
        futures = {self._client.submit(task, chunk, pure=False): i for i, chunk in enumerate(chunks)}
        from distributed import as_completed as dask_completed

        with self._client.as_current():  # Dask's as_completed finds its client through the "current" one
            return _gather(futures, chunks, advance, dask_completed)

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

