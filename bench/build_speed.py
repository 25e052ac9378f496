#!/usr/bin/env python3
"""Build-speed benchmark: `python bench/build_speed.py [--n 1000] [--format raw|md] [--runs 3] [--jobs N] [--dask]`.

Generates the deterministic synthetic corpus with ../shared/bench/make_corpus.py (cached under bench/corpora/),
then times whole `digest build` processes and prints a table of medians:

- cold, jobs=1 and cold, jobs=N: no cache, no output (N defaults to the number of CPUs);
- no-change: the same build again, cache and output in place;
- one-change: one article edited (a different one each run), then rebuilt;
- with --dask: cold builds on a local Dask cluster of 1 and of N single-threaded worker processes
  (`--executor dask://...`, one discarded warm-up build per cluster so workers have imported digest).

Peak memory is the largest sum of the resident set sizes of the build process and all its descendants (the pool
workers), polled every 20 ms: an upper bound, since forked workers share the pages they have not written to.
"python MiB" leaves out non-Python children (the Pagefind search indexer). Dask workers are not descendants of the
build, so the Dask rows count the client process only.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

import psutil

from _common import digest_env
from compare_generators import own_rss

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"
POLL_SECONDS = 0.02


def corpus(n: int, fmt: str, seed: int = 1) -> Path:
    """The corpus folder, generated once and reused."""
    folder = HERE / "corpora" / f"{fmt}-{n}-s{seed}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(folder), "--n", str(n),
                        "--seed", str(seed), "--format", fmt], check=True, stdout=subprocess.DEVNULL)
    return folder


def _tree_rss(process: psutil.Process) -> tuple[int, int]:
    """RSS of the whole tree, and of its Python processes (the build and its pool, not the search indexer)."""
    total = python = 0
    try:
        tree = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0, 0  # the build just exited
    for proc in tree:
        try:
            rss = proc.memory_info().rss if proc.pid == process.pid else own_rss(proc)  # a spawn counts once
            total += rss
            python += rss if "python" in proc.name() else 0
        except psutil.Error:
            continue  # a worker that just exited
    return total, python


def timed_build(site: Path, *flags: str) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) of the `digest build` process tree, and of its Python processes alone."""
    command = [sys.executable, "-m", "generator", "build", "--site", str(site), *flags]
    started = time.perf_counter()
    child = psutil.Popen(command, cwd=HERE.parent, env=digest_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_python = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak, peak_python
        while not stop.is_set():
            tree, python = _tree_rss(child)
            peak, peak_python = max(peak, tree), max(peak_python, python)
            stop.wait(POLL_SECONDS)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    _out, err = child.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    poller.join()
    if child.returncode:
        sys.exit(f"digest build {' '.join(flags)} failed ({child.returncode}): {err.decode()[-2000:]}")
    return seconds, peak / 2**20, peak_python / 2**20


def _reset(site: Path) -> None:
    shutil.rmtree(site / "output", ignore_errors=True)
    shutil.rmtree(site / ".digest-cache", ignore_errors=True)


def _touch_one(site: Path, run: int) -> None:
    """Edit one article (a different one each run) the way a reporter would: a word changed in its text."""
    files = sorted((site / "content").iterdir())
    path = files[(run * 7919) % len(files)]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(" the ", " the very ", 1), encoding="utf-8")


def measure(label: str, runs: int, before: Callable[[int], None], site: Path, *flags: str) -> tuple:
    times, peaks, pythons = [], [], []
    for run in range(runs):
        before(run)
        seconds, peak, python = timed_build(site, *flags)
        times.append(seconds)
        peaks.append(peak)
        pythons.append(python)
        print(f"  {label:<28} run {run + 1}: {seconds:7.2f} s  {peak:6.0f} MiB", file=sys.stderr)
    return label, statistics.median(times), max(peaks), max(pythons)


def dask_rows(site: Path, runs: int, workers: int) -> list[tuple]:
    from distributed import LocalCluster

    rows = []
    for count in sorted({1, workers}):
        with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            address = cluster.scheduler_address.replace("tcp://", "dask://")
            flags = ("--executor", address, "--no-cache")
            _reset(site)
            timed_build(site, *flags)  # warm-up: the workers import digest once
            rows.append(measure(f"cold, dask {count} worker{'s' * (count > 1)}", runs,
                                lambda _run: _reset(site), site, *flags))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=("raw", "md"), default="raw")
    parser.add_argument("--jobs", type=int, default=psutil.cpu_count() or 1, help="N for the parallel rows")
    parser.add_argument("--dask", action="store_true", help="also time a local Dask cluster of 1 and N workers")
    args = parser.parse_args()
    source = corpus(args.n, args.format)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        shutil.copytree(source, site / "content")
        rows = [
            measure("cold, jobs=1", args.runs, lambda _run: _reset(site), site, "--jobs", "1"),
            measure(f"cold, jobs={args.jobs}", args.runs, lambda _run: _reset(site), site, "--jobs", str(args.jobs)),
        ]
        timed_build(site)  # fill the cache and the output for the rebuilds
        rows.append(measure("no-change rebuild", args.runs, lambda _run: None, site))
        rows.append(measure("one-change rebuild", args.runs, lambda run: _touch_one(site, run), site))
        if args.dask:
            rows += dask_rows(site, args.runs, args.jobs)
    base = rows[0][1]
    print(f"digest build, {args.n} {args.format} articles, median of {args.runs} runs, {psutil.cpu_count()} CPUs")
    print(f"{'build':<28} {'seconds':>8} {'articles/s':>11} {'vs jobs=1':>10} {'peak MiB':>9} {'python MiB':>11}")
    for label, median, peak, python in rows:
        print(f"{label:<28} {median:>8.2f} {args.n / median:>11.1f} {base / median:>9.2f}x {peak:>9.0f} {python:>11.0f}")


if __name__ == "__main__":
    main()
