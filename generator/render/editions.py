"""Edition pages: editions/ (every edition, newest first, paginated) and editions/<key>/ (one edition, read whole).

The grouping is `generator.editions`; this module turns it into views with their links resolved. The setting
`editions = "none"` builds neither.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Sequence

from ..editions import Edition, day_label, group_editions, site_zone
from ..text import MONTHS, display_quote
from .views import (
    EditionGroup, EditionLink, EditionStory, EditionView, Page, QuoteView, Site, feed_links, lastmod, paginate,
)

KINDS = {"weekly": "Weekly edition", "daily": "Daily edition"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _date_range(edition: Edition) -> str:
    """'28 November 2006', '27 November – 3 December 2006', '29 December 2008 – 4 January 2009'."""
    start, end = edition.start, edition.end
    if start == end:
        return day_label(start)
    if start.year != end.year:
        return f"{day_label(start)} – {day_label(end)}"
    first = f"{start.day}" if start.month == end.month else f"{start.day} {MONTHS[start.month - 1]}"
    return f"{first} – {day_label(end)}"


def _lead(edition: Edition) -> str:
    count = len(edition.articles)
    stories = f"{count} {'story' if count == 1 else 'stories'}"
    topics = edition.topic_count
    return f"{stories} in {_plural(topics, 'topic')}" if topics else stories


def edition_view(site: Site, edition: Edition, mode: str) -> EditionView:
    """An edition as shown: topic by topic, each story with its card and key quotes, links resolved."""
    urls = site.urls
    groups = []
    for group in edition.topics:
        stories = []
        for article in group.articles:
            card = site.card(article)
            quotes = tuple(QuoteView(display_quote(q.text), q.speaker, q.speaker_role, card)
                           for q in article.key_quotes)
            stories.append(EditionStory(card, quotes))
        groups.append(EditionGroup(site.topic_view(group.topic) if group.topic else None, tuple(stories)))
    return EditionView(
        key=edition.key, label=edition.label, url=urls.link(urls.edition_dir(edition.key)), kind=KINDS[mode],
        start=edition.start.isoformat(), end=edition.end.isoformat(), dates=_date_range(edition), lead=_lead(edition),
        people=tuple(site.person_view(s) for s in edition.speakers), groups=tuple(groups),
    )


def _with_neighbours(views: Sequence[EditionView], i: int) -> EditionView:
    """The view at `i` (newest first) linked to the edition before it (older) and after it (newer)."""
    older = views[i + 1] if i + 1 < len(views) else None
    newer = views[i - 1] if i > 0 else None
    return replace(views[i], older=EditionLink(older.label, older.url) if older else None,
                   newer=EditionLink(newer.label, newer.url) if newer else None)


def _index_pages(site: Site, views: Sequence[EditionView], editions: Sequence[Edition]) -> Iterator[Page]:
    follow = feed_links(site.urls, site.urls.edition_dir(), "Editions")
    indexes = range(len(views))
    for folder, chunk, pagination in paginate(site.urls, indexes, site.config.items_per_page, site.urls.edition_dir()):
        n = pagination.current
        title = "Editions" if n == 1 else f"Editions, page {n}"
        description = f"{site.config.title}, read edition by edition: {_plural(len(views), 'edition')}."
        context = site.context(folder, title, description, section="editions", extra_feeds=follow, follow=follow,
                               editions=[views[i] for i in chunk], pagination=pagination)
        newest = max((lastmod(a.published) or "" for i in chunk for a in editions[i].articles), default="")
        yield Page(folder + "index.html", "editions.html", context, newest or None)


def edition_pages(site: Site) -> Iterator[Page]:
    """The editions list and one page per edition; nothing when the site's `editions` setting is 'none'."""
    mode = site.config.editions
    if mode not in KINDS:
        return
    editions = group_editions(site.digest, "daily" if mode == "daily" else "weekly", site_zone(site.config.timezone))
    views = [edition_view(site, e, mode) for e in editions]
    yield from _index_pages(site, views, editions)
    follow = feed_links(site.urls, site.urls.edition_dir(), "Editions")
    for i, edition in enumerate(editions):
        view = _with_neighbours(views, i)
        description = f"{view.label}: {view.lead}. " + " ".join(g.topic.label + "." for g in view.groups if g.topic)
        folder = site.urls.edition_dir(edition.key)
        context = site.context(folder, view.label, description, section="editions", extra_feeds=follow,
                               follow=follow, edition=view)
        yield Page(folder + "index.html", "edition.html", context,
                   max((m for m in (lastmod(a.published) for a in edition.articles) if m), default=None))
