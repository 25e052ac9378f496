"""HTML pages of the site: a Jinja2 environment over the theme search path and one typed template context.

Every template receives a `PageContext` (defined below):

- ``site``: `SiteContext` (title, description, language, author, and ``urls``, the `Urls` helper: templates link
  assets with ``site.urls.link("assets/style.css")``);
- ``page_title``, ``description`` (meta and Open Graph), ``canonical`` (absolute URL), ``og_type``, ``section``
  (the nav entry to mark current), ``noindex``, ``feeds`` (`FeedLink`s for ``<link rel="alternate">``);
- page data, present only on the pages that use it: ``groups`` and ``pagination`` (home); ``article``,
  ``body_html``, ``show_title``, ``topic``, ``people``, ``related`` (article); ``topics`` (topic list); ``topic``,
  ``cards``, ``timeline``, ``follow`` (topic:
  its own feeds); ``people`` (people list); ``person``, ``quotes``, ``follow`` (person); ``years``,
  ``undated`` (archive); ``heading``, ``cards`` (archive month or year).

Undefined names raise (StrictUndefined) and output is autoescaped. The article body is Markdown from the pages
stage: raw HTML in it is shown as text, and unsafe link schemes and event-handler attributes are dropped, because
article text comes from scraped pages.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import chain, groupby
from typing import Iterable, Iterator, Mapping, NamedTuple, TypedDict
from urllib.parse import urlsplit

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .config import Config
from .errors import ThemeError
from .models import Article, Digest, Speaker, Topic
from .text import display_quote, shorten
from .themes import template_loader
from .urls import Urls

log = logging.getLogger(__name__)

# "extra" minus attr_list (it lets text set any attribute, onclick included) and md_in_html.
MARKDOWN_EXTENSIONS = ("abbr", "def_list", "fenced_code", "footnotes", "tables", "sane_lists", "toc")
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
URL_ATTRIBUTES = ("href", "src")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a scheme ("java\tscript:")
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\n---[ \t]*\r?\n", re.DOTALL)
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T)")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
FEED_FILES = {"rss": ("feed.xml", "application/rss+xml", "RSS"), "atom": ("atom.xml", "application/atom+xml", "Atom")}
DESCRIPTION_LENGTH = 160
RELATED_LIMIT = 5
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


# Template context ---------------------------------------------------------------------------------------------
class FeedLink(TypedDict):
    title: str
    type: str
    href: str


class SiteContext(TypedDict):
    title: str
    description: str
    language: str
    author: str
    urls: Urls


class _Common(TypedDict):
    site: SiteContext
    page_title: str
    description: str
    canonical: str
    og_type: str
    section: str
    noindex: bool
    feeds: list[FeedLink]


class PageContext(_Common, total=False):
    """Everything a template sees; page data keys exist only on the pages listed in the module docstring."""

    groups: list[Group]
    pagination: Pagination
    article: Card
    body_html: Markup
    show_title: bool
    topic: TopicView | None
    people: list[PersonView]
    related: list[Card]
    topics: list[TopicView]
    cards: list[Card]
    follow: list[FeedLink]
    timeline: list[TimelineEntry]
    person: PersonView
    quotes: list[QuoteView]
    years: list[ArchiveYear]
    undated: list[Card]
    heading: str


# View models: what templates display, with every link already resolved through Urls ------------------------
@dataclass(frozen=True)
class TopicView:
    slug: str
    label: str
    url: str
    count: int
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonView:
    slug: str
    name: str
    url: str
    count: int
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Card:
    slug: str
    title: str
    url: str
    date: str | None  # "28 November 2006"
    iso: str | None  # the published value, for <time datetime>
    source: str | None
    dateline: str | None
    summary: str
    topic: TopicView | None


@dataclass(frozen=True)
class Group:
    topic: TopicView | None  # None: articles not in any topic
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Pagination:
    current: int
    total: int
    prev_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class TimelineEntry:
    value: str
    label: str
    text: str
    sentence: str
    article: Card


@dataclass(frozen=True)
class QuoteView:
    text: str
    speaker: str | None
    role: str | None
    article: Card


@dataclass(frozen=True)
class ArchiveMonth:
    label: str
    url: str
    count: int


@dataclass(frozen=True)
class ArchiveYear:
    year: str
    url: str
    count: int
    months: tuple[ArchiveMonth, ...]


class Page(NamedTuple):
    path: str  # relative to output/
    template: str
    context: PageContext
    lastmod: str | None


# Small pure helpers ---------------------------------------------------------------------------------------------
def calendar_parts(value: str | None) -> tuple[str, str | None, str | None] | None:
    """('2006', '11', '28') for '2006-11-28T10:45:00Z', ('2005', None, None) for '2005'; None if not a date."""
    match = _CALENDAR.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    if not month or not 1 <= int(month) <= 12:
        return (year, None, None)
    return (year, month, day if day and 1 <= int(day) <= 31 else None)


def date_label(value: str | None) -> str | None:
    """A reader's date: '28 November 2006', 'October 2006', '2005'; None for values that are not calendar dates."""
    parts = calendar_parts(value)
    if not parts:
        return None
    year, month, day = parts
    if not month:
        return year
    name = f"{MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {name}" if day else name


