"""Giving freed memory back to the system between the build's stages, and collecting garbage cycles less often.

CPython keeps freed blocks in its own pools and glibc keeps freed heap pages in the process, so after a stage
that allocates a lot and frees it (grouping's arrays, the collection of articles) the process keeps its high-water
mark in RSS. The next stage's subprocess (Pagefind) then adds its own memory on top. `malloc_trim` hands every
whole free page of the heap back; a no-op where the C library has none (macOS, musl).

A build holds millions of long-lived objects (the articles, their quotes and dates, the page memo's record) and
frees almost everything else by reference counting. At CPython's default thresholds (700, 10, 10) the cycle
collector ran 16 full collections in a one-change rebuild of 10,000 articles, each walking every live object (raised
thresholds, side by side: 0.86x of the time). `fewer_collections` raises the thresholds while a build runs (the
pool's workers, forked inside it, inherit them): a young cycle waits for at most 10,000 allocations, and what
outlives two young collections waits for the next stage boundary's full collection (`release_free_memory`) rather
than being walked again and again with every live object. Measured at 10,000 articles: no higher peak, and no slower
cold build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from contextlib import contextmanager
from functools import cache
from typing import Iterator

BUILD_THRESHOLDS = (10_000, 50, 1000)  # young every 10,000 allocations; full ones left to the stage boundaries


@cache
def _trim():  # type: ignore[no-untyped-def]
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release_free_memory(collect: bool = True) -> None:
    """Collect garbage cycles (unless told not to: a full collection walks every live object), then return the
    heap's free pages to the system."""
    if collect:
        gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the cycle collector at BUILD_THRESHOLDS, then put the caller's thresholds back (and the
    objects `settle` set aside into the collector's care)."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    try:
        yield
    finally:
        if _settled:
            _settled.clear()
            gc.unfreeze()
        gc.set_threshold(*previous)


_settled: list[bool] = []  # whether `settle` froze this build's objects


def settle() -> None:
    """Inside `fewer_collections`: set every object alive now outside the cycle collector's walks until the block
    ends. Called once the Digest is whole: its millions of objects (articles, quotes, dates) live to the end of the
    build, and the first collection after they were read back walked them all in one pause mid-render (0.39 s of
    a 10,000-article one-change rebuild, whose 298 collections took 0.87 s). Skipped when the caller froze objects
    of its own, which unfreezing would hand back to the collector."""
    if not _settled and gc.get_freeze_count() == 0:
        gc.freeze()
        _settled.append(True)
