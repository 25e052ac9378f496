"""The only code that writes the site to disk.

A build writes into a fresh staging folder beside `output/` and swaps it in at the end, so a failed or interrupted
build leaves the last good site whole. Every path is checked to stay inside the staging folder, and no path may be
written twice in one build (two pages claiming one URL is a bug, not something to resolve silently).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .errors import BuildError


def check_output_location(output: Path, content: Path, root: Path) -> None:
    """Refuse an output folder that would overwrite the site folder, the content or anything around them."""
    output, content, root = output.resolve(), content.resolve(), root.resolve()
    if output in (root, content) or output in content.parents or content in output.parents or output in root.parents:
        raise BuildError(f"output folder {output} overlaps the site or content folder; choose another output_dir")


class SiteWriter:
    """Collects the files of one build in a staging folder, then publishes them atomically."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.building-", dir=self.output.parent))
        self._written: set[str] = set()

    def _target(self, rel_path: str) -> Path:
        rel = PurePosixPath(rel_path)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise BuildError(f"refusing to write outside the output folder: {rel_path!r}")
        if rel_path in self._written:
            raise BuildError(f"two pages claim the same output path: {rel_path}")
        self._written.add(rel_path)
        target = self.staging.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, rel_path: str, data: str | bytes) -> None:
        """Write one file of the site (text is written as UTF-8)."""
        target = self._target(rel_path)
        if isinstance(data, str):
            data = data.encode("utf-8")
        target.write_bytes(data)

    def copy(self, source: Path, rel_path: str) -> None:
        """Copy a static asset into the site."""
        shutil.copyfile(source, self._target(rel_path))

    @property
    def written(self) -> frozenset[str]:
        return frozenset(self._written)

    def commit(self) -> None:
        """Swap the staging folder in for the output folder."""
        old = None
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.output.parent))
            os.rename(self.output, old / "site")
        os.rename(self.staging, self.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the staging folder; the previous site stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
