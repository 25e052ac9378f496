"""The full build, stage by stage: read -> clean -> extract (per article: generator.per_article) -> group into
topics, index speakers -> pages -> render, feeds -> output. The only place that knows the order of the stages.

`generator.pipeline.build` imports this module and runs `make_site` only when its nothing-changed shortcut does not
apply: the module loads every stage (extraction, grouping, rendering), seconds of imports that a rebuild with
nothing changed does without. `digest check` (`collect`, `site_files`) and `digest serve` (`preview_pages`) use it directly.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from scipy import sparse

from .article_words import Tokens
from .build_options import BuildOptions, Progress, cache_of
from .cache import Cache, make_key
from .config import Config
from .content_files import discover
from .errors import BuildError, SourceError
from .feeds import build_feeds
from .file_times import committed_times
from .frame import digest_frame
from .last_build import KnownViews, WarningRecorder, has_page_memo, output_state, page_memo, remember, remember_pages
from .lazy_articles import LazyArticle, lazy_article
from .memo import Made, PageMemo, Unchanged, produce
from .memory import fewer_collections, release_free_memory, settle
from .models import Article, Digest, Problem, Section, Topic
from .output import SiteWriter, check_output_location
from .page_bodies import ArticleText, PageBodies, read_name, text_key
from .pages import article_page, page_body
from .per_article import load_article, process_all, process_source
from .read import read_source
from .articles_file import INDEX, article_parts, index_json, records_json
from .records import record_topic
from .render import Card, render_article_pages, render_site
from .search import SiteIndexer
from .sections import assign_sections
from .shared_strings import SharedStrings
from .speakers import index_speakers
from .themes import static_files
from .topics import JOIN_THRESHOLD, cluster_vectors, group, newest_first

log = logging.getLogger(__name__)


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


def _group(ordered: list[Article], keys: Mapping[str, str], config: Config, cache: Cache,
           words: dict[str, tuple[str, int]], inputs: Mapping[str, str],
           ) -> tuple[tuple[Topic, ...], tuple[Section, ...]]:
    """Topics and sections; cached whole, since the same articles with the same settings group the same way.
    `words`: each article's words for grouping, by source path; emptied once read (they are tens of megabytes,
    and grouping's arrays peak after). `inputs`: each article's `vector_inputs`, by source path (see _clusters)."""
    # Every article key, and the articles' order, identify the grouping input exactly: grouping reads no file time
    # but through the order (newest_first puts undated articles by it). So a file touched (a checkout, a copy) that
    # moves no article regroups nothing.
    key = make_key("grouping", config.topics, list(keys.values()), [(a.source_path, a.slug) for a in ordered])
    cached = cache.get(key)
    if isinstance(cached, tuple) and len(cached) == 3:
        # What the next edit reads, though this build did not: its token runs and the clustering (a build collecting
        # garbage keeps them)
        cache.keep(*(run_key for _run, run_key in _token_runs(ordered, keys, cache)), *cached[2])
        return cached[0], cached[1]
    tokens = _tokens(ordered, keys, cache, words)  # for topics and sections both
    words.clear()
    clusters_keys: list[str] = []
    fitted: list[bool] = []
    topics, sections = assign_sections(ordered, group(ordered, config, tokens, partial(
        _clusters, cache, clusters_keys, inputs, fitted)), tokens)
    cache.put(key, (topics, sections, tuple(clusters_keys)))
    # Before the articles are read back into the heap: the words' pages (strings freed by reference counting, but
    # kept by the C library; one side-by-side run without the trim peaked at 359 against 336 MiB), and the vectors'
    # arrays when they were made, whose cycles only a full collection finds.
    release_free_memory(collect=bool(fitted))
    return topics, sections


# Articles per cached run of grouping's tokens: 20 runs at 10,000 articles, each ~1 MB of word ids.
TOKEN_RUN = 512


def _tokens(ordered: list[Article], keys: Mapping[str, str], cache: Cache,
            words: Mapping[str, tuple[str, int]]) -> Tokens:
    """`Tokens.from_words` of the ordered articles, made in runs of TOKEN_RUN articles, each cached under its articles'
    cache keys (which determine their words): a rebuild after one edit tokenises the run it is in and reads the rest.
    `keys`: each article's cache key by source path ("" when it has none: its run is not cached)."""
    def runs() -> Iterator[Tokens]:
        for run, key in _token_runs(ordered, keys, cache):
            cached = cache.get(key) if key else None
            if isinstance(cached, Tokens) and len(cached) == len(run):
                yield cached
                continue
            made = Tokens.from_words([words[a.source_path] for a in run])
            if key:
                cache.put(key, made)
            yield made
    return Tokens.joined(runs())


