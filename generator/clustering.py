"""Average-link clustering of unit rows, cut where the mean similarity between two groups falls below a threshold.

The cut is exact per connected component of the graph of strong pairs (`neighbours.strong_pairs`): an average above
the threshold needs at least one pair above it, so rows in different components never meet. A component of up to
_MAX_EXACT rows goes through one scipy linkage; a larger one is first cut finer, at a higher threshold, and the
pieces merged on with the same average link (`_merge_groups`). Every step is bounded for any input: the graph has
at most `neighbours.NEIGHBOURS` pairs a row, a linkage at most _MAX_EXACT rows, a merge at most _MAX_MERGE groups.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .neighbours import Graph, split_columns, strong_pairs

# Mean similarity (vectors.py: 0.6 text + 0.3 entities + 0.1 years) at which two groups are one story: the middle
# of a wide plateau, not a tuned optimum. B-cubed F1 on ECB+ dev is 0.928-0.935 anywhere from 0.10 to 0.16
# (`python bench/eval_stories.py` prints the whole range).
JOIN_THRESHOLD = 0.14
# _CLUSTERING_IMPORTS: scipy.cluster and scipy.sparse.csgraph are imported by the functions that use them. They pull
# in scipy.spatial and scipy.linalg, about a sixth of a second of a build's imports, and a rebuild that reads its
# clusters back from the cache (generator.full_build) never clusters.
_MAX_EXACT = 1500  # largest group clustered in one scipy linkage (its distance matrix grows with the square)
_FINER_STEP = 0.05  # how much higher the threshold that cuts a larger group into pieces
_MAX_MERGE = 2000  # most groups merged at once (their mean matrix grows with the square: 2000 x 2000 doubles, 32 MiB)


def _gram(vectors: sparse.csr_matrix) -> np.ndarray:
    """All the rows' dot products, as a dense array."""
    dense, rare = split_columns(vectors)
    products = dense @ dense.T
    products += (rare @ rare.T).toarray()
    return products


def _average_link(vectors: sparse.csr_matrix, threshold: float) -> list[list[int]]:
    """Average-link clusters of a few rows, cut at mean similarity `threshold`; indexes into `vectors`."""
    similarity = _gram(vectors)
    distance = np.clip(1.0 - similarity, 0.0, None)
    condensed = distance[np.triu_indices(len(distance), k=1)]
    from scipy.cluster.hierarchy import fcluster, linkage  # here: see _CLUSTERING_IMPORTS

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


def _merge_many(
    vectors: sparse.csr_matrix, graph: sparse.csr_matrix, groups: list[list[int]], threshold: float
) -> list[list[int]]:
    """`_merge_groups` for any number of groups: up to _MAX_MERGE at once, exactly; beyond, in runs of _MAX_MERGE
    groups that the graph links (reverse Cuthill-McKee order puts linked groups close), the runs shifted by half a
    run each round so neighbours split by one run's end meet in the next, until the groups fit in one merge or two
    rounds merge nothing. Beyond _MAX_MERGE this is not exact average link, as the finer cut before it is not."""
    idle, shift = 0, 0
    while len(groups) > _MAX_MERGE and idle < 2:
        ordered = [groups[i] for i in _linked_order(graph, groups)]
        runs = [ordered[:shift]] + [ordered[i : i + _MAX_MERGE] for i in range(shift, len(ordered), _MAX_MERGE)]
        merged = [g for run in runs if run for g in _merge_groups(vectors, run, threshold)]
        idle = idle + 1 if len(merged) == len(groups) else 0
        groups, shift = sorted(merged), _MAX_MERGE // 2 - shift
    return _merge_groups(vectors, groups, threshold) if len(groups) <= _MAX_MERGE else groups


def _linked_order(graph: sparse.csr_matrix, groups: list[list[int]]) -> np.ndarray:
    """The groups in reverse Cuthill-McKee order of the graph between them: groups the graph links come close."""
    owner = np.full(graph.shape[0], -1)
    for g, rows in enumerate(groups):
        owner[rows] = g
    pairs = graph.tocoo()
    inside = (owner[pairs.row] >= 0) & (owner[pairs.col] >= 0)
    a, b = owner[pairs.row[inside]], owner[pairs.col[inside]]
    links = sparse.csr_matrix((np.ones(len(a)), (a, b)), shape=(len(groups), len(groups)))
    from scipy.sparse.csgraph import reverse_cuthill_mckee  # here: see _CLUSTERING_IMPORTS

    return reverse_cuthill_mckee((links + links.T).tocsr(), symmetric_mode=True)


def _cluster_component(vectors: sparse.csr_matrix, graph: Graph, rows: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link clusters of one connected component (indexes into the whole collection). Too large a
    component is first cut into pieces, and the pieces merged on with the same average link: cut finer, at a higher
    threshold, where the graph holds all its strong pairs; where some row kept only its first NEIGHBOURS, a cut of the
    partial graph would shatter the story, so it goes in runs of _MAX_EXACT rows that the graph links instead."""
    if len(rows) == 1:
        return [rows.tolist()]
    if len(rows) <= _MAX_EXACT:
        return [[int(rows[i]) for i in g] for g in _average_link(vectors[rows], threshold)]
    pieces = []
    if graph.full[rows].any():
        ordered = [rows[i] for i in _linked_order(graph.pairs, [[int(r)] for r in rows])]
        for start in range(0, len(ordered), _MAX_EXACT):
            run = np.asarray(ordered[start : start + _MAX_EXACT])
            pieces.extend([[int(run[i]) for i in g] for g in _average_link(vectors[run], threshold)])
    else:
        finer = threshold + _FINER_STEP
        for part in _components(graph.pairs, rows, finer):
            pieces.extend(_cluster_component(vectors, graph, part, finer))
    return _merge_many(vectors, graph.pairs, pieces, threshold)


def _components(graph: sparse.csr_matrix, rows: np.ndarray, threshold: float) -> list[np.ndarray]:
    """Connected components of the rows' subgraph of pairs at or above the threshold."""
    sub = graph[rows][:, rows]
    sub.data = (sub.data >= threshold).astype(np.float32)
    sub.eliminate_zeros()
    from scipy.sparse.csgraph import connected_components  # here: see _CLUSTERING_IMPORTS

    count, label = connected_components(sub, directed=False)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    return [rows[order[bounds[i] : bounds[i + 1]]] for i in range(count)]


def cluster_vectors(vectors: sparse.csr_matrix, threshold: float = JOIN_THRESHOLD) -> list[list[int]]:
    """Average-link clusters of the rows, cut at mean similarity `threshold`; sorted groups of row indexes."""
    graph = strong_pairs(vectors, threshold)
    groups: list[list[int]] = []
    for rows in _components(graph.pairs, np.arange(vectors.shape[0]), threshold):
        groups.extend(_cluster_component(vectors, graph, rows, threshold))
    return sorted(sorted(g) for g in groups)
