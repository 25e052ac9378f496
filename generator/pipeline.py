"""The build, start to finish. The only place that knows the order of the stages:

read -> clean -> extract (per article) -> group into topics, index speakers -> pages -> render, feeds -> output
"""

from __future__ import annotations

import json
import logging
import pickle
import time
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from .article_words import Tokens, article_words
from .cache import PROTOCOL, Cache, make_key
from .clean import clean
from .config import Config
from .errors import SourceError
from .executors import check_spec, default_jobs, open_executor
from .extract import extract
from .feeds import build_feeds
from .models import Article, Digest, Problem, Section, Source, Topic
from .output import SiteWriter, check_output_location
from .pages import article_page, page_body
from .read import discover, read_source
from .records import article_record
from .render import markdown_to_html, render_article_pages, render_site
from .last_build import (KnownSources, WarningRecorder, inputs_key, output_state, page_memo, remember, remember_pages,
                         unchanged)
from .memo import FileState, PageMemo, Unchanged, produce
from .search import index_site
from .sections import assign_sections
from .speakers import index_speakers
from .themes import static_files
from .topics import group, newest_first

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build made. After the nothing-changed shortcut the Digest is collected (from the cache) on first use
    only: the CLI reports the counts, and a site of 10,000 articles takes seconds to load."""

    articles: int
    topics: int
    seconds: float
    files_written: int
    load_digest: Callable[[], Digest] = field(repr=False, compare=False)
    changed: frozenset[str] = frozenset()  # output paths whose bytes this build changed (new files included)

    @cached_property
    def digest(self) -> Digest:
        return self.load_digest()


@dataclass(frozen=True)
class BuildOptions:
    """How to run the per-article stage: where (executor), how wide (jobs) and whether to use the cache."""

    executor: str = "processes"  # "inline", "processes" or "dask://host:port" (see generator.executors)
    jobs: int | None = None  # local worker processes; None: one per CPU
    use_cache: bool = True

    def __post_init__(self) -> None:
        check_spec(self.executor)  # a mistyped executor fails before any work, naming the accepted forms


# Fewer uncached articles than this run inline: starting a pool would cost more than it saves.
INLINE_BELOW = 32
# Config fields that change what read -> clean -> extract -> page body produce; part of every article's cache key.
# tests/test_cache.py checks that the per-article stages read no other field.
EXTRACTION_FIELDS = ("summary_sentences", "key_quotes")


@dataclass(frozen=True)
class Processed:
    """The per-article stage's output, as cached: the article (or why not) plus its page body, Markdown and HTML,
    and its words for grouping (`article_words`: read here, in the pool, rather than for every article at every
    regroup)."""

    result: Article | Problem
    body: str = ""
    body_html: str = ""
    words: tuple[str, int] = ("", 0)


def _process_source(source: Source, config: Config) -> Processed:
    """Clean and extract one decoded article, then make its page body (the costly Markdown -> HTML included)."""
    try:
        article = extract(clean(source), config)
    except SourceError as exc:
        return Processed(Problem(exc.path, exc.reason))
    body = page_body(article)
    return Processed(article, body, markdown_to_html(body), article_words(article))


def _process_chunk(chunk: list[tuple[str, Source]], config: Config, cache_dir: str | None) -> list[Processed]:
    """The task each worker runs: process (key, source) pairs and store each result in the (shared) cache."""
    cache = Cache(cache_dir)
    results = []
    for key, source in chunk:
        processed = _process_source(source, config)
        cache.put(key, processed)
        results.append(processed)
    return results


def _cache(config: Config, options: BuildOptions) -> Cache:
    return Cache(config.cache_path if options.use_cache else None)


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


def _process_all(config: Config, options: BuildOptions, progress: Progress | None, paths: list[Path],
                 ) -> list[tuple[str | None, Processed]]:
    """(cache key, result) for every article file, in path order: cache hits first, the rest through the executor."""
    cache = _cache(config, options)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        for _ in range(count):
            done += 1
            if progress:
                progress(done, len(paths))

    known = KnownSources(cache, config, _extraction_settings(config))
    slots: list[tuple[str | None, Processed | None]] = []
    pending: list[tuple[int, str, Source]] = []
    identities: list[tuple[str, FileState | None]] = []  # of the pending files, for the record
    for path in paths:
        identity = known.identity(path)  # before reading: a write while we read shows as a change next time
        hit = known.lookup(str(path), identity)
        cached = cache.get(hit[0]) if hit else None
        if hit and isinstance(cached, Processed) and isinstance(cached.result, Article):
            key, mtime = hit  # the very file the last build read: no need to read, decode and hash it again
        else:
            try:
                source = read_source(path, config.content_path)
            except SourceError as exc:  # unreadable, vanished, binary...: not cached, the file may be fine next time
                slots.append((None, Processed(Problem(exc.path, exc.reason))))
                advance(1)
                continue
            key, mtime = _article_key(source, config), source.mtime
            cached = cache.get(key)
            if not isinstance(cached, Processed):
                pending.append((len(slots), key, source))
                slots.append((key, None))
                identities.append((str(path), identity))
                continue
        if isinstance(cached.result, Article):  # the file's own mtime, as a fresh extraction would have it
            cached = replace(cached, result=replace(cached.result, mtime=mtime))
            known.add(str(path), identity, key, mtime)
        slots.append((key, cached))
        advance(1)
    if pending:
        results = _run(pending, config, options, cache, advance)
        for (index, key, source), (path_name, identity), processed in zip(pending, identities, results):
            slots[index] = (key, processed)
            if isinstance(processed.result, Article):
                known.add(path_name, identity, key, source.mtime)
    known.save()
    return [(key, processed) for key, processed in slots if processed is not None]


def _run(pending: list[tuple[int, str, Source]], config: Config, options: BuildOptions, cache: Cache,
         advance: Callable[[int], None]) -> list[Processed]:
    """Process the cache misses on the configured executor; a small batch stays inline."""
    spec = options.executor
    if spec == "processes" and len(pending) < INLINE_BELOW:
        spec = "inline"
    cache_dir = str(cache.folder) if cache.folder is not None else None
    task = partial(_process_chunk, config=config, cache_dir=cache_dir)
    with open_executor(spec, options.jobs or default_jobs()) as executor:
        log.debug("extracting %d articles on %s (%d workers)", len(pending), executor.name, executor.workers)
        results = executor.map_chunks(task, [(key, source) for _i, key, source in pending], advance)
        if executor.name == "dask":  # workers without the shared cache folder wrote theirs elsewhere: store here
            for (_index, key, _source), processed in zip(pending, results):
                if not cache.has(key):
                    cache.put(key, processed)
    return results


def _unique_slugs(articles: Sequence[Article]) -> list[Article]:
    """Two articles with one title get distinct slugs, assigned in source-path order so rebuilds agree."""
    taken: set[str] = set()
    unique = []
    for article in sorted(articles, key=lambda a: a.source_path):
        slug, n = article.slug, 2
        while slug in taken:
            slug, n = f"{article.slug}-{n}", n + 1
        taken.add(slug)
        unique.append(article if slug == article.slug else replace(article, slug=slug))
    return unique


def _group(ordered: list[Article], keys: list[str], config: Config, cache: Cache,
           words: Mapping[str, tuple[str, int]]) -> tuple[tuple[Topic, ...], tuple[Section, ...]]:
    """Topics and sections; cached whole, since the same articles with the same settings group the same way.
    `words`: each article's words for grouping, by source path."""
    # Every article key (with its mtime, which orders undated articles) identifies the grouping input exactly.
    key = make_key("grouping", config.topics, keys, [(a.source_path, a.slug, a.mtime) for a in ordered])
    cached = cache.get(key)
    if isinstance(cached, tuple) and len(cached) == 2:
        return cached
    tokens = Tokens.from_words([words[a.source_path] for a in ordered])  # for topics and sections both
    topics, sections = assign_sections(ordered, group(ordered, config, tokens), tokens)
    cache.put(key, (topics, sections))
    return topics, sections


