"""Which files under the content folder are articles: by suffix, skipping hidden and scratch files and symlinks that
must not be followed.

Apart from generator.read (which decodes them) because every build lists the content files before it knows whether
anything changed, and decoding brings charset-normalizer and PyYAML.
"""

from __future__ import annotations

import errno
import logging
import os
from operator import itemgetter
from pathlib import Path
from typing import Mapping

from .models import SourceKind

log = logging.getLogger(__name__)

SOURCE_SUFFIXES: Mapping[str, SourceKind] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html",
    ".md": "markdown", ".markdown": "markdown",
}


def _is_skipped_name(name: str) -> bool:
    """Hidden, private and editor scratch files: '.x', '_x', 'x~', 'x.swp', '#x#'."""
    return (
        name.startswith((".", "_"))
        or name.endswith("~")
        or name.endswith((".swp", ".swo"))
        or (name.startswith("#") and name.endswith("#"))
    )


def resolve_link(path: Path) -> Path | str:
    """Where a symlink leads, or why it leads nowhere ('symlink loop', 'broken symlink')."""
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return "symlink loop"
    except OSError as exc:
        return "symlink loop" if exc.errno == errno.ELOOP else "broken symlink: its target does not exist"


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a symlinked file or folder under root must not be followed; None for ordinary paths and good links."""
    if not path.is_symlink():
        return None
    target = resolve_link(path)
    if isinstance(target, str):
        return target
    if not target.is_relative_to(root):
        return "symlink leads outside the content folder"
    parent = path.parent.resolve()
    if target.is_dir() and (target == parent or target in parent.parents):
        return "symlink loop: the folder links back to its own parent"
    return None


def _skip_link(path: Path, root: Path) -> bool:
    """True for a symlink that must not be followed; says why on one line, naming it."""
    problem = _link_problem(path, root)
    if problem:
        log.warning("%s: %s; skipped", path.relative_to(root).as_posix(), problem)
    return problem is not None


def discover(content_root: Path) -> list[Path]:
    """Every readable article file under content_root, sorted by relative POSIX path."""
    root = content_root.resolve()
    found: list[tuple[str, Path]] = []  # (relative POSIX path, path)
    for folder, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(folder)
        # Prune in place so os.walk never descends into skipped, outside or looping folders.
        dirnames[:] = [d for d in dirnames if not _is_skipped_name(d) and not _skip_link(here / d, root)]
        # Once a folder, not a file: Path.relative_to for each file was a third of listing 10,000 of them.
        prefix = "" if here == root else here.relative_to(root).as_posix() + "/"
        for name in filenames:
            path = here / name
            if _is_skipped_name(name) or path.suffix.lower() not in SOURCE_SUFFIXES or _skip_link(path, root):
                continue
            if path.is_file():
                found.append((prefix + name, path))
    return [path for _name, path in sorted(found, key=itemgetter(0))]
