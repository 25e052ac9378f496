"""The only code that writes the site to disk.

A build writes into a fresh staging folder beside `output/` and swaps it in at the end, so a failed or interrupted
build leaves the last good site whole. Every path is checked to stay inside the staging folder, and no path may be
written twice in one build (two pages claiming one URL is a bug, not something to resolve silently).

A file whose bytes equal the previous build's file is not written again: the staging folder gets a hard link to
the old file (a copy that keeps its mtime where links are not supported), so unchanged files keep their inode and
mtime across the swap and rsync, `make`-style deploys and browsers' caches see only what really changed.

Staging folders are named `.<output>.building-<pid>-<random>` and the site being replaced moves to
`.<output>.old-<pid>-<random>/site` for the instant between the two renames. A build killed at any point leaves
at most those folders behind; the next build (`recover`) deletes the ones whose builder is dead and, when the kill
fell between the two renames, puts the previous site back first.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Iterable

from .errors import BuildError
from .memo import FileState, Unchanged, content_digest, file_state, output_state

log = logging.getLogger(__name__)

_STAGING, _OLD = "building", "old"
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
    """Clean up after builds that died: restore a site lost between the two renames, drop their folders."""
    output = output.resolve()
    if not output.parent.is_dir():
        return
    leftovers = _leftovers(output)
    for kind, folder in leftovers:
        previous = folder / "site"
        if kind == _OLD and not output.exists() and previous.is_dir():
            os.rename(previous, output)  # the build died after moving the old site aside: put it back
            log.info("restored %s from an interrupted build", output)
    for _kind, folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)


class SiteWriter:
    """Collects the files of one build in a staging folder, then publishes them atomically."""

    def __init__(self, output: Path, prelink: bool = False, keep_hashes: bool = False) -> None:
        """`prelink`: fill the staging folder with hard links to the whole previous site at once, in a background
        process, while the build is still extracting and grouping (see `_start_prelink`). `keep_hashes`: fill
        `hashes` (for the page memo's record; a build without the cache keeps none)."""
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        recover(self.output)
        self.staging = Path(tempfile.mkdtemp(prefix=self._prefix(_STAGING), dir=self.output.parent))
        self._linking: subprocess.Popen[bytes] | None = None  # the background `cp -al`, until waited for
        self._prelinked = False  # the staging folder holds the previous site's files (links), ours replace them
        self._written: set[str] = set()
        self.reused = 0  # files carried over unchanged from the previous build
        self._changed: set[str] = set()  # files written afresh: new, or with bytes that differ from the last build
        # The hash of each file written from bytes in hand (`memo.content_digest`), for the page memo's record:
        # hashed here rather than read back from disk after the swap.
        self.hashes: dict[str, str] = {}
        self._keep_hashes = keep_hashes
        # Paths inside the sites are plain strings: a build writes every file of the site, 33,000 at 10,000
        # articles, and pathlib's parsing and joining cost seconds of a rebuild that links most of them.
        self._staging, self._output = str(self.staging), str(self.output)
        self._folders: set[str] = {self._staging}  # made already: one mkdir per folder, not one per file
        self._can_link = True  # until the file system says otherwise
        self._cleanup: threading.Thread | None = None  # deleting the site this one replaced
        # After a prelinked commit, every file of the site with its identity (`memo.output_state` of output/);
        # None when the build staged file by file
        self.states: list[tuple[str, FileState]] | None = None
        # Prelinked: the files kept on the page memo's word, with the identity it found in output/; the commit's sweep
        # checks each staged link against it (see `write`)
        self._kept: dict[str, FileState] = {}
        if prelink:
            self._start_prelink()

    def _start_prelink(self) -> None:
        """Hard-link the previous site into the staging folder with one `cp -al`, in the background. A rebuild keeps
        most files as they were (the page memo's `Unchanged`), and making their 11,500 folders and 33,000 links one
        by one took 2-3 s of the builder's thread at 10,000 articles; `cp` does it on the other core while the
        articles are read and grouped. A previous site holding any symlink is not prelinked: a linked folder would
        lead writes outside the staging folder. Where `cp` cannot (no GNU cp, no hard links) the build stages file
        by file as before (`_ready`)."""
        if not self.output.is_dir() or shutil.which("cp") is None or shutil.which("find") is None:
            return
        script = 'if [ -n "$(find "$1" -type l -print -quit)" ]; then exit 3; fi; exec cp -al "$1/." "$2"'
        try:
            self._linking = subprocess.Popen(["sh", "-c", script, "sh", self._output, self._staging],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            self._linking = None

    def _ready(self) -> None:
        """Wait for the prelink, if one runs; when it failed, start from an empty staging folder."""
        if self._linking is None:
            return
        linking, self._linking = self._linking, None
        if linking.wait() == 0:
            self._prelinked = True
            return
        shutil.rmtree(self.staging, ignore_errors=True)  # a partial copy: staged file by file instead
        os.mkdir(self.staging, 0o700)  # as mkdtemp made it

    def _discard(self, target: str) -> None:
        """Before a file is written at target: drop the previous site's link there, so the old file (still the live
        site's) is never written through."""
        if self._prelinked:
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass

    def _prefix(self, kind: str) -> str:
        # The builder's PID in the name lets a later build tell a dead build's folder from a running one's.
        return f".{self.output.name}.{kind}-{os.getpid()}-"

    def _target(self, rel_path: str, make_folder: bool = True) -> str:
        """The staging path of rel_path, claimed for this build; its folder made unless told not to."""
        self._ready()
        # the parts PurePosixPath would give (empty and "." segments dropped), split by hand: it runs for every file
        parts = [part for part in rel_path.split("/") if part not in ("", ".")]
        if rel_path.startswith("/") or ".." in parts or not parts:
            raise BuildError(f"refusing to write outside the output folder: {rel_path!r}")
        if rel_path in self._written:
            raise BuildError(f"two pages claim the same output path: {rel_path}")
        self._written.add(rel_path)
        target = os.path.join(self._staging, *parts)
        if make_folder:
            self._make_folder(os.path.dirname(target))
        return target

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

    def write(self, rel_path: str, data: str | bytes | Iterable[str] | Unchanged) -> None:
        """Write one file of the site (text is written as UTF-8; an iterable of text pieces as they come, for a
        file too big to hold whole); `Unchanged` keeps the previous build's file."""
        if isinstance(data, Unchanged):
            self._ready()
            if self._prelinked and data.state is not None:
                # Linked already by the prelink: nothing to do now, not even a stat. The commit's sweep, which lists
                # every staged file anyway, checks the link is the file the memo found (`_check_kept`).
                self._target(rel_path, make_folder=False)
                self._kept[rel_path] = data.state
                self.reused += 1
                return
            target = self._target(rel_path, make_folder=not self._prelinked)
            previous = self._previous(rel_path)
            if self._prelinked and _same_file(previous, target):
                self.reused += 1
                return
            self._make_folder(os.path.dirname(target))
            self._discard(target)
            if self._carry(previous, target):
                return
            data = data.make()  # the old file went missing after the memo looked: make it after all
        else:
            target = self._target(rel_path)
            self._discard(target)
        if not isinstance(data, (str, bytes)):
            self._write_pieces(rel_path, target, data)
            return
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._hash(rel_path, data)
        if not self._reuse(rel_path, target, data):
            with open(target, "wb") as out:
                out.write(data)
            self._changed.add(rel_path)

    def _write_pieces(self, rel_path: str, target: str, pieces: Iterable[str]) -> None:
        """Write the pieces as they come; a file with the last build's bytes is then carried over as any other."""
        digest = content_digest() if self._keep_hashes else None
        with open(target, "wb") as out:
            for piece in pieces:
                data = piece.encode("utf-8")
                if digest is not None:
                    digest.update(data)
                out.write(data)
        if digest is not None:
            self.hashes[rel_path] = digest.hexdigest()
        previous = self._previous(rel_path)
        temp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.reuse")
        try:
            if _same_bytes(previous, target) and self._carry(previous, temp):
                os.replace(temp, target)
                return
        except OSError:
            if os.path.lexists(temp):
                os.unlink(temp)  # keep the file as written
        self._changed.add(rel_path)

    def copy(self, source: Path, rel_path: str) -> None:
        """Copy a static asset into the site."""
        target = self._target(rel_path)
        self._discard(target)
        data = source.read_bytes()
        self._hash(rel_path, data)
        if not self._reuse(rel_path, target, data):
            shutil.copyfile(source, target)
            self._changed.add(rel_path)

    def _hash(self, rel_path: str, data: bytes) -> None:
        if self._keep_hashes:
            digest = content_digest()
            digest.update(data)
            self.hashes[rel_path] = digest.hexdigest()

    def _previous(self, rel_path: str) -> str:
        return os.path.join(self._output, *rel_path.split("/"))  # rel_path checked by _target already

    def _reuse(self, rel_path: str, target: str | Path, data: bytes) -> bool:
        """Carry the previous build's file over when it holds exactly these bytes; False to write afresh."""
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

    def _carry_over_others(self, folders: Iterable[str]) -> None:
        """Files a tool wrote straight into these staging folders (the search indexer's bundles) get the same reuse
        as ours. Only its folders are walked: the site's other 22,000 files at 10,000 articles are all ours."""
        root = str(self.staging)
        for top in folders:
            for folder, _dirs, names in os.walk(os.path.join(root, *top.split("/"))):
                prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
                for name in names:
                    rel_path = prefix + name  # strings, not Paths: a bundle holds a file per article
                    if rel_path in self._written:
                        continue
                    staged = Path(folder, name)
                    if staged.is_symlink():
                        continue
                    temp = staged.with_name(f".{name}.reuse")
                    try:
                        if self._reuse(rel_path, temp, staged.read_bytes()):
                            os.replace(temp, staged)
                    except OSError:
                        temp.unlink(missing_ok=True)  # keep the staged file as written

    def _drop_unwritten(self, tool_folders: Iterable[str]) -> list[tuple[str, FileState]]:
        """After a prelink: delete the previous site's files this build did not write (pages gone, files removed
        by hand from the theme), and folders left empty; a tool's folders keep what it wrote. Returns the identity
        of each file of ours it keeps (outside the tool's folders), as `memo.output_state` would find it."""
        tools = tuple(folder.rstrip("/") + "/" for folder in tool_folders)
        states: list[tuple[str, FileState]] = []
        unchecked, self._kept = self._kept, {}  # kept files whose staged link the sweep has not seen yet

        def sweep(folder: str, prefix: str) -> bool:  # whether the folder is left empty
            empty = True
            for entry in list(os.scandir(folder)):
                rel_path = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if sweep(entry.path, rel_path + "/") and rel_path + "/" not in tools:
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif rel_path.startswith(tools):
                    if rel_path in self._written or entry.stat(follow_symlinks=False).st_nlink == 1:
                        empty = False  # a file the tool wrote (not a link to the previous site's)
                    else:
                        os.unlink(entry.path)
                elif rel_path in self._written:
                    empty = False
                    kept = unchecked.get(rel_path)
                    # the inode from the directory listing itself (no stat): a hard link is on the same device
                    if kept is not None and entry.inode() == kept[1] and entry.is_file(follow_symlinks=False):
                        del unchecked[rel_path]
                        states.append((rel_path, kept))
                    elif kept is None:
                        status = entry.stat(follow_symlinks=False)  # ours: a regular file, linked or written
                        states.append((rel_path, (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)))
                else:
                    os.unlink(entry.path)
            return empty

        sweep(self._staging, "")
        return states + [(rel_path, self._check_kept(rel_path, state)) for rel_path, state in unchecked.items()]

    def _check_kept(self, rel_path: str, state: FileState) -> FileState:
        """A kept file whose staged link is missing or another file (output/ changed after the prelink copied it):
        linked again from output/ when the file there is still the one the memo found, its identity returned.
        Otherwise output/ changed under the build, and it fails (the previous site stays as it is)."""
        previous, target = self._previous(rel_path), os.path.join(self._staging, *rel_path.split("/"))
        if file_state(Path(previous)) != state:
            raise BuildError(f"{previous} changed while the site was being built; build again")
        self._make_folder(os.path.dirname(target))
        if os.path.lexists(target):
            os.unlink(target)
        os.link(previous, target, follow_symlinks=False)
        return state

    def commit(self, tool_folders: Iterable[str] = ()) -> None:
        """Swap the staging folder in for the output folder. `tool_folders`: where a tool wrote files into the
        staging folder itself (paths relative to it), whose files that hold the last build's bytes are carried over
        as ours are."""
        self._ready()
        kept = self._drop_unwritten(tool_folders) if self._prelinked else None
        if self.output.is_dir():
            self._carry_over_others(tool_folders)
        if kept is not None:
            # The renames below keep every file's device, inode, size and mtime: the site's state is known without
            # walking its 33,000 files again (10,000 articles) once it is in place.
            for top in tool_folders:
                kept += [(f"{top.rstrip('/')}/{rel}", state) for rel, state in output_state(self.staging / top)]
            self.states = sorted(kept)
        old = None
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=self._prefix(_OLD), dir=self.output.parent))
            os.rename(self.output, old / "site")
        try:
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

    def close(self) -> None:
        """Wait for the previous site to be deleted (after `commit`)."""
        if self._cleanup is not None:
            self._cleanup.join()
            self._cleanup = None

    def abort(self) -> None:
        """Drop the staging folder; the previous site stays as it was."""
        if self._linking is not None:
            self._linking.kill()
            self._linking.wait()
            self._linking = None
        shutil.rmtree(self.staging, ignore_errors=True)


def _same_file(previous: str, staged: str) -> bool:
    """Whether the staged path is a hard link to the previous site's regular file at `previous`."""
    try:
        a, b = os.lstat(previous), os.lstat(staged)
    except OSError:
        return False
    return stat.S_ISREG(b.st_mode) and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


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
