#!/usr/bin/env python3
"""Extraction speed: `python bench/speed_extraction.py [--runs N]`.

Times digest's clean stage (`generator.clean.clean`, what a build runs per input file) on the `article-extraction`
dev pages closest to 60 KB (HTML) and on the `article-extraction-text` dumps closest to 5 KB plus the shipped seed
pages (plain text), each page cleaned --runs times after one warm-up, and prints the median and 90th-percentile
milliseconds per page against the targets of issue 3: under 30 ms for a 60 KB HTML page, under 5 ms for a 5 KB text
page. Exit status 1 when a median misses its target.
"""

from __future__ import annotations

import statistics
import sys
import time

from _common import REPO, load_jsonl, parser, print_table, read_gz_text

from generator.clean import clean
from generator.errors import SourceError
from generator.models import Source, SourceKind

HTML_BYTES, HTML_TARGET_MS = 60_000, 30.0
TEXT_BYTES, TEXT_TARGET_MS = 5_000, 5.0
PAGES_PER_KIND = 5
COLUMNS = ("input", "pages", "mean KB", "median ms", "p90 ms", "target ms")


def nearest(texts: list[str], size: int, k: int = PAGES_PER_KIND) -> list[str]:
    """The k texts whose UTF-8 size is closest to size bytes."""
    return sorted(texts, key=lambda t: abs(len(t.encode("utf-8")) - size))[:k]


def timings(pages: list[str], kind: SourceKind, runs: int) -> list[float]:
    """Milliseconds per clean() call, every page `runs` times after one untimed warm-up call each."""
    sources = [Source(f"page.{'html' if kind == 'html' else 'txt'}", kind, page, "utf-8") for page in pages]
    out: list[float] = []
    for source in sources:
        for attempt in range(runs + 1):
            start = time.perf_counter()
            try:
                clean(source)
            except SourceError:
                pass
            if attempt:
                out.append((time.perf_counter() - start) * 1000)
    return out


def row(label: str, pages: list[str], ms: list[float], target: float) -> tuple[object, ...]:
    kb = statistics.mean(len(p.encode("utf-8")) for p in pages) / 1000
    p90 = statistics.quantiles(ms, n=10)[-1] if len(ms) > 1 else ms[0]
    return label, len(pages), round(kb, 1), statistics.median(ms), p90, target


def main() -> int:
    ap = parser(__doc__)
    ap.add_argument("--runs", type=int, default=10, help="timed runs per page")
    args = ap.parse_args()
    html = nearest([read_gz_text("article-extraction", p["html_file"]) for p in load_jsonl("article-extraction")],
                   HTML_BYTES)
    dumps = nearest([d["text"] for d in load_jsonl("article-extraction-text")], TEXT_BYTES)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    rows = [
        row("HTML page ~60 KB", html, timings(html, "html", args.runs), HTML_TARGET_MS),
        row("text dump ~5 KB", dumps, timings(dumps, "text", args.runs), TEXT_TARGET_MS),
        row("seed text pages", seeds, timings(seeds, "text", args.runs), TEXT_TARGET_MS),
    ]
    print_table("clean() per page, milliseconds", COLUMNS, rows)
    return 0 if all(r[3] < r[5] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