def _token_runs(ordered: list[Article], keys: Mapping[str, str], cache: Cache) -> Iterator[tuple[list[Article], str]]:
    """The runs of TOKEN_RUN articles `_tokens` caches, each with its cache key ("" for a run not cached)."""
    for start in range(0, len(ordered), TOKEN_RUN):
        run = ordered[start:start + TOKEN_RUN]
        run_keys = [keys.get(a.source_path, "") for a in run]
        yield run, (make_key("tokens", run_keys) if cache.enabled and all(run_keys) else "")


def _clusters(cache: Cache, keys: list[str], inputs: Mapping[str, str], fitted: list[bool],
              articles: Sequence[Article], vectors: Callable[[], sparse.csr_matrix]) -> list[list[int]]:
    """cluster_vectors of the articles' vectors, cached under what the vectors are made of: each article's
    `vector_inputs` (its lead, entities and years), in order. One article edited past its lead changes none of them:
    the rest of grouping runs again, but neither the fitting of the vectors nor the clustering, its costliest parts.
    `inputs`: by source path, from the per-article stage; `keys` gets the cache key, `fitted` True when the vectors
    were fitted (their arrays are then the build's peak, and the memory is given back around them)."""
    made_of = [inputs.get(a.source_path, "") for a in articles]
    key = make_key("clusters", JOIN_THRESHOLD, made_of) if all(made_of) else ""  # all known, normally
    if key:
        keys.append(key)
        cached = cache.get(key)
        if _partitions(cached, len(articles)):
            return cached
    # The words' strings are gone (`_group`): their heap pages back before the vectors' arrays peak. A full
    # collection walks every object the build holds, 0.2 s at 10,000 articles: only when the arrays come.
    fitted.append(True)
    release_free_memory()
    clusters = cluster_vectors(vectors())
    if key:
        cache.put(key, clusters)
    return clusters


def _collect(config: Config, progress: Progress | None, options: BuildOptions, paths: list[Path] | None = None,
             report: bool = True, full: bool = True) -> tuple[Digest, PageBodies, dict[str, str]]:
    """The Digest, plus every article's page body (for rendering without redoing it) and its fields' hash by source
    path (`per_article.fields_key`, for the page memo: see site_files).
    `report`: log each file that makes no article (not when the caller has reported them already).
    `full`: the articles with their blocks; else without, their text left in the cache until a page reads it, and
    until grouping is done only their `grouping_view` held (the rest read back from the cache after it)."""
    paths = discover(config.content_path) if paths is None else paths
    cache = cache_of(config, options)
    results = process_all(config, options, progress, paths, full)
    articles: list[Article] = []
    problems: list[Problem] = []
    keys: dict[str, str] = {}  # source path -> cache key ("" without one)
    words: dict[str, tuple[str, int]] = {}
    inputs: dict[str, str] = {}  # source path -> vector_inputs
    fields: dict[str, str] = {}  # source path -> fields_key
    slim: dict[str, str] = {}  # source path -> cache key, of the articles held as their grouping view
    bodies = PageBodies(cache.get if cache.enabled else None)
    for key, processed, text in results:
        if isinstance(processed.result, Problem):
            if report:
                log.warning("%s", processed.result)
            problems.append(processed.result)
            cache.keep(key or "")  # a file that makes no article is not extracted again either
            continue
        article = processed.result
        if full and text is not None:
            article = replace(article, blocks=text.blocks)
        if text is not None and not (cache.enabled and key and cache.has(text_key(key))):
            bodies.hold(article.source_path, text)  # no cache to read it back from: held
        else:
            bodies.refer(article.source_path, key or "")
        if text is None and not full and key:
            slim[article.source_path] = key
        articles.append(article)
        keys[article.source_path] = key or ""
        words[article.source_path] = processed.words
        inputs[article.source_path] = processed.vector_inputs
        fields[article.source_path] = processed.fields
    del results
    articles = _undated_at_commit_times(config, articles)
    # The articles' entries, used or not (a kept page reads no text): a build collecting garbage keeps them.
    cache.keep(*(k for key in keys.values() if key for k in (key, text_key(key))))
    ordered = newest_first(_unique_slugs(articles))
    del articles
    topics, sections = _group(ordered, keys, config, cache, words, inputs)
    del words, inputs
    ordered = _whole(ordered, slim, config, cache)
    digest = Digest(tuple(ordered), topics, index_speakers(ordered), tuple(problems), sections=sections)
    return digest, bodies, fields


