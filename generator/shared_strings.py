"""One string object per distinct value across the articles a build holds.

Unpickled articles bring their own copy of every string: at 10,000 articles there are ~890,000 string objects
among their quotes, dates, entities and summaries but only ~180,000 distinct values (a date's sentence is repeated
for each date it holds, "2006" and a place's name in thousands of articles), 81 MB against 33 MB. `SharedStrings`
points an article's small values at one table, so equal strings are one object. Output cannot change: the
values are equal, and page fingerprints pickle without back-references (generator.memo), so sharing is invisible.
"""

from __future__ import annotations

from .models import Article

_QUOTE_FIELDS = ("speaker", "speaker_role")
_DATE_FIELDS = ("text", "value", "sentence")
_SHORT_FIELDS = ("source", "author", "dateline", "published")
_LIST_FIELDS = ("people", "places", "organizations", "keywords")


class SharedStrings:
    """A table of strings seen so far; `adopt` points an article's strings at it."""

    def __init__(self) -> None:
        self._table: dict[str, str] = {}

    def adopt(self, article: Article, slug: str, mtime: float) -> Article:
        """`article`, just unpickled and held by nothing else, with its quotes' speakers, its dates, entities and
        short fields swapped for the table's equal strings, and the slug and mtime the build gave it.

        Done in place, with object.__setattr__ although they are frozen dataclasses: nothing else can see them
        yet, and building new quotes, dates and articles through their frozen __init__ took 2.5 s of a
        10,000-article rebuild, in place about 0.5 s. (Not through __dict__, which would give each object a dict of its
        own: twice its memory, see models.pickled_by_fields.)"""
        share, assign = self._table.setdefault, object.__setattr__
        groups = ((article.quotes, _QUOTE_FIELDS), (article.dates, _DATE_FIELDS), ((article,), _SHORT_FIELDS))
        for objects, names in groups:
            for item in objects:
                for name in names:
                    value = getattr(item, name)
                    if value is not None:
                        assign(item, name, share(value, value))
        for name in _LIST_FIELDS:
            assign(article, name, tuple([share(value, value) for value in getattr(article, name)]))
        assign(article, "slug", slug)
        assign(article, "mtime", mtime)
        return article
