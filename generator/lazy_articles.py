"""Articles whose summary and dated sentences stay in the cache until a page reads them.

A rebuild after one edit shows few articles on the pages it makes (the edited article's page, its topic's, the
home page's), yet grouping, the frame and the speakers index read every article: their titles, dates, entities
and quotes, never their summaries or the sentences around their dates. Those two fields are most of a block-less
article's objects. So a rebuild holds each article's grouping view (generator.grouping_view) with its quotes
(kept by the last build in shards: `full_build._whole`) as a `LazyArticle`, which reads its whole self from the
cache the first time its summary or dates are asked for.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Callable

from .models import Article, Quote

_LAZY = frozenset(("summary", "dates"))
_FROM_VIEW = tuple(f.name for f in fields(Article) if f.name not in _LAZY and f.name != "quotes")


class LazyArticle(Article):
    """An Article made without its summary and dates, read from the cache when first asked for. Equal to the Article
    it stands for, hashed as it, and pickled as it (`models.pickled_by_fields` reads every field); a copy made by
    `dataclasses.replace` is whole."""

    def __getattr__(self, name: str) -> Any:
        # Only for an attribute the instance does not hold: the two lazy fields until they are read
        if name not in _LAZY:
            raise AttributeError(name)
        load: Callable[[], Article] = object.__getattribute__(self, "_load")
        whole = load()
        for lazy in _LAZY:
            object.__setattr__(self, lazy, getattr(whole, lazy))
        return getattr(whole, name)

    def __eq__(self, other: object) -> bool:
        # the dataclass __eq__ compares only instances of the very same class
        if not isinstance(other, Article):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(Article))

    __hash__ = Article.__hash__


def lazy_article(view: Article, quotes: tuple[Quote, ...], load: Callable[[], Article]) -> LazyArticle:
    """The article `view` (a grouping view: no summary, quotes or dates) stands for, with its `quotes`; its summary
    and dates read by `load` (the whole article, block-less) when first asked for."""
    article = LazyArticle.__new__(LazyArticle)
    for name in _FROM_VIEW:
        object.__setattr__(article, name, getattr(view, name))
    object.__setattr__(article, "quotes", quotes)
    object.__setattr__(article, "_load", load)
    return article
