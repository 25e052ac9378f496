#!/usr/bin/env python3
"""Keywords: `python bench/eval_keywords.py [--limit N] [--sample 10] [--seed 6]`.

Data: `summaries-bbc` dev (1,589 BBC News articles with title and an extractive reference summary). Each text goes
through digest's clean stage as Markdown, then person mentions, quotes and `find_entities` as `extract` runs them;
the title is not shown to any system.
Metrics (averaged over articles): precision, the share of keywords whose words all occur in the article's title +
reference summary (lowercase, plural-insensitive; an entity also counts when its acronym does: "United Nations" /
"UN"); title coverage, the share of the title's content words that some keyword holds; the mean number of keywords.
Systems: digest (generator/extract/keywords.py); the method before issue 6 (a frozen copy below); the plain top
TF-IDF words of the article (document frequency over the dev texts), as many as digest gives for that article.
Also prints the keyword step's median time on articles of 600-1,000 words, and the keywords of the two seeds and
of a random sample of dev articles for eyeballing. No published figure exists for this task on this set.
"""

from __future__ import annotations

import math
import random
import re
import statistics
import time
from collections import Counter
from typing import Any, Callable, Iterator, Sequence

from _common import REPO, clean_blocks, load_jsonl, parser, print_table

from generator.clean import clean
from generator.extract.entities import find_entities, organization_aliases, person_mentions
from generator.extract.keywords import find_keywords
from generator.extract.places import GEO_WORDS, POSSESSIVE, find_organizations
from generator.extract.quotes import find_quotes
from generator.extract.speech import KEYWORD_STOP, PLACES
from generator.models import Block, Source
from generator.names import TITLE_MODIFIERS, TITLES

_WORD = re.compile(r"[a-z0-9]+")
# Function words of titles: not content a keyword should cover. Written for the metric, apart from digest's lists.
_TITLE_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has have had will would can
    could may might over after before into up down out off about new not no its it his her their this that what
    how why who says say said set get gets got make makes more most than""".split()
)


def _stem(word: str) -> str:
    """Lowercase, no possessive, no plural s: the loose match of the metric."""
    word = POSSESSIVE.sub("", word.lower())
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word


def words_of(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower().replace("’", "'").replace("'s ", " "))]


def _acronym(keyword: str) -> str:
    parts = [w for w in keyword.split() if w[:1].isupper() and w.lower() not in _TITLE_STOP]
    return "".join(w[0] for w in parts).lower() if len(parts) >= 2 else ""


def keyword_found(keyword: str, reference: set[str]) -> bool:
    """All the keyword's words occur in the reference words (or, for a multi-word name, its acronym does)."""
    words = words_of(keyword)
    return bool(words) and (all(w in reference for w in words) or _acronym(keyword) in reference)


def title_coverage(title: str, keywords: Sequence[str]) -> float | None:
    """Share of the title's content words held by some keyword (None when the title has none)."""
    content = {w for w in words_of(title) if w not in _TITLE_STOP and not w.isdigit()}
    if not content:
        return None
    held = {w for k in keywords for w in words_of(k)} | {_acronym(k) for k in keywords}
    return len(content & held) / len(content)


# ---- the method before issue 6, frozen for comparison --------------------------------------------------------------


def _legacy_candidates(text: str) -> Iterator[str]:
    for chunk in re.split(r"[^\w’'\s-]|\s-\s", text):
        run: list[str] = []
        for word in re.findall(r"[\w’'-]+", chunk) + [""]:
            bare = POSSESSIVE.sub("", word) if len(word) > 3 else word
            if bare and bare.lower() not in KEYWORD_STOP and not bare.isdigit() and len(bare) > 2:
                run.append(bare)
                if bare == word:
                    continue
            for n in (1, 2, 3):
                for j in range(len(run) - n + 1):
                    yield " ".join(run[j : j + n])
            run = []