def _undated_at_commit_times(config: Config, articles: list[Article]) -> list[Article]:
    """Undated articles timed by their files' last commits where git has them unchanged (`file_times`): a checkout
    gives every file a new time, and an undated article is placed and dated by it."""
    undated = {a.source_path for a in articles if not a.published}
    times = committed_times(config.content_path, undated) if undated else {}
    if not times:
        return articles
    return [replace(a, mtime=times[a.source_path]) if a.source_path in times else a for a in articles]


def _partitions(groups: object, rows: int) -> bool:
    """Whether a cache entry is clusters of this many rows: lists of row indexes, each row in one (an entry damaged
    into some other list is recomputed, never grouped by)."""
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        return False
    members = [i for g in groups for i in g]
    return all(isinstance(i, int) for i in members) and sorted(members) == list(range(rows))


def _whole(ordered: list[Article], slim: Mapping[str, str], config: Config, cache: Cache) -> list[Article]:
    """The articles held as grouping views made whole, with the slug and mtime the build gave them. An article whose
    quotes the last build kept (`KnownViews` "quotes") is its view and those quotes, its summary and dates read from
    the cache when a page asks (generator.lazy_articles); the others are read back whole, their equal strings made
    one object (generator.shared_strings). A cache entry gone since (the folder emptied mid-build) fails the build,
    as a missing body does."""
    whole: list[Article] = []
    shared = SharedStrings()
    known = KnownViews(cache, config, "quotes")
    for article in ordered:
        key = slim.get(article.source_path)
        if key is None:
            whole.append(article)
            continue
        quotes = known.get(key)
        if isinstance(quotes, tuple):
            held: Article = lazy_article(article, quotes, partial(_read_whole, cache, key, article.source_path))
        else:
            held = shared.adopt(_read_whole(cache, key, article.source_path), article.slug, article.mtime)
        known.add(key, held.quotes)
        whole.append(held)
    known.save()
    return whole


def _read_whole(cache: Cache, key: str, source_path: str) -> Article:
    loaded = load_article(cache, key)
    if loaded is None:
        raise BuildError(f"the cached result of {source_path} went missing during the build; build again")
    return loaded


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
        processed, text = process_source(source, config)
        if old is None or not isinstance(processed.result, Article) or text is None:
            continue
        updated[old.slug] = replace(processed.result, slug=old.slug, mtime=source.mtime, blocks=text.blocks)
        bodies.hold(source.source_path, text)
    if not updated:
        return {}
    articles = tuple(updated.get(a.slug, a) for a in digest.articles)
    preview = replace(digest, articles=articles)
    return dict(render_article_pages(preview, config, list(updated), bodies))


