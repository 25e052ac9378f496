"""The output folder is guarded: atomic swaps, no writes outside, no path written twice, content never touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import BuildError
from generator.output import SiteWriter, check_output_location


def test_writer_refuses_escapes_and_duplicates(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "output")
    for bad in ("../evil.html", "/etc/passwd", "a/../../b"):
        with pytest.raises(BuildError):
            writer.write(bad, "x")
    writer.write("a/index.html", "one")
    with pytest.raises(BuildError, match="same output path"):
        writer.write("a/index.html", "two")
    writer.abort()
    assert not (tmp_path / "output").exists()
    assert not list(tmp_path.iterdir())


def test_a_file_written_in_pieces_is_carried_over_when_its_bytes_are_the_same(tmp_path: Path) -> None:
    def publish(pieces: dict[str, list[str]]) -> SiteWriter:
        writer = SiteWriter(tmp_path / "output")
        for rel_path, parts in pieces.items():
            writer.write(rel_path, iter(parts))
        writer.commit()
        writer.close()
        return writer

    publish({"big.json": ["[\n", "1,\n", "2\n]\n"], "other.json": ["é"]})
    inode = (tmp_path / "output" / "big.json").stat().st_ino
    again = publish({"big.json": ["[\n1,\n", "2\n]", "\n"], "other.json": ["è"]})  # cut elsewhere, same bytes
    assert (tmp_path / "output" / "big.json").stat().st_ino == inode  # the old file, hard-linked
    assert again.changed == {"other.json"}
    assert (tmp_path / "output" / "other.json").read_text(encoding="utf-8") == "è"
    assert (tmp_path / "output" / "big.json").read_text(encoding="utf-8") == "[\n1,\n2\n]\n"
    assert not [p for p in (tmp_path / "output").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_output_may_not_overlap_content(tmp_path: Path) -> None:
    with pytest.raises(BuildError):
        check_output_location(tmp_path / "content", tmp_path / "content", tmp_path)
    with pytest.raises(BuildError):
        check_output_location(tmp_path, tmp_path / "content", tmp_path)
    check_output_location(tmp_path / "output", tmp_path / "content", tmp_path)


def test_failed_build_leaves_last_good_site(runner: CliRunner, seed_site: Path) -> None:
    assert runner.invoke(main, ["build", "--site", str(seed_site)]).exit_code == 0
    index = seed_site / "output" / "index.html"
    good = index.read_bytes()
    templates = seed_site / "templates"
    templates.mkdir()
    (templates / "base.html").write_text("{% block broken %}")  # a template syntax error
    (seed_site / "content" / "new.txt").write_text((seed_site / "content").joinpath(
        "003_8c01498c710a7303.txt").read_text().replace("N Korea", "S Korea"))
    result = runner.invoke(main, ["build", "--site", str(seed_site)])
    assert result.exit_code == 1, result.output
    assert "Error:" in result.output and "base.html" in result.output
    assert index.read_bytes() == good
    leftovers = [p.name for p in seed_site.iterdir() if p.name.startswith(".output")]
    assert leftovers == []


# Prelinked staging (SiteWriter(prelink=True)): the previous site linked into the staging folder by one `cp -al` ----

def _publish(output: Path, files: dict[str, str | bytes | None], prelink: bool = True) -> SiteWriter:
    """One build's files through a writer (None: kept from the last build, as the page memo's Unchanged)."""
    from generator.memo import Unchanged

    writer = SiteWriter(output, prelink=prelink)
    for rel_path, data in files.items():
        writer.write(rel_path, Unchanged(lambda: "made again") if data is None else data)
    writer.commit()
    writer.close()
    return writer


def test_a_prelinked_build_never_writes_through_the_previous_sites_files(tmp_path: Path) -> None:
    """Every file the previous site holds is linked into the staging folder; writing a changed file there must
    replace the link, never write into the old file, which a reader (or a hard link kept elsewhere) still sees."""
    output = tmp_path / "output"
    _publish(output, {"a/index.html": "old a", "b/index.html": "old b", "gone/index.html": "gone", "x.json": "[1]"})
    held = tmp_path / "held"
    held.mkdir()
    for rel in ("a/index.html", "b/index.html", "x.json"):
        os.link(output / rel, held / rel.replace("/", "_"))
    kept_inode = (output / "b" / "index.html").stat().st_ino
    writer = _publish(output, {"a/index.html": "new a", "b/index.html": None, "x.json": iter(["[2", "]"])})
    assert writer._prelinked  # noqa: SLF001 - the path under test was taken
    assert {p.name: p.read_text() for p in held.iterdir()} == {
        "a_index.html": "old a", "b_index.html": "old b", "x.json": "[1]"}
    assert (output / "a" / "index.html").read_text() == "new a" and (output / "x.json").read_text() == "[2]"
    assert (output / "b" / "index.html").stat().st_ino == kept_inode  # kept: the same file
    assert not (output / "gone").exists()  # what this build did not write is gone, its folder too
    assert writer.changed == {"a/index.html", "x.json"} and writer.reused == 1


def test_a_prelinked_build_that_fails_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _publish(output, {"a/index.html": "old a", "b/index.html": "old b"})
    writer = SiteWriter(output, prelink=True)
    writer.write("a/index.html", "new a")
    writer.abort()
    assert (output / "a" / "index.html").read_text() == "old a" and (output / "b" / "index.html").read_text() == "old b"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_a_previous_site_holding_a_symlink_is_staged_file_by_file(tmp_path: Path) -> None:
    """A linked folder copied into the staging folder would lead writes outside it: no prelink then."""
    output, outside = tmp_path / "output", tmp_path / "outside"
    outside.mkdir()
    _publish(output, {"a/index.html": "old a"})
    (output / "planted").symlink_to(outside, target_is_directory=True)
    writer = _publish(output, {"a/index.html": "new a", "planted/index.html": "new"})
    assert not writer._prelinked  # noqa: SLF001
    assert list(outside.iterdir()) == []
    assert (output / "planted").is_dir() and not (output / "planted").is_symlink()


def test_a_failed_prelink_falls_back_to_staging_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `cp` that fails half way (no GNU cp, a full disk) leaves a partial copy: dropped, and the build goes on."""
    output = tmp_path / "output"
    _publish(output, {"a/index.html": "old a", "b/index.html": "old b"})
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "cp").write_text('#!/bin/sh\nmkdir -p "$3/half"; echo x > "$3/half/file"; exit 1\n')
    (fake / "cp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    mode = output.stat().st_mode
    writer = _publish(output, {"a/index.html": "new a", "b/index.html": None})
    assert not writer._prelinked  # noqa: SLF001
    assert output.stat().st_mode == mode  # the site folder as a staging folder made by mkdtemp leaves it
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        "a/index.html", "b/index.html"]
    assert (output / "b" / "index.html").read_text() == "old b"


