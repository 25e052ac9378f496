"""The record of the last build, for the nothing-changed shortcut and for skipping unchanged files.

A build keys everything it reads (content files by identity, theme and template files, the search indexer, every
setting, the code version); when the next build finds the same key and output/ exactly as that build left it, the
site on disk is already what a full build would write, so the counts and warnings of the record are returned.

When something did change, `KnownSources` still spares the files that did not: for each content file the last
build read, its identity (device, inode, size, mtime: the test `read.py` uses for a file being written) and the
cache key of its result. A file with the same identity is not read, decoded or hashed again. `KnownViews` keeps
what grouping reads of each of those results in a few hundred files, so that a rebuild does not read 10,000 whole
results to hold a fifth of each until grouping is done; and, in as many more, the articles' quotes read after it.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .cache import Cache, make_key
from .config import Config
from .memo import FileState, MemoRecord, PageMemo, Reads, file_state, output_state
from .models import Digest
from .search import pagefind_binary
from .themes import theme_chain


def inputs_key(config: Config, paths: list[Path]) -> str:
    """Everything a build reads, by file identity (the test read.py applies to a file being written): the
    content files, the theme and template files, the search indexer, every setting and the code version."""
    content = config.content_path  # once: the property resolves the path on every call
    inputs = [(_relative(p, content), file_state(p)) for p in paths]
    indexer = pagefind_binary()
    return make_key("site", config, inputs, theme_state(config), indexer and (str(indexer), file_state(indexer)))


def _relative(path: Path, folder: Path) -> str:
    """path's POSIX path inside folder; by its string when it starts with the folder's (every path `discover`
    lists): Path.relative_to took half of the inputs' key at 10,000 files."""
    text, start = str(path), str(folder) + os.sep
    if os.sep == "/" and text.startswith(start):
        return text[len(start):]
    return path.relative_to(folder).as_posix()


def theme_state(config: Config) -> list[tuple[str, FileState]]:
    """The identity of every template and static file of the theme chain and the site's own templates/."""
    folders = [config.templates_path, *(theme.folder for theme in theme_chain(config))]
    return [(str(p), file_state(p)) for folder in folders if folder.is_dir()
            for p in sorted(folder.rglob("*")) if p.is_file()]


def page_memo(cache: Cache, config: Config) -> PageMemo:
    """A memo of the files the last build made, salted with everything but their own inputs: the code version
    (in every key), every setting and the theme's files."""
    record, reads = _memo_record(cache, config)
    return PageMemo(make_key("pages", config, theme_state(config)), record, config.output_path, reads)


def remember_pages(cache: Cache, config: Config, memo: PageMemo, state: list[tuple[str, FileState]],
                   written: Mapping[str, str]) -> None:
    """Store the page memo's record; `state` is `output_state` of output/ after the commit, `written` the hash of
    each file the build wrote (`SiteWriter.hashes`)."""
    # One entry for both: the reads are only sound beside the fingerprints and file states of the same build
    cache.put(_memo_key(config), (memo.record(dict(state), written), memo.reads()))


def has_page_memo(cache: Cache, config: Config) -> bool:
    """Whether the last build into this output folder, by this code, left a page memo record: a build that will keep
    files (a code upgrade or a first build keeps none)."""
    return cache.has(_memo_key(config))


def _memo_key(config: Config) -> str:
    return make_key("page-memo", str(config.output_path))


def _memo_record(cache: Cache, config: Config) -> tuple[MemoRecord, Reads | None]:
    entry = cache.get(_memo_key(config))
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], dict):
        record, reads = entry
        if all(isinstance(file, tuple) and len(file) == 3 for file in record.values()):
            return record, reads if isinstance(reads, Reads) else None
    return {}, None  # none, or an entry damaged into something else: every file is made


