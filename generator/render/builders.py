"""Which HTML pages the site has: one builder per kind of page, each yielding `Page`s (path, template, context)."""

from __future__ import annotations

import logging
import re
from functools import partial
from itertools import chain, groupby
from typing import Collection, Iterable, Iterator, Mapping

from ..models import Article, Digest, Quote, Speaker
from ..frame import quote_place, quote_places
from ..page_bodies import PageBodies
from ..search_shards import bundle_folders, shard_count, shard_of
from ..text import display_quote
from ..timeline import merged_timeline
from .editions import edition_pages
from .article_body import article_body_html
from .views import (
    ArchiveMonth, ArchiveYear, Built, Card, Group, Kept, Page, PageContext, PersonView, QuoteView, Site, TimelineEntry,
    calendar_parts, date_label, feed_links, lastmod, page_title, paginate,
)

log = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\n---[ \t]*\r?\n", re.DOTALL)
RELATED_LIMIT = 5


def _newest(articles: Iterable[Article]) -> str | None:
    return max((m for m in (lastmod(a.published) for a in articles) if m), default=None)


def _home_order(digest: Digest) -> list[Article]:
    """Articles topic by topic, newest topic first; articles outside every topic last."""
    grouped = [digest.article(s) for t in digest.topics for s in t.article_slugs]
    seen = {a.slug for a in grouped}
    return grouped + [a for a in digest.articles if a.slug not in seen]


def _home_pages(site: Site) -> Iterator[Built]:
    for folder, chunk, pagination in paginate(site.urls, _home_order(site.digest), site.config.items_per_page, ""):
        if site.skips(folder + "index.html"):
            yield Kept(folder + "index.html")
            continue
        cards = [site.card(a) for a in chunk]
        groups = [Group(topic, tuple(items)) for topic, items in groupby(cards, key=lambda c: c.topic)]
        title = page_title(site.config.title, pagination.current)
        context = site.context(folder, title, section="home", groups=groups, pagination=pagination)
        yield Page(folder + "index.html", "index.html", context, _newest(chunk))


def article_pages(site: Site, bodies: PageBodies, only: Collection[str] | None = None) -> Iterator[Built]:
    """The article pages, or only those of the slugs in `only`. Each page's body is fetched only when the page is
    rendered (a page kept from the last build never reads it): its fingerprint names the body by `bodies.read`.
    The whole site's go search shard by shard (`search_shards`), so each shard's index is made while the next
    shard's pages render (generator.search.SiteIndexer); the shards with a page to make first, so that on a rebuild
    the one shard an edit touches is indexed while every kept page is gone through, not after."""
    articles = site.digest.articles if only is None else [site.digest.article(slug) for slug in only]
    path = {a.slug: site.urls.article_dir(a.slug) + "index.html" for a in articles}
    kept = {slug for slug, page in path.items() if site.skips(page)}
    if only is None:
        count = shard_count(len(articles))
        shard = {a.slug: shard_of(a.slug, count) for a in articles}
        touched = {shard[slug] for slug in path if slug not in kept}
        articles = sorted(articles, key=lambda a: (shard[a.slug] not in touched, shard[a.slug]))  # newest first in each
    wanted = set(path) - kept if only is not None or kept else None
    people_of: dict[str, list[PersonView]] = {}
    for speaker in site.digest.speakers:
        for slug in dict.fromkeys(s for s, _ in speaker.quotes):
            if wanted is None or slug in wanted:
                people_of.setdefault(slug, []).append(site.person_view(speaker))
    for article in articles:
        if article.slug in kept:
            yield Kept(path[article.slug])  # in shard order still: the search index is made shard by shard
            continue
        card = site.card(article)
        topic = site.digest.topic_of(article)
        # The first few other slugs of the topic only: a story of thousands of reports needs no card for each.
        siblings = [s for s in topic.article_slugs[: RELATED_LIMIT + 1] if s != article.slug] if topic else []
        related = [site.card(site.digest.article(s)) for s in siblings[:RELATED_LIMIT]]
        people = people_of.get(article.slug, [])
        # The context is made only when the page is rendered: it is made of the article (named by the token, as its
        # body is), its card, its people, its related cards and the theme's social image (`_article_context`).
        yield Page(path[article.slug], "article.html",
                   partial(_article_context, site, bodies, article, card, people, related),
                   lastmod(article.published), token=(bodies.read(article.source_path), article),
                   made_of=(card, people, related, site.social_image))


