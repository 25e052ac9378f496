#!/usr/bin/env python3
"""Article-body extraction: `python bench/eval_extraction.py [--limit N]`.

Data: `article-extraction` dev (130 saved news pages, `html/*.html.gz`, gold `article_body`) and
`article-extraction-text` dev (the same pages as plain-text whole-page dumps, gold `body`; 23 of them HTML-escaped).
System: digest's clean stage, `generator.clean.clean`, on a `Source(kind="html")` of each page and on a
`Source(kind="text")` of each text dump, exactly as a build reads `.html` and `.txt` inputs; the prediction is the
clean blocks' text joined by blank lines (a page clean rejects counts as an empty prediction).
Metric: the benchmark's 4-token shingle precision/recall (document-averaged) and F1 of the averages, plus accuracy
(identical token sequence), computed by `score()` of `benchmarks/scorers/score_article_extraction.py`, imported by path.
Compare with (dev, from the READMEs): HTML - trafilatura 0.960, newspaper4k 0.958, readability-lxml 0.919,
html-text 0.669 F1; text - keep-all 0.672 (raw-entity pages 0.653), trafilatura on `<p>` lines 0.706 (0.739).
The keep-all baseline (everything after the first line) is recomputed in the same table.
"""

from __future__ import annotations

from typing import Any, Sequence

from _common import clean_blocks, load_jsonl, load_scorer, parser, print_table, read_gz_text

COLUMNS = ("system", "docs", "F1", "P", "R", "accuracy")


def body(text: str, kind: str, name: str) -> str:
    """The article body digest's clean stage keeps: block texts joined by blank lines."""
    return "\n\n".join(b.text for b in clean_blocks(text, kind, name))  # type: ignore[arg-type]


def row(label: str, scorer: Any, pairs: Sequence[tuple[str, str]]) -> tuple[Any, ...]:
    result = scorer.score(list(pairs))
    return label, result["n"], result["f1"], result["precision"], result["recall"], result["accuracy"]


def main() -> None:
    args = parser(__doc__).parse_args()
    scorer = load_scorer("score_article_extraction")

    pages = load_jsonl("article-extraction", args.limit)
    html_pairs = [(p["article_body"], body(read_gz_text("article-extraction", p["html_file"]), "html", p["id"]))
                  for p in pages]
    print_table("article-extraction dev: HTML page -> article body (4-gram shingles)", COLUMNS,
                [row("digest clean (html)", scorer, html_pairs)])

    dumps = load_jsonl("article-extraction-text", args.limit)
    raw = [d["raw_entities"] for d in dumps]
    text_pairs = [(d["body"], body(d["text"], "text", d["id"])) for d in dumps]
    keep_all = [(d["body"], d["text"].split("\n", 1)[-1]) for d in dumps]
    rows = [row("digest clean (text)", scorer, text_pairs)]
    rows.append(row("digest clean (text), raw-entity pages", scorer, [p for p, r in zip(text_pairs, raw) if r]))
    rows.append(row("keep-all baseline", scorer, keep_all))
    rows.append(row("keep-all baseline, raw-entity pages", scorer, [p for p, r in zip(keep_all, raw) if r]))
    print_table("article-extraction-text dev: plain-text page -> article body (4-gram shingles)", COLUMNS,
                [r for r in rows if r[1]])


if __name__ == "__main__":
    main()
