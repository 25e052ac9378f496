"""HTML -> Document: trafilatura finds the main text; what the page states comes from meta tags and JSON-LD.

Two trafilatura candidates are extracted: its own extraction without fallbacks, which keeps the most of the story,
and its precision-favouring one (with its readability/jusText fallbacks), which drops more furniture but sometimes
loses the story. The precise candidate wins unless it kept much less text than the other (furniture.PRECISE_MIN_SHARE):
then it lost part of the story, not furniture; or much more (PRECISE_MAX_SHARE): then a fallback took another region
of the page. Blocks are then tidied (clean/blocks.py).
"""

from __future__ import annotations

import json
import logging
from dataclasses import fields, replace
from datetime import datetime

import lxml.html
from lxml import etree

from ..models import Block, Document, Source, Stated
from . import furniture as F
from .blocks import tidy_blocks
from .dump import page_text
from .normalise import normalise_line
from .plaintext import clean_text
from .stated import parse_stated_date

log = logging.getLogger(__name__)


def _inline_text(element: etree._Element) -> str:
    """Text of an element in document order; line breaks and nested blocks become spaces, inline markup not."""
    parts = [element.text or ""]
    for child in element:
        spacer = " " if child.tag in F.XML_BREAKS else ""
        parts.append(spacer + _inline_text(child) + spacer + (child.tail or ""))
    return "".join(parts)


def _flat(element: etree._Element) -> str:
    """All text under an element on one normalised line (the page's own line breaks become spaces)."""
    return normalise_line(" ".join(_inline_text(element).split()))


def _heading_level(element: etree._Element) -> int:
    """2 for rend="h2"; headings without a level are crossheads."""
    rend = element.get("rend", "")
    return int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2


def xml_blocks(main: etree._Element) -> list[Block]:
    """Blocks from trafilatura's XML <main>: head, p, list/item, quote."""
    blocks: list[Block] = []
    for element in main:
        if element.tag == "head":
            blocks.append(Block("heading", _flat(element), _heading_level(element)))
        elif element.tag == "list":
            blocks.extend(Block("list_item", _flat(item)) for item in element.iter("item"))
        elif element.tag == "quote":
            blocks.append(Block("quote", _flat(element)))
        elif element.tag == "table":
            blocks.extend(Block("paragraph", _flat(row)) for row in element.iter("row"))
        elif element.tag not in F.XML_SKIPPED:
            blocks.append(Block("paragraph", _flat(element)))
    return [block for block in blocks if block.text]


def _meta_table(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Every non-empty <meta property|name|itemprop=... content=...>, first one per name (one pass over the page)."""
    table: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            name = meta.get(attr)
            if name and content:
                table.setdefault(name, content)
    return table


def _meta(table: dict[str, str], *names: str) -> str | None:
    """The first meta content among names, normalised."""
    for name in names:
        if name in table:
            return normalise_line(table[name])
    return None


def _json_ld(tree: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON-LD object on the page, @graph entries flattened."""
    found: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return found


def _ld_name(value: object) -> str | None:
    """A JSON-LD person/organisation name, from a string, a dict or a list of them."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return normalise_line(value) if isinstance(value, str) and value.strip() else None


def _ld_text(value: object) -> str | None:
    """A JSON-LD value when it is plain text."""
    return value if isinstance(value, str) else None


def _iso_timestamp(value: str | None) -> str | None:
    """A machine date as ISO 8601, time zone kept: '2019-11-20T10:00:00Z' -> '2019-11-20T10:00:00+00:00'."""
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return parse_stated_date(value)
    if stamp.year < F.PLACEHOLDER_YEARS_BELOW:
        return None  # a CMS's empty date ("0001-01-01T00:00:00Z"), not a publication date
    return stamp.date().isoformat() if len(value.strip()) <= 10 else stamp.isoformat()


def _strip_site_suffix(title: str, site: str | None) -> str:
    """'Story - Site Name' -> 'Story'."""
    parts = F.TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and (site is None or match_site(parts[-1], site) or len(parts[-1].split()) <= 4):
        return " - ".join(parts[:-1]).strip()
    return title


def match_site(text: str, site: str) -> bool:
    """Whether a title suffix names the site."""
    return text.strip().casefold() == site.strip().casefold()


def html_stated(page: str) -> Stated:
    """What an HTML page states about itself in meta tags, JSON-LD and <time>."""
    tree = lxml.html.fromstring(page)
    metas = _meta_table(tree)
    articles = [d for d in _json_ld(tree) if str(d.get("@type", "")).endswith(F.LD_ARTICLE_TYPES)]
    ld = articles[0] if articles else {}
    site = _meta(metas, "og:site_name", "application-name") or _ld_name(ld.get("publisher"))
    h1 = [_flat(h) for h in tree.xpath("//h1")]
    titles = tree.xpath("//title")
    title = _meta(metas, "og:title", "twitter:title") or (h1[0] if h1 and h1[0] else None)
    if title is None and titles:
        title = _strip_site_suffix(_flat(titles[0]), site) or None
    author = _meta(metas, "author", "article:author", "byl", "dc.creator")
    if author is None or author.startswith("http"):
        author = _ld_name(ld.get("author"))
    published = _iso_timestamp(
        _meta(metas, *F.PUBLISHED_META) or _ld_text(ld.get("datePublished"))
        or next(iter(tree.xpath("//time/@datetime")), None)
    )
    return Stated(
        title=title, source=site, author=author, published=published,
        published_basis="metadata" if published else None,
    )


def extract_blocks(page: str, **options: bool) -> list[Block]:
    """The main text trafilatura finds with these options, as blocks; [] when it finds none."""
    # Imported here, on the first HTML page: it brings urllib3, courlan and their compiled patterns (~0.25 s), which
    # a build of plain-text and Markdown articles, or a rebuild after one edited Markdown file, never needs.
    import trafilatura

    xml = trafilatura.extract(page, **{**F.TRAFILATURA_OPTIONS, **options})
    if not xml:
        return []
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    return xml_blocks(main) if main is not None else []


def _n_words(blocks: list[Block]) -> int:
    return sum(len(block.text.split()) for block in blocks)


def choose_candidate(recall: list[Block], precise: list[Block]) -> list[Block]:
    """The precise candidate, unless its size says it lost part of the story or its fallback took another region."""
    share = _n_words(precise) / max(1, _n_words(recall))
    return precise if F.PRECISE_MIN_SHARE <= share <= F.PRECISE_MAX_SHARE else recall


def clean_html(source: Source) -> Document:
    """An HTML page: trafilatura finds the main text; metadata comes from the page's markup."""
    blocks = choose_candidate(
        extract_blocks(source.text, fast=True),
        extract_blocks(source.text, favor_precision=True),
    )
    try:
        stated = html_stated(source.text)
    except (etree.ParserError, ValueError):
        log.debug("%s: no metadata readable", source.source_path)
        stated = Stated()
    if not blocks:
        return _from_text_dump(source, stated)
    return Document(source, tuple(tidy_blocks(blocks, stated.title)), stated)


def _from_text_dump(source: Source, stated: Stated) -> Document:
    """When trafilatura finds nothing, the page's visible text through the plain-text classifier; the page's
    markup metadata wins over what the text's header lines say."""
    dumped = clean_text(replace(source, kind="text", text=page_text(source.text)))
    merged = Stated(**{f.name: getattr(stated, f.name) or getattr(dumped.stated, f.name) for f in fields(Stated)})
    if stated.published is None and merged.published:
        merged = replace(merged, published_basis=dumped.stated.published_basis)
    return replace(dumped, source=source, stated=merged)
