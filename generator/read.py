"""Decode one input file (found by generator.content_files) into a Source.

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

from .content_files import SOURCE_SUFFIXES, resolve_link
from .errors import SourceError
from .models import Source

log = logging.getLogger(__name__)

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
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or chr(b) in _CONTROL_OK)  # what _looks_binary deletes
MAX_REPLACEMENT_SHARE = 0.02
# A decoding whose text has a "word" longer than this is random bytes read as some script, not prose.
MAX_UNBROKEN_RUN = 60
_WORD_BREAKS = re.compile(r"[\W_]+")
MAX_ACCENTED_SHARE = 0.15  # Western prose; Cyrillic or Greek read as cp1252 is nearly all accented letters
_FRONT_MATTER_FENCE = "---"
MAX_SOURCE_BYTES = 8 * 2**20  # far beyond any real article (extraction takes ~4 s a MiB); bigger is a dump
# C0 and C1 controls but tab and newline, ANSI terminal escapes ("\x1b[0;31m") and noncharacters: XML 1.0 cannot
# hold most of them and none is text; vertical tab, form feed and NEL are line breaks.
_NOT_TEXT_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_NOT_TEXT = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|" + _NOT_TEXT_CHARACTER.pattern)  # each match holds one (ESC too)
_LINE_BREAKS = re.compile("[\x0b\x0c\x85]")  # a regex, not str.translate: a dict table costs 0.3 ms per page
VANISHED = "file vanished while the build was reading it"
READ_ATTEMPTS = 3  # a file still being saved gets this many reads before it is reported


def _looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 file, or mostly control characters."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = len(sample.translate(None, _NOT_CONTROL))  # the sample with every other byte deleted, in C
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


# libyaml's parser when PyYAML has it (the wheels do): the pure-Python one was most of reading a Markdown file.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """yaml.safe_load, except a date that does not exist ("2021-02-31") is noted instead of raising ValueError."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.bad_dates: set[str] = set()

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.bad_dates.add(str(node.value))
            return str(node.value)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def _load_yaml(text: str, rel_path: str) -> tuple[Any, set[str]]:
    """One YAML document and its impossible dates; aliases are refused (a few can expand into gigabytes)."""
    loader = _FrontMatterLoader(text)
    try:
        # An alias needs a "*"; only then is the text parsed a second time, for events.
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=_SAFE_LOADER)):
            raise SourceError(rel_path, "front matter is not valid YAML: aliases (*name) are not allowed")
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        reason = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        raise SourceError(rel_path, f"front matter is not valid YAML: {reason}") from exc
    except RecursionError as exc:
        raise SourceError(rel_path, "front matter is not valid YAML: nested too deeply") from exc
    finally:
        loader.dispose()
    return data, loader.bad_dates


def text_only(text: str) -> str:
    """Text without controls, terminal escapes, noncharacters or lone surrogates, which no page or feed can hold."""
    if text.isprintable():  # no control, surrogate or noncharacter (a one-line value, mostly): nothing to change
        return text
    # YAML escapes can spell surrogates: a pair is joined into its character, a lone one becomes U+FFFD.
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    # Each substitution only where it has something to do: scanning a 5 KB article for the two patterns took 75 us,
    # looking for their characters first 20 us.
    if "\x0b" in text or "\x0c" in text or "\x85" in text:
        text = _LINE_BREAKS.sub("\n", text)
    return _NOT_TEXT.sub("", text) if _NOT_TEXT_CHARACTER.search(text) else text


def _text_values(value: Any) -> Any:
    """Front matter with text_only applied to every string in it."""
    if isinstance(value, str):
        return text_only(value)
    if isinstance(value, list):
        return [_text_values(item) for item in value]
    if isinstance(value, dict):
        return {_text_values(k): _text_values(v) for k, v in value.items()}
    return value


def _clean_front_matter(data: dict[str, Any], bad_dates: set[str], rel_path: str) -> dict[str, Any]:
    """Front matter without impossible dates (a wrong date is worse than the file's own) or surrogates."""
    kept = {}
    for key, value in data.items():
        if isinstance(value, str) and value in bad_dates:
            log.warning("%s: front matter %s: %s is not a real date; ignored", rel_path, key, value)
        else:
            kept[key] = value
    return _text_values(kept)


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
    data, bad_dates = _load_yaml("\n".join(lines[1:end]), rel_path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(rel_path, f"front matter is not valid YAML: expected a mapping, got {type(data).__name__}")
    return _clean_front_matter(data, bad_dates, rel_path), "\n".join(lines[end + 1:]).lstrip("\n")


def _relative(path: Path, content_root: Path, resolved_root: Path) -> str:
    """The path as named under content_root (a symlink keeps its own name), for messages and source_path."""
    for candidate, root in ((path, resolved_root), (path.absolute(), content_root.absolute())):
        if candidate.is_relative_to(root):
            return candidate.relative_to(root).as_posix()
    target, root = resolve_link(path), resolved_root
    if isinstance(target, Path) and target.is_relative_to(root):
        return target.relative_to(root).as_posix()
    return path.as_posix()


def _same_file(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns) == (
        after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns)


def _read_once(path: Path, rel_path: str) -> tuple[bytes, os.stat_result, os.stat_result]:
    """The bytes, the open file's status and the path's status after reading (to spot a swap or a write)."""
    try:
        with open(path, "rb") as handle:
            before = os.fstat(handle.fileno())
            if before.st_size > MAX_SOURCE_BYTES:
                raise SourceError(rel_path, f"file too large ({before.st_size / 2**20:.1f} MiB; "
                                            f"the limit is {MAX_SOURCE_BYTES // 2**20} MiB)")
            data = handle.read(MAX_SOURCE_BYTES + 1)
        return data, before, os.stat(path)
    except FileNotFoundError as exc:
        raise SourceError(rel_path, VANISHED) from exc
    except OSError as exc:
        raise SourceError(rel_path, f"cannot read file: {exc.strerror or exc}") from exc


def _read_stable(path: Path, rel_path: str) -> tuple[bytes, float]:
    """Bytes and mtime of a file that held still while it was read; a file still being written is retried."""
    for _ in range(READ_ATTEMPTS):
        data, before, after = _read_once(path, rel_path)
        if _same_file(before, after) and len(data) == after.st_size:
            return data, after.st_mtime
    raise SourceError(rel_path, "file kept changing while the build was reading it")


def read_source(path: Path, content_root: Path) -> Source:
    """Read and decode one input file; SourceError names the file and what is wrong with it."""
    resolved_root = content_root.resolve()  # once: each resolve is a system call per folder of the path
    rel_path = _relative(path, content_root, resolved_root)
    kind = SOURCE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(rel_path, f"unknown file type {path.suffix or '(none)'}")
    target = resolve_link(path)
    if isinstance(target, str):
        raise SourceError(rel_path, target if path.is_symlink() else VANISHED)
    if not target.is_relative_to(resolved_root):
        raise SourceError(rel_path, "symlink leads outside the content folder")
    data, mtime = _read_stable(target, rel_path)
    if not data.strip():
        raise SourceError(rel_path, "empty file")
    if _looks_binary(data):
        raise SourceError(rel_path, "binary file, not text")
    text, encoding = decode_bytes(data, rel_path)
    text = text_only(text.replace("\r\n", "\n").replace("\r", "\n"))
    front_matter: Mapping[str, Any] = {}
    if kind == "markdown":
        front_matter, text = split_front_matter(text, rel_path)
    if not text.strip() and not front_matter:
        raise SourceError(rel_path, "empty file")
    return Source(rel_path, kind, text, encoding, front_matter, mtime)
