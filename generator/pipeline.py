"""The build, start to finish. The only place that knows the order of the stages:

read -> clean -> extract (per article) -> group into topics, index speakers -> pages -> render, feeds -> output
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .clean import clean
from .config import Config
from .errors import SourceError
from .extract import extract
from .feeds import build_feeds
from .models import Article, Digest, Problem
from .output import SiteWriter, check_output_location
from .pages import article_page, page_body
from .read import discover, read_source
from .records import article_record
from .render import render_site
from .sections import assign_sections
from .speakers import index_speakers
from .themes import static_files
from .topics import group, newest_first

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildResult:
    digest: Digest
    seconds: float
    files_written: int


def process_file(path: Path, config: Config) -> Article | Problem:
    """Read, clean and extract one article; a bad file becomes a Problem, never an exception."""
    try:
        return extract(clean(read_source(path, config.content_path)), config)
    except SourceError as exc:
        return Problem(exc.path, exc.reason)


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


def collect(config: Config, progress: Progress | None = None) -> Digest:
    """Everything up to the Digest: read, clean, extract, group. Writes nothing."""
    paths = discover(config.content_path)
    articles: list[Article] = []
    problems: list[Problem] = []
    for done, path in enumerate(paths, 1):
        result = process_file(path, config)
        if isinstance(result, Problem):
            log.warning("%s", result)
            problems.append(result)
        else:
            articles.append(result)
        if progress:
            progress(done, len(paths))
    ordered = newest_first(_unique_slugs(articles))
    topics, sections = assign_sections(ordered, group(ordered, config))
    return Digest(tuple(ordered), topics, index_speakers(ordered), tuple(problems), sections=sections)


def site_files(digest: Digest, config: Config) -> Iterator[tuple[str, str | bytes]]:
    """Every generated file of the site as (path relative to output/, content); static assets aside.

    `write_site` writes them; `digest check` reads them without writing anything.
    """
    bodies = {}
    for article in digest.articles:
        topic = digest.topic_of(article)
        bodies[article.slug] = body = page_body(article)  # rendered to HTML later; made once
        yield f"articles/{article.slug}/index.md", article_page(article, topic, body)
    yield from render_site(digest, config, bodies)
    yield from build_feeds(digest, config)
    records = [article_record(a, digest.topic_of(a)) for a in digest.articles]
    yield "articles.json", json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    yield ".nojekyll", ""


def write_site(digest: Digest, config: Config) -> int:
    """Render every page and feed into a staging folder and swap it in for output/."""
    check_output_location(config.output_path, config.content_path, config.root)
    writer = SiteWriter(config.output_path)
    try:
        for rel_path, data in site_files(digest, config):
            writer.write(rel_path, data)
        for source, rel_path in static_files(config):
            writer.copy(source, rel_path)
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    return len(writer.written)


def build(config: Config, progress: Progress | None = None) -> BuildResult:
    """Build the whole site from config.content_dir into config.output_dir."""
    started = time.perf_counter()
    digest = collect(config, progress)
    written = write_site(digest, config)
    return BuildResult(digest, time.perf_counter() - started, written)