def lastmod(value: str | None) -> str | None:
    """The W3C date a sitemap accepts for a published value, when it names a day."""
    parts = calendar_parts(value)
    return "-".join(parts) if parts and parts[2] else None


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto: never javascript:, data: or vbscript:."""
    scheme = urlsplit(_URL_NOISE.sub("", url)).scheme.lower()
    return scheme in SAFE_SCHEMES


class _Sanitize(Treeprocessor):
    """Drops event handlers, inline styles and unsafe link schemes from the rendered tree."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                unsafe_url = name in URL_ATTRIBUTES and not is_safe_url(element.attrib[name])
                if name.lower().startswith("on") or name.lower() == "style" or unsafe_url:
                    del element.attrib[name]


class _SafeMarkdown(Extension):
    """Python-Markdown without raw HTML, plus the sanitiser."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - the Markdown API's name
        # Raw HTML in scraped text is shown as text rather than passed through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitize(md), "digest_sanitize", 0)


def markdown_to_html(text: str) -> Markup:
    """Article Markdown to safe HTML."""
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeMarkdown()], output_format="html")
    return Markup(md.convert(text))


def make_environment(config: Config) -> jinja2.Environment:
    """The Jinja2 environment over the theme search path: autoescaped, strict about undefined names."""
    return jinja2.Environment(
        loader=template_loader(config),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def feed_links(urls: Urls, folder: str, title: str) -> list[FeedLink]:
    """RSS and Atom links of the feeds in an output folder ('' for the site feeds)."""
    return [
        FeedLink(title=f"{title} ({label})", type=mime, href=urls.link(folder + name))
        for name, mime, label in FEED_FILES.values()
    ]


# Sitemap and robots ---------------------------------------------------------------------------------------------
def sitemap_xml(urls: Urls, pages: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap of (output folder, lastmod) pairs with absolute locations."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for folder, modified in pages:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = urls.absolute(folder)
        if modified:
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = modified
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def robots_txt(urls: Urls) -> str:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('sitemap.xml')}\n"


# Page builders ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Site:
    """What every page builder needs: the digest, the settings and the link helper."""

    digest: Digest
    config: Config
    urls: Urls

    def context(
        self, folder: str, title: str, description: str = "", *, og_type: str = "website", section: str = "",
        noindex: bool = False, extra_feeds: Iterable[FeedLink] = (), **data: object,
    ) -> PageContext:
        """The context every page shares, plus the page's own data."""
        config = self.config
        common = _Common(
            site=SiteContext(title=config.title, description=config.description, language=config.language,
                             author=config.author, urls=self.urls),
            page_title=title,
            description=shorten(" ".join((description or config.description).split()), DESCRIPTION_LENGTH),
            canonical=self.urls.absolute(folder),
            og_type=og_type,
            section=section,
            noindex=noindex,
            feeds=feed_links(self.urls, "", config.title) + list(extra_feeds),
        )
        return PageContext(**common, **data)  # type: ignore[typeddict-item]

    def topic_view(self, topic: Topic) -> TopicView:
        url = self.urls.link(self.urls.topic_dir(topic.slug))
        return TopicView(topic.slug, topic.label, url, len(topic.article_slugs), topic.keywords)

    def person_view(self, speaker: Speaker) -> PersonView:
        url = self.urls.link(self.urls.person_dir(speaker.slug))
        return PersonView(speaker.slug, speaker.name, url, len(speaker.quotes), speaker.roles)

    def card(self, article: Article) -> Card:
        topic = self.digest.topic_of(article)
        return Card(
            slug=article.slug, title=article.title, url=self.urls.link(self.urls.article_dir(article.slug)),
            date=date_label(article.published), iso=article.published if calendar_parts(article.published) else None,
            source=article.source, dateline=article.dateline, summary=" ".join(article.summary),
            topic=self.topic_view(topic) if topic else None,
        )


