#!/usr/bin/env python3
"""Temporal tagger speed: `python bench/speed_dates.py [--n 300] [--repeat 5] [--source synthetic|dev]`.

Times `generator.extract.dates.find_dates` alone (reading and cleaning happen before the clock starts) on each
article of the deterministic synthetic Markdown corpus of ../shared/bench/make_corpus.py (cached under
bench/corpora/), or on the TempEval-3 dev documents with `--source dev`. Each article is timed `--repeat` times and
its fastest run kept; the table gives the median per article and the median scaled to 800 words
(time * 800 / words), with the 90th percentile. Target (issue 5): under 3 ms per 800-word article, median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from _common import REPO, clean_blocks, load_jsonl, print_table

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


def fastest(article: Article, repeat: int) -> float:
    """The fastest of `repeat` runs of find_dates on one article, in milliseconds."""
    blocks, dct, _ = article
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        find_dates(blocks, dct)
        runs.append(time.perf_counter() - started)
    return min(runs) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles to time")
    ap.add_argument("--repeat", type=int, default=5, help="runs per article; the fastest is kept")
    ap.add_argument("--source", choices=("synthetic", "dev"), default="synthetic")
    args = ap.parse_args()
    articles = synthetic(args.n) if args.source == "synthetic" else dev(args.n)
    times = [fastest(a, args.repeat) for a in articles]
    per_800 = sorted(t * 800 / max(a[2], 1) for t, a in zip(times, articles))
    words = statistics.median(a[2] for a in articles)
    rows = [
        ("per article", statistics.median(times), sorted(times)[int(0.9 * (len(times) - 1))]),
        ("per 800 words", statistics.median(per_800), per_800[int(0.9 * (len(per_800) - 1))]),
    ]
    print_table(f"find_dates on {len(articles)} {args.source} articles (median {words:.0f} words), ms",
                ("find_dates", "median", "p90"), rows)


if __name__ == "__main__":
    main()