class KnownSources:
    """Content files by path, as the last build with these settings and this code found them: identity and key."""

    def __init__(self, cache: Cache, config: Config, settings: object) -> None:
        self.cache = cache
        self._key = make_key("sources", str(config.content_path), settings)
        record = cache.get(self._key) if cache.enabled else None
        self.previous: dict[str, tuple[FileState, str, float]] = record if isinstance(record, dict) else {}
        self.current: dict[str, tuple[FileState, str, float]] = {}

    @staticmethod
    def identity(path: Path) -> FileState | None:
        """A regular file's identity, taken before it is read; None for a symlink or anything odd (always read)."""
        try:
            status = path.lstat()
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns

    def lookup(self, rel_path: str, identity: FileState | None) -> tuple[str, float] | None:
        """(cache key, mtime) of the file's result when it is the very file the last build read."""
        known = self.previous.get(rel_path)
        if identity is None or known is None or known[0] != identity:
            return None
        return known[1], known[2]

    def add(self, rel_path: str, identity: FileState | None, key: str, mtime: float) -> None:
        if identity is not None:
            self.current[rel_path] = (identity, key, mtime)

    def save(self) -> None:
        if self.cache.enabled and self.current != self.previous:
            self.cache.put(self._key, self.current)


class KnownViews:
    """Per-article results of the last build, by cache key, in 256 files (shards, by a key's first two hex digits:
    ~40 results each at 10,000 articles). `kind` names what each holds of an article's result:

    - "views": its grouping view (`per_article.slim`), read while the per-article stage runs. With the views read
      from the shards, the per-article stage of a 10,000-article rebuild took 1.25-1.35 s; with 10,000 whole
      results read and cut down, 2.9-3.4 s (side by side).
    - "quotes": the article's quotes, which the build holds for every article after grouping (the speakers index
      and the frame read them all; `full_build._whole`). Read with the whole article, one cache entry at a time,
      10,000 articles took ~1.2 s of a rebuild.

    What is stored is a function of its key (which names the article's exact input, settings and code), so a result
    found is right whichever build stored it (a build sets a view's slug and mtime again on what it reads); a
    shard is written again only when the set of keys that fall in it changes: one edited article rewrites two
    shards."""

    def __init__(self, cache: Cache, config: Config, kind: str = "views") -> None:
        self.cache = cache
        self._site = str(config.content_path)
        self._kind = kind
        self._read: dict[str, dict[str, object]] = {}  # shard -> the results it held
        self._kept: dict[str, dict[str, object]] = {}  # shard -> the results of this build's articles

    def _key(self, shard: str) -> str:
        return make_key(self._kind, self._site, shard)

    def get(self, key: str) -> object | None:
        """The result stored under the article key, None when no build stored one."""
        return self._results(key[:2]).get(key)

    def _results(self, shard: str) -> dict[str, object]:
        """The results a shard held, read once."""
        results = self._read.get(shard)
        if results is None:
            record = self.cache.get(self._key(shard)) if self.cache.enabled else None
            results = self._read[shard] = record if isinstance(record, dict) else {}
        return results

    def add(self, key: str, result: object) -> None:
        self._kept.setdefault(key[:2], {})[key] = result

    def save(self) -> None:
        """Write the shards whose keys changed; a shard no key of this build fell in is left unread and as it is."""
        if not self.cache.enabled:
            return
        for shard in set(self._read) | set(self._kept):
            kept = self._kept.get(shard, {})
            if kept.keys() != self._results(shard).keys():
                self.cache.put(self._key(shard), kept)


class WarningRecorder(logging.Handler):
    """Keeps the warnings of a build, so a rebuild that finds nothing changed can report them again."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.getMessage()))


@dataclass(frozen=True)
class LastBuild:
    """What the nothing-changed shortcut knows of the last build: the counts it reported."""

    articles: int
    topics: int


def unchanged(cache: Cache, key: str, output: Path) -> LastBuild | None:
    """The last build's record when it had exactly these inputs and output/ is still exactly what it wrote."""
    record = cache.get(key)
    if not (isinstance(record, tuple) and len(record) == 3 and isinstance(record[0], tuple) and len(record[0]) == 2):
        return None
    (articles, topics), state, warnings = record
    try:
        if not output.is_dir() or output_state(output) != state:
            return None  # someone edited or deleted output/: build it again
    except OSError:
        return None
    for name, message in warnings:
        logging.getLogger(name).warning("%s", message)
    return LastBuild(articles, topics)


def remember(cache: Cache, key: str, digest: Digest, state: list[tuple[str, FileState]],
             warnings: list[tuple[str, str]]) -> None:
    """Store this build's record (`state`: `output_state` of output/ after the commit). Not the Digest: pickling
    10,000 articles costs every build a second or two, and the few callers that want it after a shortcut get it
    from the cache entries it was made from."""
    cache.put(key, ((len(digest.articles), len(digest.topics)), state, warnings))
