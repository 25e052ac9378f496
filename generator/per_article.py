"""The per-article stage: read, clean, extract and make the page body of every content file, each a pure function of
(file text, the settings in EXTRACTION_FIELDS, code version), so a result is cached under a key of those and made
again only when one changes. Cache hits are read here; the misses go to the configured executor (inline, a
process pool, or a Dask cluster; generator.executors), whose workers write their results to the shared cache.

An article's blocks and page body are cached apart from the rest of it (generator.page_bodies): the build holds
the articles, and reads a text back only for a page it makes. Without `full`, an article whose whole result the
cache holds comes back as its `grouping_view` alone, what grouping reads: the build reads the rest back after
grouping (generator.full_build), so a cold build's workers send back and the builder keeps a fifth of the bytes.
A rebuild finds the views of unchanged articles in a few hundred shards (generator.last_build.KnownViews).
"""

from __future__ import annotations

import io
import logging
import pickle
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Container, Iterator

from .article_words import article_words
from .build_options import BuildOptions, Progress, cache_of
from .cache import PROTOCOL, Cache, make_key
from .clean import clean
from .config import Config
from .errors import SourceError
from .executors import Executor, default_jobs, open_executor
from .grouping_view import grouping_view
from .extract import extract
from .last_build import KnownSources, KnownViews
from .memo import FileState
from .models import Article, Problem, Source, pickled_by_fields
from .page_bodies import ArticleText, text_key
from .pages import extracted_front_matter, page_body
from .read import read_source
from .render import article_body_html
from .vectors import vector_inputs

log = logging.getLogger(__name__)


# Fewer uncached articles than this run inline: starting a pool would cost more than it saves.
INLINE_BELOW = 32
# Config fields that change what read -> clean -> extract -> page body produce; part of every article's cache key.
# tests/test_cache.py checks that the per-article stages read no other field.
EXTRACTION_FIELDS = ("summary_sentences", "key_quotes")


@pickled_by_fields
@dataclass(frozen=True)
class Processed:
    """The per-article stage's output as the build holds it and caches it: the article without its blocks (or why
    there is none), its words for grouping (`article_words`: read here, in the pool, rather than for every
    article at every regroup), the hash of what its grouping vector is made of (`vectors.vector_inputs`) and the
    hash of its fields (`fields_key`). The blocks and the page body are cached apart (generator.page_bodies)."""

    result: Article | Problem
    words: tuple[str, int] = ("", 0)
    vector_inputs: str = ""
    fields: str = ""


Fresh = tuple[Processed, ArticleText | None]  # a result just made, with the article's text


def process_source(source: Source, config: Config) -> Fresh:
    """Clean and extract one decoded article, then make its page body and its summary page's front matter (the
    costly Markdown -> HTML and YAML included)."""
    try:
        article = extract(clean(source), config)
    except SourceError as exc:
        return Processed(Problem(exc.path, exc.reason)), None
    body = page_body(article)
    text = ArticleText(article.blocks, body, article_body_html(body), extracted_front_matter(article))
    words = article_words(article)
    held = replace(article, blocks=())
    return Processed(held, words, vector_inputs(article, words), fields_key(held)), text


def fields_key(article: Article) -> str:
    """The hash of what every page but the article's own reads of it: its fields without the blocks (the body) and
    without the mtime (the build sets it again, and names it apart where a page reads it). The page memo names the
    article by it (generator.full_build.site_files), so an edit to the body alone makes its own two pages and
    its part of articles.json again, not the topic, people and archive pages that list it."""
    pickled = io.BytesIO()
    pickler = pickle.Pickler(pickled, protocol=PROTOCOL)
    # No memo: pickle writes an object met twice as a back-reference, so equal fields shared differently (one
    # speaker's name one string object or two, as extraction happened to make it) would hash differently.
    pickler.fast = True
    pickler.dump(replace(article, blocks=(), mtime=0.0))
    return make_key("fields", pickled.getvalue())


def _store(cache: Cache, key: str, fresh: Fresh) -> None:
    """The text first: an article found in the cache has its text there too (unless the folder was emptied)."""
    processed, text = fresh
    if text is not None:
        cache.put(text_key(key), text)
    cache.put(key, processed)


