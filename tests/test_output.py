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
