#!/usr/bin/env python3
"""Extractive summaries: `python bench/eval_summaries.py [--limit N] [--k 3]`.

Data: `summaries-bbc` dev (1,589 BBC News articles, each with an extractive reference summary of ~8 sentences).
System: each article's text goes through digest's clean stage as a `Source(kind="markdown")` (clean prose, one
blank line between paragraphs) and `generator.extract.summary.summarise` picks K sentences (K=3, the build's
default `summary_sentences`), as `extract` does in a build (no dateline: the texts carry none). Baseline: Lead-K,
the first K sentences, split by the scorer's own sentence pattern (as its `lead()`).
Metric: ROUGE-1/2/L F1 averaged over documents, by `score()` of `benchmarks/scorers/score_summaries.py` (stdlib,
no stemming), imported by path; plus sentence-level P/R/F1 against the reference's sentences (exact match after
whitespace normalisation, micro over documents).
Compare with (the README, dev): Lead-3 R-1/2/L 0.436/0.357/0.385 (Lead-8, about the reference length,
0.619/0.520/0.537). No published system figure exists for this set.
"""

from __future__ import annotations

from typing import Any, Sequence

from _common import clean_blocks, load_jsonl, load_scorer, parser, prf, print_table

from generator.extract.summary import summarise


def _norm(sentence: str) -> str:
    return " ".join(sentence.split())


def sentence_prf(picked: Sequence[Sequence[str]], references: Sequence[Sequence[str]]) -> tuple[float, float, float]:
    """Micro P/R/F1 of picked sentences against the reference sentences."""
    tp = sum(len({_norm(s) for s in p} & {_norm(s) for s in r}) for p, r in zip(picked, references))
    return prf(tp, sum(len(p) for p in picked), sum(len(r) for r in references))


def row(label: str, scorer: Any, picked: list[list[str]], articles: list[dict[str, Any]]) -> tuple[Any, ...]:
    rouge = scorer.score([(" ".join(p), a["summary"]) for p, a in zip(picked, articles)])
    _, _, sent_f1 = sentence_prf(picked, [a["summary_sentences"] for a in articles])
    return label, rouge["n"], rouge["rouge1"], rouge["rouge2"], rouge["rougeL"], sent_f1


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--k", type=int, default=3, help="sentences per summary (default 3)")
    args = ap.parse_args()
    scorer = load_scorer("score_summaries")
    articles = load_jsonl("summaries-bbc", args.limit)
    digest = [list(summarise(clean_blocks(a["text"], "markdown", a["id"]), args.k)) for a in articles]
    lead = [[s.strip() for s in scorer.SENT.split(a["text"]) if s and s.strip()][: args.k] for a in articles]
    print_table(f"summaries-bbc dev: {len(articles)} articles, K={args.k} sentences (ROUGE F1)",
                ("system", "docs", "ROUGE-1", "ROUGE-2", "ROUGE-L", "sentence F1"),
                [row(f"digest summarise (K={args.k})", scorer, digest, articles),
                 row(f"Lead-{args.k} baseline", scorer, lead, articles)])


if __name__ == "__main__":
    main()
