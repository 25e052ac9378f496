"""Group articles into topics (running stories) with readable labels and stable slugs.

Articles are vectors of their text (words and word pairs), entities and years (`vectors.Space`); topics are the
clusters of average-link agglomerative clustering cut where the mean similarity between two groups falls below
JOIN_THRESHOLD. Average link has a meaning an editor can check: an article joins a story when it is, on average,
as close to the story's reports as JOIN_THRESHOLD; it needs no number of topics and does not depend on input order.
For speed the cut is exact per connected component of the graph of pairs above the threshold (an average above
the threshold needs at least one pair above it), so unrelated articles are never compared twice.

`TopicIndex.add` puts one more article into a grouped collection with the same rule (mean similarity to a topic's
members), without regrouping: existing topics keep their labels and slugs (`topic_labels`).
Pinned topics (digest.toml `[[topics]]`, or `topic:` in an article's front matter) always win over clustering.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from .config import Config, PinnedTopic
from .models import Article, Topic
from .text import match_key, slugify
from .topic_labels import label_for, oldest_first_key
from .article_words import Tokens
from .vectors import Space

# Mean similarity (vectors.py: 0.6 text + 0.3 entities + 0.1 years) at which two groups are one story: the middle
# of a wide plateau, not a tuned optimum. B-cubed F1 on ECB+ dev is 0.928-0.935 anywhere from 0.10 to 0.16
# (`python bench/eval_stories.py` prints the whole range).
JOIN_THRESHOLD = 0.14
_BLOCK_ROWS = 512  # rows of the similarity matrix computed at once: bounds memory at 10,000 articles
_DENSE_SHARE = 0.1  # columns in more than this share of the rows are multiplied as dense arrays
_MAX_EXACT = 1500  # largest group clustered in one scipy linkage (its distance matrix grows with the square)
_FINER_STEP = 0.05  # how much higher the threshold that cuts a larger group into pieces


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones by file time, ties by source path."""
    ordered = sorted(articles, key=lambda a: a.source_path)
    ordered.sort(key=lambda a: a.mtime if not a.published else 0.0, reverse=True)
    return sorted(ordered, key=lambda a: a.published or "", reverse=True)


def _strong_pairs(vectors: sparse.csr_matrix, threshold: float) -> sparse.csr_matrix:
    """The similarities of the article pairs at or above the threshold: a graph, each pair once (row <= column).
    A block of rows at a time, against the rows from the block on; the columns most rows have (years, common
    words) multiplied as dense arrays, the rest as sparse ones (`_split_columns`)."""
    n = vectors.shape[0]
    index = np.int32 if n < 2**31 else np.int64
    dense, rare = _split_columns(vectors)
    rows, cols, sims = [], [], []
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, n)
        block = dense[start:] @ dense[start:stop].T  # (later article, article of the block)
        light = rare[start:] @ rare[start:stop].T
        block[np.repeat(np.arange(light.shape[0]), np.diff(light.indptr)), light.indices] += light.data
        later, of_block = np.nonzero(block >= threshold)
        upper = later >= of_block
        later, of_block = later[upper], of_block[upper]
        sims.append(block[later, of_block].astype(np.float32))
        del block
        # int32 indices, as the CSR matrix keeps them: half the memory of np.nonzero's int64 for millions of pairs
        rows.append((of_block + start).astype(index))
        cols.append((later + start).astype(index))
    data, rows_all, cols_all = np.concatenate(sims), np.concatenate(rows), np.concatenate(cols)
    del sims, rows, cols
    return sparse.csr_matrix((data, (rows_all, cols_all)), shape=(n, n))


def _split_columns(vectors: sparse.csr_matrix) -> tuple[np.ndarray, sparse.csr_matrix]:
    """The columns most rows have, as a dense array, and the rest, sparse. A sparse product costs the square of a
    column's count of rows: those few columns are cheaper multiplied by BLAS."""
    columns = vectors.tocsc()
    common = np.diff(columns.indptr) > _DENSE_SHARE * vectors.shape[0]
    return np.ascontiguousarray(columns[:, common].toarray()), columns[:, ~common].tocsr()


def _gram(vectors: sparse.csr_matrix) -> np.ndarray:
    """All the rows' dot products, as a dense array."""
    dense, rare = _split_columns(vectors)
    products = dense @ dense.T
    products += (rare @ rare.T).toarray()
    return products