def _collect(config: Config, progress: Progress | None, options: BuildOptions, paths: list[Path] | None = None,
             report: bool = True) -> tuple[Digest, dict[str, Processed]]:
    """The Digest, plus every article's processed page body by source path (for rendering without redoing it).
    `report`: log each file that makes no article (not when the caller has reported them already)."""
    paths = discover(config.content_path) if paths is None else paths
    results = _process_all(config, options, progress, paths)
    articles: list[Article] = []
    problems: list[Problem] = []
    keys: list[str] = []
    bodies: dict[str, Processed] = {}
    for key, processed in results:
        if isinstance(processed.result, Problem):
            if report:
                log.warning("%s", processed.result)
            problems.append(processed.result)
        else:
            articles.append(processed.result)
            keys.append(key or "")
            bodies[processed.result.source_path] = processed
    ordered = newest_first(_unique_slugs(articles))
    words = {path: done.words for path, done in bodies.items()}
    topics, sections = _group(ordered, keys, config, _cache(config, options), words)
    digest = Digest(tuple(ordered), topics, index_speakers(ordered), tuple(problems), sections=sections)
    return digest, bodies


def collect(config: Config, progress: Progress | None = None, options: BuildOptions | None = None) -> Digest:
    """Everything up to the Digest: read, clean, extract, group. Writes nothing but cache entries."""
    return _collect(config, progress, options or BuildOptions())[0]