def _newest(articles: Iterable[Article]) -> str | None:
    return max((m for m in (lastmod(a.published) for a in articles) if m), default=None)


def _home_order(digest: Digest) -> list[Article]:
    """Articles topic by topic, newest topic first; articles outside every topic last."""
    grouped = [digest.article(s) for t in digest.topics for s in t.article_slugs]
    seen = {a.slug for a in grouped}
    return grouped + [a for a in digest.articles if a.slug not in seen]


def _home_pages(site: _Site) -> Iterator[Page]:
    order = _home_order(site.digest)
    size = site.config.items_per_page
    chunks = [order[i : i + size] for i in range(0, len(order), size)] or [[]]
    folders = [""] + [f"page/{n}/" for n in range(2, len(chunks) + 1)]
    for n, (folder, chunk) in enumerate(zip(folders, chunks), start=1):
        cards = [site.card(a) for a in chunk]
        groups = [Group(topic, tuple(items)) for topic, items in groupby(cards, key=lambda c: c.topic)]
        pagination = Pagination(
            n, len(chunks),
            prev_url=site.urls.link(folders[n - 2]) if n > 1 else None,
            next_url=site.urls.link(folders[n]) if n < len(chunks) else None,
        )
        title = site.config.title if n == 1 else f"{site.config.title}, page {n}"
        context = site.context(folder, title, section="home", groups=groups, pagination=pagination)
        yield Page(folder + "index.html", "index.html", context, _newest(chunk))


def _article_pages(site: _Site, bodies: Mapping[str, str]) -> Iterator[Page]:
    people_of: dict[str, list[PersonView]] = {}
    for speaker in site.digest.speakers:
        for slug in dict.fromkeys(s for s, _ in speaker.quotes):
            people_of.setdefault(slug, []).append(site.person_view(speaker))
    for article in site.digest.articles:
        body = _FRONT_MATTER.sub("", bodies.get(article.slug, ""), count=1)  # a whole page is fine too
        if not body:
            log.warning("%s: no summary page; showing the extracted summary only", article.source_path)
        card = site.card(article)
        topic = site.digest.topic_of(article)
        siblings = site.digest.articles_in(topic) if topic else ()
        folder = site.urls.article_dir(article.slug)
        context = site.context(
            folder, article.title, card.summary, og_type="article",
            article=card, body_html=markdown_to_html(body), show_title=not body.lstrip().startswith("# "),
            topic=card.topic, people=people_of.get(article.slug, []),
            related=[site.card(a) for a in siblings if a.slug != article.slug][:RELATED_LIMIT],
        )
        yield Page(folder + "index.html", "article.html", context, lastmod(article.published))


def topic_timeline(cards: Mapping[str, Card], articles: Iterable[Article]) -> list[TimelineEntry]:
    """Calendar DATE mentions across articles, oldest first, one entry per date per article."""
    entries: dict[tuple[str, str], TimelineEntry] = {}
    for article in articles:
        for mention in article.dates:
            label = date_label(mention.value) if mention.type == "DATE" else None
            if label and (mention.value, article.slug) not in entries:
                entry = TimelineEntry(mention.value, label, mention.text, mention.sentence, cards[article.slug])
                entries[(mention.value, article.slug)] = entry
    # A stable sort keeps articles newest first within one date; '2006-10' sorts before '2006-10-09'.
    return sorted(entries.values(), key=lambda e: e.value)


def _topic_pages(site: _Site) -> Iterator[Page]:
    views = [site.topic_view(t) for t in site.digest.topics]
    description = f"All {len(views)} topics of {site.config.title}."
    context = site.context("topics/", "Topics", description, section="topics", topics=views)
    yield Page("topics/index.html", "topics.html", context, _newest(site.digest.articles))
    for topic, view in zip(site.digest.topics, views):
        articles = site.digest.articles_in(topic)
        cards = {a.slug: site.card(a) for a in articles}
        folder = site.urls.topic_dir(topic.slug)
        follow = feed_links(site.urls, folder, topic.label)
        context = site.context(
            folder, topic.label, f"{len(cards)} articles about {topic.label}.", section="topics",
            extra_feeds=follow, follow=follow, topic=view, cards=list(cards.values()), timeline=topic_timeline(cards, articles),
        )
        yield Page(folder + "index.html", "topic.html", context, _newest(articles))


