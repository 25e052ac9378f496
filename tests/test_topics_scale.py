"""Grouping at scale (issue 8): each article keeps at most NEIGHBOURS strong partners, so the graph clustering starts
from stays bounded, while a collection where no article has more keeps exactly the groups of average link."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

from generator import clustering, neighbours
from generator.neighbours import NEIGHBOURS, strong_pairs
from generator.topics import JOIN_THRESHOLD, cluster_vectors


def _stories(sizes: list[int], spread: float, seed: int) -> sparse.csr_matrix:
    """Unit rows in stories: each row its story's own direction plus `spread` of noise, in shuffled order."""
    rng = np.random.default_rng(seed)
    width = 40 * len(sizes) + 400
    rows = []
    for s, size in enumerate(sizes):
        centre = np.zeros(width)
        centre[40 * s : 40 * s + 40] = rng.random(40)
        noise = rng.random((size, width)) * (rng.random((size, width)) < 0.02)
        rows.append(centre / np.linalg.norm(centre) + spread * noise)
    matrix = np.vstack(rows)[rng.permutation(sum(sizes))]
    return sparse.csr_matrix(matrix / np.linalg.norm(matrix, axis=1, keepdims=True))


def _average_link(vectors: sparse.csr_matrix, threshold: float) -> list[list[int]]:
    """The definition: one scipy average-link tree over all the rows, cut at the threshold."""
    distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, None)
    labels = fcluster(linkage(distance[np.triu_indices(len(distance), k=1)], "average"), 1.0 - threshold, "distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values())


def test_groups_are_average_link_where_no_article_has_more_partners_than_the_cap() -> None:
    vectors = _stories([NEIGHBOURS] * 6 + [12] * 20 + [1] * 40, spread=0.5, seed=1)
    partners = ((vectors @ vectors.T).toarray() >= JOIN_THRESHOLD).sum(axis=1) - 1
    assert NEIGHBOURS // 2 < partners.max() <= NEIGHBOURS  # some articles near the cap, none above it
    assert cluster_vectors(vectors) == _average_link(vectors, JOIN_THRESHOLD)


def test_a_large_dense_story_is_one_group_from_a_bounded_graph() -> None:
    vectors = _stories([1700, 1600], spread=1.0, seed=2)  # every pair of a story strong: 2.7 million pairs
    graph = strong_pairs(vectors, JOIN_THRESHOLD)
    assert graph.full.all() and graph.pairs.nnz <= vectors.shape[0] * NEIGHBOURS
    groups = cluster_vectors(vectors)
    # One scipy linkage of all 3,300 rows gives 1600 and 1700; at most 1% of a story may go the other way.
    assert len(groups) == 2 and np.abs(np.sort([len(g) for g in groups]) - [1600, 1700]).max() <= 16


@pytest.mark.parametrize("rows, columns", [(16, 50), (64, 300), (1000, 5000)])
def test_the_graph_and_groups_do_not_depend_on_block_sizes(
    monkeypatch: pytest.MonkeyPatch, rows: int, columns: int
) -> None:
    vectors = _stories([300, 150, 40] + [5] * 20, spread=0.8, seed=3)  # most rows above the cap of 20
    want_graph, want_groups = strong_pairs(vectors, JOIN_THRESHOLD, cap=20).pairs, cluster_vectors(vectors)
    monkeypatch.setattr(neighbours, "_BLOCK_ROWS", rows)
    monkeypatch.setattr(neighbours, "_BLOCK_COLUMNS", columns)
    graph = strong_pairs(vectors, JOIN_THRESHOLD, cap=20).pairs
    assert (graph != want_graph).nnz == 0
    assert cluster_vectors(vectors) == want_groups


def test_more_groups_than_one_merge_holds_are_merged_in_linked_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = _stories([30] * 8 + [1] * 20, spread=0.5, seed=4)
    singles = [[i] for i in range(vectors.shape[0])]
    want = clustering._merge_groups(vectors, singles, JOIN_THRESHOLD)
    monkeypatch.setattr(clustering, "_MAX_MERGE", 40)  # 260 groups: runs of 40 that the graph links
    got = clustering._merge_many(vectors, strong_pairs(vectors, JOIN_THRESHOLD).pairs, singles, JOIN_THRESHOLD)
    assert sorted(got) == sorted(want) and sorted(len(g) for g in got)[-8:] == [30] * 8


@pytest.mark.parametrize("n", [1, 2])
def test_a_collection_without_strong_pairs_is_all_singletons(n: int) -> None:
    vectors = sparse.csr_matrix(np.eye(n))
    assert strong_pairs(vectors, JOIN_THRESHOLD).pairs.nnz == 0
    assert cluster_vectors(vectors) == [[i] for i in range(n)]
