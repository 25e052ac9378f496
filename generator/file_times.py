"""When a content file last changed, for articles that carry no date: the time of the last commit that changed it,
when git has the file committed and the work tree leaves it as committed; its modification time otherwise.

A checkout gives every file the time of the checkout. An undated article is placed by its file's time and dated by
it in the feeds, so on a CI runner (the Pages workflow `digest init` writes) every undated article would move to
the top and look new to feed readers on every run, and its pages would be made again. Its last commit time is the
same on every clone (the workflow fetches the whole history for it). Hugo (`enableGitInfo`) and Pelican
(`filetime_from_git`) read git the same way. A file edited since its last commit keeps its modification time: the
edit is newer than any commit.

Reading the history costs one `git log`, stopped as soon as every file asked about has been seen, and only builds
with undated articles ask; a process that builds again and again (`digest serve`) reads it once per commit checked
out. Without git, or outside a work tree, nothing is found and file times stand.

A shallow clone (actions/checkout's default depth of one commit) cuts the history short: its oldest commit holds
every file as if added there, so a file last changed before it is dated by that commit. That is still a time every
rebuild of the same commit agrees on, and no later than the true one, so it is used, with a warning that names how
to fetch the whole history.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path
from typing import Collection, Iterator

log = logging.getLogger(__name__)

_READ_SIZE = 1 << 16


def committed_times(folder: Path, wanted: Collection[str]) -> dict[str, float]:
    """Commit time (POSIX seconds) of each wanted file (a path relative to `folder`, POSIX separators) that git has
    committed and unchanged in the work tree; the others are left out."""
    if not wanted or shutil.which("git") is None:
        return {}
    changed = _git(folder, "diff", "--name-only", "-z", "--no-renames", "--relative", "HEAD", "--", ".")
    if changed is None:
        return {}  # not a work tree, or no commit yet
    looked_for = frozenset(wanted) - {os.fsdecode(name) for name in changed.split(b"\0") if name}
    located = _git(folder, "rev-parse", "HEAD", "--git-path", "shallow")
    if located is None or len(located.splitlines()) != 2:
        return {}
    head, shallow = located.splitlines()
    cut = _shallow_boundary(folder / os.fsdecode(shallow))
    key = (str(folder.resolve()), head, cut, looked_for)
    if key not in _READ:
        # The history back from a commit never changes (but for a shallow clone deepened): `digest serve` walks it
        # once, not on every rebuild.
        _READ.clear()
        _READ[key] = _last_commits(folder, set(looked_for), cut)
    found, at_cut = _READ[key]
    if at_cut:
        log.warning("%s: %d undated article%s (%s) dated by the oldest commit of a shallow git clone, not by "
                    "their own last change; clone the whole history (actions/checkout: fetch-depth: 0)",
                    folder, len(at_cut), "" if len(at_cut) == 1 else "s", ", ".join(at_cut[:3])
                    + (", ..." if len(at_cut) > 3 else ""))
    return dict(found)


# The last answer of `_last_commits`, by (folder, HEAD commit, shallow boundary, files asked about)
_READ: dict[tuple[str, bytes, frozenset[bytes], frozenset[str]], tuple[dict[str, float], list[str]]] = {}


def _git(folder: Path, *args: str) -> bytes | None:
    """The output of a git command run in folder; None when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _last_commits(folder: Path, wanted: set[str], cut: frozenset[bytes]) -> tuple[dict[str, float], list[str]]:
    """The newest commit time of each wanted file, from one walk of the history from the newest commit back; and
    the files among them (sorted) dated by a commit where a shallow clone's history is cut (`cut`: those commits)."""
    found: dict[str, float] = {}
    if not wanted:
        return found, []
    # "\0<committer time>\0" before each commit's files ("\n" then NUL-separated names): no file name is empty, so
    # an empty field says the next one is a time.
    command = ["git", "log", "--format=%x00%ct %H", "--name-only", "-z", "--no-renames", "--relative", "--", "."]
    try:
        process = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return found, []
    assert process.stdout is not None
    at_cut: list[str] = []  # files dated by a commit where a shallow clone's history is cut
    try:
        fields = _fields(process.stdout)
        time, commit = None, b""
        for field in fields:
            if not field:
                time_field, _, commit = next(fields, b"0").partition(b" ")
                time = float(time_field)
                continue
            name = os.fsdecode(field.lstrip(b"\n"))
            if time is not None and name in wanted and name not in found:
                found[name] = time
                if commit in cut:
                    at_cut.append(name)
                if len(found) == len(wanted):
                    break  # the rest of the history cannot change the answer
    finally:
        process.kill()
        process.communicate()
    return found, sorted(at_cut)


def _shallow_boundary(listing: Path) -> frozenset[bytes]:
    """The commits where a shallow clone's history is cut, from git's `shallow` file; none for a whole history."""
    try:
        return frozenset(listing.read_bytes().split())
    except OSError:
        return frozenset()  # no such file: the history is whole


def _fields(stream) -> Iterator[bytes]:  # noqa: ANN001 - a binary pipe
    """The NUL-separated fields of a stream, read a block at a time."""
    rest = b""
    while block := stream.read(_READ_SIZE):
        *complete, rest = (rest + block).split(b"\0")
        yield from complete
    if rest:
        yield rest
