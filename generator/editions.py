"""Editions: the digest read by period, one edition per ISO week (Monday to Sunday) or per calendar day.

A leaf like `timeline`: pure functions over the Digest, shared by the edition pages (render) and the editions feed
(feeds), which may not import each other. Days are taken in the site's time zone, so an article stamped
'2006-11-27T23:30:00-08:00' belongs to Tuesday's edition of a site in Europe/London.

Only articles whose `published` value names a day take part. An article dated to a month or a year only (the
NYT seed's year is inferred from its text: '2011') cannot be placed in a week or on a day, so it is in no
edition; it still appears everywhere else on the site.
"""

from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cached_property
from typing import Iterable, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .models import Article, Digest, Speaker, Topic
from .text import MONTHS, calendar_parts

Period = Literal["weekly", "daily"]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class EditionTopic:
    """One topic's articles within an edition; `topic` None holds the articles outside every topic."""

    topic: Topic | None
    articles: tuple[Article, ...]  # newest first


class _QuoteCounts:
    """How many of its quotes each speaker of a digest has in each article, counted once, when first asked."""

    def __init__(self, speakers: tuple[Speaker, ...]) -> None:
        self._speakers = speakers
        self._counts: dict[str, Counter[int]] | None = None

    def speakers(self, articles: Iterable[Article]) -> tuple[Speaker, ...]:
        if self._counts is None:  # once: counting per edition over every speaker grows with their product
            self._counts = _quotes_by_article(self._speakers)
        return _speakers(self._speakers, articles, self._counts)


@dataclass(frozen=True)
class Edition:
    """The articles of one period, topic by topic."""

    key: str  # '2006-W48' or '2006-11-28': the edition's folder name and stable identity
    label: str  # 'Week of 27 November 2006' or 'Tuesday 28 November 2006'
    start: date
    end: date  # inclusive: the Sunday of a week, the day itself for a daily edition
    topics: tuple[EditionTopic, ...]  # the topic with the newest article first; articles outside topics last
    quotes: _QuoteCounts = field(compare=False, repr=False)  # the digest's, shared by its editions

    @cached_property
    def speakers(self) -> tuple[Speaker, ...]:
        """People quoted in the edition's articles, most quoted in it first, ties in the digest's order. Counted when
        a page asks: a rebuild makes an edition page or two, and counting for all 500 editions of a 10,000-article
        site was a twentieth of a second of every rebuild."""
        return self.quotes.speakers(self.articles)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for group in self.topics for a in group.articles)

    @property
    def topic_count(self) -> int:
        return sum(1 for group in self.topics if group.topic is not None)


def site_zone(name: str) -> tzinfo:
    """The named zone, or UTC when the name is unknown (config rejects unknown names; a hand-made Config may not)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def day_label(day: date) -> str:
    """'28 November 2006'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def published_day(article: Article, zone: tzinfo) -> date | None:
    """The calendar day the article was published on, in `zone`; None unless `published` names a day."""
    parts = calendar_parts(article.published)
    if not parts or not parts[1] or not parts[2]:
        return None
    value = (article.published or "").strip()
    try:
        stamp = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:  # '2006-02-31'
            return None
    # A time with an offset is an instant: its day depends on where the reader is. Without one, take it as given.
    return stamp.astimezone(zone).date() if stamp.tzinfo else stamp.date()


def period_of(day: date, period: Period) -> tuple[str, str, date, date]:
    """(key, label, first day, last day) of the edition holding `day`."""
    if period == "daily":
        return day.isoformat(), f"{WEEKDAYS[day.weekday()]} {day_label(day)}", day, day
    year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return f"{year}-W{week:02d}", f"Week of {day_label(monday)}", monday, monday + timedelta(days=6)


def _topic_groups(digest: Digest, articles: list[Article]) -> tuple[EditionTopic, ...]:
    """Articles (newest first) grouped by topic, in the order each topic's newest article appears."""
    groups: dict[str | None, list[Article]] = {}
    for article in articles:
        topic = digest.topic_of(article)
        groups.setdefault(topic.slug if topic else None, []).append(article)
    ordered = [EditionTopic(digest.topic(slug), tuple(items)) for slug, items in groups.items() if slug is not None]
    if None in groups:
        ordered.append(EditionTopic(None, tuple(groups[None])))
    return tuple(ordered)


def _quotes_by_article(speakers: tuple[Speaker, ...]) -> dict[str, Counter[int]]:
    """For each article slug, how many of its quotes each speaker (by index in `speakers`) has."""
    counts: dict[str, Counter[int]] = {}
    for index, speaker in enumerate(speakers):
        for slug, _quote in speaker.quotes:
            counted = counts.get(slug)
            if counted is None:  # not setdefault(slug, Counter()): that makes a Counter for every quote
                counted = counts[slug] = Counter()
            counted[index] += 1
    return counts


def _speakers(speakers: tuple[Speaker, ...], articles: Iterable[Article],
              quotes: dict[str, Counter[int]]) -> tuple[Speaker, ...]:
    """The people quoted in these articles, most quoted first, ties in the order of `speakers` (the digest's)."""
    counted: Counter[int] = Counter()
    for article in articles:
        counted.update(quotes.get(article.slug, {}))
    return tuple(speakers[i] for i, _n in sorted(counted.items(), key=lambda c: (-c[1], c[0])))


# The last grouping made, by the digest it was made from (held weakly): a build asks twice, for the edition pages
# and for the editions feed, and each pass reads every article and speaker.
_LAST: tuple[weakref.ref[Digest], Period, tzinfo, tuple[Edition, ...]] | None = None


def group_editions(digest: Digest, period: Period, zone: tzinfo) -> tuple[Edition, ...]:
    """The digest's editions, newest first; each edition's articles keep the digest's newest-first order."""
    global _LAST
    if _LAST is not None and _LAST[0]() is digest and _LAST[1] == period and _LAST[2] == zone:
        return _LAST[3]
    editions = _grouped(digest, period, zone)
    _LAST = (weakref.ref(digest), period, zone, editions)
    return editions


def _grouped(digest: Digest, period: Period, zone: tzinfo) -> tuple[Edition, ...]:
    periods: dict[tuple[str, str, date, date], list[tuple[date, int, Article]]] = {}
    for index, article in enumerate(digest.articles):
        day = published_day(article, zone)
        if day is not None:
            periods.setdefault(period_of(day, period), []).append((day, index, article))
    editions = []
    quotes = _QuoteCounts(digest.speakers)
    for (key, label, start, end), dated in sorted(periods.items(), key=lambda item: item[0][2], reverse=True):
        # Newest day first; within a day the digest's order, which knows times of day the day alone does not.
        articles = [a for _, _, a in sorted(dated, key=lambda d: (-d[0].toordinal(), d[1]))]
        editions.append(Edition(key, label, start, end, _topic_groups(digest, articles), quotes))
    return tuple(editions)
