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


# In-place updates (SiteWriter(in_place=True)): only the files whose bytes change are staged, then moved in ---------

def _publish(output: Path, files: dict[str, str | bytes | None], in_place: bool = True) -> SiteWriter:
    """One build's files through a writer (None: kept from the last build, as the page memo's Unchanged)."""
    from generator.memo import Unchanged

    writer = SiteWriter(output, in_place=in_place)
    for rel_path, data in files.items():
        writer.write(rel_path, Unchanged(lambda: "made again") if data is None else data)
    writer.commit()
    writer.close()
    return writer


def test_an_in_place_build_never_writes_through_the_previous_sites_files(tmp_path: Path) -> None:
    """A changed file is staged and moved in: the old file, which a reader (or a hard link kept elsewhere) still
    sees, is never written into. Kept files stay the very files; what this build did not write goes."""
    from generator.memo import output_state

    output = tmp_path / "output"
    _publish(output, {"a/index.html": "old a", "b/index.html": "old b", "gone/index.html": "gone", "x.json": "[1]",
                      "same.txt": "same"})
    held = tmp_path / "held"
    held.mkdir()
    for rel in ("a/index.html", "b/index.html", "x.json"):
        os.link(output / rel, held / rel.replace("/", "_"))
    inodes = {rel: (output / rel).stat().st_ino for rel in ("b/index.html", "same.txt")}
    writer = _publish(output, {"a/index.html": "new a", "b/index.html": None, "x.json": iter(["[2", "]"]),
                               "same.txt": "same", "new/index.html": "new"})
    assert writer.in_place
    assert {p.name: p.read_text() for p in held.iterdir()} == {
        "a_index.html": "old a", "b_index.html": "old b", "x.json": "[1]"}
    assert {rel: (output / rel).read_text() for rel in ("a/index.html", "x.json", "new/index.html")} == {
        "a/index.html": "new a", "x.json": "[2]", "new/index.html": "new"}
    assert {rel: (output / rel).stat().st_ino for rel in inodes} == inodes  # kept, or the same bytes: the same file
    assert not (output / "gone").exists()  # what this build did not write is gone, its folder too
    assert writer.changed == {"a/index.html", "x.json", "new/index.html"} and writer.reused == 2
    assert writer.states == output_state(output)  # the site's state, known without walking it again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held", "output"]  # the staging folder gone


def test_an_in_place_build_that_fails_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _publish(output, {"a/index.html": "old a", "b/index.html": "old b"})
    writer = SiteWriter(output, in_place=True)
    writer.write("a/index.html", "new a")
    writer.abort()
    assert (output / "a" / "index.html").read_text() == "old a" and (output / "b" / "index.html").read_text() == "old b"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_a_file_where_a_folder_goes_and_a_folder_where_a_file_goes_swap_in_place(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _publish(output, {"a": "file a", "b/index.html": "b", "c/d/e.html": "e"})
    writer = _publish(output, {"a/index.html": "now a folder", "b": "now a file", "c/d": "a file again"})
    assert writer.in_place
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        "a/index.html", "b", "c/d"]
    assert (output / "a" / "index.html").read_text() == "now a folder" and (output / "b").read_text() == "now a file"


def test_a_previous_site_holding_a_symlink_is_staged_whole(tmp_path: Path) -> None:
    """A move into a linked folder would write outside output/: the whole site is staged and swapped in then."""
    output, outside = tmp_path / "output", tmp_path / "outside"
    outside.mkdir()
    _publish(output, {"a/index.html": "old a"})
    (output / "planted").symlink_to(outside, target_is_directory=True)
    writer = _publish(output, {"a/index.html": "new a", "planted/index.html": "new"})
    assert not writer.in_place
    assert list(outside.iterdir()) == []
    assert (output / "planted").is_dir() and not (output / "planted").is_symlink()


