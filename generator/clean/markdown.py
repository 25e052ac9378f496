"""Markdown -> Document: taken as given, split into blocks; front matter fills Stated."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..models import Block, Document, Source, Stated
from . import furniture as F
from .normalise import unescape_all
from .stated import parse_stated_date


def markdown_block(chunk: list[str]) -> list[Block]:
    """Blocks of one blank-line separated Markdown chunk."""
    heading = F.MD_HEADING.match(chunk[0])
    if heading:
        head = Block("heading", unescape_all(heading["text"].strip()), len(heading["hashes"]))
        return [head] + (markdown_block(chunk[1:]) if len(chunk) > 1 else [])
    if all(line.lstrip().startswith(">") for line in chunk):
        quoted = " ".join(line.lstrip()[1:].strip() for line in chunk)
        return [Block("quote", unescape_all(quoted))]
    if F.MD_LIST_ITEM.match(chunk[0]):
        items: list[str] = []
        for line in chunk:
            item = F.MD_LIST_ITEM.match(line)
            if item:
                items.append(item["text"].strip())
            else:
                items[-1] += " " + line.strip()
        return [Block("list_item", unescape_all(text)) for text in items]
    return [Block("paragraph", unescape_all(" ".join(line.strip() for line in chunk)))]


def _iso(value: object) -> str | None:
    """Front matter date/datetime (or string) as ISO 8601."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip() or None if value is not None else None


_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2})?$")


def _published(value: object) -> str | None:
    """A front-matter date as ISO 8601: dates and ISO strings as given, written dates ("28 November 2006")
    read like a page's date line; anything else is no date (the text may still support an inferred one)."""
    text = _iso(value)
    if text is None or isinstance(value, (date, datetime)) or _ISO_PARTIAL.match(text):
        return text
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return parse_stated_date(text)


def clean_markdown(source: Source) -> Document:
    """Markdown is taken as given: split into blocks; front matter fills Stated."""
    chunks: list[list[str]] = [[]]
    for line in source.text.split("\n"):
        if line.strip():
            chunks[-1].append(line.rstrip())
        elif chunks[-1]:
            chunks.append([])
    blocks = [block for chunk in chunks if chunk for block in markdown_block(chunk)]
    meta = source.front_matter
    published = _published(meta.get("published", meta.get("date")))
    stated = Stated(
        title=_iso(meta.get("title")), source=_iso(meta.get("source")), author=_iso(meta.get("author")),
        published=published, published_basis="metadata" if published else None, topic=_iso(meta.get("topic")),
    )
    return Document(source, tuple(blocks), stated)