def _people_pages(site: _Site) -> Iterator[Page]:
    speakers = sorted(site.digest.speakers, key=lambda s: (-len(s.quotes), s.name.casefold()))
    context = site.context("people/", "People", "Everyone quoted, with their words.", section="people",
                           people=[site.person_view(s) for s in speakers])
    yield Page("people/index.html", "people.html", context, _newest(site.digest.articles))
    cards = {a.slug: site.card(a) for a in site.digest.articles}
    for speaker in speakers:
        quotes = [QuoteView(display_quote(q.text), q.speaker or speaker.name, q.speaker_role, cards[slug])
                  for slug, q in speaker.quotes if slug in cards]
        folder = site.urls.person_dir(speaker.slug)
        follow = feed_links(site.urls, folder, speaker.name)
        context = site.context(
            folder, speaker.name, f"What {speaker.name} said: {len(quotes)} quotes.", section="people",
            extra_feeds=follow, follow=follow, person=site.person_view(speaker), quotes=quotes,
        )
        articles = [site.digest.article(slug) for slug in dict.fromkeys(s for s, _ in speaker.quotes) if slug in cards]
        yield Page(folder + "index.html", "person.html", context, _newest(articles))


def _archive_years(site: _Site) -> tuple[dict[str, list[Article]], dict[tuple[str, str], list[Article]]]:
    years: dict[str, list[Article]] = {}
    months: dict[tuple[str, str], list[Article]] = {}
    for article in site.digest.articles:
        parts = calendar_parts(article.published)
        if parts:
            years.setdefault(parts[0], []).append(article)
            if parts[1]:
                months.setdefault((parts[0], parts[1]), []).append(article)
    return years, months


def _archive_pages(site: _Site) -> Iterator[Page]:
    urls = site.urls
    years, months = _archive_years(site)
    views = [
        ArchiveYear(year, urls.link(urls.archive_dir(year)), len(years[year]), tuple(
            ArchiveMonth(date_label(f"{y}-{m}") or m, urls.link(urls.archive_dir(y, m)), len(items))
            for (y, m), items in sorted(months.items(), reverse=True) if y == year
        ))
        for year in sorted(years, reverse=True)
    ]
    undated = [site.card(a) for a in site.digest.articles if not calendar_parts(a.published)]
    context = site.context("archive/", "Archive", "Every article by month.", section="archive", years=views,
                           undated=undated)
    yield Page("archive/index.html", "archive.html", context, _newest(site.digest.articles))
    listings = [((year,), items) for year, items in years.items()] + list(months.items())
    for key, items in listings:
        folder = urls.archive_dir(*key)
        heading = date_label("-".join(key)) or key[0]
        context = site.context(folder, heading, f"Articles from {heading}.", section="archive", heading=heading,
                               cards=[site.card(a) for a in items])
        yield Page(folder + "index.html", "archive_list.html", context, _newest(items))


def _not_found(site: _Site) -> Iterator[Page]:
    latest = [site.card(a) for a in site.digest.articles[:RELATED_LIMIT]]
    context = site.context("404.html", "Page not found", noindex=True, cards=latest)
    yield Page("404.html", "404.html", context, None)


def render_site(digest: Digest, config: Config, article_bodies: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Every HTML page, then sitemap.xml and robots.txt, as (output path relative to output/, text)."""
    env = make_environment(config)
    site = _Site(digest, config, Urls(config.site_url))
    builders = (_home_pages(site), _article_pages(site, article_bodies), _topic_pages(site), _people_pages(site),
                _archive_pages(site), _not_found(site))
    listed: list[tuple[str, str | None]] = []
    for page in chain.from_iterable(builders):
        try:
            text = env.get_template(page.template).render(page.context)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or exc.name or page.template}, line {exc.lineno}"
            raise ThemeError(f"template syntax error in {where}: {exc.message}") from exc
        except jinja2.TemplateError as exc:
            raise ThemeError(f"template {page.template!r} failed for {page.path}: {exc}") from exc
        yield page.path, text
        if not page.context["noindex"]:
            listed.append((page.path.removesuffix("index.html"), page.lastmod))
    yield "sitemap.xml", sitemap_xml(site.urls, listed)
    yield "robots.txt", robots_txt(site.urls)