def site_files(digest: Digest, config: Config, bodies: PageBodies | None = None, memo: PageMemo | None = None,
               fields: Mapping[str, str] | None = None) -> Iterator[tuple[str, str | bytes | Unchanged]]:
    """Every generated file of the site as (path relative to output/, content); static assets aside.

    `write_site` writes them; `digest check` reads them without writing anything. `bodies` supplies the page
    bodies the per-article stage already made, Markdown and HTML; the rest are made here from the articles' blocks.
    With a `memo`, pages made from the same inputs as in the last build come back `Unchanged` (see generator.memo).
    `fields`: each article's `per_article.fields_key` by source path, which names it in the memo where given.
    """
    bodies = bodies or PageBodies()
    if memo is not None:
        # Each article and its card is part of many files (its pages, its topic's, its part of articles.json, the
        # lists its neighbours, speakers and editions make): hashed once, named by that hash in the rest. Both are
        # frozen and live as long as the digest and the render.
        memo.share(Article, LazyArticle, Card)
        for article in digest.articles:
            key = bodies.cache_key(article.source_path)
            if key:
                # The hash of the article's fields where known, else its cache key (which determines what
                # extraction made: the cache itself rests on that). Not its body: the pages that read it (its own
                # two, its articles.json part) name it apart (`bodies.read`), so an edit to the body alone keeps the
                # pages that list the article. The build sets only the slug and the mtime (_unique_slugs,
                # _whole). The mtime dates an undated article (feeds) and orders it (newest_first, seen in each
                # listing's own order); a dated one's is read by nothing, so touching its file (a checkout, a copy)
                # makes no page again.
                name = (fields or {}).get(article.source_path) or key
                memo.name(article, "article", name, article.slug, None if article.published else article.mtime)
    # The pages that read no article and no body changed since the last build, in the same frame: kept without
    # being made. An edit to a body alone makes the article's own pages, which name it (`PageBodies.read`), again.
    kept = frozenset()
    if memo is not None:
        tokens = {a.slug: memo.shared_token(a) for a in digest.articles}
        tokens.update((read_name(a.source_path), _body_token(memo, bodies, a)) for a in digest.articles)
        kept = memo.plan(digest_frame(digest), tokens)
    try:
        yield from _site_files(digest, config, bodies, memo, kept)
    finally:
        if memo is not None:
            memo.release_shared()


def _body_token(memo: PageMemo, bodies: PageBodies, article: Article) -> bytes:
    """What names the article's body in the plan (`PageBodies.token`), as bytes: its cache key, or the fingerprint
    of a body held in memory (one that does not fingerprint is new to every build)."""
    key = bodies.cache_key(article.source_path)
    if key:
        return key.encode()
    return (memo.fingerprint(bodies.token(article.source_path)) or os.urandom(16).hex()).encode()


def _site_files(digest: Digest, config: Config, bodies: PageBodies, memo: PageMemo | None,
                kept: frozenset[str]) -> Iterator[tuple[str, str | bytes | Unchanged]]:
    for article in digest.articles:
        if article.source_path not in bodies:
            bodies.hold(article.source_path, ArticleText(article.blocks, page_body(article)))  # HTML made later
    # The HTML pages first: the search index is made from the article pages while the rest is written (SiteIndexer).
    yield from render_site(digest, config, bodies, memo, kept)
    for article in digest.articles:
        topic = digest.topic_of(article)
        path = f"articles/{article.slug}/index.md"
        reads = partial(_record_reads, bodies, [(article, topic)])
        yield path, _keepable(memo, kept, path, reads, partial(_markdown_page, bodies, article, topic))
    yield from build_feeds(digest, config, memo, kept)
    parts = article_parts([(a, digest.topic_of(a)) for a in digest.articles])
    for path, listed in parts:
        reads = partial(_record_reads, bodies, listed)
        yield path, _keepable(memo, kept, path, reads, partial(records_json, bodies, listed))
    contents = [(path, [a.slug for a, _ in listed]) for path, listed in parts]
    yield INDEX, produce(memo, INDEX, contents, partial(index_json, contents))
    yield ".nojekyll", ""


def _keepable(memo: PageMemo | None, kept: frozenset[str], path: str, reads: Callable[[], object],
              make: Callable[[], Made]) -> Made | Unchanged:
    """A file made of the frame and the articles it reads (`reads()`: its parts, each body as `PageBodies.read`):
    kept unseen when `memo.plan` found it so, else produced, its reads recorded for the next build's plan."""
    if path in kept:
        return memo.keep(path, make)  # type: ignore[union-attr]
    return produce(memo, path, reads(), make, keepable=True)