def test_a_build_updates_in_place_only_when_the_last_build_left_files_to_keep(
        runner: CliRunner, seed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build, a build without the cache, or one after an upgrade of digest keeps no file: staged whole."""
    import generator.output

    in_place: list[bool] = []
    real = generator.output.SiteWriter.__init__

    def spy(self: SiteWriter, output: Path, **options: bool) -> None:
        in_place.append(options.get("in_place", False))
        real(self, output, **options)

    monkeypatch.setattr(generator.output.SiteWriter, "__init__", spy)
    for flags in ([], ["--no-cache"], []):
        assert runner.invoke(main, ["build", "--site", str(seed_site), *flags]).exit_code == 0
    (seed_site / "content" / "new.txt").write_text((seed_site / "content").joinpath(
        "003_8c01498c710a7303.txt").read_text().replace("N Korea", "S Korea"))
    assert runner.invoke(main, ["build", "--site", str(seed_site)]).exit_code == 0
    # first build: nothing to keep; --no-cache: no memo; the shortcut (nothing changed) makes no writer; an edit: kept
    assert in_place == [False, False, True]


def test_a_kept_file_that_is_not_the_memos_any_more_is_made_again(tmp_path: Path) -> None:
    """The memo found output/'s file with one identity; replaced since (by hand, or a restore), it is made again,
    never kept on the memo's word; and a kept file gone since is made again too."""
    from generator.memo import Unchanged, file_state

    output = tmp_path / "output"
    _publish(output, {"a/index.html": "a", "b/index.html": "b", "c/index.html": "c"})
    found = {rel: file_state(output / rel) for rel in ("a/index.html", "b/index.html", "c/index.html")}
    (output / "b" / "index.html").unlink()
    (output / "b" / "index.html").write_text("edited by hand")
    (output / "c" / "index.html").unlink()
    writer = SiteWriter(output, in_place=True)
    for rel, state in found.items():
        writer.write(rel, Unchanged(lambda rel=rel: f"made {rel}", state))
    writer.commit()
    writer.close()
    assert {rel: (output / rel).read_text() for rel in found} == {
        "a/index.html": "a", "b/index.html": "made b/index.html", "c/index.html": "made c/index.html"}
    assert (output / "a" / "index.html").stat().st_ino == found["a/index.html"][1]


def test_an_update_killed_after_its_commit_point_is_finished_by_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal written, a kill between two moves leaves the site part-updated: the next build's `recover`
    moves the rest in and deletes what the update deletes, before anything else."""
    import subprocess
    import sys

    import generator.output
    from generator.output import recover

    output = tmp_path / "output"
    _publish(output, {"a.html": "old a", "b.html": "old b", "gone.html": "gone", "kept.html": "kept"})
    real_replace = os.replace
    moved: list[str] = []

    def dies_after_one_move(source: str, target: str) -> None:
        if moved and not str(target).endswith(".digest-commit"):
            raise SystemExit("killed")  # as SIGKILL would leave it: the rest not moved, nothing cleaned up
        real_replace(source, target)
        if not str(target).endswith(".digest-commit"):
            moved.append(str(target))

    writer = SiteWriter(output, in_place=True)
    for rel, data in {"a.html": "new a", "b.html": "new b", "kept.html": "kept"}.items():
        writer.write(rel, data)
    monkeypatch.setattr(generator.output.os, "replace", dies_after_one_move)
    with pytest.raises(SystemExit):
        writer.commit()
    monkeypatch.setattr(generator.output.os, "replace", real_replace)
    assert sorted(p.name for p in output.iterdir()) == ["a.html", "b.html", "gone.html", "kept.html"]
    assert (output / "b.html").read_text() == "old b"  # part-updated
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    dead = writer.staging.with_name(writer.staging.name.replace(f"-{os.getpid()}-", f"-{child.pid}-"))
    writer.staging.rename(dead)  # the folder of a build that died
    recover(output)
    assert {p.name: p.read_text() for p in output.iterdir()} == {"a.html": "new a", "b.html": "new b",
                                                                  "kept.html": "kept"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_an_update_planned_against_a_site_changed_since_fails_and_leaves_that_site(tmp_path: Path) -> None:
    """A build beside this one (`digest serve`, and `digest build` in another terminal) commits while this one
    renders: moving this one's files in would mix two sites, so its commit fails and the other's site stays whole."""
    import time

    output = tmp_path / "output"
    _publish(output, {"a/index.html": "a", "b/index.html": "b"})
    writer = SiteWriter(output, in_place=True)
    writer.write("a/index.html", "new a")  # after the walk of output/
    time.sleep(0.05)  # file times tick coarsely: the other commit lands on a later tick, as it would seconds later
    _publish(output, {"a/index.html": "other a", "b/index.html": "other b", "c/index.html": "c"})
    writer.write("b/index.html", "new b")
    with pytest.raises(BuildError, match="changed while the site was being built"):
        writer.commit()
    writer.abort()
    assert {p.relative_to(output).as_posix(): p.read_text() for p in output.rglob("*") if p.is_file()} == {
        "a/index.html": "other a", "b/index.html": "other b", "c/index.html": "c"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_an_output_folder_that_cannot_be_made_is_a_one_line_error(runner: CliRunner, seed_site: Path) -> None:
    (seed_site / "blocker").write_text("a file where the output's parent folder must go", encoding="utf-8")
    content = {p: p.read_bytes() for p in (seed_site / "content").iterdir()}
    result = runner.invoke(main, ["build", "--site", str(seed_site), "-o", "blocker/output"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: cannot build the site: {seed_site / 'blocker'}: File exists"
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert {p: p.read_bytes() for p in (seed_site / "content").iterdir()} == content


def test_debug_shows_the_traceback_behind_the_one_line_error_and_the_debug_messages(
        runner: CliRunner, seed_site: Path) -> None:
    (seed_site / "blocker").write_text("a file where the output's parent folder must go", encoding="utf-8")
    result = runner.invoke(main, ["--debug", "build", "--site", str(seed_site), "-o", "blocker/output"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"Error: cannot build the site: {seed_site / 'blocker'}: File exists"
    assert "Traceback (most recent call last):" in lines and lines[-2].startswith("FileExistsError: ")
    built = runner.invoke(main, ["--debug", "build", "--site", str(seed_site), "--jobs", "1"])
    assert built.exit_code == 0, built.output
    assert any(line.startswith("DEBUG: ") for line in built.output.splitlines())
    again = runner.invoke(main, ["build", "--site", str(seed_site), "--jobs", "1"])
    assert not any(line.startswith("DEBUG: ") for line in again.output.splitlines())
