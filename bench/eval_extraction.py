#!/usr/bin/env python3
"""Article-body extraction: `python bench/eval_extraction.py [--limit N] [--worst K] [--dataset html|text]`.

Data: `article-extraction` dev (130 saved news pages, `html/*.html.gz`, gold `article_body`) and
`article-extraction-text` dev (the same pages as plain-text whole-page dumps, gold `body`; 23 of them HTML-escaped).
System: digest's clean stage, `generator.clean.clean`, on a `Source(kind="html")` of each page and on a
`Source(kind="text")` of each text dump, exactly as a build reads `.html` and `.txt` inputs; the prediction is the
body Markdown (`blocks_to_markdown`, what `body_markdown` gives) with its markup stripped (heading, quote and list
markers, link targets), character references left alone (a page clean rejects counts as an empty prediction).
Metric: the benchmark's 4-token shingle precision/recall (document-averaged) and F1 of the averages, plus accuracy
(identical token sequence), computed by `score()` of `benchmarks/scorers/score_article_extraction.py`, imported by path.
Below each table, the K pages with the lowest per-page F1 (id, P, R, F1, gold and predicted token counts).
Compare with (dev, from the READMEs): HTML - trafilatura 0.960, newspaper4k 0.958, readability-lxml 0.919,
html-text 0.669 F1; text - keep-all 0.672 (raw-entity pages 0.653), trafilatura on `<p>` lines 0.706 (0.739).
The keep-all baseline (everything after the first line) is recomputed in the same table.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from _common import clean_blocks, load_jsonl, load_scorer, parser, print_table, read_gz_text

from generator.models import blocks_to_markdown

COLUMNS = ("system", "docs", "F1", "P", "R", "accuracy")
WORST_COLUMNS = ("page", "F1", "P", "R", "gold tokens", "predicted tokens")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Only the block markers blocks_to_markdown writes: a paragraph that starts "1." keeps its number.
_MD_MARKER = re.compile(r"^(?:#{1,6} |> |- )", re.MULTILINE)


def strip_markdown(markdown: str) -> str:
    """Markdown without its markup: link targets and block markers go; character references are not decoded."""
    return _MD_MARKER.sub("", _MD_LINK.sub(r"\1", markdown))


def body(text: str, kind: str, name: str) -> str:
    """The article body digest's clean stage keeps, as plain text: its Markdown with the markup stripped."""
    return strip_markdown(blocks_to_markdown(clean_blocks(text, kind, name)))  # type: ignore[arg-type]


def row(label: str, scorer: Any, pairs: Sequence[tuple[str, str]]) -> tuple[Any, ...]:
    result = scorer.score(list(pairs))
    return label, result["n"], result["f1"], result["precision"], result["recall"], result["accuracy"]


def worst(scorer: Any, ids: Sequence[str], pairs: Sequence[tuple[str, str]], k: int) -> list[tuple[Any, ...]]:
    """The k pages with the lowest F1 of their own shingle precision and recall."""
    rows = []
    for page_id, (gold, pred) in zip(ids, pairs):
        tp, fp, fn = scorer.doc_counts(gold, pred)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((page_id[:12], f1, p, r, len(scorer.TOKEN.findall(gold)), len(scorer.TOKEN.findall(pred))))
    return sorted(rows, key=lambda r: r[1])[:k]


def eval_html(scorer: Any, limit: int | None, k: int) -> None:
    pages = load_jsonl("article-extraction", limit)
    pairs = [(p["article_body"], body(read_gz_text("article-extraction", p["html_file"]), "html", p["id"]))
             for p in pages]
    print_table("article-extraction dev: HTML page -> article body (4-gram shingles)", COLUMNS,
                [row("digest clean (html)", scorer, pairs)])
    if k:
        print_table(f"article-extraction dev: {k} worst pages", WORST_COLUMNS,
                    worst(scorer, [p["id"] for p in pages], pairs, k))


def eval_text(scorer: Any, limit: int | None, k: int) -> None:
    dumps = load_jsonl("article-extraction-text", limit)
    raw = [d["raw_entities"] for d in dumps]
    pairs = [(d["body"], body(d["text"], "text", d["id"])) for d in dumps]
    keep_all = [(d["body"], d["text"].split("\n", 1)[-1]) for d in dumps]
    rows = [row("digest clean (text)", scorer, pairs)]
    rows.append(row("digest clean (text), raw-entity pages", scorer, [p for p, r in zip(pairs, raw) if r]))
    rows.append(row("keep-all baseline", scorer, keep_all))
    rows.append(row("keep-all baseline, raw-entity pages", scorer, [p for p, r in zip(keep_all, raw) if r]))
    print_table("article-extraction-text dev: plain-text page -> article body (4-gram shingles)", COLUMNS,
                [r for r in rows if r[1]])
    if k:
        print_table(f"article-extraction-text dev: {k} worst pages", WORST_COLUMNS,
                    worst(scorer, [d["id"] for d in dumps], pairs, k))


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--worst", type=int, default=8, help="list the K pages with the lowest F1 (0: none)")
    ap.add_argument("--dataset", choices=("html", "text", "both"), default="both")
    args = ap.parse_args()
    scorer = load_scorer("score_article_extraction")
    if args.dataset in ("html", "both"):
        eval_html(scorer, args.limit, args.worst)
    if args.dataset in ("text", "both"):
        eval_text(scorer, args.limit, args.worst)


if __name__ == "__main__":
    main()
