"""What templates see: the typed page context and the view models built from the Digest, links already resolved.

Every template receives a `PageContext`:

- ``site``: `SiteContext` (title, description, language, author, and ``urls``, the `Urls` helper: templates link
  assets with ``site.urls.link("assets/style.css")``);
- ``page_title``, ``description`` (meta and Open Graph), ``canonical`` (absolute URL), ``og_type``, ``section``
  (the nav entry to mark current), ``noindex``, ``feeds`` (`FeedLink`s for ``<link rel="alternate">``);
- page data, present only on the pages that use it: ``groups`` and ``pagination`` (home); ``article``,
  ``body_html``, ``show_title``, ``topic``, ``people``, ``related`` (article); ``topics`` and ``sections`` (topic list); ``section_view``,
  ``cards``, ``follow`` (section); ``topic``,
  ``cards``, ``timeline``, ``follow`` (topic:
  its own feeds); ``people`` (people list); ``person``, ``quotes``, ``follow`` (person); ``years``,
  ``undated`` (archive); ``heading``, ``cards`` (archive month or year).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple, TypedDict

from markupsafe import Markup

from ..config import Config
from ..models import Article, Digest, Section, Speaker, Topic
from ..text import calendar_parts, date_label, shorten
from ..urls import Urls

FEED_TYPES = {"rss": ("application/rss+xml", "RSS"), "atom": ("application/atom+xml", "Atom")}
DESCRIPTION_LENGTH = 160


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
    sections: list[SectionView]
    section_view: SectionView
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
class SectionView:
    slug: str
    label: str
    url: str
    topics: tuple[TopicView, ...]
    count: int  # articles in the section's topics


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


# Dates as readers and sitemaps want them ------------------------------------------------------------------------
def lastmod(value: str | None) -> str | None:
    """The W3C date a sitemap accepts for a published value, when it names a day."""
    parts = calendar_parts(value)
    return "-".join(parts) if parts and parts[2] else None


# Building views from the Digest ---------------------------------------------------------------------------------
def feed_links(urls: Urls, folder: str, title: str) -> list[FeedLink]:
    """RSS and Atom links of the feeds in an output folder ('' for the site feeds)."""
    return [
        FeedLink(title=f"{title} ({label})", type=mime, href=urls.link(urls.feed(folder, kind)))
        for kind, (mime, label) in FEED_TYPES.items()
    ]


@dataclass(frozen=True)
class Site:
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
        """A topic as listed and linked."""
        url = self.urls.link(self.urls.topic_dir(topic.slug))
        return TopicView(topic.slug, topic.label, url, len(topic.article_slugs), topic.keywords)

    def section_view(self, section: Section) -> SectionView:
        """A section with its topics, as listed and linked."""
        topics = tuple(self.topic_view(self.digest.topic(slug)) for slug in section.topic_slugs)
        url = self.urls.link(self.urls.section_dir(section.slug))
        return SectionView(section.slug, section.label, url, topics, sum(t.count for t in topics))

    def person_view(self, speaker: Speaker) -> PersonView:
        """A quoted person as listed and linked."""
        url = self.urls.link(self.urls.person_dir(speaker.slug))
        return PersonView(speaker.slug, speaker.name, url, len(speaker.quotes), speaker.roles)

    def card(self, article: Article) -> Card:
        """An article as it appears in lists: title, date, source, summary and topic."""
        topic = self.digest.topic_of(article)
        return Card(
            slug=article.slug, title=article.title, url=self.urls.link(self.urls.article_dir(article.slug)),
            date=date_label(article.published), iso=article.published if calendar_parts(article.published) else None,
            source=article.source, dateline=article.dateline, summary=" ".join(article.summary),
            topic=self.topic_view(topic) if topic else None,
        )
