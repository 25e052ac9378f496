"""sitemap.xml and robots.txt: what crawlers are told about the built pages.

The sitemap protocol allows at most 50,000 URLs in one sitemap file; a site of more pages (10,000 corpus articles
list 16,675 with their topic, people and archive pages, so ~30,000 articles reach it) gets a sitemap index in
sitemap.xml, listing `sitemaps/sitemap-N.xml` parts of at most MAX_URLS each, in the site's order. robots.txt
points at sitemap.xml either way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import partial
from typing import Callable, Iterable, Sequence

from ..urls import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"
SITEMAP_PARTS = "sitemaps/"  # the folder of the parts
MAX_URLS = 50_000  # the protocol's limit for one sitemap file

Listed = Sequence[tuple[str, str | None]]  # (output folder, lastmod) of each page, in the site's order


def sitemap_files(urls: Urls, listed: Listed) -> list[tuple[str, Callable[[], str]]]:
    """The sitemap's files for these pages, each with what makes its text: sitemap.xml alone, or the parts and then
    the index (sitemap.xml)."""
    if len(listed) <= MAX_URLS:
        return [(SITEMAP, partial(sitemap_xml, urls, listed))]
    parts = [listed[start:start + MAX_URLS] for start in range(0, len(listed), MAX_URLS)]
    paths = [f"{SITEMAP_PARTS}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    newest = [max((modified for _, modified in part if modified), default=None) for part in parts]
    index = [(urls.absolute(path), modified) for path, modified in zip(paths, newest)]
    return [*((path, partial(sitemap_xml, urls, part)) for path, part in zip(paths, parts)),
            (SITEMAP, partial(_document, "sitemapindex", "sitemap", index))]


def sitemap_xml(urls: Urls, pages: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap of (output folder, lastmod) pairs with absolute locations."""
    return _document("urlset", "url", [(urls.absolute(folder), modified) for folder, modified in pages])


def _document(root_tag: str, entry_tag: str, entries: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap (`urlset` of `url`) or a sitemap index (`sitemapindex` of `sitemap`) of (location, lastmod)."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}{root_tag}")
    for location, modified in entries:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}{entry_tag}")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = location
        if modified:
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = modified
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def robots_txt(urls: Urls) -> str:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(SITEMAP)}\n"
