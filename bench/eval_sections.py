#!/usr/bin/env python3
"""Sections on BBC dev: `python bench/eval_sections.py [--limit N] [--min-share 0.0,0.02,...]`.

Data: `topics-bbc` dev (1,589 BBC News articles, 5 sections; labels hidden from digest). Each article goes through
digest's own clean and extract stages as Markdown with its title in the front matter; then
- articles: `sections.article_sections` (seed words + self-training, no labels used), and
- topics: `topics.group` then `sections.assign_sections`, every article taking its topic's section, as a build does,
are scored against the gold sections with NMI (arithmetic normalisation), purity and the number of sections k.
The gold composition of each section is printed beside its label. Baseline (benchmark README / issue 6): TF-IDF
greedy clustering NMI 0.58, purity 0.79. Target: NMI >= 0.80 and purity >= 0.92.
`--min-share` reruns the article level at other values of `sections.MIN_SHARE` (0 keeps every seeded section).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from _common import load_jsonl, parser
from eval_stories import nmi_score

from generator import sections
from generator.clean import clean
from generator.config import load_config
from generator.extract import extract
from generator.models import Article, Source
from generator.topics import group


def purity(predicted: list[str], gold: list[str]) -> float:
    """Share of articles whose section's most common gold label is their own."""
    pairs = Counter(zip(predicted, gold))
    best: dict[str, int] = {}
    for (p, _), count in pairs.items():
        best[p] = max(best.get(p, 0), count)
    return sum(best.values()) / len(gold)


def row(name: str, predicted: list[str], gold: list[str]) -> str:
    return f"{name:<28} {len(set(predicted)):>3} {nmi_score(predicted, gold):>6.3f} {purity(predicted, gold):>7.3f}"


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--min-share", default="", help="comma-separated MIN_SHARE values to compare")
    args = ap.parse_args()
    config = load_config(Path("/nonexistent-site"))
    records = load_jsonl("topics-bbc", args.limit)
    articles: list[Article] = []
    for i, record in enumerate(records):
        source = Source(f"doc{i:04d}.md", "markdown", record["text"], "utf-8", {"title": record["title"]})
        articles.append(extract(clean(source), config))
    gold = [r["category"] for r in records]
    print(f"BBC dev: {len(records)} articles, {len(set(gold))} gold sections")
    print(f"{'grouping':<28} {'k':>3} {'NMI':>6} {'purity':>7}")
    by_article = sections.article_sections(articles)
    print(row(f"articles (MIN_SHARE {sections.MIN_SHARE})", by_article, gold))
    topics, found = sections.assign_sections(articles, group(articles, config))
    section_of = {slug: t.section for t in topics for slug in t.article_slugs}
    by_topic = [section_of[a.slug] for a in articles]
    print(row(f"topics ({len(topics)}) -> sections", by_topic, gold))
    default = sections.MIN_SHARE
    for share in (float(s) for s in args.min_share.split(",") if s.strip()):
        sections.MIN_SHARE = share
        print(row(f"articles (MIN_SHARE {share})", sections.article_sections(articles), gold))
    sections.MIN_SHARE = default
    print("\nsection (topic level)       articles  gold composition")
    for section in found:
        members = [g for p, g in zip(by_topic, gold) if p == section.slug]
        mix = ", ".join(f"{label} {n}" for label, n in Counter(members).most_common(3))
        print(f"{section.label:<28} {len(members):>8}  {mix}")


if __name__ == "__main__":
    main()
