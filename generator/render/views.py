"""What templates see: the typed page context and the view models built from the Digest, links already resolved.

Every template receives a `PageContext`:

- ``site``: `SiteContext` (title, description, language, author, ``image`` (absolute URL of the theme's social
  image, or ''), and ``urls``, the `Urls` helper: templates link assets with ``site.urls.link("assets/style.css")``);
- ``page_title``, ``description`` (meta and Open Graph), ``canonical`` (absolute URL), ``og_type``, ``section``
  (the nav entry to mark current), ``noindex``, ``feeds`` (`FeedLink`s for ``<link rel="alternate">``),
  ``json_ld`` (schema.org data ready for a ``<script type="application/ld+json">``, or '' when the page has none);
- page data, present only on the pages that use it: ``groups`` and ``pagination`` (home); ``article``,
  ``body_html``, ``show_title``, ``topic``, ``people``, ``related`` (article); ``topics`` and ``sections`` (topic list); ``section_view``,
  ``cards``, ``follow`` (section); ``topic``,
  ``cards``, ``timeline``, ``follow`` (topic:
  its own feeds); ``people`` (people list); ``person``, ``quotes``, ``follow`` (person); ``years``,
  ``undated`` (archive); ``heading``, ``cards`` (archive month or year); ``edition``, ``follow`` (one edition);
  ``editions``, ``pagination``, ``follow`` (the editions list); ``search_bundles`` (search: the URL of every
  Pagefind bundle to search, the one holding the UI first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence, TypedDict, TypeVar, Union

from markupsafe import Markup

from ..config import Config
from ..models import Article, Digest, Section, Speaker, Topic
from ..text import calendar_parts, date_label, shorten
from ..themes import static_files
from ..urls import Urls
from .jsonld import news_article, script_json, website

T = TypeVar("T")

FEED_TYPES = {"rss": ("application/rss+xml", "RSS"), "atom": ("application/atom+xml", "Atom"),
              "json": ("application/feed+json", "JSON Feed")}
DESCRIPTION_LENGTH = 160
# A theme ships a link-preview image by putting one of these in its static/ folder; the default theme has none.
SOCIAL_IMAGES = ("og-image.png", "og-image.jpg", "og-image.webp")


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
    image: str  # absolute URL of the theme's social image, '' when the theme has none
    editions: bool  # the site has editions/ (the `editions` setting is not 'none'): the nav links it
    search: bool  # the site has search/ (the `search` setting): the nav links it
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
    json_ld: Markup  # '' when the page has no structured data


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
    edition: EditionView
    editions: list[EditionView]
    search_bundles: list[str]


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


def page_title(title: str, page: int) -> str:
    """The title of a list's page: the list's own, then "..., page N"."""
    return title if page == 1 else f"{title}, page {page}"


def paginate(urls: Urls, items: Sequence[T], size: int, first: str) -> Iterator[tuple[str, list[T], Pagination]]:
    """A long list cut into pages: (folder, items, Pagination) for `first`, then `first`page/2/ and on; an empty list
    still gets its one (empty) page."""
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]
    folders = [first] + [f"{first}page/{n}/" for n in range(2, len(chunks) + 1)]
    for n, (folder, chunk) in enumerate(zip(folders, chunks), start=1):
        yield folder, chunk, Pagination(
            n, len(chunks),
            prev_url=urls.link(folders[n - 2]) if n > 1 else None,
            next_url=urls.link(folders[n]) if n < len(chunks) else None,
        )


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


@dataclass(frozen=True)
class EditionStory:
    card: Card
    quotes: tuple[QuoteView, ...]  # the article's key quotes


@dataclass(frozen=True)
class EditionGroup:
    topic: TopicView | None  # None: the edition's articles outside every topic
    stories: tuple[EditionStory, ...]


@dataclass(frozen=True)
class EditionLink:
    label: str
    url: str


@dataclass(frozen=True)
class EditionView:
    key: str  # '2006-W48', '2006-11-28'
    label: str  # 'Week of 27 November 2006'
    url: str
    kind: str  # 'Weekly edition' or 'Daily edition'
    start: str  # ISO dates of the period's first and last day
    end: str
    dates: str  # '27 November – 3 December 2006'
    lead: str  # '3 stories in 2 topics'
    people: tuple[PersonView, ...]  # quoted in the edition, most quoted first
    groups: tuple[EditionGroup, ...]
    older: EditionLink | None = None
    newer: EditionLink | None = None


class Page(NamedTuple):
    path: str  # relative to output/
    template: str
    # The context, or (with `made_of`) the function that makes it when the page is rendered
    context: PageContext | Callable[[], PageContext]
    lastmod: str | None
    # Context entries costly to fetch (an article's body): added by `fill()` only when the page is rendered, and
    # named in the page's fingerprint by `token`, which identifies them exactly (see generator.page_bodies).
    fill: Callable[[], Mapping[str, object]] | None = None
    token: object = None
    # For a page of which a site has thousands (the article pages): what its whole context is made of besides the
    # settings and the theme (which salt every fingerprint), named by its fingerprint in place of the context, so
    # that a page kept from the last build costs no context at all. Such a page is always listed in the sitemap.
    made_of: object = None

    def full_context(self) -> PageContext:
        """The context the template renders: made now when it is made late, with the `fill` entries."""
        context = self.context() if callable(self.context) else self.context
        return context if self.fill is None else {**context, **self.fill()}  # type: ignore[typeddict-item]


class Kept(NamedTuple):
    """A page the build keeps from the last one, in place of its `Page`: a page builder yields it for a path its
    `Site` skips (`Site.skips`), before making anything of the page."""

    path: str


Built = Union[Page, Kept]  # what a page builder yields: a page to make, or one kept from the last build


# Dates as readers and sitemaps want them ------------------------------------------------------------------------
@lru_cache(maxsize=4096)  # asked for every article of every list page: a collection has few distinct dates
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
    # Told each card as it is made, with its article (a build's page memo names the card by them: generator.memo)
    on_card: Callable[[Card, Article], None] | None = field(default=None, repr=False, compare=False)
    # The pages kept from the last build, by path (`PageMemo.plan`): builders yield `Kept` for them
    skip: Callable[[str], bool] | None = field(default=None, repr=False, compare=False)
    # An article appears on its page, its topic, the home page, archives, related lists...: its card is made once.
    _cards: dict[str, Card] = field(default_factory=dict, init=False, repr=False, compare=False)

    def skips(self, path: str) -> bool:
        """Whether the page at path is kept from the last build, so that its builder makes nothing of it."""
        return self.skip is not None and self.skip(path)

    def context(
        self, folder: str, title: str, description: str = "", *, og_type: str = "website", section: str = "",
        noindex: bool = False, extra_feeds: Iterable[FeedLink] = (), deferred_json_ld: bool = False, **data: object,
    ) -> PageContext:
        """The context every page shares, plus the page's own data. `deferred_json_ld`: the page's `fill` adds it
        (an article page's NewsArticle data, made only when the page is rendered)."""
        config = self.config
        canonical = self.urls.absolute(folder)
        summary = shorten(" ".join((description or config.description).split()), DESCRIPTION_LENGTH)
        common = _Common(
            site=SiteContext(title=config.title, description=config.description, language=config.language,
                             author=config.author, image=self.social_image, editions=config.editions != "none",
                             search=config.search, urls=self.urls),
            page_title=title,
            description=summary,
            canonical=canonical,
            og_type=og_type,
            section=section,
            noindex=noindex,
            feeds=feed_links(self.urls, "", config.title) + list(extra_feeds),
            json_ld=Markup("") if deferred_json_ld else self._json_ld(folder, canonical, summary, data.get("article")),
        )
        return PageContext(**common, **data)  # type: ignore[typeddict-item]

    @cached_property
    def social_image(self) -> str:
        """Absolute URL of the first social image the theme chain ships, or ''."""
        published = {rel for _, rel in static_files(self.config)}
        return next((self.urls.absolute(f"assets/{name}") for name in SOCIAL_IMAGES if f"assets/{name}" in published), "")

    def _json_ld(self, folder: str, canonical: str, description: str, card: object) -> Markup:
        """NewsArticle data for an article page (the one page whose data is a Card), WebSite for the home page."""
        if isinstance(card, Card):
            return self.article_json_ld(self.digest.article(card.slug), canonical, description)
        if folder == "":
            return script_json(website(self.config, self.urls))
        return Markup("")

    def article_json_ld(self, article: Article, canonical: str, description: str) -> Markup:
        """An article page's NewsArticle data."""
        return script_json(news_article(article, self.config, self.urls, canonical, description))

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
        card = self._cards.get(article.slug)
        if card is None:
            card = self._cards[article.slug] = self._make_card(article)
            if self.on_card is not None:
                self.on_card(card, article)
        return card

    def _make_card(self, article: Article) -> Card:
        # Reads the article, the settings (urls) and its topic's view, nothing else: the page memo names a card by
        # exactly those (render.render_site).
        topic = self.digest.topic_of(article)
        return Card(
            slug=article.slug, title=article.title, url=self.urls.link(self.urls.article_dir(article.slug)),
            date=date_label(article.published), iso=article.published if calendar_parts(article.published) else None,
            source=article.source, dateline=article.dateline, summary=" ".join(article.summary),
            topic=self.topic_view(topic) if topic else None,
        )
