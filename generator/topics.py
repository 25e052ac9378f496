"""Group articles into topics (running stories) with readable labels and stable slugs.

Articles are vectors of their text (words and word pairs), entities and years (`vectors.Space`); topics are the
clusters of average-link agglomerative clustering cut where the mean similarity between two groups falls below
JOIN_THRESHOLD. Average link has a meaning an editor can check: an article joins a story when it is, on average,
as close to the story's reports as JOIN_THRESHOLD; it needs no number of topics and does not depend on input order.
The clustering itself (`clustering.cluster_vectors`) works per connected component of the graph of strong pairs,
each article keeping at most `neighbours.NEIGHBOURS` of them, so it stays bounded at any size of collection.

`TopicIndex.add` puts one more article into a grouped collection with the same rule (mean similarity to a topic's
members), without regrouping: existing topics keep their labels and slugs (`topic_labels`).
Pinned topics (digest.toml `[[topics]]`, or `topic:` in an article's front matter) always win over clustering.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from .clustering import JOIN_THRESHOLD, cluster_vectors
from .config import Config, PinnedTopic
from .models import Article, Topic
from .text import match_key, slugify
from .topic_labels import label_for, oldest_first_key
from .article_words import Tokens
from .vectors import Space

# Clusters of articles: given them (in row order) and their vectors, fitted on demand (a cache of clusters need
# not fit them: generator.full_build)
Clusterer = Callable[[Sequence[Article], Callable[[], sparse.csr_matrix]], list[list[int]]]

__all__ = ["JOIN_THRESHOLD", "TopicIndex", "cluster", "cluster_vectors", "group", "newest_first"]  # cluster_vectors: clustering's


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones by file time, ties by source path."""
    ordered = sorted(articles, key=lambda a: a.source_path)
    ordered.sort(key=lambda a: a.mtime if not a.published else 0.0, reverse=True)
    return sorted(ordered, key=lambda a: a.published or "", reverse=True)


def cluster(articles: Sequence[Article], threshold: float = JOIN_THRESHOLD) -> list[list[int]]:
    """Story clusters of the articles: groups of indexes into `articles`, each sorted, in order of first member."""
    if not articles:
        return []
    return cluster_vectors(Space.fit_embed(articles)[1], threshold)


def _pinned_for(article: Article, pinned: Sequence[PinnedTopic]) -> PinnedTopic | None:
    if article.pinned_topic:
        wanted = match_key(article.pinned_topic)
        for topic in pinned:
            if match_key(topic.name) == wanted:
                return topic
        return PinnedTopic(article.pinned_topic.strip())
    if not any(k.strip() for topic in pinned for k in topic.keywords):
        return None  # no keyword to look for: skip reading the whole body
    haystack = match_key(" ".join((article.title, *article.keywords, article.body_markdown)))
    for topic in pinned:
        if any(match_key(k) in haystack for k in topic.keywords if k.strip()):
            return topic
    return None


@dataclass
class _Story:
    """A topic while it is being built: its name (fixed once given) and its members."""

    label: str
    slug: str
    members: list[Article]
    pinned: bool = False


def _unique_slug(label: str, used: set[str]) -> str:
    base = slugify(label) or "topic"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _named(groups: list[tuple[str, list[Article], bool]]) -> list[_Story]:
    """Slugs handed out oldest story first, so a new story never takes an existing story's slug."""
    used: set[str] = set()
    ordered = sorted(groups, key=lambda g: oldest_first_key(min(g[1], key=oldest_first_key)))
    return [_Story(label, _unique_slug(label, used), members, pinned) for label, members, pinned in ordered]


def _as_topic(story: _Story) -> Topic:
    keywords = tuple(k for k, _ in Counter(k for a in story.members for k in a.keywords).most_common(8))
    return Topic(story.slug, story.label, tuple(a.slug for a in newest_first(story.members)), keywords)


def fit_and_cluster(articles: Sequence[Article], vectors: Callable[[], sparse.csr_matrix]) -> list[list[int]]:
    """The Clusterer that always fits: `cluster_vectors` of the vectors."""
    return cluster_vectors(vectors())