def _process_chunk(chunk: list[tuple[str, Source]], config: Config, cache_dir: str | None,
                   return_text: bool = True) -> list[Fresh]:
    """The task each worker runs: process (key, source) pairs and store each result in the (shared) cache.
    Without `return_text` an article's text stays in the cache alone: the build reads it back when its page is
    made, rather than hold every text sent back at once."""
    cache = Cache(cache_dir)
    results = []
    for key, source in chunk:
        fresh = process_source(source, config)
        _store(cache, key, fresh)
        results.append(fresh if return_text or not cache.has(text_key(key)) else (slim(fresh[0]), None))
    return results


def slim(processed: Processed) -> Processed:
    """The result with its article cut to its `grouping_view`, for a build that reads the rest from the cache."""
    if not isinstance(processed.result, Article):
        return processed
    return replace(processed, result=grouping_view(processed.result))


def _article_key(source: Source, config: Config) -> str:
    # The decoded source rather than the file's bytes: reading stays in the parent (one reader, with its checks
    # for links, sizes and files still being written) and workers get the text, never a path they might not
    # share. The decoded text is a function of the bytes, so this key is as precise. mtime is left out: it only
    # dates undated articles, and is put back from the file on every build.
    front = pickle.dumps(dict(source.front_matter), protocol=PROTOCOL)
    return make_key("article", source.source_path, source.kind, source.encoding, source.text, front,
                    _extraction_settings(config))


def _extraction_settings(config: Config) -> tuple[object, ...]:
    return tuple(getattr(config, name) for name in EXTRACTION_FIELDS)


def process_all(config: Config, options: BuildOptions, progress: Progress | None, paths: list[Path],
                 full: bool = False) -> list[tuple[str | None, Processed, ArticleText | None]]:
    """(cache key, result, text) for every article file, in path order: cache hits as they are found, the rest
    through the executor. Sources are read as the executor takes them (`Executor.map_stream`), so the decoded
    texts of only a few chunks are held at once, not of the whole collection. Unless `full`, an article the cache
    holds whole comes without its text and `slim` (its `grouping_view`; `load_article` reads the rest back)."""
    cache = cache_of(config, options)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        for _ in range(count):
            done += 1
            if progress:
                progress(done, len(paths))

    known = KnownSources(cache, config, _extraction_settings(config))
    views = None if full else KnownViews(cache, config)
    present = cache.listing()
    content_root = config.content_path  # resolved once, not once an article
    slots: list[tuple[str | None, Fresh | None]] = []
    misses: list[tuple[int, str, float, str, FileState | None]] = []  # (slot, key, mtime, path, identity)

    def sources() -> Iterator[tuple[str, Source]]:
        """Fills `slots` in path order: cache hits and unreadable files at once; each miss is yielded as
        (key, source) for the executor, its slot filled when its result comes back."""
        for path, identity in zip(paths, known_identities):
            hit = known.lookup(str(path), identity)
            cached = _cached(cache, hit[0], views, present) if hit else None
            if hit and cached and isinstance(cached[0].result, Article):
                key, mtime = hit  # the very file the last build read: no need to read, decode and hash it again
            else:
                try:
                    source = read_source(path, content_root)
                except SourceError as exc:  # unreadable, vanished, binary: not cached, the file may be fine next time
                    slots.append((None, (Processed(Problem(exc.path, exc.reason)), None)))
                    advance(1)
                    continue
                key, mtime = _article_key(source, config), source.mtime
                cached = _cached(cache, key, views, present)
                if cached is None:
                    misses.append((len(slots), key, source.mtime, str(path), identity))
                    slots.append((key, None))
                    yield key, source
                    continue
            processed, text = cached
            if isinstance(processed.result, Article):  # the file's own mtime, as a fresh extraction would have it
                if processed.result.mtime != mtime:  # (a view stored by the last build has it already)
                    processed = replace(processed, result=replace(processed.result, mtime=mtime))
                known.add(str(path), identity, key, mtime)
            slots.append((key, (processed, text)))
            advance(1)

    # Each identity is taken before its file is read: a write while we read shows as a change next time.
    known_identities = [known.identity(path) for path in paths]
    unknown = sum(known.lookup(str(path), identity) is None for path, identity in zip(paths, known_identities))
    with ExitStack() as stack:
        early = _early_pool(options, unknown)
        if early is not None:
            stack.enter_context(early)
        for n, fresh in enumerate(_run(sources(), unknown, config, options, cache, advance, full, early)):
            index, key, mtime, path_name, identity = misses[n]  # the n-th source taken: there by now
            if fresh[1] is None:
                # Slim again here: a worker's view holds that worker's year mentions, and the views a shard holds
                # come from many workers' tasks; made here, they share this process's, each pickled once a shard
                # (`grouping_view._year_mention`; 0.19 s for 10,000 views, once, for 0.1 s saved every rebuild).
                fresh = (slim(fresh[0]), None)
            slots[index] = (key, fresh)
            if isinstance(fresh[0].result, Article):
                known.add(path_name, identity, key, mtime)
    known.save()
    if views is not None:
        for key, fresh in slots:
            if key is not None and fresh is not None and fresh[1] is None:  # slim, its text in the cache
                views.add(key, fresh[0])
        views.save()
    return [(key, *fresh) for key, fresh in slots if fresh is not None]


