"""Which output files the last build made from exactly the inputs this build has, so they are kept, not remade.

A producer (a page builder, the Markdown page writer) names the parts its file is made from: the template and the
whole template context, or the article and its topic. `PageMemo.produce` fingerprints those parts (pickled, with a
salt standing for everything else a file depends on: the code version, the settings, the theme's files) and, when
the last build recorded the same fingerprint for that path and the file in output/ is still the one it wrote (same
device, inode, size and mtime; or else, for an output/ copied or restored elsewhere, such as a CI cache, the same
bytes by hash), returns `Unchanged` instead of making the file again: the writer hard-links the old file into the
new site. Anything else makes the file, so a memo can only ever save work, never change output: a fingerprint covers
every input of the file, and a file edited or removed by hand is made afresh.

This is what turns a one-article change into one re-rendered article page plus the pages that list it: the other
pages' contexts are byte-for-byte what they were, and rendering them again would only reproduce their files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

log = logging.getLogger(__name__)

FileState = tuple[int, int, int, int]
# output path -> (fingerprint, state of the file the build left, hash of its bytes)
MemoRecord = dict[str, tuple[str, FileState, str]]
Made = Union[str, bytes, Iterable[Union[str, bytes]]]  # a file's content as a producer makes it (see SiteWriter.write)


def content_digest() -> "hashlib._Hash":
    """The hash a memo record keeps of each file's bytes, to be fed (`content_hash`, or a writer as it writes).
    SHA-256, which x86 and ARM processors compute in hardware: 0.51 ns a byte here against BLAKE2b's 0.75, for a
    build that hashes all 564 MB of a 10,000-article site when cold."""
    return hashlib.sha256()


def content_hash(path: str) -> str:
    """The hash of a file's bytes ("" when it cannot be read), read a block at a time (a file may run to megabytes)."""
    digest = content_digest()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def file_state(path: Path) -> FileState:
    """A file's identity; a broken or vanished one has none and keys as (0, 0, 0, 0)."""
    try:
        status = path.stat()
    except OSError:
        return 0, 0, 0, 0
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def output_state(output: Path) -> list[tuple[str, FileState]]:
    """Every file of output/ (links followed, as a reader of the site would) by POSIX path, with its identity.
    Walked with os.scandir and plain strings: at 10,000 articles output/ holds 33,000 files, and pathlib's
    rglob with a stat per Path took 2.5 s of a rebuild."""
    found: list[tuple[str, FileState]] = []
    pending = [(str(output), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):  # a linked folder is not entered, as with rglob
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                    continue
                status = entry.stat()
            except OSError:
                continue  # a broken link, or a file gone meanwhile
            if stat.S_ISREG(status.st_mode):
                found.append((prefix + entry.name, (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)))
    return sorted(found)


class _Hashing:
    """A file that hashes what is written to it (the parts of a listing page pickle to tens of megabytes)."""

    def __init__(self, digest: "hashlib._Hash") -> None:
        self.write = digest.update


@dataclass(frozen=True)
class ReadOf:
    """A part of a file read from an input that is not an article of the digest (an article's body, which only its
    own pages read): fingerprinted by `token` as any part, and recorded among the file's reads under `name`, which
    `PageMemo.plan` is given a token for beside the articles' slugs (a name no slug can be)."""

    name: str
    token: object


def _shared_part(token: bytes) -> None:
    """Stands in a fingerprint's pickle for a shared part, by the hash of that part's own pickle (never called: the
    pickle is hashed, not loaded)."""


class _Fingerprinter(pickle.Pickler):
    """Pickles parts for hashing. An object of a shared type (an article's card, on its page, its topic's, the
    home page's, the related lists of its neighbours...) is pickled once per build and written as the hash of that
    pickle wherever it is met again; equal cards give equal hashes, so a fingerprint still names every input."""

    def __init__(self, file: _Hashing, memo: "PageMemo", top: object = None, met: set[str] | None = None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        # No memo: by default pickle writes an object met twice as a back-reference, so equal values shared
        # differently (one string object in a fresh extraction, two after loading two cache entries) would give
        # different bytes, and a page the same inputs make would be made again.
        self.fast = True
        self._memo = memo
        self._top = top  # the shared object being hashed itself: pickled in full
        self._met = met  # given: gets the slug of every shared object met (the articles a page reads, see PageMemo)

    def reducer_override(self, obj: object) -> object:
        # called only for objects of types other than the builtin containers and scalars: cheap for the rest
        if type(obj) is ReadOf:
            if self._met is not None:
                self._met.add(obj.name)
            return NotImplemented  # pickled by value, its token with it
        if type(obj) not in self._memo.shared_types or obj is self._top:
            return NotImplemented
        if self._met is not None:
            self._met.add(getattr(obj, "slug", None))  # articles and their cards; None: reads not known
        return _shared_part, (self._memo.shared_token(obj),)


@dataclass(frozen=True)
class Reads:
    """Which articles each keepable file read (`PageMemo.produce(..., keepable=True)`: the HTML and Markdown pages),
    under the frame it was made in: the fingerprint of everything of the digest a page may show besides the
    articles it names (see `generator.frame`). `tokens`: each article's token (`PageMemo.shared_token`) by slug."""

    frame: str
    tokens: Mapping[str, bytes]
    # path -> the slugs of the articles and cards its parts named (a tuple: a quarter of a small frozenset's memory, and
    # 21,000 of them at 10,000 articles)
    files: Mapping[str, tuple[str, ...] | None]

    def unchanged(self, frame: str, tokens: Mapping[str, bytes]) -> Callable[[str], bool] | None:
        """For a build in the same frame with the same articles: whether a file read no article whose token
        changed since. None in another frame (or for another set of articles): every file is to be fingerprinted."""
        if frame != self.frame or tokens.keys() != self.tokens.keys():
            return None
        changed = {slug for slug, token in tokens.items() if self.tokens[slug] != token}

        def unchanged(rel_path: str) -> bool:
            read = self.files.get(rel_path)
            return read is not None and changed.isdisjoint(read)
        return unchanged


@dataclass(frozen=True)
class Unchanged:
    """A file the last build made from the same inputs: keep the old one, or `make()` it when that is gone."""

    make: Callable[[], Made]
    # The identity of the file in output/ the memo found as the last build left it; None when not known
    state: FileState | None = None


class PageMemo:
    """Fingerprints of the files this build produces, checked against the last build's record."""

    def __init__(self, salt: str, previous: Mapping[str, tuple[str, FileState, str]], output: Path,
                 reads: Reads | None = None) -> None:
        self.salt = salt.encode()
        self.previous = previous
        self._reads_before = reads
        self._reads: dict[str, tuple[str, ...] | None] = {}  # this build's, of the files made keepable or kept
        self.frame, self.tokens = "", {}  # see `plan`
        self._kept_as_left: dict[str, FileState] = {}
        # Files found as left by their bytes, not their identity (see _as_left): path -> hash, so `record` need not
        # read them again
        self._hashed: dict[str, str] = {}
        self.output = output
        self._root = str(output)
        # The identity of every file of output/ as a walk found it (the writer's, when it updates the site in
        # place), read instead of a stat a file: ~33,000 at 10,000 articles. None: each file is looked at.
        self.found: Mapping[str, FileState] | None = None
        self.current: dict[str, str] = {}
        self.kept = 0
        self.shared_types: frozenset[type] = frozenset()
        # id -> (the object, the hash of its pickle); holding the object keeps its id from being reused
        self._shared: dict[int, tuple[object, bytes]] = {}
        self._previous_by_fingerprint: dict[str, list[str]] | None = None

    def share(self, *types: type) -> None:
        """Hash objects of these types once (by identity) however many pages hold them; `release_shared` when done.
        They must not change while shared: frozen dataclasses made once per build, such as the render's cards."""
        self.shared_types = frozenset(types)

    def name(self, obj: object, *identity: object) -> None:
        """Let a shared object be named by what identifies it rather than by its pickle: an article by the hash of
        its fields (`per_article.fields_key`), slug and mtime, where pickling it costs far more."""
        digest = hashlib.blake2b(pickle.dumps(identity, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20)
        self._shared[id(obj)] = (obj, digest.digest())

    def release_shared(self) -> None:
        self.shared_types, self._shared = frozenset(), {}

    def shared_token(self, obj: object) -> bytes:
        held = self._shared.get(id(obj))
        if held is None:
            digest = hashlib.blake2b(digest_size=20)
            _Fingerprinter(_Hashing(digest), self, top=obj).dump(obj)
            held = self._shared[id(obj)] = (obj, digest.digest())
        return held[1]

    def fingerprint(self, parts: object, met: set[str] | None = None) -> str | None:
        """The hash of the salt and the pickled parts; None when they do not pickle (the file is always made).
        `met`: gets the slug of each article and card the parts hold."""
        digest = hashlib.blake2b(self.salt, digest_size=20)
        try:
            _Fingerprinter(_Hashing(digest), self, met=met).dump(parts)  # hashed as written: never held
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError) as exc:
            log.debug("no fingerprint for a page (%s): made every build", exc)
            return None
        return digest.hexdigest()

    def produce(self, rel_path: str, parts: object, make: Callable[[], Made],
                keepable: bool = False) -> Made | Unchanged:
        """`make()`'s text, or `Unchanged(make)` when the last build made rel_path from the same parts.
        `keepable`: the articles the parts name are recorded, so that the next build may `keep` the file unseen
        when none of them changed (parts made of the digest's frame and the articles' tokens alone: see `plan`)."""
        met: set[str] | None = set() if keepable else None
        fingerprint = self.fingerprint(parts, met)
        if fingerprint is None:
            return make()
        self.current[rel_path] = fingerprint
        if met is not None:
            self._reads[rel_path] = None if None in met else tuple(met)  # type: ignore[arg-type]
        recorded = self.previous.get(rel_path)
        state = self._as_left(rel_path, recorded) if recorded and recorded[0] == fingerprint else None
        if state is not None:
            self.kept += 1
            return Unchanged(make, state)
        return make()

    def plan(self, frame: object, tokens: Mapping[str, bytes]) -> frozenset[str]:
        """The keepable files this build can `keep` without making their parts: this build's frame (the parts of
        `generator.frame.digest_frame`) is the last build's, and the file read no article whose token (by slug, in
        `tokens`; and no other input whose token, by its `ReadOf` name, there too) changed, and output/ still holds
        it as left. Empty in a new frame: every file is fingerprinted.
        Sound because a keepable file's parts are made of the frame, the settings and theme (the salt) and the
        articles and cards they name, each fingerprinted by its token (a card by its article's and its topic's)."""
        self.frame, self.tokens = self.fingerprint(frame) or "", tokens
        before = self._reads_before
        unchanged = before.unchanged(self.frame, tokens) if before is not None and self.frame else None
        if unchanged is None:
            return frozenset()
        for rel_path in before.files:  # type: ignore[union-attr]
            recorded = self.previous.get(rel_path)
            if recorded is not None and unchanged(rel_path):
                state = self._as_left(rel_path, recorded)
                if state is not None:
                    self._kept_as_left[rel_path] = state
        return frozenset(self._kept_as_left)

    def keep(self, rel_path: str, make: Callable[[], Made]) -> Unchanged:
        """A file `plan` found kept: the last build's, its fingerprint and reads carried to this build's record."""
        self.current[rel_path] = self.previous[rel_path][0]
        self._reads[rel_path] = self._reads_before.files[rel_path]  # type: ignore[union-attr]
        self.kept += 1
        return Unchanged(make, self._kept_as_left[rel_path])

    def reads(self) -> Reads | None:
        """This build's `Reads`, for the next build's `plan` (None when `plan` was not asked)."""
        return Reads(self.frame, dict(self.tokens), self._reads) if self.frame else None

    def kept_files(self, fingerprint: str, belongs: Callable[[str], bool]) -> list[str] | None:
        """For a group of files made together (a search bundle): the files the last build made with this
        fingerprint among those that `belongs` selects, when there are some and every one is as it was left;
        else None, and the group is to be made afresh."""
        files = [rel for rel in self._by_fingerprint().get(fingerprint, ()) if belongs(rel)]
        if not files or not all(self._as_left(rel, self.previous[rel]) is not None for rel in files):
            return None
        self.current.update(dict.fromkeys(files, fingerprint))
        self.kept += len(files)
        return files

    def _by_fingerprint(self) -> dict[str, list[str]]:
        """The last build's files by fingerprint, in record order: made once, not a pass over every file of the site
        for each group asked about."""
        if self._previous_by_fingerprint is None:
            self._previous_by_fingerprint = {}
            for rel, (recorded, *_left) in self.previous.items():
                self._previous_by_fingerprint.setdefault(recorded, []).append(rel)
        return self._previous_by_fingerprint

    def made_files(self, fingerprint: str, rel_paths: list[str]) -> None:
        """Record a group of files made afresh from the parts with this fingerprint."""
        self.current.update(dict.fromkeys(rel_paths, fingerprint))

    def _as_left(self, rel_path: str, recorded: tuple[str, FileState, str]) -> FileState | None:
        """When output/ still holds the file the last build left at rel_path (the same identity, or, for an output/
        copied or restored from an archive, with new inodes and file times, the same size and bytes): that file's
        identity, which the writer checks its staged link against and records. Else None."""
        _fingerprint, state, content = recorded
        if state == (0, 0, 0, 0):
            return None
        found = self.found.get(rel_path) if self.found is not None else self._stat(rel_path)
        if found == state:
            return state  # the record's own tuple: the writer holds one per kept file till the commit
        if found is None or not content or found[2] != state[2]:
            return None
        if content_hash(self._path(rel_path)) != content:
            return None
        self._hashed[rel_path] = content
        return found

    def _path(self, rel_path: str) -> str:
        # A string path, made only when the file is read or stat'ed: the usual kept file is neither, and this would
        # run for every page of the site
        return os.path.join(self._root, *rel_path.split("/"))

    def _stat(self, rel_path: str) -> FileState | None:
        """The identity of the file at rel_path in output/, None when there is none (without the writer's walk)."""
        try:
            status = os.stat(self._path(rel_path))
        except OSError:
            return None
        return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns

    def record(self, states: Mapping[str, FileState], written: Mapping[str, str]) -> MemoRecord:
        """This build's fingerprints with the state of each file as it now stands in output/ (after the commit), from
        `states`: every file of output/ by path (the build stats the tree once for this and its own record), and
        the hash of its bytes: the writer's (`written`, the hash of each file it wrote, by path) for a file written
        afresh, the last build's for a file it left as it was, else read from output/ (a file a tool wrote).
        Reading back the files just written took seconds of a cold build: 564 MB at 10,000 articles."""
        record: MemoRecord = {}
        for rel, fingerprint in self.current.items():
            state = states.get(rel, (0, 0, 0, 0))
            previous = self.previous.get(rel)
            if rel in written:
                content = written[rel]
            elif rel in self._hashed:
                content = self._hashed[rel]
            elif previous is not None and previous[1] == state and state != (0, 0, 0, 0):
                content = previous[2]
            else:
                content = content_hash(self._path(rel))
            record[rel] = (fingerprint, state, content)
        return record


def produce(memo: PageMemo | None, rel_path: str, parts: object, make: Callable[[], Made],
            keepable: bool = False) -> Made | Unchanged:
    """`memo.produce`, or simply `make()` without a memo (a build without cache, `digest check`)."""
    return make() if memo is None else memo.produce(rel_path, parts, make, keepable)
