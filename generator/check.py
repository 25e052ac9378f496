"""`digest check`: build the site in memory and report what a reader would trip over, one line per problem.

Checked: internal links and their #fragments (resolved under the base path of site_url, as GitHub Pages serves
them), feeds against the format rules, quotes that do not occur in their article's clean text, pages without a
title or heading, and slugs that collide exactly or only in case. Nothing is written to disk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterator, Mapping
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from .config import Config
from .feed_rules import validate_feed
from .full_build import collect, site_files
from .models import Digest
from .search import BUNDLE_DIR
from .text import match_key, shorten
from .themes import static_files
from .urls import FEED_FILES, Urls

LINK_ATTRIBUTES = ("href", "src", "poster")
# Fragments a browser honours without a matching id: "#" and "#top" scroll to the top of the page.
BUILTIN_FRAGMENTS = {"", "top"}
# Folders written after rendering, from the written pages (the search index): not built in memory, so not checked.
LATER_FOLDERS = (f"{BUNDLE_DIR}/",)
FEED_NAMES = frozenset(FEED_FILES.values())


@dataclass(frozen=True)
class Finding:
    """One problem, about one file of the output (or one content file)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    pages: int
    feeds: int


@dataclass(frozen=True)
class _Page:
    tree: lxml.html.HtmlElement

    def ids(self) -> set[str]:
        # a[name] is the pre-HTML5 anchor; browsers still jump to it.
        return {el.get("id") or el.get("name") or "" for el in self.tree.iter(etree.Element)} - {""}


def check_site(config: Config) -> CheckReport:
    """Collect and render the site in memory and check it."""
    return check_digest(collect(config), config)


def check_digest(digest: Digest, config: Config) -> CheckReport:
    """Render the digest in memory (site_files and static files) and check every page, feed, quote and slug."""
    files = dict(site_files(digest, config))
    targets = set(files) | {rel for _, rel in static_files(config)}
    html = {rel: data for rel, data in files.items() if rel.endswith(".html")}
    pages = {rel: _Page(lxml.html.document_fromstring(data)) for rel, data in html.items() if data.strip()}
    feeds = {rel: data if isinstance(data, bytes) else data.encode("utf-8") for rel, data in files.items()
             if PurePosixPath(rel).name in FEED_NAMES}
    findings = [
        *(Finding(rel, "empty page") for rel in sorted(set(html) - set(pages))),
        *check_slugs(digest),
        *check_quotes(digest, config.content_dir),
        *check_titles(pages),
        *check_links(pages, targets, Urls(config.site_url)),
        *(Finding(rel, problem.removeprefix(f"{rel}: ")) for rel, data in sorted(feeds.items())
          for problem in validate_feed(rel, data)),
    ]
    return CheckReport(tuple(findings), len(pages), len(feeds))


def check_slugs(digest: Digest) -> Iterator[Finding]:
    """Slugs that name one folder twice; case counts too, since the writer's file system may fold it."""
    kinds = (
        ("articles/", [(a.slug, a.source_path) for a in digest.articles]),
        ("topics/", [(t.slug, t.label) for t in digest.topics]),
        ("people/", [(s.slug, s.name) for s in digest.speakers]),
        ("sections/", [(s.slug, s.label) for s in digest.sections]),
    )
    for folder, named in kinds:
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for slug, what in named:
            groups[slug.casefold()].append((slug, what))
        for group in groups.values():
            if len(group) > 1:
                slugs = sorted({slug for slug, _ in group})
                how = "share the slug" if len(slugs) == 1 else "have slugs that differ only in case:"
                owners = ", ".join(repr(what) for _, what in group)
                yield Finding(folder + slugs[0] + "/", f"{owners} {how} {' / '.join(slugs)}")


def check_quotes(digest: Digest, content_dir: str) -> Iterator[Finding]:
    """Quotes that do not occur in their article's clean text (case, spacing and quote marks aside)."""
    for article in digest.articles:
        text = match_key(" ".join(block.text for block in article.blocks))
        for quote in article.quotes:
            if match_key(quote.text) not in text:
                yield Finding(f"{content_dir}/{article.source_path}",
                              f"quote not found verbatim in the article text: “{shorten(quote.text, 80)}”")


def check_titles(pages: Mapping[str, _Page]) -> Iterator[Finding]:
    """Pages with no <title> text, which tabs, bookmarks and search results show, or no <h1>, which
    screen-reader users jump to."""
    for rel, page in sorted(pages.items()):
        title = page.tree.find(".//title")
        if title is None or not title.text_content().strip():
            yield Finding(rel, "empty <title>" if title is not None else "no <title>")
        heading = page.tree.find(".//h1")
        if heading is None or not heading.text_content().strip():
            yield Finding(rel, "empty <h1> heading" if heading is not None else "no <h1> heading")


def _links(page: _Page) -> Iterator[str]:
    for el in page.tree.iter(etree.Element):
        for attribute in LINK_ATTRIBUTES:
            value = el.get(attribute)
            if value is not None and value.strip():
                yield value.strip()


def _target(href: str, page_rel: str, urls: Urls) -> tuple[str, str] | None:
    """(URL path, fragment) a link on page_rel points at, relative links resolved; None for another site."""
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None  # mailto:, tel:, data:, javascript:
    if parts.netloc and parts.netloc.lower() != urlsplit(urls.site_url).netloc.lower():
        return None
    path = urlsplit(urljoin(urls.base_path + page_rel, href)).path
    if parts.netloc and not path.startswith(urls.base_path):
        return None  # another project site on the same host
    return path, parts.fragment


def _resolve(path: str, targets: set[str], base_path: str) -> str | None:
    """The output file a site path serves, as GitHub Pages finds it; None when nothing is there."""
    if not path.startswith(base_path):
        return None
    rel = unquote(path[len(base_path):])
    if rel.startswith(LATER_FOLDERS):
        return rel
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    if rel in targets:
        return rel
    return rel + "/index.html" if rel + "/index.html" in targets else None  # Pages redirects a folder to folder/


def check_links(pages: Mapping[str, _Page], targets: set[str], urls: Urls) -> Iterator[Finding]:
    """Internal links that hit no generated file, or a #fragment with no such id; one line per broken link,
    naming the first page that has it and how many others do."""
    broken: dict[str, list[str]] = defaultdict(list)
    ids: dict[str, set[str]] = {}
    for rel, page in sorted(pages.items()):
        for href in dict.fromkeys(_links(page)):
            target = _target(href, rel, urls)
            if target is None:
                continue
            path, fragment = target
            resolved = _resolve(path, targets, urls.base_path)
            if resolved is None:
                inside = path.startswith(urls.base_path)
                why = "no such page or file" if inside else f"outside the site, which lives under {urls.base_path}"
                broken[f"broken link {href} ({why})"].append(rel)
            elif fragment not in BUILTIN_FRAGMENTS and resolved in pages:
                if resolved not in ids:
                    ids[resolved] = pages[resolved].ids()
                if unquote(fragment) not in ids[resolved]:
                    broken[f"broken link {href} (no id '{unquote(fragment)}' on {resolved})"].append(rel)
    for message, on in broken.items():
        more = f" (and {len(on) - 1} more page{'s' if len(on) > 2 else ''})" if len(on) > 1 else ""
        yield Finding(on[0], message + more)
