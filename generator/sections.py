"""Sections: the broad subjects (Politics, Business, Sport, ...) above topics, found without any labelled data.

Each article starts in the section whose seed words (`section_words`, written from general knowledge) weigh most in
its TF-IDF vector; then each section's centroid is learned from its own articles and every article moves to the
nearest centroid, until nothing moves (seeded spherical k-means). The seeds name the sections; the collection
teaches them their vocabulary ("Arsenal", "Xbox", "Blair" need no seed). A section left with fewer than MIN_SHARE of
the articles is folded into the others: a front page with a section of three articles is noise, not news.
A topic goes to the section most of its articles are in, so a story page never straddles two sections.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Sequence

import numpy as np
from scipy import sparse

from .models import Article, Section, Topic
from .section_words import SECTION_SEEDS
from .text import slugify
from .article_words import Tokens
from .vectors import Vocabulary, word_vectors

MIN_SHARE = 0.02
MAX_ROUNDS = 25
OTHER = "Other"  # articles with no known word at all


def _seed_matrix(vocabulary: Vocabulary, names: Sequence[str]) -> sparse.csr_matrix:
    """One row per section: 1 at each of its seed words the collection knows."""
    rows, cols = [], []
    for r, name in enumerate(names):
        for word in set(SECTION_SEEDS[name].split()):
            if word in vocabulary.columns:
                rows.append(r)
                cols.append(vocabulary.columns[word])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(names), len(vocabulary.columns)))


def _centroids(vectors: sparse.csr_matrix, labels: np.ndarray, k: int, alive: np.ndarray) -> np.ndarray:
    """Unit-length mean vector of each live section's articles (zero rows for dead sections)."""
    onehot = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    sums = np.asarray((onehot @ vectors).todense())
    sums[~alive] = 0.0
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms > 0, norms, 1.0)


def _nearest(scores: np.ndarray, alive: np.ndarray) -> np.ndarray:
    """Index of the best live section per row (lowest index on ties, so the result is deterministic)."""
    return np.where(alive[None, :], scores, -np.inf).argmax(axis=1)


def article_sections(articles: Sequence[Article], tokens: Tokens | None = None) -> list[str]:
    """The section label of each article, in input order (`tokens`: the articles' words, if at hand)."""
    if not articles:
        return []
    names = list(SECTION_SEEDS)
    vocabulary, vectors = word_vectors(Tokens.of(articles) if tokens is None else tokens)
    k = len(names)
    alive = np.ones(k, dtype=bool)
    labels = _nearest((vectors @ _seed_matrix(vocabulary, names).T).toarray(), alive)
    for _ in range(MAX_ROUNDS):
        alive &= np.bincount(labels, minlength=k) >= max(1, MIN_SHARE * len(articles))
        new = _nearest(vectors @ _centroids(vectors, labels, k, alive).T, alive)
        if np.array_equal(new, labels):
            break
        labels = new
    empty = np.asarray(vectors.getnnz(axis=1) == 0)
    return [OTHER if empty[i] else names[label] for i, label in enumerate(labels)]


def assign_sections(
    articles: Sequence[Article], topics: Sequence[Topic], tokens: Tokens | None = None
) -> tuple[tuple[Topic, ...], tuple[Section, ...]]:
    """Topics with their `section` set, and the sections (largest first) holding them. `tokens`: the articles'
    words (`article_words.Tokens`, in the order of `articles`) when the caller has them, so they are not read again."""
    by_slug = {a.slug: i for i, a in enumerate(articles)}
    of_article = article_sections(articles, tokens)
    order = {name: i for i, name in enumerate([*SECTION_SEEDS, OTHER])}
    placed: list[Topic] = []
    members: dict[str, list[str]] = {}
    for topic in topics:
        votes = Counter(of_article[by_slug[s]] for s in topic.article_slugs if s in by_slug)
        label = min(votes, key=lambda name: (-votes[name], order[name])) if votes else OTHER
        placed.append(replace(topic, section=slugify(label)))
        members.setdefault(label, []).append(topic.slug)
    size = {t.slug: len(t.article_slugs) for t in topics}
    sections = [Section(slugify(label), label, tuple(slugs)) for label, slugs in members.items()]
    sections.sort(key=lambda s: (-sum(size[t] for t in s.topic_slugs), order[s.label]))
    return tuple(placed), tuple(sections)
