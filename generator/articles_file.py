"""output/articles.json: every article's record with its full text, one record a line, made as the writer takes
them; on a rebuild, a record whose inputs are unchanged is the last build's line again (see `articles_json`)."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Iterator

from .memo import PageMemo
from .models import Article, Topic
from .page_bodies import PageBodies
from .records import article_record, record_topic


def articles_json(bodies: PageBodies, listed: list[tuple[Article, Topic | None]], memo: PageMemo | None = None,
                  previous: Path | None = None) -> Iterator[bytes]:
    """Every article's record with its full text, a line each, as UTF-8 pieces made as the writer takes them: the
    file is ~10 KB an article, and each text is read from `bodies` in turn. One record a line keeps the file easy to
    read and diff, and json's C encoder (`indent=` switches to the pure-Python one, ~7 s for 10,000 articles).

    With a memo, a record made from the same parts as a line of the last build's file (`previous`, still as that
    build left it) is that line again, and a run of such records that were neighbours there too is copied as one
    span of its bytes: one edited article costs one record, not 10,000 texts read from the cache and encoded, nor
    10,000 lines read and written one by one. The memo keeps each record's fingerprint and length in bytes, so the
    old file is found by offset without reading it through."""
    if not listed:
        yield b"[]\n"
        return
    with _OldRecords(memo, previous) as old:
        labels: list[str] = []  # each record's "fingerprint:length" ("" for no fingerprint), for the next build
        span: tuple[int, int] | None = None  # the old file's bytes still to copy: records and the ",\n" between
        for n, (article, topic) in enumerate(listed):
            # only a body named by its cache key is named exactly (a held body's token leaves out its blocks)
            cached = memo is not None and bodies.cache_key(article.source_path) is not None
            token = bodies.token(article.source_path)
            fingerprint = memo.fingerprint((article, record_topic(topic), token)) if memo and cached else None
            where = old.where(fingerprint) if fingerprint else None
            if where is not None:
                labels.append(f"{fingerprint}:{where[1]}")
            if where is not None and span is not None and where[0] == span[1] + len(_BETWEEN):
                span = (span[0], where[0] + where[1])  # the next line of the old file: the span grows
                continue
            if span is not None:
                yield from old.read(*span)
                span = None
            yield _START if n == 0 else _BETWEEN
            if where is not None:
                span = (where[0], where[0] + where[1])
                continue
            text = bodies.get(article.source_path)
            record = article_record(replace(article, blocks=text.blocks) if text else article, topic)
            encoded = json.dumps(record, ensure_ascii=False).encode("utf-8")
            labels.append(f"{fingerprint or ''}:{len(encoded)}")
            yield encoded
        if span is not None:
            yield from old.read(*span)
    yield _END
    if memo is not None:
        memo.record_pieces("articles.json", labels)


_START, _BETWEEN, _END = b"[\n", b",\n", b"\n]\n"  # before the first record, between two, after the last
_SPAN_PIECE = 1 << 22  # bytes of the old file copied at a time: a span may be the whole 100 MB file


class _OldRecords:
    """The last build's articles.json records by fingerprint, read from the file when asked (the file is ~100 MB
    at 10,000 articles: neither held nor read through). Empty unless the memo recorded each record's fingerprint and
    length and the file is as that build left it. A record holds no raw newline (JSON escapes them), so the file
    is "[", "rec,", ..., "rec", "]", a line each: the lengths place every record, and add up to the file's size."""

    def __init__(self, memo: PageMemo | None, path: Path | None) -> None:
        self._file: BinaryIO | None = None
        self._where: dict[str, tuple[int, int]] = {}  # fingerprint -> (offset, length) of its record
        labels = memo.pieces("articles.json") if memo is not None and path is not None else None
        if not labels or path is None:
            return
        try:
            self._file = path.open("rb")
            placed = self._file.read(len(_START)) == _START and self._place(labels)
        except OSError:
            placed = False
        if not placed:
            self.close()

    def _place(self, labels: list[str]) -> bool:
        """Each fingerprinted record's place from the labels ("fingerprint:length"); False when they are not
        such labels or do not add up to the file's size (then nothing is taken from it)."""
        assert self._file is not None
        offset = len(_START)
        for label in labels:
            fingerprint, _, length = label.partition(":")
            if not length.isdigit():
                return False
            if fingerprint:
                self._where[fingerprint] = (offset, int(length))
            offset += int(length) + len(_BETWEEN)
        return offset - len(_BETWEEN) + len(_END) == os.fstat(self._file.fileno()).st_size

    def where(self, fingerprint: str) -> tuple[int, int] | None:
        """(offset, length) of the last build's record with this fingerprint in its file, None when there is none."""
        return self._where.get(fingerprint) if self._file is not None else None

    def read(self, start: int, end: int) -> Iterator[bytes]:
        """The old file's bytes from start to end, a piece at a time."""
        assert self._file is not None
        self._file.seek(start)
        while start < end:
            piece = self._file.read(min(_SPAN_PIECE, end - start))
            if not piece:
                raise OSError(f"{self._file.name} was cut short while it was copied")
            start += len(piece)
            yield piece

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._where = None, {}

    def __enter__(self) -> "_OldRecords":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
