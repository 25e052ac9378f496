"""The slim article the build holds until grouping is done: only what grouping reads.

Grouping (topics, topic labels, sections, the vectors) reads an article's path, slug, dates of publication and file,
title, pinned topic, people, places, organisations, keywords and the years it mentions, plus its words (kept beside
it, `article_words`). Its summary, quotes and dated sentences are four fifths of a block-less article in memory
(~150 MB at 10,000 articles), and grouping's own arrays peak at about as much again. So the build holds
`grouping_view`s while the per-article stage and grouping run, and reads the whole articles back from the cache
afterwards (generator.pipeline), so the two never share the heap's high-water mark.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from sys import intern

from .models import Article, DateMention
from .vectors import year_terms


def grouping_view(article: Article) -> Article:
    """The article with every field grouping does not read emptied: no summary, quotes or blocks, and its dates
    reduced to one bare mention per year that `vectors.year_terms` counts (the published year it reads itself)."""
    years = tuple(_year_mention(year) for year in year_terms(article))
    return replace(article, summary=(), quotes=(), dates=years, blocks=())


@lru_cache(maxsize=None)
def _year_mention(year: str) -> DateMention:
    """The one bare mention of a year that every view made in this process holds. A view shard (`last_build.
    KnownViews`) is pickled with each object once, so a rebuild unpickles each year's mention once a shard, not once
    an article: at 10,000 articles 69,601 mentions, ~5,800 once a shard (23 distinct years). Building those
    frozen dataclasses was four fifths of reading the views back (0.29 of 0.36 s)."""
    return DateMention("", intern(year), "", "DATE")
