"""The only code that writes the site to disk.

A build writes into a fresh staging folder beside `output/`, so a failed or interrupted build leaves the last good
site whole. Every path is checked to stay inside the staging folder, and no path may be written twice in one build
(two pages claiming one URL is a bug, not something to resolve silently). A file whose bytes equal the previous
build's file is not written again, so unchanged files keep their inode and mtime and rsync, `make`-style deploys and
browsers' caches see only what really changed. Publishing takes one of two ways:

- A first build (or one that keeps little of the last) stages the whole site, unchanged files as hard links to the
  old ones (copies keeping the mtime where links are not supported), and swaps the staging folder in for output/:
  the site being replaced moves to `.<output>.old-<pid>-<random>/site` for the instant between the two renames,
  then is deleted.
- A rebuild (`in_place`: the page memo will keep most files) updates output/ in place: only the files whose bytes
  change are staged; the commit writes a journal of the files to move in and the previous site's files to delete
  into the staging folder (the commit point), then applies it. One edit at 10,000 articles so moves a dozen files,
  where staging the whole site made 11,500 folders and 33,000 links, and deleting the old one as many entries
  again (the build's system time, ~7 s of CPU, exceeded its user time; `close()` waited 1.1-1.5 s for the deletion
  alone; one change went from 6.95 to 5.10 s side by side with this and the read-back shards, bench/HISTORY.md).
  Readers of output/ see the files change one by one during those milliseconds, never a page half-written. A site
  holding a symlink is staged whole (a move into it could follow the link outside output/).

Two builds of one site (`digest serve`, and `digest build` in another terminal) commit one after the other, under a
lock on the output folder; an in-place update whose walk of output/ the other build has made stale since (its
folders' mtimes moved) fails, asking to build again, rather than mix the two sites.

Staging folders are named `.<output>.building-<pid>-<random>`. A build killed at any point leaves at most its
folders behind; the next build (`recover`) deletes the ones whose builder is dead, after finishing an in-place
update whose journal was written, or, when a kill fell between the two renames, putting the previous site back.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .errors import BuildError
from .memo import FileState, Unchanged, content_digest

log = logging.getLogger(__name__)

_STAGING, _OLD = "building", "old"
_JOURNAL = ".digest-commit"  # in a staging folder: the in-place commit it holds has begun (see `recover`)
_LEFTOVER = re.compile(r"^\.(?P<output>.+)\.(?P<kind>building|old)-(?P<pid>\d+)-[^/]*$")


def check_output_location(output: Path, content: Path, root: Path) -> None:
    """Refuse an output folder that would overwrite the site folder, the content or anything around them."""
    output, content, root = output.resolve(), content.resolve(), root.resolve()
    if output in (root, content) or output in content.parents or content in output.parents or output in root.parents:
        raise BuildError(f"output folder {output} overlaps the site or content folder; choose another output_dir")


def _pid_alive(pid: int) -> bool:
    """True when a process with this id exists (a reused id errs on the side of keeping its folder)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError as exc:
        return exc.errno != errno.ESRCH
    return True


def _leftovers(output: Path) -> list[tuple[str, Path]]:
    """(kind, folder) for every staging or old folder of a dead build of this output folder, newest first."""
    found = []
    for entry in output.parent.iterdir():
        match = _LEFTOVER.match(entry.name)
        if not match or match["output"] != output.name or _pid_alive(int(match["pid"])):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                found.append((entry.stat().st_mtime, match["kind"], entry))
        except OSError:
            continue  # another build cleaned it up meanwhile
    return [(kind, folder) for _mtime, kind, folder in sorted(found, reverse=True)]


def recover(output: Path) -> None:
    """Clean up after builds that died: finish an in-place update that had begun, restore a site lost between the
    two renames, drop their folders."""
    output = output.resolve()
    if not output.parent.is_dir():
        return
    leftovers = _leftovers(output)
    for kind, folder in reversed(leftovers):  # oldest first: a later build's update goes over an earlier one's
        journal = folder / _JOURNAL
        if kind == _STAGING and journal.is_file() and output.is_dir():
            try:
                plan = json.loads(journal.read_text(encoding="utf-8"))
                moves, deletions = plan["moves"], plan["deletions"]
            except (OSError, ValueError, KeyError, TypeError):
                continue  # written by os.replace, so whole or absent: not ours
            _apply(str(folder), str(output), moves, deletions)
            log.info("finished the update of %s that an interrupted build had begun", output)
    for kind, folder in leftovers:
        previous = folder / "site"
        if kind == _OLD and not output.exists() and previous.is_dir():
            os.rename(previous, output)  # the build died after moving the old site aside: put it back
            log.info("restored %s from an interrupted build", output)
    for _kind, folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)


