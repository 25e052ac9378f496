"""output/articles.json and its parts: every article's record with its full text, in parts of a few hundred records.

One file of every record grew to ~100 MB at 10,000 articles: past what git hosting takes in one file (GitHub refuses
a file over 100 MiB, so `digest publish` would fail a little past that), and rewritten whole after any edit. So the
records go in `data/articles-N.json` parts, each a JSON list (a record a line), and `articles.json` lists the parts
with the slugs each holds. An article's part is set by a hash of its source path, which an edit never changes: an
edit makes one part again and keeps the rest. The number of parts is the smallest power of two that keeps them to
PART_RECORDS records on average, so a part stays a few megabytes at any size of site, and doubling it splits
each part in two.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Iterator, Sequence

from .buckets import bucket_count, name_hash
from .models import Article, Topic
from .page_bodies import PageBodies
from .records import article_record

PART_RECORDS = 256  # records a part holds on average, at most (~2.5 MB of a typical article's records)
INDEX = "articles.json"

Listed = Sequence[tuple[Article, Topic | None]]  # articles with their topics, in the site's order (newest first)


def part_count(articles: int) -> int:
    """How many parts `articles` records go in: a power of two, PART_RECORDS records a part on average at most."""
    return bucket_count(articles, PART_RECORDS)


def part_of(source_path: str, count: int) -> int:
    """The part (from 0) of the article read from `source_path`, among `count` (a power of two): the top bits of a
    hash of the path, so a part of `count` parts splits into two of `2 * count`."""
    return name_hash(source_path) >> (64 - count.bit_length() + 1)


def part_path(part: int) -> str:
    """The output path of a part (from 0)."""
    return f"data/articles-{part + 1}.json"


def article_parts(listed: Listed) -> list[tuple[str, list[tuple[Article, Topic | None]]]]:
    """The parts as (output path, their articles in the site's order); a part no article falls in is left out."""
    count = part_count(len(listed))
    members: list[list[tuple[Article, Topic | None]]] = [[] for _ in range(count)]
    for article, topic in listed:
        members[part_of(article.source_path, count)].append((article, topic))
    return [(part_path(i), held) for i, held in enumerate(members) if held]


def index_json(parts: Sequence[tuple[str, Sequence[str]]]) -> bytes:
    """articles.json: the number of records, and each part's path (relative to the site's root) with the slugs of
    its records, a part a line."""
    lines = [json.dumps({"url": path, "count": len(slugs), "slugs": list(slugs)}, ensure_ascii=False)
             for path, slugs in parts]
    listing = "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
    return f'{{"count": {sum(len(slugs) for _, slugs in parts)}, "parts": {listing}}}\n'.encode("utf-8")


def records_json(bodies: PageBodies, listed: Listed) -> Iterator[bytes]:
    """A part: its articles' records with their full text, a line each, as UTF-8 pieces made as the writer takes
    them (each text read from `bodies` in turn). One record a line keeps the file easy to read and diff, and
    json's C encoder (`indent=` switches to the pure-Python one, ~7 s for 10,000 articles)."""
    yield b"["
    for n, (article, topic) in enumerate(listed):
        text = bodies.get(article.source_path)
        record = article_record(replace(article, blocks=text.blocks) if text else article, topic)
        yield (b"\n" if n == 0 else b",\n") + json.dumps(record, ensure_ascii=False).encode("utf-8")
    yield b"\n]\n"
