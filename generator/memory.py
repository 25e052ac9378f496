"""Giving freed memory back to the system between the build's stages.

CPython keeps freed blocks in its own pools and glibc keeps freed heap pages in the process, so after a stage
that allocates a lot and frees it (grouping's arrays, the collection of articles) the process keeps its high-water
mark in RSS. The next stage's subprocess (Pagefind) then adds its own memory on top. `malloc_trim` hands every
whole free page of the heap back; a no-op where the C library has none (macOS, musl).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _trim():  # type: ignore[no-untyped-def]
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release_free_memory() -> None:
    """Collect garbage cycles, then return the heap's free pages to the system."""
    gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)