def _article_context(site: Site, bodies: PageBodies, article: Article, card: Card, people: list[PersonView],
                     related: list[Card]) -> PageContext:
    """An article page's context, from exactly what its Page's `made_of` and token name (and the settings)."""
    context = site.context(site.urls.article_dir(article.slug), article.title, card.summary, og_type="article",
                           article=card, topic=card.topic, people=people, related=related, deferred_json_ld=True)
    # The JSON-LD is made from the article, the settings, and the canonical URL and description just made.
    json_ld = site.article_json_ld(article, context["canonical"], context["description"])
    return {**context, **_article_body(bodies, article), "json_ld": json_ld}  # type: ignore[typeddict-item]


def _article_body(bodies: PageBodies, article: Article) -> dict[str, object]:
    """The context entries made from the article's page body: the body as HTML, and whether it brings a headline."""
    text = bodies.get(article.source_path)
    body = _FRONT_MATTER.sub("", text.body if text else "", count=1)  # a whole page is fine too
    if not body:
        log.warning("%s: no summary page; showing the extracted summary only", article.source_path)
    return {"body_html": (text.body_html if text and text.body_html else None) or article_body_html(body),
            "show_title": not body.lstrip().startswith("# ")}


def topic_timeline(cards: Mapping[str, Card], articles: Iterable[Article]) -> list[TimelineEntry]:
    """The topic's merged timeline (see generator.timeline) as view entries linking to their articles."""
    return [TimelineEntry(e.value, date_label(e.value) or e.value, e.expression, e.text, cards[e.article_slug])
            for e in merged_timeline(articles)]


def _topic_pages(site: Site) -> Iterator[Built]:
    views = [site.topic_view(t) for t in site.digest.topics]
    if site.skips("topics/index.html"):
        yield Kept("topics/index.html")
    else:
        description = f"All {len(views)} topics of {site.config.title}."
        sections = [site.section_view(sec) for sec in site.digest.sections]
        context = site.context("topics/", "Topics", description, section="topics", topics=views, sections=sections)
        yield Page("topics/index.html", "topics.html", context, _newest(site.digest.articles))
    for topic, view in zip(site.digest.topics, views):
        first = site.urls.topic_dir(topic.slug)
        articles = site.digest.articles_in(topic)
        follow = feed_links(site.urls, first, topic.label)
        # A story of thousands of reports is pages of items_per_page, newest first, each with the merged timeline of
        # its own reports (one page of them all was 3.1 MB for the biggest story of 10,000 articles).
        for folder, chunk, pagination in paginate(site.urls, articles, site.config.items_per_page, first):
            if site.skips(folder + "index.html"):
                yield Kept(folder + "index.html")
                continue
            context = site.context(
                folder, page_title(topic.label, pagination.current), f"{len(articles)} articles about {topic.label}.",
                section="topics", extra_feeds=follow, follow=follow, topic=view, pagination=pagination,
            )
            # The cards and the merged timeline are made from the page's articles alone, and the timeline is costly:
            # they are made only when those articles changed.
            yield Page(folder + "index.html", "topic.html", context, _newest(chunk),
                       partial(_topic_story, site, chunk), tuple(chunk))


def _topic_story(site: Site, articles: list[Article]) -> dict[str, object]:
    cards = {a.slug: site.card(a) for a in articles}
    return {"cards": list(cards.values()), "timeline": topic_timeline(cards, articles)}


def _section_pages(site: Site) -> Iterator[Built]:
    for section in site.digest.sections:
        folder = site.urls.section_dir(section.slug)
        if site.skips(folder + "index.html"):
            yield Kept(folder + "index.html")
            continue
        view = site.section_view(section)
        articles = site.digest.articles_in_section(section)
        follow = feed_links(site.urls, folder, section.label)
        context = site.context(
            folder, section.label, f"{view.count} articles in {len(view.topics)} topics about {section.label}.",
            section="topics", extra_feeds=follow, follow=follow, section_view=view,
            cards=[site.card(a) for a in articles[: site.config.items_per_page]],
        )
        yield Page(folder + "index.html", "section.html", context, _newest(articles))


