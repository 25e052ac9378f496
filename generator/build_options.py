"""How a build runs: where the per-article work goes, how wide, and whether it uses the cache.

Apart from generator.per_article so that the nothing-changed shortcut (generator.pipeline.build) can take its options
and open its cache without loading the stages behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .cache import Cache
from .config import Config
from .executors import check_spec

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    """How to run the per-article stage: where (executor), how wide (jobs) and whether to use the cache."""

    executor: str = "processes"  # "inline", "processes" or "dask://host:port" (see generator.executors)
    jobs: int | None = None  # local worker processes; None: one per CPU
    use_cache: bool = True
    # After a full build, delete the cache entries it did not use (see Cache.collect_garbage).
    collect_garbage: bool = False
    # Whether a build whose inputs and output are as the last build left them returns at once. It reads too little of
    # the cache to tell what is in use: `digest build --gc` goes without it, to collect whatever earlier builds left.
    shortcut: bool = True

    def __post_init__(self) -> None:
        check_spec(self.executor)  # a mistyped executor fails before any work, naming the accepted forms


def cache_of(config: Config, options: BuildOptions) -> Cache:
    return Cache(config.cache_path if options.use_cache else None)
