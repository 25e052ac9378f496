"""The graph grouping starts from: the article pairs at or above a similarity threshold, at most NEIGHBOURS a row.

An average above the threshold needs at least one pair above it, so clustering only ever looks inside the connected
components of this graph. Keeping every strong pair costs the square of a story's size: on a collection where one
story holds a tenth of 100,000 articles that is 50 million pairs, gigabytes before clustering starts. So each
article keeps its first NEIGHBOURS strong partners in collection order and stops looking once it has them: the graph
has at most n * NEIGHBOURS pairs, and an article of a large story compares itself with a few thousand others, not
with all of them. An article with NEIGHBOURS strong partners or fewer keeps them all, so where no article has more
the graph, and the groups, are exactly those of all the strong pairs.

"First in collection order", not "most similar": finding the most similar needs every pair, which is the cost this
avoids. A large story stays connected through its first members, which every later member links to.
The result depends only on the vectors and their order, never on the block sizes below.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import sparse

# Strong partners an article keeps. On the evaluation sets no article has more than 31 (ECB+ dev: 27, its stories
# up to 28 reports; BBC dev: 31), so twice that keeps their graphs whole; a larger cap only slows large stories.
NEIGHBOURS = 64
_BLOCK_ROWS = 512  # rows compared at once
_BLOCK_COLUMNS = 1024  # columns compared at once: a block is at most 512 x 1024 doubles, 4 MiB
_DENSE_SHARE = 0.1  # columns in more than this share of the rows are multiplied as dense arrays


class Graph(NamedTuple):
    """The strong pairs kept, and which rows may have had more."""

    pairs: sparse.csr_matrix  # the similarity of each pair kept, once (row < column)
    full: np.ndarray  # True where a row reached the cap: it may have more strong partners than it kept


def split_columns(vectors: sparse.csr_matrix) -> tuple[np.ndarray, sparse.csr_matrix]:
    """The columns most rows have, as a dense array, and the rest, sparse. A sparse product costs the square of a
    column's count of rows: those few columns are cheaper multiplied by BLAS."""
    columns = vectors.tocsc()
    common = np.diff(columns.indptr) > _DENSE_SHARE * vectors.shape[0]
    return np.ascontiguousarray(columns[:, common].toarray()), columns[:, ~common].tocsr()


def strong_pairs(vectors: sparse.csr_matrix, threshold: float, cap: int = NEIGHBOURS) -> Graph:
    """Each row's first `cap` partners at or above the threshold (all of them when it has no more)."""
    n = vectors.shape[0]
    dense, rare = split_columns(vectors)
    found = np.zeros(n, dtype=np.int64)
    looking = np.arange(n)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    # Columns in order, a block at a time, against every row still looking: rows that stop early drop out, and the
    # few that look through everything still go in full blocks of rows.
    for left in range(0, n, _BLOCK_COLUMNS):
        right = min(left + _BLOCK_COLUMNS, n)
        columns = (np.ascontiguousarray(dense[left:right].T), rare[left:right].T.tocsr())
        for first in range(0, len(looking), _BLOCK_ROWS):
            block = looking[first : first + _BLOCK_ROWS]
            row, col, sim = _scan(dense[block], rare[block], columns, left, block, threshold, cap - found[block])
            found[block] += np.bincount(row, minlength=len(block))
            rows.append(block[row].astype(np.int32))
            cols.append(col.astype(np.int32))
            sims.append(sim)
        looking = looking[found[looking] < cap]
        if not len(looking):
            break
    return Graph(_symmetric(n, rows, cols, sims), found >= cap)


def _scan(
    dense: np.ndarray, rare: sparse.csr_matrix, columns: tuple[np.ndarray, sparse.csr_matrix], left: int,
    block: np.ndarray, threshold: float, wanted: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first partners of the block's rows (`dense`, `rare`) among the columns from `left`, at most `wanted` a row:
    their rows in the block, their columns and similarities."""
    sim = dense @ columns[0]
    sim += (rare @ columns[1]).toarray()
    hit = sim >= threshold
    inside = (block >= left) & (block < left + sim.shape[1])
    hit[np.flatnonzero(inside), block[inside] - left] = False  # an article is not its own partner
    hit &= np.cumsum(hit, axis=1, dtype=np.int32) <= wanted[:, None]
    row, col = np.nonzero(hit)  # row by row, columns in order
    return row, col + left, sim[row, col].astype(np.float32)


def _symmetric(n: int, rows: list, cols: list, sims: list) -> sparse.csr_matrix:
    """Each pair once (row < column), whichever end kept it; a pair both ends kept takes the higher similarity, so the
    graph does not depend on which end was computed first."""
    a, b, s = (np.concatenate(part) if part else np.zeros(0, np.int32) for part in (rows, cols, sims))
    if not len(a):
        return sparse.csr_matrix((n, n), dtype=np.float32)
    key = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
    order = np.argsort(key, kind="stable")
    key, s = key[order], s[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    low, high = np.divmod(key[starts], n)
    return sparse.csr_matrix((np.maximum.reduceat(s, starts), (low, high)), shape=(n, n))