def legacy_keywords(blocks: Sequence[Block], people: Sequence[str] = (), limit: int = 8) -> tuple[str, ...]:
    """The keyword method of generator/extract/entities.py before issue 6 (frequency x length x lead)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    forms: dict[str, str] = {}
    person_words = {w.lower() for p in people for w in p.split()}
    for i, text in enumerate(b.text for b in blocks if b.kind != "heading"):
        for phrase in _legacy_candidates(text):
            key = phrase.lower()
            counts[key] += 1
            first.setdefault(key, i)
            if key not in forms or forms[key].isupper():
                forms[key] = phrase

    def upgrade(key: str) -> str:
        longer = [k for k in counts if k != key and f" {key} " in f" {k} " and counts[k] >= max(2, 0.2 * counts[key])]
        return max(longer, key=lambda k: (counts[k], len(k))) if longer else key

    def score(key: str) -> float:
        return counts[key] * (1 + 0.6 * (len(key.split()) - 1)) * (1.3 if first[key] < 2 else 1.0)

    chosen: list[str] = []
    for key in sorted(counts, key=lambda k: (-score(k), first[k], k)):
        key = upgrade(upgrade(key))
        words = set(key.split())
        if words & person_words or words <= TITLES | TITLE_MODIFIERS or (words <= GEO_WORDS and forms[key] not in PLACES):
            continue
        if any(key in c or c in key for c in chosen) or (counts[key] < 2 and len(chosen) >= 3):
            continue
        chosen.append(key)
        if len(chosen) == limit:
            break
    return tuple(forms[k] if forms[k][0].isupper() and not forms[k].isupper() else k for k in chosen)


# ---- the plain TF-IDF baseline -----------------------------------------------------------------------------------


def tfidf_keywords(text: str, df: Counter[str], n_docs: int, k: int) -> tuple[str, ...]:
    """The k words of highest tf x idf (stop words and numbers left out)."""
    tf = Counter(w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in KEYWORD_STOP and len(w) > 2)
    return tuple(sorted(tf, key=lambda w: (-tf[w] * math.log(n_docs / (1 + df[w])), w))[:k])


# ---- running the systems -----------------------------------------------------------------------------------------


def digest_entities(blocks: tuple[Block, ...]):  # type: ignore[no-untyped-def]
    mentions = person_mentions(blocks)
    return find_entities(blocks, find_quotes(blocks, mentions=mentions), mentions)


def score_rows(articles: list[dict[str, Any]], systems: dict[str, list[tuple[str, ...]]]) -> list[tuple[Any, ...]]:
    rows = []
    references = [set(words_of(a["title"] + " " + a["summary"])) for a in articles]
    for name, outputs in systems.items():
        precision = [sum(keyword_found(k, r) for k in ks) / len(ks) for ks, r in zip(outputs, references) if ks]
        coverage = [c for a, ks in zip(articles, outputs) if (c := title_coverage(a["title"], ks)) is not None]
        mean_n = statistics.mean(len(ks) for ks in outputs)
        rows.append((name, len(outputs), statistics.mean(precision), statistics.mean(coverage), mean_n))
    return rows


def median_ms(step: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def keyword_step_ms(articles: list[dict[str, Any]], blocks: list[tuple[Block, ...]], people: list[tuple[str, ...]]) -> float:
    """Median time of the keyword step (as find_entities calls it) on the dev articles of 600-1,000 words."""
    times = []
    for article, b, p in zip(articles, blocks, people):
        if 600 <= len(article["text"].split()) <= 1000:
            aliases = organization_aliases(find_organizations(b))
            times.append(median_ms(lambda: find_keywords(b, p, aliases)))
    return statistics.median(times) if times else float("nan")


def show_seeds() -> None:
    for path in sorted((REPO / "seeds").glob("*.txt")):
        source = Source(source_path=path.name, kind="text", text=path.read_text(encoding="utf-8"), encoding="utf-8")
        blocks = clean(source).blocks
        print(f"  seed {path.name}:\n    digest: {', '.join(digest_entities(blocks).keywords)}")
        print(f"    before: {', '.join(legacy_keywords(blocks))}")


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--sample", type=int, default=10, help="dev articles to print keywords of (default 10)")
    ap.add_argument("--seed", type=int, default=6, help="random seed of the sample")
    args = ap.parse_args()
    articles = load_jsonl("summaries-bbc", args.limit)
    blocks = [clean_blocks(a["text"], "markdown", a["id"]) for a in articles]
    entities = [digest_entities(b) for b in blocks]
    digest = [e.keywords for e in entities]
    df = Counter(w for a in articles for w in set(re.findall(r"[a-z][a-z'-]+", a["text"].lower())))
    tfidf = [tfidf_keywords(a["text"], df, len(articles), max(3, len(k))) for a, k in zip(articles, digest)]
    legacy = [legacy_keywords(b, e.people) for b, e in zip(blocks, entities)]
    systems = {"digest keywords": digest, "before issue 6": legacy, "top TF-IDF words (same k)": tfidf}
    print_table(f"summaries-bbc dev: {len(articles)} articles, keywords vs title + reference summary",
                ("system", "docs", "precision", "title coverage", "keywords"), score_rows(articles, systems))
    print(f"keyword step, median over dev articles of 600-1,000 words: "
          f"{keyword_step_ms(articles, blocks, [e.people for e in entities]):.2f} ms\n")
    show_seeds()
    for i in sorted(random.Random(args.seed).sample(range(len(articles)), min(args.sample, len(articles)))):
        print(f"  {articles[i]['id']}: {articles[i]['title']}\n    digest: {', '.join(digest[i])}")
        print(f"    before: {', '.join(legacy[i])}\n    TF-IDF: {', '.join(tfidf[i])}")


if __name__ == "__main__":
    main()
