"""Extraction: a cleaned Document -> an Article with every field the digest shows.

Each sub-module answers one question (headline and dateline, quotes and speakers, dates, summary, entities) and
can be measured on its own; this function is the only place that knows the order they run in.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..config import Config
from ..models import Article, Block, DateMention, Document, PublishedBasis
from ..text import slugify
from .date_infer import dates_within, infer_published
from .dates import find_dates
from .entities import find_entities, person_mentions
from .quotes import find_quotes
from .summary import summarise
from .title import find_dateline, headline


def _publication(
    stated: str | None, basis: PublishedBasis | None, blocks: tuple[Block, ...], dates: tuple[DateMention, ...]
) -> tuple[str | None, PublishedBasis | None]:
    """The stated publication date, else one inferred from the text at the precision its evidence supports."""
    if stated:
        return stated, basis
    inferred = infer_published(blocks, dates)
    return (inferred, "inferred") if inferred else (None, None)


def extract(document: Document, config: Config) -> Article:
    """Fill in every extracted field of one article."""
    blocks = document.blocks
    stated = document.stated
    dateline = find_dateline(blocks)
    title, generated = headline(stated.title, blocks, dateline)
    mentions = person_mentions(blocks)  # shared: quotes resolve speakers with them, entities list the people
    quotes = find_quotes(blocks, key_count=config.key_quotes, mentions=mentions)
    entities = find_entities(blocks, quotes, mentions)
    dates = find_dates(blocks, stated.published)
    published, basis = _publication(stated.published, stated.published_basis, blocks, dates)
    if published and basis == "inferred":
        dates = dates_within(blocks, published)  # "last year" is known once the year is, "Tuesday" is not
    front_slug = document.source.front_matter.get("slug")
    slug = slugify(str(front_slug)) if front_slug else ""
    return Article(
        source_path=document.source.source_path,
        kind=document.source.kind,
        slug=slug or slugify(title) or slugify(PurePosixPath(document.source.source_path).stem) or "article",
        title=title,
        title_generated=generated,
        source=stated.source,
        author=stated.author,
        dateline=dateline,
        published=published,
        published_basis=basis,
        summary=summarise(blocks, config.summary_sentences, dateline),
        quotes=quotes,
        dates=dates,
        people=entities.people,
        places=entities.places,
        organizations=entities.organizations,
        keywords=entities.keywords,
        blocks=blocks,
        pinned_topic=stated.topic,
        mtime=document.source.mtime,
    )
