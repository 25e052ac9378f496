"""Stable buckets for a growing collection: how many, and which one a name falls in.

Two outputs are split this way: the search index into shards (`search_shards`) and the article records into parts
(`articles_file`). Both want a bucket count that changes only when the collection doubles (a power of two, at most
`size` items a bucket on average) and a bucket per item that a build, a rebuild and another machine all agree on (a
hash of a name that an edit never changes, not Python's salted `hash`).
"""

from __future__ import annotations

import hashlib


def bucket_count(items: int, size: int) -> int:
    """The smallest power of two of buckets holding `items` at most `size` a bucket on average; at least 1."""
    count = 1
    while items > count * size:
        count *= 2
    return count


def name_hash(name: str) -> int:
    """A 64-bit hash of the name, the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "big")
