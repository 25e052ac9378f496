"""Find input files under the content folder and decode each into a Source.

Decoding order: byte-order mark, strict UTF-8, then charset-normalizer's best guess; a poor guess is an
error rather than mojibake. Markdown front matter is split off and parsed with yaml.safe_load.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from pathlib import Path
from typing import Any, Mapping

import charset_normalizer
import yaml

from .errors import SourceError
from .models import Source, SourceKind

log = logging.getLogger(__name__)

SOURCE_SUFFIXES: Mapping[str, SourceKind] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html",
    ".md": "markdown", ".markdown": "markdown",
}

# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")
MAX_CONTROL_SHARE = 0.10  # more control bytes than this and the file is not text
MAX_REPLACEMENT_SHARE = 0.02
# A decoding whose text has a "word" longer than this is random bytes read as some script, not prose.
MAX_UNBROKEN_RUN = 60
_WORD_BREAKS = re.compile(r"[\W_]+")
MAX_ACCENTED_SHARE = 0.15  # Western prose; Cyrillic or Greek read as cp1252 is nearly all accented letters
_FRONT_MATTER_FENCE = "---"


def _is_skipped_name(name: str) -> bool:
    """Hidden, private and editor scratch files: '.x', '_x', 'x~', 'x.swp', '#x#'."""
    return (
        name.startswith((".", "_"))
        or name.endswith("~")
        or name.endswith((".swp", ".swo"))
        or (name.startswith("#") and name.endswith("#"))
    )


def _inside(path: Path, root: Path) -> bool:
    """True when path, symlinks resolved, stays inside root (and does not loop)."""
    try:
        path.resolve(strict=True).relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return False
    return True


def discover(content_root: Path) -> list[Path]:
    """Every readable article file under content_root, sorted by relative POSIX path."""
    root = content_root.resolve()
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(folder)
        # Prune in place so os.walk never descends into skipped, outside or looping folders.
        dirnames[:] = [
            d for d in dirnames
            if not _is_skipped_name(d) and _inside(here / d, root) and not _is_loop(here / d)
        ]
        for name in filenames:
            path = here / name
            if _is_skipped_name(name) or path.suffix.lower() not in SOURCE_SUFFIXES:
                continue
            if path.is_symlink() and not _inside(path, root):
                log.debug("skipping %s: symlink leads outside %s", path, root)
                continue
            if path.is_file():
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _is_loop(folder: Path) -> bool:
    """A symlinked folder that points at one of its own ancestors."""
    if not folder.is_symlink():
        return False
    target = folder.resolve()
    return target == folder.parent.resolve() or target in folder.parent.resolve().parents


def _looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 file, or mostly control characters."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and chr(b) not in _CONTROL_OK)
    return controls > MAX_CONTROL_SHARE * len(sample)


def _as_western(data: bytes) -> str | None:
    """Windows-1252 text (a superset of Latin-1's printable range), when the bytes read as Western prose.

    charset-normalizer often calls short French or English text cp1250; Western pages are the common case,
    so they are tried first and only Latin letters with few accents are accepted.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    return text if letters and accented <= MAX_ACCENTED_SHARE * len(letters) else None


def decode_bytes(data: bytes, rel_path: str) -> tuple[str, str]:
    """Decode file bytes to (text, encoding name), or raise SourceError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError as exc:
                raise SourceError(rel_path, f"cannot decode text: bad {encoding} after its byte-order mark") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _as_western(data)
    if western is not None:
        return western, "cp1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise SourceError(rel_path, "cannot decode text: no encoding fits the bytes")
    text = str(best)
    if not text.strip() or text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text) or not _looks_like_prose(text):
        raise SourceError(rel_path, f"cannot decode text: best guess {best.encoding} gives garbage")
    return text, best.encoding


def _looks_like_prose(text: str) -> bool:
    """Guessed decodings of random bytes give long runs without spaces; prose in any script breaks into words
    or lines (scripts written without spaces still have punctuation and line breaks)."""
    longest_run = max((len(run) for run in _WORD_BREAKS.split(text)), default=0)
    return longest_run <= MAX_UNBROKEN_RUN


def split_front_matter(text: str, rel_path: str) -> tuple[Mapping[str, Any], str]:
    """Split a leading '---' YAML block from a Markdown body; ({}, text) when there is none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in (_FRONT_MATTER_FENCE, "..."):
            break
    else:
        raise SourceError(rel_path, "front matter is not valid YAML: no closing '---' line")
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        reason = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        raise SourceError(rel_path, f"front matter is not valid YAML: {reason}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(rel_path, f"front matter is not valid YAML: expected a mapping, got {type(data).__name__}")
    return data, "\n".join(lines[end + 1:]).lstrip("\n")


def read_source(path: Path, content_root: Path) -> Source:
    """Read and decode one input file; SourceError names the file and what is wrong with it."""
    try:
        rel_path = path.resolve().relative_to(content_root.resolve()).as_posix()
    except ValueError:
        rel_path = path.as_posix()
    kind = SOURCE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(rel_path, f"unknown file type {path.suffix or '(none)'}")
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise SourceError(rel_path, f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceError(rel_path, "empty file")
    if _looks_binary(data):
        raise SourceError(rel_path, "binary file, not text")
    text, encoding = decode_bytes(data, rel_path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front_matter: Mapping[str, Any] = {}
    if kind == "markdown":
        front_matter, text = split_front_matter(text, rel_path)
    if not text.strip() and not front_matter:
        raise SourceError(rel_path, "empty file")
    return Source(rel_path, kind, text, encoding, front_matter, mtime)
