"""RSS 2.0, Atom and JSON Feed 1.1: one channel for the site, one per topic, section and quoted speaker, and one
for the editions.

`FEED_KINDS` lists where channels come from and `FORMATS` the three formats; `build_feeds` crosses the two tables,
so adding a kind of feed is one function and one table entry. A channel lists dated entries (an article or an
edition); the newest `feed_length` of them become `Item`s (link, title, HTML content, date), made once whatever
channels carry them, and each format serialises the same items. Item GUIDs, Atom ids and JSON Feed ids are the
absolute permalink of the article or edition, so they stay the same between rebuilds; no date in a feed comes from
the build's clock.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache, partial
from datetime import datetime, timezone, tzinfo
from typing import AbstractSet, Callable, Iterable, Iterator, NamedTuple, TypeVar

from feedgen.feed import FeedGenerator

from .config import Config
from .memo import PageMemo, Unchanged, produce
from .editions import Edition, Period, group_editions, site_zone
from .models import Article, Digest, Quote, Speaker
from .text import display_quote
from .urls import Urls

log = logging.getLogger(__name__)
T = TypeVar("T")

# Characters XML 1.0 forbids (lxml refuses them), and lone surrogates that cannot be encoded.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
# A feed with no items still needs an updated date; a fixed one keeps rebuilds byte-identical.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class Item(NamedTuple):
    """One entry of a feed, whatever it stands for. Every string is already safe for XML."""

    url: str  # absolute permalink: also the RSS guid, the Atom id and the JSON Feed id
    title: str
    content_html: str  # may be ''
    when: datetime  # aware
    author: str | None = None


class Entry(NamedTuple):
    """An item to be: its date, by which a feed picks its newest entries, and how to make it (only the items of the
    feeds written are made: the site's own channel carries every article, and made all its items for 20 of them).
    `made_of`: what the item is made of besides the settings, for the page memo's fingerprint: the article (named
    by its token) or the edition's articles, with the date."""

    when: datetime  # aware
    make: Callable[[], Item]
    made_of: object


@dataclass(frozen=True)
class Channel:
    """One feed's subject: where it is written, what it is called, which entries it carries (listed when asked: a
    feed kept from the last build lists none)."""

    folder: str  # output folder of the feed files and of the HTML page they mirror; '' for the site
    title: str
    description: str
    entries: Callable[[], tuple[Entry, ...]]  # any order: each feed sorts newest first


@dataclass(frozen=True)
class FeedSource:
    """What the channel kinds read: the digest, the settings, and each article's date and item made once."""

    digest: Digest
    config: Config
    zone: tzinfo
    urls: Urls
    _dates: dict[str, datetime] = field(default_factory=dict, repr=False, compare=False)
    _items: dict[str, Item] = field(default_factory=dict, repr=False, compare=False)

    def entries(self, articles: Iterable[Article]) -> tuple[Entry, ...]:
        """The articles as entries of a channel."""
        return tuple(Entry(when, partial(self.item, article), (when, article))
                     for article in articles for when in (self.when(article),))

    def when(self, article: Article) -> datetime:
        when = self._dates.get(article.slug)
        if when is None:
            when = self._dates[article.slug] = item_date(article, self.zone)
        return when

    def item(self, article: Article) -> Item:
        item = self._items.get(article.slug)
        if item is None:
            item = self._items[article.slug] = article_item(article, self.when(article), self.urls)
        return item


def xml_text(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", text)


def time_zone(name: str) -> tzinfo:
    """The configured zone, or UTC (with a warning) when the name is unknown."""
    zone = site_zone(name)
    if zone is timezone.utc:  # site_zone's fallback: a known "UTC" is a ZoneInfo
        log.warning("unknown timezone %r; using UTC for dates without a time zone", name)
    return zone


def item_date(article: Article, zone: tzinfo) -> datetime:
    """When the article was published: date-only values at midnight in `zone`; undated ones at the file's mtime."""
    value = (article.published or "").strip()
    if value.endswith("Z"):  # Python 3.10's fromisoformat does not read 'Z'
        value = value[:-1] + "+00:00"
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value) if value else None
    except ValueError:
        partial = _PARTIAL_DATE.match(value)
        if partial and 1 <= int(partial.group(2) or 1) <= 12:
            parsed = datetime(int(partial.group(1)), int(partial.group(2) or 1), 1)
    if parsed is None:
        if value:
            log.warning("%s: cannot read published date %r; using the file time", article.source_path, value)
        return datetime.fromtimestamp(article.mtime, tz=timezone.utc)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _quote_html(quote: Quote) -> str:
    who = _esc(quote.speaker or "Unattributed")
    if quote.speaker_role:
        who += ", " + _esc(quote.speaker_role)
    return f"<blockquote><p>“{_esc(display_quote(quote.text))}”</p></blockquote><p>— {who}</p>"


def item_html(article: Article) -> str:
    """The item's content: the summary, then the key quotes with their speakers, as escaped HTML."""
    parts = [f"<p>{_esc(' '.join(article.summary))}</p>"] if article.summary else []
    parts.extend(_quote_html(q) for q in article.key_quotes)
    return xml_text("\n".join(parts))