class SiteWriter:
    """Collects the files of one build in a staging folder, then publishes them atomically."""

    def __init__(self, output: Path, in_place: bool = False, keep_hashes: bool = False) -> None:
        """`in_place`: update the previous site where it is, when it has one (see the module's docstring): the
        staging folder gets only the files whose bytes change, and commit moves them in. `keep_hashes`: fill
        `hashes` (for the page memo's record; a build without the cache keeps none)."""
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        recover(self.output)
        self.staging = Path(tempfile.mkdtemp(prefix=self._prefix(_STAGING), dir=self.output.parent))
        self._written: set[str] = set()
        self.reused = 0  # files carried over unchanged from the previous build
        self._changed: set[str] = set()  # files written afresh: new, or with bytes that differ from the last build
        # The hash of each file written from bytes in hand (`memo.content_digest`), for the page memo's record:
        # hashed here rather than read back from disk after the swap.
        self.hashes: dict[str, str] = {}
        self._keep_hashes = keep_hashes
        # Paths inside the sites are plain strings: a build writes every file of the site, 33,000 at 10,000
        # articles, and pathlib's parsing and joining cost seconds of a rebuild that keeps most of them.
        self._staging, self._output = str(self.staging), str(self.output)
        self._folders: set[str] = {self._staging}  # made already: one mkdir per folder, not one per file
        self._can_link = True  # until the file system says otherwise
        self._cleanup: threading.Thread | None = None  # deleting the site this one replaced
        # After a commit, every file of the site with its identity (`memo.output_state` of output/); None when the
        # build staged the whole site (the caller walks it)
        self.states: list[tuple[str, FileState]] | None = None
        # In place: the previous site's files with their identities (walked in the background until `_ready`), and
        # the files of ours staged because their bytes changed
        self._walk: threading.Thread | None = None
        self._site: dict[str, FileState] | None = None
        self._folder_times: dict[str, int] = {}  # in place: each folder of output/ by path, its mtime at the walk
        self._fresh: set[str] = set()
        if in_place and self.output.is_dir():
            self._walk = threading.Thread(target=self._walk_site, name="digest-walk-site", daemon=True)
            self._walk.start()

    def _walk_site(self) -> None:
        """The previous site's files by identity, on the other core while the articles are read and grouped; none
        (so the whole site is staged) when it holds a symlink, which moves into it could follow outside output/."""
        files: dict[str, FileState] = {}
        pending = [(self._output, "")]
        try:
            # Each folder's mtime, taken before it is listed: any file moved in, out or over changes it (see commit)
            folders = {self._output: os.stat(self._output).st_mtime_ns}
            while pending:
                folder, prefix = pending.pop()
                for entry in os.scandir(folder):
                    if entry.is_symlink():
                        return
                    if entry.is_dir(follow_symlinks=False):
                        folders[entry.path] = entry.stat(follow_symlinks=False).st_mtime_ns
                        pending.append((entry.path, f"{prefix}{entry.name}/"))
                        continue
                    status = entry.stat(follow_symlinks=False)
                    if not stat.S_ISREG(status.st_mode):
                        return  # a socket or a fifo: not a site of ours to update
                    files[prefix + entry.name] = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
        except OSError:
            return  # a folder gone or unreadable under the walk: staged whole, as a first build is
        self._site, self._folder_times = files, folders

    def previous_site(self) -> dict[str, FileState] | None:
        """In place: every file of the previous site by path, with its identity as the walk found it (a commit
        fails if output/ changed since); else None."""
        self._ready()
        return self._site

    @property
    def in_place(self) -> bool:
        """Whether the build updates the previous site in place."""
        return self.previous_site() is not None

    def _ready(self) -> None:
        """Wait for the walk of the previous site, if one runs."""
        if self._walk is not None:
            walk, self._walk = self._walk, None
            walk.join()

    def _prefix(self, kind: str) -> str:
        # The builder's PID in the name lets a later build tell a dead build's folder from a running one's.
        return f".{self.output.name}.{kind}-{os.getpid()}-"

    def _target(self, rel_path: str) -> str:
        """The staging path of rel_path, claimed for this build, its folder made."""
        target = os.path.join(self._staging, *self._claim(rel_path))
        self._make_folder(os.path.dirname(target))
        return target

    def _claim(self, rel_path: str) -> list[str]:
        """Claim rel_path for this build; its parts."""
        self._ready()
        # the parts PurePosixPath would give (empty and "." segments dropped), split by hand: it runs for every file
        parts = [part for part in rel_path.split("/") if part not in ("", ".")]
        if rel_path.startswith("/") or ".." in parts or not parts or rel_path == _JOURNAL:
            raise BuildError(f"refusing to write outside the output folder: {rel_path!r}")
        if rel_path in self._written:
            raise BuildError(f"two pages claim the same output path: {rel_path}")
        self._written.add(rel_path)
        return parts

    def _make_folder(self, folder: str) -> None:
        """Make a staging folder and any missing parents, each once: os.makedirs would look at every parent again
        for each of the site's 10,000 article folders."""
        if folder in self._folders:
            return
        self._make_folder(os.path.dirname(folder))
        try:
            os.mkdir(folder)
        except FileExistsError:
            if not os.path.isdir(folder):
                raise
        self._folders.add(folder)

    def located(self, rel_path: str) -> str:
        """Where a file this build has written is until the commit: in the staging folder, or, kept in place, in
        output/ (for the search indexer, which reads the article pages before the commit)."""
        parts = rel_path.split("/")
        if self._site is not None and rel_path not in self._fresh:
            return os.path.join(self._output, *parts)
        return os.path.join(self._staging, *parts)

    def write(self, rel_path: str, data: str | bytes | Iterable[str | bytes] | Unchanged) -> None:
        """Write one file of the site (text is written as UTF-8; an iterable of pieces, text or bytes, as they come,
        for a file too big to hold whole); `Unchanged` keeps the previous build's file."""
        if isinstance(data, Unchanged):
            self._ready()
            if self._site is not None:
                found = self._site.get(rel_path)
                # In place: the very file the memo found, or any file there when it did not look, stays as it is
                if found is not None and (data.state is None or data.state == found):
                    self._claim(rel_path)  # the file stays where it is: no staging path, no folder
                    self.reused += 1
                    return
                target = self._target(rel_path)
            else:
                target = self._target(rel_path)
                if self._carry(self._previous(rel_path), target):
                    return
            data = data.make()  # the old file is gone or another since the memo looked: made after all
        else:
            target = self._target(rel_path)
        if not isinstance(data, (str, bytes)):
            self._write_pieces(rel_path, target, data)
            return
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._hash(rel_path, data)
        if not self._reuse(rel_path, target, data):
            with open(target, "wb") as out:
                out.write(data)
            self._wrote(rel_path)

    def _wrote(self, rel_path: str) -> None:
        """A file of ours staged afresh, its bytes not the last build's."""
        self._changed.add(rel_path)
        self._fresh.add(rel_path)

    def _write_pieces(self, rel_path: str, target: str, pieces: Iterable[str | bytes]) -> None:
        """Write the pieces as they come; a file with the last build's bytes is then carried over as any other."""
        digest = content_digest() if self._keep_hashes else None
        with open(target, "wb") as out:
            for piece in pieces:
                data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
                if digest is not None:
                    digest.update(data)
                out.write(data)
        if digest is not None:
            self.hashes[rel_path] = digest.hexdigest()
        previous = self._previous(rel_path)
        try:
            if _same_bytes(previous, target):
                if self._site is not None:  # in place: the old file stays
                    os.unlink(target)
                    self.reused += 1
                    return
                temp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.reuse")
                try:
                    if self._carry(previous, temp):
                        os.replace(temp, target)
                        return
                finally:
                    if os.path.lexists(temp):
                        os.unlink(temp)  # keep the file as written
        except OSError:
            pass
        self._wrote(rel_path)

    def copy(self, source: Path, rel_path: str) -> None:
        """Copy a static asset into the site."""
        target = self._target(rel_path)
        data = source.read_bytes()
        self._hash(rel_path, data)
        if not self._reuse(rel_path, target, data):
            shutil.copyfile(source, target)
            self._wrote(rel_path)

    def _hash(self, rel_path: str, data: bytes) -> None:
        if self._keep_hashes:
            digest = content_digest()
            digest.update(data)
            self.hashes[rel_path] = digest.hexdigest()

    def _previous(self, rel_path: str) -> str:
        return os.path.join(self._output, *rel_path.split("/"))  # rel_path checked by _target already

    def _reuse(self, rel_path: str, target: str | Path, data: bytes) -> bool:
        """Keep the previous build's file when it holds exactly these bytes (in place: left where it is; else carried
        over into the staging folder); False to write afresh."""
        previous = self._previous(rel_path)
        try:
            status = os.lstat(previous)
            # A regular file of the same size first: cheap, and never follows a link planted in output/.
            if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
                return False
            with open(previous, "rb") as old:
                if old.read() != data:
                    return False
        except OSError:
            return False
        if self._site is not None:
            self.reused += 1
            return True
        return self._carry(previous, target)

    def _carry(self, previous: str, target: str | Path) -> bool:
        """Hard-link (or copy, keeping the mtime) a regular file of the previous site into the staging folder."""
        try:
            if not stat.S_ISREG(os.lstat(previous).st_mode):
                return False
            if self._can_link:
                try:
                    os.link(previous, target, follow_symlinks=False)
                    self.reused += 1
                    return True
                except OSError as exc:
                    if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
                        raise
                    self._can_link = False  # e.g. a file system without hard links: copy from now on
            shutil.copy2(previous, target)  # copy2 keeps the mtime: the file still reads as unchanged
        except OSError:
            return False
        self.reused += 1
        return True

    @property
    def written(self) -> frozenset[str]:
        return frozenset(self._written)

    @property
    def changed(self) -> frozenset[str]:
        """The files of ours (search index aside) that this build wrote because the last one had other bytes."""
        return frozenset(self._changed)

    def _carry_over_others(self, folders: Iterable[str]) -> set[str]:
        """Files a tool wrote straight into these staging folders (the search indexer's bundles) get the same reuse
        as ours. Only its folders are walked: the site's other 22,000 files at 10,000 articles are all ours.
        Returns every file the tool wrote (kept ones included), by path."""
        root = str(self.staging)
        tools: set[str] = set()
        for top in folders:
            for folder, _dirs, names in os.walk(os.path.join(root, *top.split("/"))):
                prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
                for name in names:
                    rel_path = prefix + name  # strings, not Paths: a bundle holds a file per article
                    if rel_path in self._written:
                        continue
                    tools.add(rel_path)
                    staged = Path(folder, name)
                    if staged.is_symlink():
                        continue
                    temp = staged.with_name(f".{name}.reuse")
                    try:
                        if self._reuse(rel_path, temp, staged.read_bytes()):
                            if self._site is not None:
                                staged.unlink()  # in place: the old file stays
                            else:
                                os.replace(temp, staged)
                    except OSError:
                        temp.unlink(missing_ok=True)  # keep the staged file as written
        return tools

    def commit(self, tool_folders: Iterable[str] = ()) -> None:
        """Publish the staged site. `tool_folders`: where a tool wrote files into the staging folder itself (paths
        relative to it), whose files that hold the last build's bytes are kept as ours are."""
        self._ready()
        tools = self._carry_over_others(tool_folders) if self.output.is_dir() else set()
        if self._site is not None:
            self._commit_in_place(tools)
            return
        old = None
        try:
            with _output_locked(self._output):  # not while a build beside this one updates it in place
                if self.output.exists():
                    old = Path(tempfile.mkdtemp(prefix=self._prefix(_OLD), dir=self.output.parent))
                    os.rename(self.output, old / "site")
                os.rename(self.staging, self.output)
        except BaseException:
            # Ctrl-C or an error between the renames: the previous site goes back before anything else.
            if old is not None and not self.output.exists():
                os.rename(old / "site", self.output)
            raise
        finally:
            if old is not None and self.output.exists():  # never delete the only copy of the last good site
                # In the background: deleting a large old site takes seconds the caller can spend on its records.
                # A build killed meanwhile leaves the folder to the next build's `recover`.
                self._cleanup = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True},
                                                 name="digest-remove-old-site")
                self._cleanup.start()

    def _commit_in_place(self, tools: set[str]) -> None:
        """Move the staged files into output/ and delete the previous site's files this build did not make, by a
        journal written first (the commit point): a build killed while it applies it leaves the journal to the
        next build's `recover`, which finishes the update."""
        assert self._site is not None
        made = self._written | tools
        tool_staged = {rel for rel in tools if os.path.lexists(os.path.join(self._staging, *rel.split("/")))}
        moves = sorted(self._fresh | tool_staged)
        deletions = sorted(rel for rel in self._site if rel not in made)
        states = {rel: state for rel, state in self._site.items() if rel in made}
        for rel in moves:  # a rename keeps the device, inode, size and mtime: the site's state without a walk
            status = os.lstat(os.path.join(self._staging, *rel.split("/")))
            states[rel] = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
        journal = os.path.join(self._staging, _JOURNAL)
        with open(journal + ".tmp", "w", encoding="utf-8") as out:
            json.dump({"moves": moves, "deletions": deletions}, out)
        # A build beside this one commits before or after it; Ctrl-C lands after the update, not in the middle of it
        # (held only once the lock is taken, so a build waiting for it can still be stopped)
        with _output_locked(self._output), _signals_deferred():
            self._check_unchanged()
            os.replace(journal + ".tmp", journal)
            _apply(self._staging, self._output, moves, deletions)
        shutil.rmtree(self._staging, ignore_errors=True)
        self.states = sorted(states.items())

    def _check_unchanged(self) -> None:
        """Fail when output/ changed since the walk (another build committed beside this one, or a hand): a file
        moved in, out or over changes its folder's mtime. The update was planned against the walk, so it would mix
        two sites; the previous site stays as that change left it."""
        for folder, mtime in self._folder_times.items():
            try:
                same = os.stat(folder).st_mtime_ns == mtime
            except OSError:
                same = False
            if not same:
                raise BuildError(f"{self.output} changed while the site was being built; build again")

    def close(self) -> None:
        """Wait for the previous site to be deleted (after `commit`)."""
        if self._cleanup is not None:
            self._cleanup.join()
            self._cleanup = None

    def abort(self) -> None:
        """Drop the staging folder; the previous site stays as it was."""
        self._ready()
        shutil.rmtree(self.staging, ignore_errors=True)


