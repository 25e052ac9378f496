"""Group articles into topics (running stories) with readable labels and stable slugs.

Each article is described by the things it is about: its people (by name key, so "Kim Kye-gwan" in one article
and in another are one feature), places, organisations and keywords, weighted by how rare each is in the
collection (IDF). Two articles are similar by the cosine of those vectors; topics are built by average-link
centroid clustering over articles in source-path order, so the same input in another order gives the same topics. Sharing one country is not enough to join: the threshold asks for several shared features.

Pinned topics (digest.toml `[[topics]]`, or `topic:` in an article's front matter) always win over clustering.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Sequence

from .config import Config, PinnedTopic
from .models import Article, Topic
from .names import name_key
from .text import match_key, slugify, words

# Cosine similarity to a topic's centroid above which an article joins that story. Chosen by B-cubed F1 on the
# ECB+ dev stories (`python bench/eval_stories.py`: 0.815 at 0.12, 104 clusters for 60 gold stories).
JOIN_THRESHOLD = 0.12
_WEIGHTS = {"person": 1.5, "org": 1.0, "place": 0.7, "keyword": 1.2, "word": 0.6}


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones by file time, ties by source path."""
    ordered = sorted(articles, key=lambda a: a.source_path)
    ordered.sort(key=lambda a: a.mtime if not a.published else 0.0, reverse=True)
    return sorted(ordered, key=lambda a: a.published or "", reverse=True)


def _features(article: Article) -> Counter[str]:
    found: Counter[str] = Counter()
    for kind, values in (
        ("person", [name_key(p) for p in article.people]),
        ("org", article.organizations),
        ("place", article.places),
        ("keyword", article.keywords),
    ):
        for value in values:
            key = match_key(value)
            if key:
                found[f"{kind}:{key}"] = 1
    # The words of key phrases, so "six-party talks" and "talks" or "nuclear program" and "nuclear test" meet.
    for keyword in article.keywords:
        for word in words(match_key(keyword)):
            if len(word) > 3:
                found[f"word:{word}"] = 1
    return found


def _vectors(articles: Sequence[Article]) -> list[dict[str, float]]:
    features = [_features(a) for a in articles]
    df = Counter(f for fs in features for f in fs)
    n = len(articles)
    vectors = []
    for fs in features:
        # Smoothed IDF: in a small collection a shared feature must still count for much more than nothing.
        vec = {f: _WEIGHTS[f.split(":", 1)[0]] * math.log(1 + (n + 1) / (df[f] + 1)) for f in fs}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({f: v / norm for f, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


def cluster(articles: Sequence[Article], threshold: float = JOIN_THRESHOLD) -> list[list[int]]:
    """Centroid clustering in input order: each article joins the most similar topic above the threshold,
    else starts its own. Linear in articles times topics; returns groups of indexes into `articles`."""
    groups: list[list[int]] = []
    centroids: list[dict[str, float]] = []
    for i, vector in enumerate(_vectors(articles)):
        scores = [_cosine(vector, c) for c in centroids]
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        if best is None or scores[best] <= threshold:
            groups.append([i])
            centroids.append(dict(vector))
            continue
        groups[best].append(i)
        merged = centroids[best]
        for feature, value in vector.items():
            merged[feature] = merged.get(feature, 0.0) + value
        norm = math.sqrt(sum(v * v for v in merged.values())) or 1.0
        centroids[best] = {f: v / norm for f, v in merged.items()}
    return groups


def label_for(articles: Sequence[Article]) -> str:
    """A story-page title from what the articles share: the main entity plus the main subject."""
    entities: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    for rank, article in enumerate(articles):
        for i, value in enumerate((*article.places, *article.organizations)):
            entities[value] += 1 + 1 / (2 + i)
        for i, value in enumerate(article.keywords):
            subjects[value] += 1 + 1 / (2 + i)
    entity = entities.most_common(1)[0][0] if entities else ""
    subject = next((s for s, _ in subjects.most_common() if match_key(entity) not in match_key(s)), "")
    if entity and subject:
        return f"{entity}: {subject}"
    return entity or subject.capitalize() or articles[0].title


def _pinned_for(article: Article, pinned: Sequence[PinnedTopic]) -> PinnedTopic | None:
    if article.pinned_topic:
        wanted = match_key(article.pinned_topic)
        for topic in pinned:
            if match_key(topic.name) == wanted:
                return topic
        return PinnedTopic(article.pinned_topic.strip())
    haystack = match_key(" ".join((article.title, *article.keywords, article.body_markdown)))
    for topic in pinned:
        if any(match_key(k) in haystack for k in topic.keywords if k.strip()):
            return topic
    return None


def group(articles: Sequence[Article], config: Config) -> tuple[Topic, ...]:
    """All topics, newest topic first; every article belongs to exactly one."""
    ordered = sorted(articles, key=lambda a: a.source_path)
    pinned: dict[str, list[Article]] = {}
    free: list[Article] = []
    for article in ordered:
        topic = _pinned_for(article, config.topics)
        if topic is None:
            free.append(article)
        else:
            pinned.setdefault(topic.name, []).append(article)
    groups = [(name, members) for name, members in pinned.items()]
    groups += [(label_for([free[i] for i in g]), [free[i] for i in g]) for g in cluster(free)]
    return _as_topics(groups)


def _as_topics(groups: list[tuple[str, list[Article]]]) -> tuple[Topic, ...]:
    topics = []
    used: set[str] = set()
    # Slugs are handed out in a fixed order (by label, then first source path) so they do not depend on input order.
    for label, members in sorted(groups, key=lambda g: (g[0], g[1][0].source_path)):
        base = slugify(label) or "topic"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        keywords = tuple(k for k, _ in Counter(k for a in members for k in a.keywords).most_common(8))
        topics.append(Topic(slug, label, tuple(a.slug for a in newest_first(members)), keywords))
    newest = {a.slug: i for i, a in enumerate(newest_first(a for _, ms in groups for a in ms))}
    return tuple(sorted(topics, key=lambda t: newest[t.article_slugs[0]]))