def load_article(cache: Cache, key: str) -> Article | None:
    """The whole (block-less) article cached under key, None when it is gone; its mtime is left to the caller."""
    processed = cache.get(key)
    if isinstance(processed, Processed) and isinstance(processed.result, Article):
        return processed.result
    return None


def _cached(cache: Cache, key: str, views: KnownViews | None, present: Container[str]) -> Fresh | None:
    """The cached result under key: with its text, or `slim` when given the last build's `views`. None when the
    result or the text is missing (an article's text gone from the cache makes the article a miss, so a build
    never finds itself without it). `present`: the cache's entries (`Cache.listing`)."""
    view = views.get(key) if views is not None else None
    if isinstance(view, Processed):  # the whole result and the text must be there still, for the pages
        if not isinstance(view.result, Article) or key in present and text_key(key) in present:
            return view, None
    processed = cache.get(key)
    if not isinstance(processed, Processed):
        return None
    if not isinstance(processed.result, Article):
        return processed, None
    if views is not None:
        return (slim(processed), None) if text_key(key) in present else None
    text = cache.get(text_key(key))
    return (processed, text) if isinstance(text, ArticleText) else None


def _early_pool(options: BuildOptions, unknown: int) -> Executor | None:
    """A local pool started before any source is read, when that many files the last build did not read
    (`unknown`) will likely need one: its workers are forked while the builder is small (ProcessExecutor.start)."""
    jobs = options.jobs or default_jobs()
    if options.executor != "processes" or jobs <= 1 or unknown < INLINE_BELOW:
        return None
    executor = open_executor("processes", jobs)
    executor.start()
    return executor


def _run(sources: Iterator[tuple[str, Source]], expected: int, config: Config, options: BuildOptions, cache: Cache,
         advance: Callable[[int], None], full: bool, early: Executor | None = None) -> Iterator[Fresh]:
    """Process the cache misses, (key, source) as `sources` reads them, on the configured executor, and yield
    their results in order; fewer than INLINE_BELOW stay inline. The texts come back when `full`, or when a Dask
    worker may keep its cache where this process cannot read it (the text is then stored here, and dropped
    unless `full`). `expected`: about how many misses will come, to size the executor's chunks."""
    first = list(islice(sources, max(INLINE_BELOW, 1)))  # enough to know whether a pool is worth starting
    if not first:
        return
    spec = options.executor
    if spec == "processes" and len(first) < INLINE_BELOW:
        spec = "inline"
    cache_dir = str(cache.folder) if cache.folder is not None else None
    started = early if early is not None and spec == "processes" else None
    opened = nullcontext(started) if started is not None else open_executor(spec, options.jobs or default_jobs())
    with opened as executor:
        task = partial(_process_chunk, config=config, cache_dir=cache_dir, return_text=full or executor.name == "dask")
        log.debug("extracting about %d articles on %s (%d workers)", expected, executor.name, executor.workers)
        expected = max(expected, len(first))
        for (key, _source), fresh in executor.map_stream(task, chain(first, sources), advance, expected):
            yield _kept_here(cache, key, fresh, full) if executor.name == "dask" else fresh


def _kept_here(cache: Cache, key: str, fresh: Fresh, full: bool) -> Fresh:
    """A Dask worker's result, stored in this process's cache when the worker's is not it (a worker without the
    shared cache folder wrote its own); its text then dropped unless `full`, as a local worker's is."""
    if not cache.has(key):
        _store(cache, key, fresh)
    processed, text = fresh
    if text is not None and not full and cache.has(text_key(key)):
        return slim(processed), None
    return fresh
