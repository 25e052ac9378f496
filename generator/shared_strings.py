"""One string object per distinct value across the articles a build holds.

Unpickled articles bring their own copy of every string: at 10,000 articles there are ~890,000 string objects
among their quotes, dates, entities and summaries but only ~180,000 distinct values (a date's sentence is repeated
for each date it holds, "2006" and a place's name in thousands of articles), 81 MB against 33 MB. `SharedStrings`
rebuilds an article's small values over one table, so equal strings are one object. Output cannot change: the
values are equal, and page fingerprints pickle without back-references (generator.memo), so sharing is invisible.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from .models import Article, DateMention, Quote


class SharedStrings:
    """A table of strings seen so far; `article` gives an article whose strings come from it."""

    def __init__(self) -> None:
        self._table: dict[str, str] = {}

    def one(self, value: str | None) -> str | None:
        return None if value is None else self._table.setdefault(value, value)

    def _all(self, values: Iterable[str]) -> tuple[str, ...]:
        table = self._table
        return tuple(table.setdefault(v, v) for v in values)

    def article(self, article: Article) -> Article:
        """The article with its quotes, dates, entities and short fields over the shared table."""
        one = self.one
        quotes = tuple(Quote(q.text, one(q.speaker), one(q.speaker_role), q.key, q.paragraph) for q in article.quotes)
        dates = tuple(DateMention(one(d.text), one(d.value), one(d.sentence), d.type)  # type: ignore[arg-type]
                      for d in article.dates)
        return replace(article, source=one(article.source), author=one(article.author),
                       dateline=one(article.dateline), published=one(article.published), quotes=quotes, dates=dates,
                       people=self._all(article.people), places=self._all(article.places),
                       organizations=self._all(article.organizations), keywords=self._all(article.keywords))
