"""RSS 2.0 and Atom feeds with feedgen: one for the site, one per topic, per section and per quoted speaker.

`FEED_KINDS` lists where channels come from and `FORMATS` the two formats; `build_feeds` crosses the two tables,
so adding a kind of feed is one function and one table entry. Item GUIDs and Atom ids are the article's absolute
permalink, so they stay the same between rebuilds of the same content.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Callable, Iterable, Iterator, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feedgen.feed import FeedGenerator

from .config import Config
from .models import Article, Digest
from .text import display_quote
from .urls import Urls

log = logging.getLogger(__name__)

# Characters XML 1.0 forbids (lxml refuses them), and lone surrogates that cannot be encoded.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
# A feed with no items still needs an updated date; a fixed one keeps rebuilds byte-identical.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)


class Format(NamedTuple):
    name: str  # "rss" or "atom": Urls.feed maps it to the file name
    mime: str
    serialise: Callable[[FeedGenerator], bytes]


FORMATS = (
    Format("rss", "application/rss+xml", lambda fg: fg.rss_str(pretty=True)),
    Format("atom", "application/atom+xml", lambda fg: fg.atom_str(pretty=True)),
)


@dataclass(frozen=True)
class Channel:
    """One feed's subject: where it is written, what it is called, which articles it carries (newest first)."""

    folder: str  # output folder of the feed files and of the HTML page they mirror; '' for the site
    title: str
    description: str
    articles: tuple[Article, ...]


def _site_channels(digest: Digest, config: Config) -> Iterator[Channel]:
    yield Channel("", config.title, config.description, digest.articles)


def _topic_channels(digest: Digest, config: Config) -> Iterator[Channel]:
    for topic in digest.topics:
        description = f"Articles about {topic.label} from {config.title}."
        yield Channel(Urls.topic_dir(topic.slug), f"{topic.label} · {config.title}", description,
                      digest.articles_in(topic))


def _section_channels(digest: Digest, config: Config) -> Iterator[Channel]:
    for section in digest.sections:
        description = f"Articles in {section.label} from {config.title}."
        yield Channel(Urls.section_dir(section.slug), f"{section.label} · {config.title}", description,
                      digest.articles_in_section(section))


def _speaker_channels(digest: Digest, config: Config) -> Iterator[Channel]:
    known = {a.slug for a in digest.articles}
    for speaker in digest.speakers:
        slugs = dict.fromkeys(slug for slug, _ in speaker.quotes if slug in known)
        description = f"Articles quoting {speaker.name}, from {config.title}."
        yield Channel(Urls.person_dir(speaker.slug), f"{speaker.name} · {config.title}", description,
                      tuple(digest.article(s) for s in slugs))


FEED_KINDS: tuple[Callable[[Digest, Config], Iterable[Channel]], ...] = (
    _site_channels,
    _topic_channels,
    _section_channels,
    _speaker_channels,
)


def xml_text(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", text)


def time_zone(name: str) -> tzinfo:
    """The configured zone, or UTC (with a warning) when the name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown timezone %r; using UTC for dates without a time zone", name)
        return timezone.utc


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


def item_html(article: Article) -> str:
    """The item's content: the summary, then the key quotes with their speakers, as escaped HTML."""
    parts = [f"<p>{html.escape(' '.join(article.summary), quote=False)}</p>"] if article.summary else []
    for quote in article.key_quotes:
        who = html.escape(quote.speaker or "Unattributed", quote=False)
        if quote.speaker_role:
            who += ", " + html.escape(quote.speaker_role, quote=False)
        parts.append(f"<blockquote><p>“{html.escape(display_quote(quote.text), quote=False)}”</p></blockquote><p>— {who}</p>")
    return xml_text("\n".join(parts))


def _add_item(fg: FeedGenerator, article: Article, when: datetime, urls: Urls) -> None:
    permalink = urls.absolute(urls.article_dir(article.slug))
    entry = fg.add_entry(order="append")
    entry.guid(permalink, permalink=True)  # also the Atom id
    entry.title(xml_text(article.title).strip() or article.slug)
    entry.link(href=permalink, rel="alternate")
    content = item_html(article)
    if content:
        entry.summary(content, type="html")  # Atom summary, and the RSS description
    entry.published(when)
    entry.updated(when)
    if article.author:
        entry.author(name=xml_text(article.author))


def channel_feed(channel: Channel, fmt: Format, config: Config, zone: tzinfo) -> bytes:
    """One channel serialised in one format: newest first, at most config.feed_length items."""
    urls = Urls(config.site_url)
    dated = sorted(((item_date(a, zone), a) for a in channel.articles), key=lambda pair: pair[0], reverse=True)
    dated = dated[: config.feed_length]
    fg = FeedGenerator()
    fg.id(urls.absolute(channel.folder))
    fg.title(xml_text(channel.title) or "Digest")
    fg.description(xml_text(channel.description) or xml_text(channel.title) or "Digest")
    fg.link(href=urls.absolute(urls.feed(channel.folder, fmt.name)), rel="self", type=fmt.mime)
    fg.link(href=urls.absolute(channel.folder), rel="alternate")  # last: feedgen makes it the RSS channel link
    fg.language(config.language)
    fg.author({"name": xml_text(config.author or config.title) or "Digest"})  # Atom requires a feed author
    fg.generator("digest")
    fg.updated(dated[0][0] if dated else EMPTY_FEED_DATE)
    for when, article in dated:
        _add_item(fg, article, when, urls)
    return fmt.serialise(fg)


def build_feeds(digest: Digest, config: Config) -> Iterator[tuple[str, bytes]]:
    """Every feed as (output path relative to output/, XML bytes)."""
    zone = time_zone(config.timezone)
    for kind in FEED_KINDS:
        for channel in kind(digest, config):
            for fmt in FORMATS:
                yield Urls.feed(channel.folder, fmt.name), channel_feed(channel, fmt, config, zone)
