#!/usr/bin/env python3
"""Story clustering on ECB+ dev: `python bench/eval_stories.py [--thresholds 0.1,0.15,...]`.

Each article goes through digest's own clean and extract stages (as Markdown, since ECB+ texts are clean prose;
ids, urls, topics and stories hidden); the articles are then clustered with `generator.topics.cluster` at each
threshold and scored with B-cubed precision/recall/F1 and NMI against the gold stories, plus the number of
clusters. The table spans a wide range of thresholds on purpose: the default was not tuned on these figures, and
the range shows how much the result depends on it. Target (issue 6): B-cubed F1 >= 0.92 at the default.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Hashable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.clean import clean  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.models import Source  # noqa: E402
from generator.topics import JOIN_THRESHOLD, cluster, group  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "stories-ecbplus" / "dev.jsonl"


def b_cubed(predicted: list[int], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (cluster id per item) against gold labels."""
    pairs = Counter(zip(predicted, gold))
    pred_sizes, gold_sizes = Counter(predicted), Counter(gold)
    n = len(gold)
    precision = sum(pairs[(p, g)] ** 2 / pred_sizes[p] for p, g in pairs) / n
    recall = sum(pairs[(p, g)] ** 2 / gold_sizes[g] for p, g in pairs) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def nmi_score(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Normalised mutual information (arithmetic mean of the two entropies) of a clustering against gold labels."""
    n = len(gold)
    pairs, pred_sizes, gold_sizes = Counter(zip(predicted, gold)), Counter(predicted), Counter(gold)
    mutual = sum(c / n * math.log(c * n / (pred_sizes[p] * gold_sizes[g])) for (p, g), c in pairs.items())
    entropy = [-sum(c / n * math.log(c / n) for c in sizes.values()) for sizes in (pred_sizes, gold_sizes)]
    return mutual / (sum(entropy) / 2) if sum(entropy) else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ",".join(f"{t:.2f}" for t in (0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.24, JOIN_THRESHOLD))
    parser.add_argument("--thresholds", default=default)
    parser.add_argument("--labels", type=int, default=12, help="print the labels of this many topics (largest first)")
    args = parser.parse_args()
    config = load_config(Path("/nonexistent-site"))
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    articles = []
    for i, record in enumerate(records):
        text = "\n\n".join(line for line in record["text"].splitlines() if line.strip())
        source = Source(source_path=f"doc{i:04d}.md", kind="markdown", text=text, encoding="utf-8")
        articles.append(extract(clean(source), config))
    gold = [r["story"] for r in records]
    print(f"ECB+ dev: {len(records)} articles, {len(set(gold))} gold stories")
    print(f"{'threshold':>9} {'clusters':>8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    nmis: dict[float, float] = {}
    for threshold in sorted({float(t) for t in args.thresholds.split(",")}):
        predicted = [0] * len(articles)
        for cluster_id, members in enumerate(cluster(articles, threshold)):
            for i in members:
                predicted[i] = cluster_id
        p, r, f = b_cubed(predicted, gold)
        mark = "  <- default" if abs(threshold - JOIN_THRESHOLD) < 1e-9 else ""
        print(f"{threshold:>9.2f} {len(set(predicted)):>8} {p:>6.3f} {r:>6.3f} {f:>6.3f}{mark}")
        nmis[threshold] = nmi_score(predicted, gold)
    print("NMI: " + ", ".join(f"{nmi:.3f} at {t:.2f}" for t, nmi in nmis.items()))
    if args.labels:
        topics = sorted(group(articles, config), key=lambda t: (-len(t.article_slugs), t.slug))
        print(f"labels of the {args.labels} largest topics at the default threshold (articles):")
        for topic in topics[: args.labels]:
            print(f"  {len(topic.article_slugs):>3}  {topic.label}")


if __name__ == "__main__":
    main()
