"""read.py: finding input files and decoding them into Sources."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content_files import SOURCE_SUFFIXES, discover
from generator.errors import SourceError
from generator.read import read_source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SMART = "The minister said: \u201cWe will not give up,\u201d and added \u2014 after a pause \u2014 that it\u2019s \u201cvery soon\u201d."
FRENCH = "Le président a déclaré à Genève que la réunion était très positive."


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_suffixes_map_to_kinds() -> None:
    assert SOURCE_SUFFIXES[".txt"] == SOURCE_SUFFIXES[".text"] == "text"
    assert SOURCE_SUFFIXES[".html"] == SOURCE_SUFFIXES[".htm"] == "html"
    assert SOURCE_SUFFIXES[".md"] == SOURCE_SUFFIXES[".markdown"] == "markdown"


def test_discover_finds_articles_and_skips_hidden_scratch_and_unknown(tmp_path: Path) -> None:
    root = tmp_path / "content"
    for name in ["b.txt", "a/z.md", "a/y.HTML", "c.text", "d.markdown", "e.htm"]:
        write(root / name, "x")
    for name in [".hidden.txt", "_draft.md", ".git/x.txt", "_private/y.txt", "notes.txt~",
                 ".notes.txt.swp", "#edit.txt#", "picture.png", "README"]:
        write(root / name, "x")
    found = [p.relative_to(root.resolve()).as_posix() for p in discover(root)]
    assert found == ["a/y.HTML", "a/z.md", "b.txt", "c.text", "d.markdown", "e.htm"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_discover_skips_symlinks_outside_and_loops(tmp_path: Path) -> None:
    root = tmp_path / "content"
    outside = write(tmp_path / "secret.txt", "outside")
    write(root / "inner/story.txt", "inside")
    (root / "leak.txt").symlink_to(outside)
    (root / "alias.txt").symlink_to(root / "inner/story.txt")
    (root / "inner/loop").symlink_to(root, target_is_directory=True)
    (root / "broken.txt").symlink_to(tmp_path / "missing.txt")
    found = [p.relative_to(root.resolve()).as_posix() for p in discover(root)]
    assert found == ["alias.txt", "inner/story.txt"]


def test_seeds_read_as_utf8_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        source = read_source(path, SEEDS)
        assert source.kind == "text" and source.encoding == "utf-8"
        assert source.source_path == path.name and source.mtime > 0
        assert "\r" not in source.text and source.front_matter == {}


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SMART.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SMART.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SMART.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SMART.encode("utf-32-le"), "utf-32-le"),
        (SMART.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    source = read_source(write(tmp_path / "a.txt", data), tmp_path)
    assert source.text == SMART
    assert source.encoding == encoding


def test_latin1_accents_survive(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "fr.txt", FRENCH.encode("latin-1")), tmp_path)
    assert source.text == FRENCH


def test_non_western_legacy_encoding_is_guessed(tmp_path: Path) -> None:
    russian = "Министр иностранных дел заявил, что переговоры будут продолжены на следующей неделе."
    source = read_source(write(tmp_path / "ru.txt", russian.encode("cp1251")), tmp_path)
    assert source.text == russian


def test_newlines_are_normalised(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "a.txt", b"one\r\ntwo\rthree\n"), tmp_path)
    assert source.text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file, not text"),
        (bytes(range(1, 9)) * 40, "binary file, not text"),
        (bytes(range(128, 256)) * 4, "cannot decode text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a", "cannot decode text"),
    ],
)
def test_bad_files_raise_source_error_with_path(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "sub" / "bad.txt", data)
    with pytest.raises(SourceError) as info:
        read_source(path, tmp_path)
    assert info.value.path == "sub/bad.txt"
    assert str(info.value).startswith("sub/bad.txt: " + reason)


def test_markdown_front_matter_is_split(tmp_path: Path) -> None:
    text = "---\ntitle: Talks resume\ndate: 2006-11-28\ntags: [korea]\n---\n\n# Heading\n\nBody text.\n"
    source = read_source(write(tmp_path / "post.md", text), tmp_path)
    assert source.kind == "markdown"
    assert source.front_matter["title"] == "Talks resume"
    assert str(source.front_matter["date"]) == "2006-11-28"
    assert source.text == "# Heading\n\nBody text.\n"


def test_markdown_without_front_matter_is_all_body(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "post.md", "Just text --- here.\n"), tmp_path)
    assert source.front_matter == {} and source.text == "Just text --- here.\n"


@pytest.mark.parametrize(
    ("front", "detail"),
    [("title: [unclosed\n", ""), ("- a list\n- not a mapping\n", "expected a mapping"), ("title: x\n", "no closing")],
)
def test_bad_front_matter_raises(tmp_path: Path, front: str, detail: str) -> None:
    closing = "" if detail == "no closing" else "---\n"
    path = write(tmp_path / "post.md", f"---\n{front}{closing}Body.\n")
    with pytest.raises(SourceError, match="post.md: front matter is not valid YAML: .*" + detail):
        read_source(path, tmp_path)


_TRICKY = ("ab \n\t\r\x00\x07\x0b\x0c\x1b[0;31m\x1b[?25h\x7f\x85\x9f"
           "\ufdd0\ufdef\ufffe\uffff\ud800\udc00\udfff\u2028é—")


@given(st.text(alphabet=_TRICKY, max_size=40))
@settings(max_examples=400, deadline=None)
def test_text_only_is_its_definition_whatever_the_text(text: str) -> None:
    """text_only skips the work a text does not need (a printable one, one without line breaks or controls): the
    result must be what the whole definition gives: surrogates joined or replaced, then line breaks, then controls."""
    from generator.read import _LINE_BREAKS, _NOT_TEXT, text_only

    joined = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    assert text_only(text) == _NOT_TEXT.sub("", _LINE_BREAKS.sub("\n", joined))