def article_item(article: Article, when: datetime, urls: Urls) -> Item:
    """An article as a feed item, linking to its page; `when`: its `item_date`."""
    title = xml_text(article.title).strip() or article.slug
    author = xml_text(article.author) if article.author else None
    return Item(urls.absolute(urls.article_dir(article.slug)), title, item_html(article), when, author)


def edition_html(edition: Edition, urls: Urls) -> str:
    """The whole edition as HTML: each topic, its headlines linked, summaries and key quotes with speakers."""
    parts = []
    for group in edition.topics:
        label = group.topic.label if group.topic else "Other stories"
        href = urls.absolute(urls.topic_dir(group.topic.slug)) if group.topic else ""
        parts.append(f'<h2><a href="{html.escape(href)}">{_esc(label)}</a></h2>' if href else f"<h2>{_esc(label)}</h2>")
        for article in group.articles:
            link = html.escape(urls.absolute(urls.article_dir(article.slug)))
            parts.append(f'<h3><a href="{link}">{_esc(article.title or article.slug)}</a></h3>')
            parts.append(item_html(article))
    return xml_text("\n".join(p for p in parts if p))


def edition_entry(edition: Edition, source: FeedSource) -> Entry:
    """An edition as a feed entry, dated at its latest article."""
    latest = max(source.when(article) for article in edition.articles)
    # edition_html reads the edition's label, its topics (slug and label) and their articles; the title the settings
    made_of = (latest, edition.key, edition.label, [(g.topic, g.articles) for g in edition.topics])
    return Entry(latest, partial(edition_item, edition, source, latest), made_of)


def edition_item(edition: Edition, source: FeedSource, latest: datetime) -> Item:
    title = xml_text(f"{edition.label} · {source.config.title}")
    return Item(source.urls.absolute(source.urls.edition_dir(edition.key)), title,
                edition_html(edition, source.urls), latest)


# Channel kinds ------------------------------------------------------------------------------------------------
def _site_channels(source: FeedSource) -> Iterator[Channel]:
    config = source.config
    yield Channel("", config.title, config.description, partial(source.entries, source.digest.articles))


def _topic_channels(source: FeedSource) -> Iterator[Channel]:
    title = source.config.title
    for topic in source.digest.topics:
        yield Channel(Urls.topic_dir(topic.slug), f"{topic.label} · {title}",
                      f"Articles about {topic.label} from {title}.",
                      partial(_entries_of, source, source.digest.articles_in, topic))


def _entries_of(source: FeedSource, articles_of: Callable[[T], Iterable[Article]], subject: T) -> tuple[Entry, ...]:
    """A channel's entries, listed when its feeds are made: the articles of its topic, section or speaker."""
    return source.entries(articles_of(subject))


def _section_channels(source: FeedSource) -> Iterator[Channel]:
    title = source.config.title
    for section in source.digest.sections:
        yield Channel(Urls.section_dir(section.slug), f"{section.label} · {title}",
                      f"Articles in {section.label} from {title}.",
                      partial(_entries_of, source, source.digest.articles_in_section, section))


def _speaker_channels(source: FeedSource) -> Iterator[Channel]:
    title = source.config.title
    for speaker in source.digest.speakers:
        yield Channel(Urls.person_dir(speaker.slug), f"{speaker.name} · {title}",
                      f"Articles quoting {speaker.name}, from {title}.",
                      partial(_entries_of, source, partial(_articles_quoting, source.digest), speaker))


def _articles_quoting(digest: Digest, speaker: Speaker) -> Iterator[Article]:
    slugs = dict.fromkeys(slug for slug, _ in speaker.quotes if digest.has_article(slug))
    return (digest.article(s) for s in slugs)


def _edition_channels(source: FeedSource) -> Iterator[Channel]:
    mode = source.config.editions
    if mode == "none":
        return
    title = source.config.title
    yield Channel(Urls.edition_dir(), f"Editions · {title}", f"{title}, one {mode} edition at a time.",
                  partial(_edition_entries, source, "daily" if mode == "daily" else "weekly"))


def _edition_entries(source: FeedSource, period: Period) -> tuple[Entry, ...]:
    return tuple(edition_entry(e, source) for e in group_editions(source.digest, period, source.zone))


FEED_KINDS: tuple[Callable[[FeedSource], Iterable[Channel]], ...] = (
    _site_channels,
    _topic_channels,
    _section_channels,
    _speaker_channels,
    _edition_channels,
)


# Formats ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Feed:
    """A channel ready to serialise: its items newest first and capped, its absolute links."""

    channel: Channel
    items: tuple[Item, ...]
    home_url: str
    config: Config

    @property
    def updated(self) -> datetime:
        return self.items[0].when if self.items else EMPTY_FEED_DATE

    def self_url(self, kind: str) -> str:
        return Urls(self.config.site_url).absolute(Urls.feed(self.channel.folder, kind))


