#!/usr/bin/env python3
"""Build-speed benchmark: `python bench/build_speed.py [--n 1000] [--runs 3] [--format raw|md]`.

Generates the deterministic synthetic corpus with ../shared/bench/make_corpus.py (cached under bench/corpora/),
then times whole `digest build` processes (cold: empty output; warm: output already there) and prints a table of
medians, articles per second and peak memory (max RSS of the child process).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"


def corpus(n: int, fmt: str, seed: int = 1) -> Path:
    """The corpus folder, generated once and reused."""
    folder = HERE / "corpora" / f"{fmt}-{n}-s{seed}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(folder), "--n", str(n),
                        "--seed", str(seed), "--format", fmt], check=True, stdout=subprocess.DEVNULL)
    return folder


def timed_build(site: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `digest build` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(site)], check=True,
                   stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=("raw", "md"), default="raw")
    args = parser.parse_args()
    source = corpus(args.n, args.format)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        shutil.copytree(source, site / "content")
        for label in ("cold", "rebuild"):
            times, peaks = [], []
            for _ in range(args.runs):
                if label == "cold":
                    shutil.rmtree(site / "output", ignore_errors=True)
                seconds, peak = timed_build(site)
                times.append(seconds)
                peaks.append(peak)
            median = statistics.median(times)
            rows.append((label, median, args.n / median, max(peaks)))
    print(f"digest build, {args.n} {args.format} articles, median of {args.runs} runs")
    print(f"{'build':<10} {'seconds':>9} {'articles/s':>11} {'peak MiB':>9}")
    for label, median, rate, peak in rows:
        print(f"{label:<10} {median:>9.2f} {rate:>11.1f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
