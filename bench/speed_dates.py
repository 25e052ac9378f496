#!/usr/bin/env python3
"""Date stage speed: `python bench/speed_dates.py [--n 300] [--repeat 5] [--source synthetic|dev]`.

Times the whole date stage as `extract` runs it (reading and cleaning happen before the clock starts) on each
article of the deterministic synthetic Markdown corpus of ../shared/bench/make_corpus.py (cached under
bench/corpora/), or on the TempEval-3 dev documents with `--source dev`, twice:
- dated: the article's own date stated, so the stage is `find_dates(blocks, published)`;
- undated: the same article with its date hidden, so the stage is `find_dates(blocks, None)`, then
  `infer_published`, then `dates_within` (the story re-read at both ends of the inferred period) when a date was
  inferred.
The tagger memoises its scan of each block (`date_scan.scan_block`); the memo is emptied before every run, so each
run pays for the whole stage as a new article would. Each article is timed `--repeat` times and its fastest run
kept; the table gives the median per article and the median scaled to 800 words (time * 800 / words), with the
90th percentile. Target (issue 5): under 3 ms per 800-word article, median, dated and undated alike.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from _common import REPO, clean_blocks, load_jsonl, print_table

from generator.extract.date_infer import dates_within, infer_published
from generator.extract.date_scan import scan_block
from generator.extract.dates import find_dates
from generator.models import Block
from generator.read import read_source

MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
Article = tuple[tuple[Block, ...], str | None, int]  # blocks, DCT, words


def synthetic(n: int, seed: int = 1) -> list[Article]:
    """The first n articles of the Markdown corpus as (blocks, DCT, words), generated once and cached."""
    folder = REPO / "bench" / "corpora" / f"md-{n}-s{seed}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(folder), "--n", str(n), "--seed", str(seed),
                        "--format", "md"], check=True, stdout=subprocess.DEVNULL)
    out = []
    for path in sorted(folder.glob("*.md"))[:n]:
        source = read_source(path, folder)
        dct = source.front_matter.get("date")
        out.append((clean_blocks(source.text, "markdown"), str(dct) if dct else None, len(source.text.split())))
    return out


def dev(n: int) -> list[Article]:
    """The first n TempEval-3 dev documents as (blocks, DCT, words)."""
    docs = load_jsonl("timex-tempeval3", n)
    return [(clean_blocks(d["text"], "markdown"), d["dct"], len(d["text"].split())) for d in docs]


def date_stage(blocks: tuple[Block, ...], published: str | None) -> bool:
    """The date stage as `extract` runs it; whether a publication date was inferred."""
    dates = find_dates(blocks, published)
    if published:
        return False
    inferred = infer_published(blocks, dates)
    if inferred:
        dates_within(blocks, inferred)
    return bool(inferred)


def fastest(blocks: tuple[Block, ...], published: str | None, repeat: int) -> float:
    """The fastest of `repeat` runs of the date stage on one article, from an empty scan memo, in milliseconds."""
    runs = []
    for _ in range(repeat):
        scan_block.cache_clear()
        started = time.perf_counter()
        date_stage(blocks, published)
        runs.append(time.perf_counter() - started)
    return min(runs) * 1000


def rows_for(label: str, times: list[float], articles: list[Article]) -> list[tuple[str, float, float]]:
    """Median and 90th percentile per article and per 800 words."""
    per_800 = sorted(t * 800 / max(a[2], 1) for t, a in zip(times, articles))
    ordered = sorted(times)
    return [(f"{label}: per article", statistics.median(times), ordered[int(0.9 * (len(ordered) - 1))]),
            (f"{label}: per 800 words", statistics.median(per_800), per_800[int(0.9 * (len(per_800) - 1))])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles to time")
    ap.add_argument("--repeat", type=int, default=5, help="runs per article; the fastest is kept")
    ap.add_argument("--source", choices=("synthetic", "dev"), default="synthetic")
    args = ap.parse_args()
    articles = synthetic(args.n) if args.source == "synthetic" else dev(args.n)
    dated = [a for a in articles if a[1]]
    inferred = sum(date_stage(a[0], None) for a in articles)
    rows = rows_for("dated", [fastest(a[0], a[1], args.repeat) for a in dated], dated)
    rows += rows_for("undated", [fastest(a[0], None, args.repeat) for a in articles], articles)
    words = statistics.median(a[2] for a in articles)
    print_table(f"date stage on {len(articles)} {args.source} articles (median {words:.0f} words; dated: the "
                f"{len(dated)} with a date; undated: all, date hidden, {inferred} inferred), ms",
                ("date stage", "median", "p90"), rows)


if __name__ == "__main__":
    main()