def preview_pages(digest: Digest, config: Config, paths: Sequence[Path]) -> dict[str, str]:
    """The pages of these edited articles, rendered against the last build's digest: `digest serve` shows them at
    once, while the full rebuild (grouping, every page that lists them, feeds, search) runs.

    Only articles already in the digest are previewed, under their current slug and topic, so the open page is
    the one that changes; a file that no longer makes an article (or any error) is left to the full rebuild.
    """
    by_path = {a.source_path: a for a in digest.articles}
    updated: dict[str, Article] = {}
    bodies: dict[str, str] = {}
    bodies_html: dict[str, str] = {}
    for path in paths:
        try:
            source = read_source(path, config.content_path)
        except SourceError:
            continue
        old = by_path.get(source.source_path)
        processed = _process_source(source, config)
        if old is None or not isinstance(processed.result, Article):
            continue
        updated[old.slug] = replace(processed.result, slug=old.slug, mtime=source.mtime)
        bodies[old.slug], bodies_html[old.slug] = processed.body, processed.body_html
    if not updated:
        return {}
    articles = tuple(updated.get(a.slug, a) for a in digest.articles)
    preview = replace(digest, articles=articles)
    return dict(render_article_pages(preview, config, list(updated), bodies, bodies_html))


def site_files(digest: Digest, config: Config, processed: Mapping[str, Processed] | None = None,
               memo: PageMemo | None = None) -> Iterator[tuple[str, str | bytes | Unchanged]]:
    """Every generated file of the site as (path relative to output/, content); static assets aside.

    `write_site` writes them; `digest check` reads them without writing anything. `processed` (by source path)
    supplies page bodies the per-article stage already made, Markdown and HTML; the rest are made here. With a
    `memo`, pages made from the same inputs as in the last build come back `Unchanged` (see generator.memo).
    """
    processed = processed or {}
    bodies, bodies_html = {}, {}
    for article in digest.articles:
        topic = digest.topic_of(article)
        done = processed.get(article.source_path)
        bodies[article.slug] = body = done.body if done else page_body(article)  # rendered to HTML later; made once
        if done:
            bodies_html[article.slug] = done.body_html
        path = f"articles/{article.slug}/index.md"
        yield path, produce(memo, path, (article, topic, body), partial(article_page, article, topic, body))
    yield from render_site(digest, config, bodies, bodies_html, memo)
    yield from build_feeds(digest, config)
    records = [article_record(a, digest.topic_of(a)) for a in digest.articles]
    yield "articles.json", _json_lines(records)
    yield ".nojekyll", ""


def _json_lines(records: list[dict[str, object]]) -> str:
    """A JSON array with one record per line: still easy to read and diff, and encoded by json's C encoder
    (`indent=` switches to the pure-Python one, ~7 s for 10,000 articles)."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n" if records else "[]\n"


def write_site(digest: Digest, config: Config, processed: Mapping[str, Processed] | None = None,
               memo: PageMemo | None = None) -> SiteWriter:
    """Render every page and feed into a staging folder and swap it in for output/ (`memo`: see site_files).
    The writer that did it tells what was written and what changed."""
    check_output_location(config.output_path, config.content_path, config.root)
    writer = SiteWriter(config.output_path)
    try:
        for rel_path, data in site_files(digest, config, processed, memo):
            writer.write(rel_path, data)
        for source, rel_path in static_files(config):
            writer.copy(source, rel_path)
        if config.search:
            for rel_path, data in index_site(writer.staging, config, memo):  # reads the staged pages: last
                writer.write(rel_path, data)
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    return writer


def build(config: Config, progress: Progress | None = None, options: BuildOptions | None = None) -> BuildResult:
    """Build the whole site from config.content_dir into config.output_dir.

    With the cache on, a build whose inputs are all unchanged since the last one (same files by size, mtime and
    inode, same settings, theme and code) and whose output/ is untouched returns at once: the output is already
    what a full build would write.
    """
    started = time.perf_counter()
    options = options or BuildOptions()
    cache = _cache(config, options)
    paths = discover(config.content_path)
    key = inputs_key(config, paths) if cache.enabled else ""  # taken before reading: a mid-build edit shows next time
    last = unchanged(cache, key, config.output_path) if key else None
    if last is not None:
        return BuildResult(last.articles, last.topics, time.perf_counter() - started, 0,
                           partial(_digest_again, config, options))
    recorder = WarningRecorder()
    logging.getLogger("generator").addHandler(recorder)
    try:
        digest, processed = _collect(config, progress, options, paths)
        memo = page_memo(cache, config) if cache.enabled else None
        writer = write_site(digest, config, processed, memo)
    finally:
        logging.getLogger("generator").removeHandler(recorder)
    try:
        state = output_state(config.output_path) if cache.enabled else []  # one pass over output/ for both records
        if memo is not None:
            log.debug("%d pages kept from the last build without rendering", memo.kept)
            remember_pages(cache, config, memo, state)
        if key:
            remember(cache, key, digest, state, recorder.records)
    finally:
        writer.close()
    return BuildResult(len(digest.articles), len(digest.topics), time.perf_counter() - started, len(writer.written),
                       partial(_given, digest), writer.changed)


def _given(digest: Digest) -> Digest:
    return digest


def _digest_again(config: Config, options: BuildOptions) -> Digest:
    """The Digest of a build that found nothing changed: collected from the cache, its warnings not repeated (the
    shortcut reported the last build's)."""
    return _collect(config, None, options, report=False)[0]
