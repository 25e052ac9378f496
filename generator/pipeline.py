"""The build: a nothing-changed shortcut, else the full build (generator.full_build, every stage in order).

This module and what it imports stay light: the shortcut needs the cache, the inputs' key and output/'s state, not
extraction, grouping or rendering, so `generator.full_build` (which loads them all) is imported inside the functions
that need it, once there is work to do.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable

from .build_options import BuildOptions, Progress, cache_of
from .config import Config
from .content_files import discover
from .last_build import inputs_key, unchanged
from .models import Digest
from .output import recover

__all__ = ["BuildOptions", "BuildResult", "Progress", "build"]


@dataclass(frozen=True)
class BuildResult:
    """What a build made. After the nothing-changed shortcut the Digest is collected (from the cache) on first use
    only: the CLI reports the counts, and a site of 10,000 articles takes seconds to load. The Digest's articles
    come without their blocks, which a build never holds all at once (generator.page_bodies); `collect`
    (generator.full_build) gives them whole."""

    articles: int
    topics: int
    seconds: float
    files_written: int
    load_digest: Callable[[], Digest] = field(repr=False, compare=False)
    changed: frozenset[str] = frozenset()  # output paths whose bytes this build changed (new files included)
    collected: tuple[int, int] | None = None  # with BuildOptions.collect_garbage: cache files and bytes deleted

    @cached_property
    def digest(self) -> Digest:
        return self.load_digest()


def build(config: Config, progress: Progress | None = None, options: BuildOptions | None = None) -> BuildResult:
    """Build the whole site from config.content_dir into config.output_dir.

    With the cache on, a build whose inputs are all unchanged since the last one (same files by size, mtime and
    inode, same settings, theme and code) and whose output/ is untouched returns at once: the output is already
    what a full build would write.
    """
    started = time.perf_counter()
    options = options or BuildOptions()
    cache = cache_of(config, options)
    # What builds that died left beside output/ goes first, as a full build's writer does it: a build killed while it
    # deleted the site it replaced leaves that folder, and the next build may well find nothing else to do.
    recover(config.output_path)
    paths = discover(config.content_path)
    key = inputs_key(config, paths) if cache.enabled else ""  # taken before reading: a mid-build edit shows next time
    last = unchanged(cache, key, config.output_path) if key and options.shortcut else None
    if last is not None:
        return BuildResult(last.articles, last.topics, time.perf_counter() - started, 0,
                           partial(_digest_again, config, options))
    from .full_build import make_site  # every stage's module: loaded only now that there is work to do

    if not (options.collect_garbage and cache.enabled):
        digest, writer = make_site(config, progress, options, paths, key)
        collected = None
    else:
        since = time.time()
        with cache.journal() as used:
            digest, writer = make_site(config, progress, options, paths, key)
        collected = cache.collect_garbage(used, since)
    return BuildResult(len(digest.articles), len(digest.topics), time.perf_counter() - started, len(writer.written),
                       partial(_given, digest), writer.changed, collected)


def _given(digest: Digest) -> Digest:
    return digest


def _digest_again(config: Config, options: BuildOptions) -> Digest:
    """The Digest of a build that found nothing changed, collected from the cache on first use."""
    from .full_build import digest_again  # the stages' modules, loaded only when a caller asks for the Digest

    return digest_again(config, options)