@dataclass
class TopicIndex:
    """A grouped collection that takes one more article at a time without regrouping."""

    config: Config
    stories: list[_Story]
    # The clustered articles' space and vectors: fitted when first wanted (`add`), once (a build never adds)
    _fit: Callable[[], tuple[Space, sparse.csr_matrix]]
    _chunks: list[sparse.csr_matrix] = field(default_factory=list)  # vectors of clustered articles, in blocks
    _story_of: list[int] = field(default_factory=list)  # story index of each clustered article, in vector order
    _space: Space | None = None

    @classmethod
    def build(cls, articles: Sequence[Article], config: Config, tokens: Tokens | None = None,
              clusters_of: Clusterer = fit_and_cluster) -> "TopicIndex":
        """Group a whole collection; the same articles in any order give the same index. `tokens`: the articles'
        words (`article_words.Tokens`, in the order of `articles`) when the caller has them, so they are not read
        again. `clusters_of`: fit_and_cluster, or what gives the same answer (a cache of it: the build's)."""
        ordered = sorted(range(len(articles)), key=lambda i: articles[i].source_path)
        pinned: dict[str, list[Article]] = {}
        free_rows: list[int] = []
        for i in ordered:
            topic = _pinned_for(articles[i], config.topics)
            if topic:
                pinned.setdefault(topic.name, []).append(articles[i])
            else:
                free_rows.append(i)
        free = [articles[i] for i in free_rows]
        fitted: list[tuple[Space, sparse.csr_matrix]] = []

        def fit() -> tuple[Space, sparse.csr_matrix]:
            if not fitted:
                fitted.append(Space.fit_embed(free, None if tokens is None else tokens.take(free_rows)))
            return fitted[0]

        clusters = clusters_of(free, lambda: fit()[1]) if free else []
        groups = [(name, members, True) for name, members in pinned.items()]
        groups += [(label_for([free[i] for i in g]), [free[i] for i in g], False) for g in clusters]
        index = cls(config, _named(groups), fit)
        row_of = {id(article): i for i, article in enumerate(free)}
        story_of = [0] * len(free)
        for s, story in enumerate(index.stories):
            for article in () if story.pinned else story.members:
                story_of[row_of[id(article)]] = s
        index._story_of = story_of
        return index

    @property
    def space(self) -> Space:
        """The fitted space new articles are embedded in (fitted now if clustering did not need it)."""
        if self._space is None:
            self._space, vectors = self._fit()
            self._chunks.insert(0, vectors)  # the clustered articles' block, before any added since
        return self._space

    def topics(self) -> tuple[Topic, ...]:
        """All topics, newest topic first; every article belongs to exactly one."""
        topics = [_as_topic(s) for s in self.stories]
        newest = {a.slug: i for i, a in enumerate(newest_first(a for s in self.stories for a in s.members))}
        return tuple(sorted(topics, key=lambda t: newest[t.article_slugs[0]]))

    def add(self, article: Article) -> Topic:
        """Put one more article in a pinned topic, else the story of highest mean similarity, else a new one."""
        pin = _pinned_for(article, self.config.topics)
        if pin is not None:
            return _as_topic(self._join_named(article, pin.name))
        vector = self.space.embed([article])  # fits the collection first, when clustering did not
        best = self._best_story(vector)
        if best is None:
            used = {s.slug for s in self.stories}
            story = _Story(label_for([article]), _unique_slug(label_for([article]), used), [article])
            self.stories.append(story)
            best = len(self.stories) - 1
        else:
            self.stories[best].members.append(article)
        self._chunks.append(vector)
        self._story_of.append(best)
        return _as_topic(self.stories[best])

    def _best_story(self, vector: sparse.csr_matrix) -> int | None:
        if not self._story_of:
            return None
        scores = np.concatenate([(chunk @ vector.T).toarray().ravel() for chunk in self._chunks])
        labels = np.asarray(self._story_of)
        size = np.bincount(labels, minlength=len(self.stories))
        mean = np.bincount(labels, weights=scores, minlength=len(self.stories)) / np.maximum(size, 1)
        best = int(np.argmax(mean))
        return best if mean[best] >= JOIN_THRESHOLD else None

    def _join_named(self, article: Article, name: str) -> _Story:
        for story in self.stories:
            if story.pinned and story.label == name:
                story.members.append(article)
                return story
        story = _Story(name, _unique_slug(name, {s.slug for s in self.stories}), [article], pinned=True)
        self.stories.append(story)
        return story


def group(articles: Sequence[Article], config: Config, tokens: Tokens | None = None,
          clusters_of: Clusterer = fit_and_cluster) -> tuple[Topic, ...]:
    """All topics, newest topic first; every article belongs to exactly one. Pins win. `tokens`, `clusters_of`: as
    for `TopicIndex.build`."""
    return TopicIndex.build(articles, config, tokens, clusters_of).topics()
