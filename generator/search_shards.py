"""How the search index is split: which shard each article page is indexed in, and where each shard's bundle lives.

A leaf, because the search page (render) lists the bundles to merge and the indexer (search) makes them. A shard
holds about SHARD_SIZE articles: the count of shards is the smallest power of two that keeps them that small on
average, so it changes only when the site doubles (when every shard is indexed afresh once), and an article's shard
is a hash of its folder name, stable across builds and machines. A shard can be empty on a small site; it then has
no bundle, and the bundles are numbered by the shards that have articles.
"""

from __future__ import annotations

from typing import Iterable

from .buckets import bucket_count, name_hash

BUNDLE_DIR = "pagefind"
# Articles per shard: Pagefind needs ~25 MB plus ~0.27 MB per article page (measured: 85 MB for 250 pages, 146 MB for
# 500, 287 MB for 1,000), on top of the builder's own memory, and one changed article re-indexes its whole shard
# (~0.6 s for 500 pages); the browser fetches a little of every shard's index per search.
SHARD_SIZE = 500


def shard_count(articles: int) -> int:
    """The number of shards for a site of this many articles: a power of two, at least 1."""
    return bucket_count(articles, SHARD_SIZE)


def shard_of(folder_name: str, count: int) -> int:
    """The shard of the article whose page is articles/<folder_name>/index.html."""
    return 0 if count == 1 else name_hash(folder_name) % count


def shards(folder_names: Iterable[str]) -> list[list[str]]:
    """The article folders of each shard that has any, in shard order."""
    names = list(folder_names)
    count = shard_count(len(names))
    found: dict[int, list[str]] = {}
    for name in names:
        found.setdefault(shard_of(name, count), []).append(name)
    return [found[shard] for shard in sorted(found)]


def bundle_folder(rank: int) -> str:
    """The site folder of the bundle of the rank-th shard that has articles: the first is pagefind/, which holds the
    UI the search page loads, so it is there whichever shards a small site leaves empty."""
    return BUNDLE_DIR if rank == 0 else f"{BUNDLE_DIR}/shard-{rank}"


def bundle_folders(folder_names: Iterable[str]) -> list[str]:
    """Every bundle folder of a site with these article folders, pagefind/ first (also when there are none: the
    stand-in UI goes there)."""
    return [bundle_folder(rank) for rank in range(len(shards(folder_names)))] or [BUNDLE_DIR]