@contextmanager
def _output_locked(output: str) -> Iterator[None]:
    """An exclusive lock on the output folder itself (none before it exists) while a commit checks and changes it:
    two builds of one site (`digest serve`, and `digest build` in another terminal) commit one after the other."""
    try:
        fd = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # which releases the lock


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then act on them (the main thread only sets handlers; a build
    run elsewhere, as `digest serve` runs it, is stopped by its own thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {number: signal.signal(number, lambda n, _frame: caught.append(n))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)  # None: set outside Python
        for number in caught:
            signal.raise_signal(number)


def _apply(staging: str, output: str, moves: list[str], deletions: list[str]) -> None:
    """Carry out an in-place commit's journal; again after a kill, it finishes what is left. The new files move in
    first (a file where a folder must go, or the reverse, is a file this build did not make: out of the way), then
    the previous site's files this build did not make go, and the folders they leave empty."""
    for rel in moves:
        source, target = os.path.join(staging, *rel.split("/")), os.path.join(output, *rel.split("/"))
        if not os.path.lexists(source):
            continue  # moved before the kill
        _clear_way(output, rel)
        os.replace(source, target)
    emptied: set[str] = set()
    for rel in deletions:
        try:
            os.unlink(os.path.join(output, *rel.split("/")))
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass  # gone already: moved out of the way of a folder, or with its folder when a file took its place
        parts = rel.split("/")[:-1]
        emptied.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    for folder in sorted(emptied, key=lambda f: f.count("/"), reverse=True):  # deepest first
        try:
            os.rmdir(os.path.join(output, *folder.split("/")))
        except OSError:  # not empty (or gone): left
            pass


def _clear_way(output: str, rel: str) -> None:
    """Make the folders of output/rel, removing a file that stands where one of them goes, and a folder that stands
    where the file goes (either is of the previous site, and not of this build's)."""
    parts = rel.split("/")
    folder = output
    for part in parts[:-1]:
        folder = os.path.join(folder, part)
        if os.path.isdir(folder) and not os.path.islink(folder):
            continue
        if os.path.lexists(folder):
            os.unlink(folder)
        os.mkdir(folder)
    target = os.path.join(folder, parts[-1])
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)


def _same_bytes(previous: str, written: str, block: int = 1 << 20) -> bool:
    """Whether a regular file `previous` holds exactly the bytes of `written`, read a block at a time."""
    status = os.lstat(previous)
    if not stat.S_ISREG(status.st_mode) or status.st_size != os.stat(written).st_size:
        return False
    with open(previous, "rb") as old, open(written, "rb") as new:
        while True:
            a, b = old.read(block), new.read(block)
            if a != b:
                return False
            if not a:
                return True