def _feedgen(feed: Feed, kind: str, mime: str) -> FeedGenerator:
    config = feed.config
    fg = FeedGenerator()
    fg.id(feed.home_url)
    fg.title(xml_text(feed.channel.title) or "Digest")
    fg.description(xml_text(feed.channel.description) or xml_text(feed.channel.title) or "Digest")
    fg.link(href=feed.self_url(kind), rel="self", type=mime)
    fg.link(href=feed.home_url, rel="alternate")  # last: feedgen makes it the RSS channel link
    fg.language(config.language)
    fg.author({"name": xml_text(config.author or config.title) or "Digest"})  # Atom requires a feed author
    fg.generator("digest")
    fg.updated(feed.updated)  # also the RSS lastBuildDate, which would otherwise be the build's clock
    for item in feed.items:
        entry = fg.add_entry(order="append")
        entry.guid(item.url, permalink=True)  # also the Atom id
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        if item.content_html:
            entry.summary(item.content_html, type="html")  # Atom summary, and the RSS description
        entry.published(item.when)
        entry.updated(item.when)
        if item.author:
            entry.author(name=item.author)
    return fg


def _json_item(item: Item) -> dict[str, object]:
    entry: dict[str, object] = {"id": item.url, "url": item.url, "title": item.title}
    if item.content_html:
        entry["content_html"] = item.content_html
    else:
        entry["content_text"] = item.title  # JSON Feed requires content of one kind or the other
    entry["date_published"] = entry["date_modified"] = item.when.isoformat()
    if item.author:
        entry["authors"] = [{"name": item.author}]
    return entry


def json_feed(feed: Feed) -> bytes:
    """The channel as JSON Feed 1.1 (feedgen writes only XML)."""
    config = feed.config
    document = {
        "version": JSON_FEED_VERSION,
        "title": xml_text(feed.channel.title) or "Digest",
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url("json"),
        "description": xml_text(feed.channel.description),
        "language": config.language,
        "authors": [{"name": xml_text(config.author or config.title) or "Digest"}],
        "items": [_json_item(item) for item in feed.items],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class Format(NamedTuple):
    name: str  # "rss", "atom" or "json": Urls.feed maps it to the file name
    mime: str
    serialise: Callable[[Feed], bytes]


def rss_feed(feed: Feed) -> bytes:
    return _feedgen(feed, "rss", "application/rss+xml").rss_str(pretty=True)


def atom_feed(feed: Feed) -> bytes:
    return _feedgen(feed, "atom", "application/atom+xml").atom_str(pretty=True)


FORMATS = (
    Format("rss", "application/rss+xml", rss_feed),
    Format("atom", "application/atom+xml", atom_feed),
    Format("json", "application/feed+json", json_feed),
)


def newest_entries(channel: Channel, config: Config) -> list[Entry]:
    """The channel's entries newest first, at most config.feed_length of them (entries of one date in channel
    order: the sort is stable)."""
    return sorted(channel.entries(), key=lambda entry: entry.when, reverse=True)[: config.feed_length]


def ready(channel: Channel, config: Config, newest: list[Entry] | None = None) -> Feed:
    """The channel's newest items (of `newest`, its `newest_entries` when given), ready to serialise."""
    entries = newest_entries(channel, config) if newest is None else newest
    return Feed(channel, tuple(entry.make() for entry in entries), Urls(config.site_url).absolute(channel.folder),
                config)


def build_feeds(digest: Digest, config: Config, memo: PageMemo | None = None,
                kept: AbstractSet[str] = frozenset()) -> Iterator[tuple[str, bytes | Unchanged]]:
    """Every feed as (output path relative to output/, bytes). With a memo, a feed whose entries and channel are
    what the last build wrote comes back `Unchanged` (see generator.memo): one edited article touches the feeds
    that carry it, not the hundreds of topics', sections' and speakers'. `kept`: the files the memo keeps unseen
    (`PageMemo.plan`): a channel whose three feeds are among them lists no entries and makes no item."""
    source = FeedSource(digest, config, time_zone(config.timezone), Urls(config.site_url))
    for article in digest.articles:
        source.when(article)  # every date read, and one that cannot be read reported, whichever feeds are kept
    for kind in FEED_KINDS:
        for channel in kind(source):
            paths = [Urls.feed(channel.folder, fmt.name) for fmt in FORMATS]
            if memo is not None and all(path in kept for path in paths):
                for fmt, path in zip(FORMATS, paths):
                    yield path, memo.keep(path, partial(_serialised, fmt, partial(ready, channel, config)))
                continue
            newest = newest_entries(channel, config)
            # What serialising reads: the items of the newest entries (named by what each is made of, so that items
            # are made only for the feeds written), not the channel's whole list; the settings are in the salt.
            made_of = [entry.made_of for entry in newest]
            parts = (channel.folder, channel.title, channel.description, made_of, source.urls.absolute(channel.folder))
            feed = cache(partial(ready, channel, config, newest))  # made once for the three formats
            for fmt, path in zip(FORMATS, paths):
                yield path, produce(memo, path, (fmt.name, parts), partial(_serialised, fmt, feed), keepable=True)


def _serialised(fmt: Format, feed: Callable[[], Feed]) -> bytes:
    return fmt.serialise(feed())
