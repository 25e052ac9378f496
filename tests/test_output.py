"""The output folder is guarded: atomic swaps, no writes outside, no path written twice, content never touched."""

from __future__ import annotations

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
