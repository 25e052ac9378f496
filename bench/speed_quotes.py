#!/usr/bin/env python3
"""Quote extraction speed: `python bench/speed_quotes.py [--limit N] [--repeat R]`.

Data: the `quotes-polnear` dev articles (real news prose, median about 600 words), each cleaned once as Markdown (not
timed). Timed: `find_quotes(blocks)` as a build calls it, person mentions included (they resolve the speakers).
The articles are timed in `--repeat` passes over the whole set and each article's best time is kept (timer noise).
Passes, not repeats of one article in a row: the name caches would then answer an article's second run from its
first, which a build (each article once) never sees. The figure is the median over articles of that time scaled to
800 words (time x 800 / words). Target (issue 4): under 5 ms per 800-word article.
"""

from __future__ import annotations

import statistics
import time

from _common import clean_blocks, load_jsonl, parser

from generator.extract.quotes import find_quotes

TARGET_MS = 5.0


def timed_ms(blocks: tuple) -> float:
    """One run of find_quotes over one article, in milliseconds."""
    start = time.perf_counter()
    find_quotes(blocks)
    return (time.perf_counter() - start) * 1000


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
    args = ap.parse_args()
    articles = [clean_blocks(a["text"], "markdown") for a in load_jsonl("quotes-polnear", args.limit)]
    sizes = [sum(len(b.text.split()) for b in blocks) for blocks in articles]
    articles, sizes = [a for a, n in zip(articles, sizes) if n], [n for n in sizes if n]
    best = [min(times) for times in zip(*([timed_ms(blocks) for blocks in articles] for _ in range(args.repeat)))]
    per_800 = [ms * 800 / n for ms, n in zip(best, sizes)]
    median = statistics.median(per_800)
    print(f"find_quotes on {len(best)} quotes-polnear dev articles (median {statistics.median(sizes):.0f} words)")
    print(f"  median per article   {statistics.median(best):6.2f} ms")
    print(f"  median per 800 words {median:6.2f} ms   (target < {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'NOT met'})")
    print(f"  90th pct per 800 w.  {statistics.quantiles(per_800, n=10)[-1]:6.2f} ms")
    print(f"  machine: a 10^7-step Python loop takes {loop_seconds():.2f} s")


if __name__ == "__main__":
    main()