def test_a_build_prelinks_only_when_the_last_build_left_files_to_keep(
        runner: CliRunner, seed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build, a build without the cache, or one after an upgrade of digest keeps no file: no `cp -al`."""
    import generator.output

    prelinks: list[bool] = []
    real = generator.output.SiteWriter.__init__

    def spy(self: SiteWriter, output: Path, prelink: bool = False, **others: bool) -> None:
        prelinks.append(prelink)
        real(self, output, prelink, **others)

    monkeypatch.setattr(generator.output.SiteWriter, "__init__", spy)
    for flags in ([], ["--no-cache"], []):
        assert runner.invoke(main, ["build", "--site", str(seed_site), *flags]).exit_code == 0
    (seed_site / "content" / "new.txt").write_text((seed_site / "content").joinpath(
        "003_8c01498c710a7303.txt").read_text().replace("N Korea", "S Korea"))
    assert runner.invoke(main, ["build", "--site", str(seed_site)]).exit_code == 0
    # first build: nothing to keep; --no-cache: no memo; the shortcut (nothing changed) makes no writer; an edit: kept
    assert prelinks == [False, False, True]


def _kept(output: Path, rel: str) -> object:
    """The page memo's word that output/rel is kept, with the identity it found there."""
    from generator.memo import Unchanged, file_state

    return Unchanged(lambda: "made again", file_state(output / rel))


def test_kept_links_are_checked_in_the_commits_sweep_and_linked_again_when_not_the_memos_file(tmp_path: Path) -> None:
    """A kept file costs nothing when written: the sweep at commit compares each staged link's inode (from the
    listing) with the one the memo found. A link lost or replaced since the prelink (output/ restored meanwhile, say)
    is linked again from output/, and the site's recorded state is still what a walk finds."""
    from generator.memo import output_state

    output = tmp_path / "output"
    _publish(output, {"a/index.html": "a", "b/index.html": "b", "c/index.html": "c"})
    inodes = {rel: (output / rel).stat().st_ino for rel in ("b/index.html", "c/index.html")}
    writer = SiteWriter(output, prelink=True)
    writer.write("a/index.html", "new a")  # waits for the prelink
    assert writer._prelinked  # noqa: SLF001
    (writer.staging / "b" / "index.html").unlink()
    (writer.staging / "c" / "index.html").unlink()
    (writer.staging / "c" / "index.html").write_text("not c")
    for rel in ("b/index.html", "c/index.html"):
        writer.write(rel, _kept(output, rel))  # type: ignore[arg-type]
    writer.commit()
    writer.close()
    assert {rel: (output / rel).read_text() for rel in ("a/index.html", "b/index.html", "c/index.html")} == {
        "a/index.html": "new a", "b/index.html": "b", "c/index.html": "c"}
    assert {rel: (output / rel).stat().st_ino for rel in inodes} == inodes  # the very files, linked
    assert writer.states == output_state(output)


def test_a_kept_file_changed_in_output_under_the_build_fails_it_and_the_site_stays(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _publish(output, {"a/index.html": "a", "b/index.html": "b"})
    writer = SiteWriter(output, prelink=True)
    writer.write("a/index.html", "new a")
    kept = _kept(output, "b/index.html")
    (writer.staging / "b" / "index.html").unlink()  # the link lost, and output/'s file replaced meanwhile
    (output / "b" / "index.html").unlink()
    (output / "b" / "index.html").write_text("edited")
    writer.write("b/index.html", kept)  # type: ignore[arg-type]
    with pytest.raises(BuildError, match=r"b/index.html changed while the site was being built"):
        writer.commit()
    writer.abort()
    assert (output / "a" / "index.html").read_text() == "a" and (output / "b" / "index.html").read_text() == "edited"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]
