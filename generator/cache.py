"""A content-addressed cache of build results, shared safely by processes, pool workers and cluster workers.

A key is the sha256 of everything a result depends on: the inputs, the config fields that matter and the code
version (a hash of the source of every module of the `generator` package). A changed input, setting or line of
code therefore just misses; entries are never invalidated, so nothing read from the cache can be stale.

Storage is one file per key (`<dir>/ab/abcdef...`), written to a temporary name in the same folder and renamed
into place. Rename is atomic on every POSIX file system, network ones included, so concurrent writers of one key
(two workers that raced on one article) leave one whole entry and a reader sees a whole entry or none. SQLite
would read a warm cache faster, but its locking is unreliable on the NFS-style shared folders that cluster
workers use, and a folder of blobs maps one-to-one onto an object store. Entries are pickles of our own frozen
dataclasses: fine for a cache this build wrote, and the code version in every key means an entry is only ever
read back by the exact code that wrote it. An unreadable or corrupt entry counts as a miss and is rewritten.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

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


class Cache:
    """Get and put picklable values by key under one folder; `Cache(None)` is a cache that never hits."""

    def __init__(self, folder: Path | str | None) -> None:
        self.folder = Path(folder) if folder is not None else None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / key

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
        return self.folder is not None and self._path(key).is_file()

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
