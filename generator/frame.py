"""The frame of a digest: all of it a page of the site may show besides the articles and cards the page names.

A page (HTML or Markdown) is made of three things: the settings and the theme (the page memo's salt), the articles
and cards its parts name (the memo fingerprints each by its token: an article by the hash of its fields, slug and,
undated, its file time; its body, on its own pages, by its cache key; a card by its article's token and its
topic's view), and the rest of the digest: which articles
there are, in which order and with which dates (the home page's order, the archive's months, the editions' weeks,
a page's last-modified date), the topics and sections (their labels, keywords and members: every card shows its
topic), and who is quoted where (the people pages and their counts, an article's people, an edition's). That rest
is the frame. When a build's frame fingerprints as the last build's, a page that named no changed article is the
page the last build made, and is kept without making its parts (`PageMemo.plan`); one edit that moves no article,
topic or quote between pages makes again only the pages that show the edited article.

A leaf over the models: nothing here renders, so anything a page reads must be named here or through its articles.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from .models import Article, Digest, Quote

QuotePlaces = Mapping[int, tuple[str, int]]  # id of a quote object -> its article's slug and its index there


def digest_frame(digest: Digest) -> tuple[object, ...]:
    """The frame's parts, for `PageMemo.plan` to fingerprint. A quote is named by its article and its place among the
    article's quotes: what it says is the article's (its token), whom it is filed under is the frame's."""
    places = quote_places(digest.articles)
    articles = [(a.slug, a.source_path, a.published, None if a.published else a.mtime) for a in digest.articles]
    speakers = [(s.slug, s.name, s.roles, [(slug, quote_place(places, slug, q)) for slug, q in s.quotes])
                for s in digest.speakers]
    return "frame", articles, digest.topics, digest.sections, speakers


def quote_places(articles: Iterable[Article]) -> dict[int, tuple[str, int]]:
    """Where each quote object of these articles stands: index_speakers files the articles' own quote objects, so a
    speaker's quote is found by identity."""
    return {id(q): (a.slug, i) for a in articles for i, q in enumerate(a.quotes)}


def quote_place(places: QuotePlaces, slug: str, quote: Quote) -> int | Quote:
    """The quote's index among the quotes of the article `slug` (from `quote_places`); the quote itself when that
    article does not hold it (a digest put together by hand)."""
    found = places.get(id(quote))
    return found[1] if found is not None and found[0] == slug else quote
