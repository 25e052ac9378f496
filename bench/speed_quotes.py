#!/usr/bin/env python3
"""Quote extraction speed: `python bench/speed_quotes.py [--limit N] [--repeat R]`.

Data: the `quotes-polnear` dev articles (real news prose, median about 600 words), each cleaned once as Markdown (not
timed). Timed: `find_quotes(blocks)` as a build calls it, person mentions included (they resolve the speakers).
Each article is timed `--repeat` times and its best time kept (timer noise); the figure is the median over articles
of that time scaled to 800 words (time x 800 / words). Target (issue 4): under 5 ms per 800-word article.
"""

from __future__ import annotations

import statistics
import time

from _common import clean_blocks, load_jsonl, parser

from generator.extract.quotes import find_quotes

TARGET_MS = 5.0


def best_ms(blocks: tuple, repeat: int) -> float:
    """The fastest of `repeat` runs of find_quotes over one article, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        find_quotes(blocks)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="runs per article; the fastest counts")
    args = ap.parse_args()
    per_article, per_800, sizes = [], [], []
    for article in load_jsonl("quotes-polnear", args.limit):
        blocks = clean_blocks(article["text"], "markdown")
        n_words = sum(len(b.text.split()) for b in blocks)
        if not n_words:
            continue
        ms = best_ms(blocks, args.repeat)
        per_article.append(ms)
        per_800.append(ms * 800 / n_words)
        sizes.append(n_words)
    median = statistics.median(per_800)
    print(f"find_quotes on {len(per_article)} quotes-polnear dev articles (median {statistics.median(sizes):.0f} words)")
    print(f"  median per article   {statistics.median(per_article):6.2f} ms")
    print(f"  median per 800 words {median:6.2f} ms   (target < {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'NOT met'})")
    print(f"  90th pct per 800 w.  {statistics.quantiles(per_800, n=10)[-1]:6.2f} ms")


if __name__ == "__main__":
    main()
