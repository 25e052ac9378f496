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
_BLOCK_COLUMNS = 2048  # columns compared at once: a block is at most 512 x 2048 doubles, 8 MiB
_FIRST_SPAN = 4096  # columns every article looks through first; the span doubles for those still looking
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
    rows, cols, sims = [], [], []
    start, stop = 0, min(n, _FIRST_SPAN)
    while start < n and len(looking):
        # The articles still looking are compared in full blocks with the next span of columns, then the span doubles:
        # an article stops a span or so after its last partner, and the few that find none still go in full blocks.
        for first in range(0, len(looking), _BLOCK_ROWS):
            block = looking[first : first + _BLOCK_ROWS]
            for left in range(start, stop, _BLOCK_COLUMNS):
                block = _scan(dense, rare, block, left, min(left + _BLOCK_COLUMNS, stop), threshold, cap, found,
                              (rows, cols, sims))
                if not len(block):
                    break
        looking = looking[found[looking] < cap]
        start, stop = stop, min(n, 2 * stop)
    return Graph(_symmetric(n, rows, cols, sims), found >= cap)


def _scan(
    dense: np.ndarray, rare: sparse.csr_matrix, block: np.ndarray, left: int, right: int, threshold: float, cap: int,
    found: np.ndarray, out: tuple[list, list, list],
) -> np.ndarray:
    """Compare the rows of `block` with columns left..right, keep each row's first partners up to `cap` in `out`,
    and return the rows still looking."""
    sim = dense[block] @ dense[left:right].T
    light = rare[block] @ rare[left:right].T
    sim[np.repeat(np.arange(len(block)), np.diff(light.indptr)), light.indices] += light.data
    hit = sim >= threshold
    inside = (block >= left) & (block < right)
    hit[np.flatnonzero(inside), block[inside] - left] = False  # an article is not its own partner
    # A row's first partners, in column order, up to the number it still looks for
    hit &= np.cumsum(hit, axis=1, dtype=np.int32) <= (cap - found[block])[:, None]
    row, col = np.nonzero(hit)
    out[0].append(block[row].astype(np.int32))
    out[1].append((col + left).astype(np.int32))
    out[2].append(sim[row, col].astype(np.float32))
    found[block] += np.bincount(row, minlength=len(block))
    return block[found[block] < cap]


def _symmetric(n: int, rows: list, cols: list, sims: list) -> sparse.csr_matrix:
    """Each pair once (row < column), whichever end kept it; a pair both ends kept takes the higher similarity, so the
    graph does not depend on which end was computed first."""
    if not rows:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    a, b, s = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    low, high = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((-s, high, low))
    low, high, s = low[order], high[order], s[order]
    first = np.ones(len(low), dtype=bool)
    first[1:] = (low[1:] != low[:-1]) | (high[1:] != high[:-1])
    return sparse.csr_matrix((s[first], (low[first], high[first])), shape=(n, n))