def _people_pages(site: Site) -> Iterator[Built]:
    speakers = sorted(site.digest.speakers, key=lambda s: (-len(s.quotes), s.name.casefold()))
    if site.skips("people/index.html"):
        yield Kept("people/index.html")
    else:
        context = site.context("people/", "People", "Everyone quoted, with their words.", section="people",
                               people=[site.person_view(s) for s in speakers])
        yield Page("people/index.html", "people.html", context, _newest(site.digest.articles))
    # A person quoted thousands of times is pages of items_per_page quotes, newest first
    pages = {s.slug: list(paginate(site.urls, s.quotes, site.config.items_per_page, site.urls.person_dir(s.slug)))
             for s in speakers}
    # The cards and the places of the quotes of the pages made only: one edit keeps most of them, and a person
    # quoted in a thousand articles has one page of them made when one of those articles changes
    quoting = {slug for chunks in pages.values() for folder, chunk, _ in chunks
               if not site.skips(folder + "index.html") for slug, _ in chunk}
    quoted_articles = [a for a in site.digest.articles if a.slug in quoting]
    cards = {a.slug: site.card(a) for a in quoted_articles}
    places = quote_places(quoted_articles)
    for speaker in speakers:
        follow = feed_links(site.urls, site.urls.person_dir(speaker.slug), speaker.name)
        for folder, chunk, pagination in pages[speaker.slug]:
            if site.skips(folder + "index.html"):
                yield Kept(folder + "index.html")
                continue
            quoted = [(slug, q) for slug, q in chunk if slug in cards]
            context = site.context(
                folder, page_title(speaker.name, pagination.current),
                f"What {speaker.name} said: {len(speaker.quotes)} quotes.", section="people",
                extra_feeds=follow, follow=follow, person=site.person_view(speaker), pagination=pagination,
            )
            articles = [site.digest.article(slug) for slug in dict.fromkeys(s for s, _ in quoted)]
            # The quotes' views are made when the page is rendered; the fingerprint names each quote by its article
            # (named by its fields' hash, with its card) and its place among the article's quotes.
            token = (speaker.name, articles, [cards[a.slug] for a in articles],
                     [(slug, quote_place(places, slug, q)) for slug, q in quoted])
            yield Page(folder + "index.html", "person.html", context, _newest(articles),
                       partial(_person_quotes, speaker, quoted, cards), token)


def _person_quotes(speaker: Speaker, quoted: list[tuple[str, Quote]], cards: Mapping[str, Card]) -> dict[str, object]:
    return {"quotes": [QuoteView(display_quote(q.text), q.speaker or speaker.name, q.speaker_role, cards[slug])
                       for slug, q in quoted]}


def _archive_years(site: Site) -> tuple[dict[str, list[Article]], dict[tuple[str, str], list[Article]]]:
    years: dict[str, list[Article]] = {}
    months: dict[tuple[str, str], list[Article]] = {}
    for article in site.digest.articles:
        parts = calendar_parts(article.published)
        if parts:
            years.setdefault(parts[0], []).append(article)
            if parts[1]:
                months.setdefault((parts[0], parts[1]), []).append(article)
    return years, months


def _archive_pages(site: Site) -> Iterator[Built]:
    urls = site.urls
    years, months = _archive_years(site)
    if site.skips("archive/index.html"):
        yield Kept("archive/index.html")
    else:
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
        heading = date_label("-".join(key)) or key[0]
        # A year of a big site is thousands of articles (~900 KB of cards a year at 10,000): pages of items_per_page
        for folder, chunk, pagination in paginate(urls, items, site.config.items_per_page, urls.archive_dir(*key)):
            if site.skips(folder + "index.html"):
                yield Kept(folder + "index.html")
                continue
            context = site.context(folder, page_title(heading, pagination.current), f"Articles from {heading}.",
                                   section="archive", heading=heading, cards=[site.card(a) for a in chunk],
                                   pagination=pagination)
            yield Page(folder + "index.html", "archive_list.html", context, _newest(chunk))


def _not_found(site: Site) -> Iterator[Built]:
    if site.skips("404.html"):
        yield Kept("404.html")
        return
    latest = [site.card(a) for a in site.digest.articles[:RELATED_LIMIT]]
    context = site.context("404.html", "Page not found", noindex=True, cards=latest)
    yield Page("404.html", "404.html", context, None)


def _search_page(site: Site) -> Iterator[Built]:
    # noindex: the page is an empty box until its script runs; the bundle it loads is built by generator.search.
    if not site.config.search:
        return
    if site.skips("search/index.html"):
        yield Kept("search/index.html")
        return
    # Every shard's bundle, the primary (which holds the UI) first: the page merges them (generator.search_shards).
    bundles = [site.urls.link(folder + "/") for folder in bundle_folders(a.slug for a in site.digest.articles)]
    context = site.context("search/", "Search", f"Search the articles of {site.config.title}.", section="search",
                           noindex=True, search_bundles=bundles)
    yield Page("search/index.html", "search.html", context, None)


def site_pages(site: Site, bodies: PageBodies) -> Iterator[Built]:
    """Every HTML page of the site: home, articles, topics, sections, people, archive, search, then the 404 page."""
    return chain(_home_pages(site), article_pages(site, bodies), _topic_pages(site),
                 _section_pages(site), _people_pages(site), _archive_pages(site), edition_pages(site),
                 _search_page(site), _not_found(site))
