"""Edition pages: editions/ (every edition, newest first, paginated) and editions/<key>/ (one edition, read whole).

The grouping is `generator.editions`; this module turns it into views with their links resolved. The setting
`editions = "none"` builds neither.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Iterator, Sequence

from ..editions import Edition, day_label, group_editions, site_zone
from ..text import MONTHS, display_quote
from .views import (
    Built, EditionGroup, EditionLink, EditionStory, EditionView, Kept, Page, QuoteView, Site, feed_links, lastmod,
    page_title, paginate,
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


def _inputs(site: Site, edition: Edition) -> tuple[object, ...]:
    """Everything `edition_view` reads, cheap to fingerprint: the articles (named by their fields' hashes) and their
    cards (hashed once a build), the topics as listed, and what a person's link shows. A page names its views by
    these, so the views of the 500 editions of a 10,000-article site are made only for the pages rendered."""
    groups = tuple((site.topic_view(g.topic) if g.topic else None, g.articles, tuple(site.card(a) for a in g.articles))
                   for g in edition.topics)
    people = tuple((s.slug, s.name, len(s.quotes), s.roles) for s in edition.speakers)
    return edition.key, edition.label, edition.start, edition.end, edition.topic_count, groups, people


def _with_neighbours(site: Site, view: EditionView, older: Edition | None, newer: Edition | None) -> EditionView:
    """The view linked to the edition before it (older) and after it (newer)."""
    return replace(view, older=_link(site, older), newer=_link(site, newer))


def _link(site: Site, edition: Edition | None) -> EditionLink | None:
    return EditionLink(edition.label, site.urls.link(site.urls.edition_dir(edition.key))) if edition else None


def _index_pages(site: Site, editions: Sequence[Edition], mode: str) -> Iterator[Built]:
    follow = feed_links(site.urls, site.urls.edition_dir(), "Editions")
    indexes = range(len(editions))
    for folder, chunk, pagination in paginate(site.urls, indexes, site.config.items_per_page, site.urls.edition_dir()):
        if site.skips(folder + "index.html"):
            yield Kept(folder + "index.html")
            continue
        title = page_title("Editions", pagination.current)
        description = f"{site.config.title}, read edition by edition: {_plural(len(editions), 'edition')}."
        context = site.context(folder, title, description, section="editions", extra_feeds=follow, follow=follow,
                               pagination=pagination)
        listed = [editions[i] for i in chunk]
        newest = max((lastmod(a.published) or "" for edition in listed for a in edition.articles), default="")
        fill = partial(_listed_views, site, listed, mode)
        yield Page(folder + "index.html", "editions.html", context, newest or None, fill,
                   tuple(_inputs(site, edition) for edition in listed))


def _listed_views(site: Site, editions: Sequence[Edition], mode: str) -> dict[str, object]:
    return {"editions": [edition_view(site, edition, mode) for edition in editions]}


def _edition_view(site: Site, edition: Edition, mode: str, older: Edition | None,
                  newer: Edition | None) -> dict[str, object]:
    return {"edition": _with_neighbours(site, edition_view(site, edition, mode), older, newer)}


def edition_pages(site: Site) -> Iterator[Built]:
    """The editions list and one page per edition; nothing when the site's `editions` setting is 'none'.
    Each page's views are made when it is rendered (`Page.fill`), its fingerprint naming them by `_inputs`."""
    mode = site.config.editions
    if mode not in KINDS:
        return
    editions = group_editions(site.digest, "daily" if mode == "daily" else "weekly", site_zone(site.config.timezone))
    yield from _index_pages(site, editions, mode)
    follow = feed_links(site.urls, site.urls.edition_dir(), "Editions")
    for i, edition in enumerate(editions):
        folder = site.urls.edition_dir(edition.key)
        if site.skips(folder + "index.html"):
            yield Kept(folder + "index.html")
            continue
        older = editions[i + 1] if i + 1 < len(editions) else None  # newest first
        newer = editions[i - 1] if i > 0 else None
        topics = " ".join(g.topic.label + "." for g in edition.topics if g.topic)
        description = f"{edition.label}: {_lead(edition)}. " + topics
        context = site.context(folder, edition.label, description, section="editions", extra_feeds=follow,
                               follow=follow)
        neighbours = tuple((e.key, e.label) if e else None for e in (older, newer))
        yield Page(folder + "index.html", "edition.html", context,
                   max((m for m in (lastmod(a.published) for a in edition.articles) if m), default=None),
                   partial(_edition_view, site, edition, mode, older, newer), (_inputs(site, edition), neighbours))