def _record_reads(bodies: PageBodies, listed: Sequence[tuple[Article, Topic | None]]) -> list[object]:
    """What a file showing these articles' records reads of them: each article, its topic as the record names it
    (`record_topic`), and its body (`PageBodies.read`)."""
    return [(a, record_topic(t), bodies.read(a.source_path)) for a, t in listed]


def _markdown_page(bodies: PageBodies, article: Article, topic: Topic | None) -> str:
    text = bodies.get(article.source_path)
    return article_page(article, topic, text.body if text else "", text.front if text else "")


def write_site(digest: Digest, config: Config, bodies: PageBodies | None, memo: PageMemo | None,
               writer: SiteWriter, fields: Mapping[str, str] | None = None) -> None:
    """Render every page and feed into the writer's staging folder and publish it into output/ (`memo`, `fields`:
    see site_files); the search index is made from the article pages while the rest is rendered (SiteIndexer). On a
    failure the indexer is stopped and the caller aborts the writer."""
    indexer = (SiteIndexer(writer.staging, config, [a.slug for a in digest.articles], memo, writer.located)
               if config.search else None)
    try:
        for rel_path, data in site_files(digest, config, bodies, memo, fields):
            writer.write(rel_path, data)
            if indexer is not None:
                indexer.staged(rel_path)  # a shard whose pages are all staged is indexed while the rest renders
        for source, rel_path in static_files(config):
            writer.copy(source, rel_path)
        if indexer is not None:
            for rel_path, data in indexer.finish():
                writer.write(rel_path, data)
    except BaseException:
        if indexer is not None:
            indexer.cancel()  # Pagefind writes into the staging folder that abort deletes
        raise
    writer.commit(indexer.made_folders if indexer is not None else ())


def make_site(config: Config, progress: Progress | None, options: BuildOptions, paths: list[Path],
              key: str) -> tuple[Digest, SiteWriter]:
    """Build the site from these content files into config.output_dir; the Digest, and the writer that wrote it
    (closed). With the cache on, the build is recorded for the next one's shortcut under `key`, the inputs' key
    `generator.pipeline.build` took before reading anything."""
    with fewer_collections():
        return _make_site(config, progress, options, paths, key)


def _make_site(config: Config, progress: Progress | None, options: BuildOptions, paths: list[Path],
               key: str) -> tuple[Digest, SiteWriter]:
    cache = cache_of(config, options)
    recorder = WarningRecorder()
    logging.getLogger("generator").addHandler(recorder)
    check_output_location(config.output_path, config.content_path, config.root)
    # When the last build by this code left a page memo, most files will be kept: the site is updated in place
    # (its files walked on the other core while the articles are read and grouped)
    writer = SiteWriter(config.output_path, in_place=has_page_memo(cache, config), keep_hashes=cache.enabled)
    try:
        digest, bodies, fields = _collect(config, progress, options, paths, full=False)
        settle()  # the Digest lives to the end of the build: out of the collector's walks
        memo = page_memo(cache, config) if cache.enabled else None
        if memo is not None:
            memo.found = writer.previous_site()  # the walk's identities, in place of a stat for each kept file
        write_site(digest, config, bodies, memo, writer, fields)
        del bodies, fields
    except BaseException:
        writer.abort()  # the staging folder goes; the previous site stays as it was
        raise
    finally:
        logging.getLogger("generator").removeHandler(recorder)
    try:
        if not cache.enabled:
            return digest, writer  # nothing to record
        # output/'s files by identity for both records: from the writer when it knows them, else one walk
        state = writer.states if writer.states is not None else output_state(config.output_path)
        if memo is not None:
            log.debug("%d pages kept from the last build without rendering", memo.kept)
            remember_pages(cache, config, memo, state, writer.hashes)
        if key:
            remember(cache, key, digest, state, recorder.records)
    finally:
        writer.close()
    return digest, writer


def digest_again(config: Config, options: BuildOptions) -> Digest:
    """The Digest of a build that found nothing changed: collected from the cache, its warnings not repeated (the
    shortcut reported the last build's)."""
    return _collect(config, None, options, report=False, full=False)[0]
