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
from .page_bodies import ArticleText, PageBodies, text_key
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
    only: the CLI reports the counts, and a site of 10,000 articles takes seconds to load. The Digest's articles
    come without their blocks, which a build never holds all at once (generator.page_bodies); `collect` gives
    them whole."""

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
    """The per-article stage's output as the build holds it and caches it: the article without its blocks (or why
    there is none), and its words for grouping (`article_words`: read here, in the pool, rather than for every
    article at every regroup). The blocks and the page body are cached apart (generator.page_bodies)."""

    result: Article | Problem
    words: tuple[str, int] = ("", 0)


Fresh = tuple[Processed, ArticleText | None]  # a result just made, with the article's text


def _process_source(source: Source, config: Config) -> Fresh:
    """Clean and extract one decoded article, then make its page body (the costly Markdown -> HTML included)."""
    try:
        article = extract(clean(source), config)
    except SourceError as exc:
        return Processed(Problem(exc.path, exc.reason)), None
    body = page_body(article)
    text = ArticleText(article.blocks, body, markdown_to_html(body))
    return Processed(replace(article, blocks=()), article_words(article)), text


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
        fresh = _process_source(source, config)
        _store(cache, key, fresh)
        results.append(fresh if return_text or not cache.has(text_key(key)) else (fresh[0], None))
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
                 full: bool = False) -> list[tuple[str | None, Processed, ArticleText | None]]:
    """(cache key, result, text) for every article file, in path order: cache hits first, the rest through the
    executor. A cache hit comes without its text unless `full`."""
    cache = _cache(config, options)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        for _ in range(count):
            done += 1
            if progress:
                progress(done, len(paths))

    known = KnownSources(cache, config, _extraction_settings(config))
    slots: list[tuple[str | None, Fresh | None]] = []
    pending: list[tuple[int, str, Source]] = []
    identities: list[tuple[str, FileState | None]] = []  # of the pending files, for the record
    for path in paths:
        identity = known.identity(path)  # before reading: a write while we read shows as a change next time
        hit = known.lookup(str(path), identity)
        cached = _cached(cache, hit[0], full) if hit else None
        if hit and cached and isinstance(cached[0].result, Article):
            key, mtime = hit  # the very file the last build read: no need to read, decode and hash it again
        else:
            try:
                source = read_source(path, config.content_path)
            except SourceError as exc:  # unreadable, vanished, binary...: not cached, the file may be fine next time
                slots.append((None, (Processed(Problem(exc.path, exc.reason)), None)))
                advance(1)
                continue
            key, mtime = _article_key(source, config), source.mtime
            cached = _cached(cache, key, full)
            if cached is None:
                pending.append((len(slots), key, source))
                slots.append((key, None))
                identities.append((str(path), identity))
                continue
        processed, text = cached
        if isinstance(processed.result, Article):  # the file's own mtime, as a fresh extraction would have it
            processed = replace(processed, result=replace(processed.result, mtime=mtime))
            known.add(str(path), identity, key, mtime)
        slots.append((key, (processed, text)))
        advance(1)
    if pending:
        results = _run(pending, config, options, cache, advance, full)
        for (index, key, source), (path_name, identity), fresh in zip(pending, identities, results):
            slots[index] = (key, fresh)
            if isinstance(fresh[0].result, Article):
                known.add(path_name, identity, key, source.mtime)
    known.save()
    return [(key, *fresh) for key, fresh in slots if fresh is not None]


def _cached(cache: Cache, key: str, full: bool) -> Fresh | None:
    """The cached result under key, with its text when `full`; None when either is missing (an article's text
    gone from the cache makes the article a miss, so a build never finds itself without it)."""
    processed = cache.get(key)
    if not isinstance(processed, Processed):
        return None
    if not isinstance(processed.result, Article):
        return processed, None
    if not full:
        return (processed, None) if cache.has(text_key(key)) else None
    text = cache.get(text_key(key))
    return (processed, text) if isinstance(text, ArticleText) else None


def _run(pending: list[tuple[int, str, Source]], config: Config, options: BuildOptions, cache: Cache,
         advance: Callable[[int], None], full: bool) -> list[Fresh]:
    """Process the cache misses on the configured executor; a small batch stays inline. The texts come back
    when `full`, or when a Dask worker may keep its cache where this process cannot read it."""
    spec = options.executor
    if spec == "processes" and len(pending) < INLINE_BELOW:
        spec = "inline"
    cache_dir = str(cache.folder) if cache.folder is not None else None
    with open_executor(spec, options.jobs or default_jobs()) as executor:
        task = partial(_process_chunk, config=config, cache_dir=cache_dir, return_text=full or executor.name == "dask")
        log.debug("extracting %d articles on %s (%d workers)", len(pending), executor.name, executor.workers)
        results = executor.map_chunks(task, [(key, source) for _i, key, source in pending], advance)
        if executor.name == "dask":  # workers without the shared cache folder wrote theirs elsewhere: store here
            for (_index, key, _source), fresh in zip(pending, results):
                if not cache.has(key):
                    _store(cache, key, fresh)
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
             report: bool = True, full: bool = True) -> tuple[Digest, PageBodies]:
    """The Digest, plus every article's page body (for rendering without redoing it).
    `report`: log each file that makes no article (not when the caller has reported them already).
    `full`: the articles with their blocks; else without, their text left in the cache until a page reads it."""
    paths = discover(config.content_path) if paths is None else paths
    cache = _cache(config, options)
    results = _process_all(config, options, progress, paths, full)
    articles: list[Article] = []
    problems: list[Problem] = []
    keys: list[str] = []
    words: dict[str, tuple[str, int]] = {}
    bodies = PageBodies(cache.get if cache.enabled else None)
    for key, processed, text in results:
        if isinstance(processed.result, Problem):
            if report:
                log.warning("%s", processed.result)
            problems.append(processed.result)
            continue
        article = processed.result
        if full and text is not None:
            article = replace(article, blocks=text.blocks)
        if text is not None and not (cache.enabled and key and cache.has(text_key(key))):
            bodies.hold(article.source_path, text)  # no cache to read it back from: held
        else:
            bodies.refer(article.source_path, key or "")
        articles.append(article)
        keys.append(key or "")
        words[article.source_path] = processed.words
    ordered = newest_first(_unique_slugs(articles))
    topics, sections = _group(ordered, keys, config, cache, words)
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
    bodies = PageBodies()
    for path in paths:
        try:
            source = read_source(path, config.content_path)
        except SourceError:
            continue
        old = by_path.get(source.source_path)
        processed, text = _process_source(source, config)
        if old is None or not isinstance(processed.result, Article) or text is None:
            continue
        updated[old.slug] = replace(processed.result, slug=old.slug, mtime=source.mtime, blocks=text.blocks)
        bodies.hold(source.source_path, text)
    if not updated:
        return {}
    articles = tuple(updated.get(a.slug, a) for a in digest.articles)
    preview = replace(digest, articles=articles)
    return dict(render_article_pages(preview, config, list(updated), bodies))


def site_files(digest: Digest, config: Config, bodies: PageBodies | None = None,
               memo: PageMemo | None = None) -> Iterator[tuple[str, str | bytes | Unchanged]]:
    """Every generated file of the site as (path relative to output/, content); static assets aside.

    `write_site` writes them; `digest check` reads them without writing anything. `bodies` supplies the page
    bodies the per-article stage already made, Markdown and HTML; the rest are made here from the articles' blocks.
    With a `memo`, pages made from the same inputs as in the last build come back `Unchanged` (see generator.memo).
    """
    bodies = bodies or PageBodies()
    for article in digest.articles:
        if article.source_path not in bodies:
            bodies.hold(article.source_path, ArticleText(article.blocks, page_body(article)))  # HTML made later
        topic = digest.topic_of(article)
        path = f"articles/{article.slug}/index.md"
        parts = (article, _topic_name(topic), bodies.token(article.source_path))
        yield path, produce(memo, path, parts, partial(_markdown_page, bodies, article, topic))
    yield from render_site(digest, config, bodies, memo)
    yield from build_feeds(digest, config)
    listed = [(a, digest.topic_of(a)) for a in digest.articles]
    parts = [(a, _topic_name(t), bodies.token(a.source_path)) for a, t in listed]
    yield "articles.json", produce(memo, "articles.json", parts, partial(_articles_json, bodies, listed))
    yield ".nojekyll", ""


def _topic_name(topic: Topic | None) -> tuple[str, str] | None:
    """What an article's own record says of its topic. A fingerprint names the topic by this, not by the whole
    Topic (which lists every slug of the story: pickled for each of 10,000 articles, that is gigabytes)."""
    return (topic.slug, topic.label) if topic else None


def _markdown_page(bodies: PageBodies, article: Article, topic: Topic | None) -> str:
    text = bodies.get(article.source_path)
    return article_page(article, topic, text.body if text else "")


def _articles_json(bodies: PageBodies, listed: list[tuple[Article, Topic | None]]) -> Iterator[str]:
    """Every article's record with its full text, a line each, made as the writer takes them: the file is ~10 KB an
    article, and each text is read from `bodies` in turn. One record a line keeps the file easy to read and diff,
    and json's C encoder (`indent=` switches to the pure-Python one, ~7 s for 10,000 articles)."""
    if not listed:
        yield "[]\n"
        return
    for n, (article, topic) in enumerate(listed):
        text = bodies.get(article.source_path)
        record = article_record(replace(article, blocks=text.blocks) if text else article, topic)
        yield ("[\n" if n == 0 else ",\n") + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def write_site(digest: Digest, config: Config, bodies: PageBodies | None = None,
               memo: PageMemo | None = None) -> SiteWriter:
    """Render every page and feed into a staging folder and swap it in for output/ (`memo`: see site_files).
    The writer that did it tells what was written and what changed."""
    check_output_location(config.output_path, config.content_path, config.root)
    writer = SiteWriter(config.output_path)
    try:
        for rel_path, data in site_files(digest, config, bodies, memo):
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
        digest, bodies = _collect(config, progress, options, paths, full=False)
        memo = page_memo(cache, config) if cache.enabled else None
        writer = write_site(digest, config, bodies, memo)
        del bodies
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
    return _collect(config, None, options, report=False, full=False)[0]
