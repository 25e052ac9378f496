"""A content-addressed cache of build results, shared safely by processes, pool workers and cluster workers.

A key is the sha256 of everything a result depends on: the inputs, the config fields that matter and the code
version (a hash of the source of every module of the `generator` package). A changed input, setting or line of
code therefore just misses; entries are never invalidated, so nothing read from the cache can be stale.

Storage is one file per key (`<dir>/v-<code version>/ab/abcdef...`), written to a temporary name in the same folder
and renamed into place. Rename is atomic on every POSIX file system, network ones included, so concurrent writers of
one key (two workers that raced on one article) leave one whole entry and a reader sees a whole entry or none.
SQLite would read a warm cache faster, but its locking is unreliable on the NFS-style shared folders that cluster
workers use, and a folder of blobs maps one-to-one onto an object store. Entries are pickles of our own frozen
dataclasses: fine for a cache this build wrote, and the code version in every key means an entry is only ever read
back by the exact code that wrote it. An unreadable or corrupt entry counts as a miss and is rewritten.

Entries are never invalidated, so without collection the folder only grows: each edit leaves the old version of the
article and of the collection-wide entries (grouping, token runs) behind, and each upgrade of digest leaves every
entry of the old version. Hence a folder per code version (an upgrade's leftovers go as one folder), and
`Cache.journal` + `collect_garbage`: a build with `--gc` (Hugo's flag), and each `digest serve` rebuild, notes every
key it uses and then deletes the rest.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
import sys
import tempfile
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
PROTOCOL = 5  # fixed, so keys built from pickles do not depend on the interpreter's default
# Third-party code whose output ends up in cached results: upgrading one must miss like a change of our own.
DEPENDENCIES = ("markdown", "trafilatura", "charset-normalizer", "lxml", "pyyaml", "numpy", "scipy", "jinja2")


@functools.cache
def code_version() -> str:
    """A hash of the source of every module in the generator package (and the versions of the libraries whose
    output we cache): any change of code misses every entry. Computed once per process."""
    digest = hashlib.sha256(sys.version.encode() + b"\0")
    for name in DEPENDENCIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def make_key(kind: str, *parts: Any) -> str:
    """The sha256 of a kind label, the code version and any picklable parts (str and bytes taken as they are)."""
    digest = hashlib.sha256(f"{kind}\0{code_version()}\0".encode())
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8")
        elif not isinstance(part, bytes):
            part = pickle.dumps(part, protocol=PROTOCOL)
        digest.update(len(part).to_bytes(8, "big") + part)  # length-prefixed: ("ab", "c") != ("a", "bc")
    return digest.hexdigest()


def version_folder() -> str:
    """The folder of this code version's entries, inside the cache folder."""
    return "v-" + code_version()[:16]