def _average_link(vectors: sparse.csr_matrix, threshold: float) -> list[list[int]]:
    """Average-link clusters of a few rows, cut at mean similarity `threshold`; indexes into `vectors`."""
    similarity = _gram(vectors)
    distance = np.clip(1.0 - similarity, 0.0, None)
    condensed = distance[np.triu_indices(len(distance), k=1)]
    labels = fcluster(linkage(condensed, "average"), 1.0 - threshold, "distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return list(groups.values())


def _merge_groups(vectors: sparse.csr_matrix, groups: list[list[int]], threshold: float) -> list[list[int]]:
    """Go on with average link from a finer cut: merge the two groups of highest mean similarity while it is at
    least the threshold. Mean similarity of groups is the dot product of their sums over the product of sizes.
    Each row's best partner is kept up to date, so a step reads one row or a few, not the whole matrix (the pair
    found is the matrix's first maximum in row-major order, as np.argmax of all of it would give)."""
    k = len(groups)
    owner = np.repeat(np.arange(k), [len(g) for g in groups])
    onehot = sparse.csr_matrix((np.ones(len(owner)), (owner, np.concatenate(groups))), shape=(k, vectors.shape[0]))
    sums = onehot @ vectors
    size = np.array([len(g) for g in groups], dtype=np.float64)
    mean = (sums @ sums.T).toarray() / np.outer(size, size)
    np.fill_diagonal(mean, -np.inf)
    members = [list(g) for g in groups]
    best = mean.argmax(axis=1)
    top = mean[np.arange(k), best]
    while k > 1:
        a = int(np.argmax(top))
        b = int(best[a])
        if top[a] < threshold:
            break
        merged = (size[a] * mean[a] + size[b] * mean[b]) / (size[a] + size[b])  # Lance-Williams, average link
        mean[a], mean[:, a] = merged, merged
        mean[a, a] = -np.inf
        mean[b], mean[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        members[a] += members[b]
        members[b] = []
        # Rows whose best partner was a or b are read again; the others only compare with the new column a.
        stale = (best == a) | (best == b)
        stale[a] = stale[b] = True
        better = ~stale & ((merged > top) | ((merged == top) & (a < best)))
        best[better], top[better] = a, merged[better]
        rows = np.flatnonzero(stale)
        best[rows] = mean[rows].argmax(axis=1)
        top[rows] = mean[rows, best[rows]]
    return [sorted(m) for m in members if m]


def _cluster_component(
    vectors: sparse.csr_matrix, graph: sparse.csr_matrix, rows: np.ndarray, threshold: float
) -> list[list[int]]:
    """Average-link clusters of one connected component (indexes into the whole collection). Too large a
    component is first cut finer, at a higher threshold, and the pieces merged on with the same average link."""
    if len(rows) == 1:
        return [rows.tolist()]
    if len(rows) <= _MAX_EXACT:
        return [[int(rows[i]) for i in g] for g in _average_link(vectors[rows], threshold)]
    finer = threshold + _FINER_STEP
    pieces = []
    for part in _components(graph, rows, finer):
        pieces.extend(_cluster_component(vectors, graph, part, finer))
    return _merge_groups(vectors, pieces, threshold)


def _components(graph: sparse.csr_matrix, rows: np.ndarray, threshold: float) -> list[np.ndarray]:
    """Connected components of the rows' subgraph of pairs at or above the threshold."""
    sub = graph[rows][:, rows]
    sub.data = (sub.data >= threshold).astype(np.float32)
    sub.eliminate_zeros()
    count, label = connected_components(sub, directed=False)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    return [rows[order[bounds[i] : bounds[i + 1]]] for i in range(count)]


def cluster_vectors(vectors: sparse.csr_matrix, threshold: float = JOIN_THRESHOLD) -> list[list[int]]:
    """Average-link clusters of the rows, cut at mean similarity `threshold`; sorted groups of row indexes."""
    graph = _strong_pairs(vectors, threshold)
    groups: list[list[int]] = []
    for rows in _components(graph, np.arange(vectors.shape[0]), threshold):
        groups.extend(_cluster_component(vectors, graph, rows, threshold))
    return sorted(sorted(g) for g in groups)


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


@dataclass
class TopicIndex:
    """A grouped collection that takes one more article at a time without regrouping."""

    config: Config
    space: Space
    stories: list[_Story]
    _chunks: list[sparse.csr_matrix] = field(default_factory=list)  # vectors of clustered articles, in blocks
    _story_of: list[int] = field(default_factory=list)  # story index of each clustered article, in vector order

    @classmethod
    def build(cls, articles: Sequence[Article], config: Config, tokens: Tokens | None = None) -> "TopicIndex":
        """Group a whole collection; the same articles in any order give the same index. `tokens`: the articles'
        words (`article_words.Tokens`, in the order of `articles`) when the caller has them, so they are not read again."""
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
        space, vectors = Space.fit_embed(free, None if tokens is None else tokens.take(free_rows))
        clusters = cluster_vectors(vectors) if free else []
        groups = [(name, members, True) for name, members in pinned.items()]
        groups += [(label_for([free[i] for i in g]), [free[i] for i in g], False) for g in clusters]
        index = cls(config, space, _named(groups))
        row_of = {id(article): i for i, article in enumerate(free)}
        story_of = [0] * len(free)
        for s, story in enumerate(index.stories):
            for article in () if story.pinned else story.members:
                story_of[row_of[id(article)]] = s
        index._chunks, index._story_of = ([vectors] if free else []), story_of
        return index

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
        vector = self.space.embed([article])
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


def group(articles: Sequence[Article], config: Config, tokens: Tokens | None = None) -> tuple[Topic, ...]:
    """All topics, newest topic first; every article belongs to exactly one. Pins win. `tokens`: as for `build`."""
    return TopicIndex.build(articles, config, tokens).topics()
