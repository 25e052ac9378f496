#!/usr/bin/env python3
"""Quote extraction speed: `python bench/speed_quotes.py [--limit N] [--repeat R]`.

Data: the `quotes-polnear` dev articles (real news prose, median about 600 words), each cleaned once as Markdown (not
timed). Timed: `find_quotes(blocks)` as a build calls it, person mentions included (they resolve the speakers).
The articles are timed in `--repeat` passes over the whole set and each article's best time is kept (timer noise).
Passes, not repeats of one article in a row: the name caches would then answer an article's second run from its
first, which a build (each article once) never sees. The figure is the median over articles of that time scaled to
800 words (time x 800 / words). Target (issue 4): under 5 ms per 800-word article.

Every pass starts with the package's caches empty (each `functools.lru_cache` cleared): a second pass over the
same articles would otherwise find every name already read, which a build, each article once, never does.

`--against REV` also times the `generator` package of a git revision, in the same process, each article by the
one and then the other in turn: on a shared machine whose speed drifts by half within minutes, only figures taken
side by side like this compare two versions. It prints both medians and their ratio.
"""

from __future__ import annotations

import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from _common import clean_blocks, export_revision, load_jsonl, parser

from generator.extract.quotes import find_quotes

TARGET_MS = 5.0


def timed_ms(blocks: tuple, run: Callable = find_quotes) -> float:
    """One run of find_quotes over one article, in milliseconds."""
    start = time.perf_counter()
    run(blocks)
    return (time.perf_counter() - start) * 1000


def clear_caches(package: str) -> None:
    """Empty every functools cache of the package's modules, so a pass over the articles starts as a build does."""
    for name, module in list(sys.modules.items()):
        if name == package or name.startswith(package + "."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def find_quotes_at(revision: str, folder: Path) -> Callable:
    """find_quotes of the `generator` package at a git revision, imported under another name (its imports are
    relative) from a copy in `folder`."""
    export_revision(revision, folder, "generator")
    (folder / "generator").rename(folder / "generator_against")
    sys.path.insert(0, str(folder))
    return importlib.import_module("generator_against.extract.quotes").find_quotes


def one_pass(articles: list[tuple]) -> list[float]:
    """Each article's time, the caches emptied first."""
    clear_caches("generator")
    return [timed_ms(blocks) for blocks in articles]


def per_800_median(best: list[float], sizes: list[int]) -> float:
    return statistics.median(ms * 800 / n for ms, n in zip(best, sizes))


def side_by_side(articles: list[tuple], sizes: list[int], revision: str, repeat: int) -> None:
    """This checkout's find_quotes and the revision's, article by article in turn, the order swapped every pass."""
    with tempfile.TemporaryDirectory() as folder:
        runs = {"this checkout": find_quotes, revision: find_quotes_at(revision, Path(folder))}
        best = {name: [float("inf")] * len(articles) for name in runs}
        for turn in range(repeat):
            order = list(runs) if turn % 2 == 0 else list(runs)[::-1]
            clear_caches("generator")
            clear_caches("generator_against")
            for i, blocks in enumerate(articles):
                for name in order:
                    best[name][i] = min(best[name][i], timed_ms(blocks, runs[name]))
    medians = {name: per_800_median(times, sizes) for name, times in best.items()}
    for name, median in medians.items():
        print(f"  {name:<14} median per 800 words {median:6.2f} ms")
    print(f"  ratio this checkout / {revision}: {medians['this checkout'] / medians[revision]:.3f}")


def loop_seconds() -> float:
    """A plain 10^7-step Python loop, best of 3: how fast this machine runs Python today, to compare runs across
    machines and days (the shared machines here vary about threefold)."""
    def loop() -> float:
        start, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        return time.perf_counter() - start
    return min(loop() for _ in range(3))


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the articles; each article's fastest run counts")
    ap.add_argument("--against", metavar="REV", help="also time this git revision's find_quotes, side by side")
    args = ap.parse_args()
    articles = [clean_blocks(a["text"], "markdown") for a in load_jsonl("quotes-polnear", args.limit)]
    sizes = [sum(len(b.text.split()) for b in blocks) for blocks in articles]
    articles, sizes = [a for a, n in zip(articles, sizes) if n], [n for n in sizes if n]
    if args.against:
        print(f"find_quotes on {len(articles)} quotes-polnear dev articles, side by side with {args.against}")
        side_by_side(articles, sizes, args.against, args.repeat)
        print(f"  machine: a 10^7-step Python loop takes {loop_seconds():.2f} s")
        return
    best = [min(times) for times in zip(*(one_pass(articles) for _ in range(args.repeat)))]
    per_800 = [ms * 800 / n for ms, n in zip(best, sizes)]
    median = per_800_median(best, sizes)
    print(f"find_quotes on {len(best)} quotes-polnear dev articles (median {statistics.median(sizes):.0f} words)")
    print(f"  median per article   {statistics.median(best):6.2f} ms")
    print(f"  median per 800 words {median:6.2f} ms   (target < {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'NOT met'})")
    print(f"  90th pct per 800 w.  {statistics.quantiles(per_800, n=10)[-1]:6.2f} ms")
    print(f"  machine: a 10^7-step Python loop takes {loop_seconds():.2f} s")


if __name__ == "__main__":
    main()
