"""output/articles.json: every article's record with its full text, one record a line, made as the writer takes
them; on a rebuild, a record whose inputs are unchanged is the last build's line again (see `articles_json`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Iterator

from .memo import PageMemo
from .models import Article, Topic
from .page_bodies import PageBodies
from .records import article_record, record_topic


def articles_json(bodies: PageBodies, listed: list[tuple[Article, Topic | None]], memo: PageMemo | None = None,
                  previous: Path | None = None) -> Iterator[str]:
    """Every article's record with its full text, a line each, made as the writer takes them: the file is ~10 KB an
    article, and each text is read from `bodies` in turn. One record a line keeps the file easy to read and diff,
    and json's C encoder (`indent=` switches to the pure-Python one, ~7 s for 10,000 articles).

    With a memo, a record made from the same parts as a line of the last build's file (`previous`, still as that
    build left it) is that line again: one edited article costs one record, not 10,000 texts read from the cache
    and encoded."""
    if not listed:
        yield "[]\n"
        return
    with _OldRecords(memo, previous) as old:
        fingerprints: list[str | None] = []
        for n, (article, topic) in enumerate(listed):
            token = bodies.token(article.source_path)
            # only a body named by its cache key is named exactly (a held body's token leaves out its blocks)
            cached = memo is not None and isinstance(token, tuple) and token[0] == "cached"
            fingerprint = memo.fingerprint((article, record_topic(topic), token)) if memo and cached else None
            line = old.get(fingerprint) if fingerprint else None
            if line is None:
                text = bodies.get(article.source_path)
                line = json.dumps(article_record(replace(article, blocks=text.blocks) if text else article, topic),
                                  ensure_ascii=False)
            fingerprints.append(fingerprint)
            yield ("[\n" if n == 0 else ",\n") + line
    yield "\n]\n"
    if memo is not None:
        memo.record_pieces("articles.json", fingerprints)


class _OldRecords:
    """The last build's articles.json records by fingerprint, read from the file one at a time when asked (the
    file is ~100 MB at 10,000 articles: it is indexed, not held). Empty unless the memo recorded the records'
    fingerprints and the file is as that build left it. A record holds no raw newline (JSON escapes them), so
    each is one line: "[", "rec,", ..., "rec", "]"."""

    def __init__(self, memo: PageMemo | None, path: Path | None) -> None:
        self._file: BinaryIO | None = None
        self._where: dict[str, tuple[int, int]] = {}  # fingerprint -> (offset, length) of its record
        fingerprints = memo.pieces("articles.json") if memo is not None and path is not None else None
        if not fingerprints or path is None:
            return
        try:
            self._file = path.open("rb")
            lines = self._file.readline() == b"[\n" and self._index(fingerprints)
        except OSError:
            lines = False
        if not lines:
            self.close()

    def _index(self, fingerprints: list[str | None]) -> bool:
        assert self._file is not None
        offset, count = self._file.tell(), 0
        for line in self._file:
            if line == b"]\n":
                break
            if count < len(fingerprints) and fingerprints[count]:
                self._where[fingerprints[count]] = (offset, len(line.rstrip(b"\n").removesuffix(b",")))
            offset, count = offset + len(line), count + 1
        return count == len(fingerprints)

    def get(self, fingerprint: str) -> str | None:
        where = self._where.get(fingerprint)
        if where is None or self._file is None:
            return None
        self._file.seek(where[0])
        try:
            return self._file.read(where[1]).decode("utf-8")
        except UnicodeDecodeError:
            return None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._where = None, {}

    def __enter__(self) -> "_OldRecords":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