# What the cache folder holds: version folders, shard folders (in a version folder; at the top before version
# folders), entries (a key, or a key plus a suffix such as "-text") and a writer's temporary files. Collection deletes
# only these, whatever else a shared folder holds.
_VERSION = re.compile(r"v-[0-9a-f]{16}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"\.?[0-9a-f]{8}.*")

# The keys each open journal has noted, by cache folder: every Cache of a build (the pipeline, the per-article stage
# and grouping each open their own) notes into the one journal of its folder.
_JOURNALS: dict[Path, set[str]] = {}


class Cache:
    """Get and put picklable values by key under one folder; `Cache(None)` is a cache that never hits."""

    def __init__(self, folder: Path | str | None) -> None:
        self.folder = Path(folder) if folder is not None else None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, key: str) -> Path:
        return Path(self._location(key))

    def _location(self, key: str) -> str:
        """The entry's file, as a string (see `has`); the key is noted in an open journal."""
        assert self.folder is not None
        if _JOURNALS:
            self.keep(key)
        return os.path.join(self.folder, version_folder(), key[:2], key)

    @contextmanager
    def journal(self) -> Iterator[set[str]]:
        """Note every key any Cache of this folder gets, finds or puts in this process until the block ends: what a
        build uses, for `collect_garbage`. (Pool workers only put the keys of articles, which the build notes.)"""
        if self.folder is None:
            yield set()
            return
        used = _JOURNALS.setdefault(self.folder, set())
        try:
            yield used
        finally:
            _JOURNALS.pop(self.folder, None)

    def keep(self, *keys: str) -> None:
        """Note keys in the open journal without reading them: entries the next build reads that this one did not
        need to (an article whose page was kept has its text read by none)."""
        used = _JOURNALS.get(self.folder) if self.folder is not None else None
        if used is not None:
            used.update(keys)

    def collect_garbage(self, used: set[str], since: float) -> tuple[int, int]:
        """Delete every entry but the `used` ones: other code versions' folders whole, and in this version's folder
        what the build did not use, except entries written from `since` (a time.time()) on, which a build running
        beside this one may have made. (files, bytes) deleted. A build that runs beside it may miss an entry it
        read before: it makes the entry again, or fails asking to build again, never uses a wrong one."""
        if self.folder is None or not self.folder.is_dir():
            return 0, 0
        files = size = 0
        current = version_folder()
        for top in os.scandir(self.folder):
            if not top.is_dir(follow_symlinks=False):
                continue
            mine = top.name == current
            if mine or _VERSION.fullmatch(top.name):
                shards = list(os.scandir(top.path))
            elif _SHARD.fullmatch(top.name):  # a shard of the layout before version folders
                shards = [top]
            else:
                continue
            for shard in shards:
                if not shard.is_dir(follow_symlinks=False) or not _SHARD.fullmatch(shard.name):
                    continue
                for entry in os.scandir(shard.path):
                    if not _ENTRY.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                        continue
                    if mine and entry.name in used:
                        continue
                    status = entry.stat(follow_symlinks=False)
                    if mine and status.st_mtime >= since:
                        continue
                    try:
                        os.unlink(entry.path)
                    except OSError:
                        continue
                    files, size = files + 1, size + status.st_size
                _remove_if_empty(shard.path)
            if top.name != current:
                _remove_if_empty(top.path)
        return files, size

    def get(self, key: str, default: Any = None) -> Any:
        """The value stored under key, or default when it is missing or unreadable."""
        if self.folder is None:
            return default
        try:
            with open(self._path(key), "rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return default
        except Exception as exc:  # noqa: BLE001 - any corrupt pickle is just a miss; the put that follows repairs it
            log.debug("ignoring unreadable cache entry %s: %s", key, exc)
            return default

    def has(self, key: str) -> bool:
        # A string path and one stat: a rebuild asks this twice for each of 10,000 articles, and pathlib's joining
        # and is_file took 10 us a call.
        return self.folder is not None and os.path.isfile(self._location(key))

    def listing(self) -> Listing:
        """`has` for many keys: each shard folder listed once, when first asked about. A rebuild asks about two
        entries of each of 10,000 articles, and 20,000 stats took 0.25 s of it. An entry put after its shard was
        listed is not seen: for entries a build looks for before it writes them, not after."""
        return Listing(self)

    def put(self, key: str, value: Any) -> None:
        """Store value under key atomically; a cache that cannot be written costs speed, never the build."""
        if self.folder is None:
            return
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{key[:8]}-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(value, handle, protocol=PROTOCOL)
                os.replace(temp, target)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError) as exc:
            log.debug("cannot write cache entry %s: %s", key, exc)


class Listing:
    """The entries of a cache by shard, as `Cache.listing` found them (`key in listing`)."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._shards: dict[str, frozenset[str]] = {}

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or self._cache.folder is None:
            return False
        self._cache.keep(key)  # noted in an open journal, as `has` notes it
        names = self._shards.get(key[:2])
        if names is None:
            try:
                names = frozenset(os.listdir(os.path.dirname(self._cache._location(key))))
            except OSError:  # no such shard yet
                names = frozenset()
            self._shards[key[:2]] = names
        return key in names


def _remove_if_empty(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:  # not empty (or gone): left
        pass
