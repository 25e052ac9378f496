"""The digest command through click's runner: build, extract, init, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import BBC_SEED, NYT_SEED, site_records


def test_version_and_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("digest, version ")
    for command in ([], ["build"], ["serve"], ["extract"], ["init"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, command


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--no-such-flag"]).exit_code == 2
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2
    assert runner.invoke(main, ["extract"]).exit_code == 2


def test_a_site_folder_that_does_not_exist_is_an_error_not_a_new_site(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "my-sitte"
    for command in (["build"], ["check"]):
        result = runner.invoke(main, [*command, "--site", str(missing)])
        assert result.exit_code == 2 and "does not exist" in result.output and "my-sitte" in result.output, command
    assert not missing.exists()


def test_build_prints_one_summary_line(runner: CliRunner, seed_site: Path) -> None:
    result = runner.invoke(main, ["build", "--site", str(seed_site)])
    assert result.exit_code == 0, result.output
    (line,) = [l for l in result.output.splitlines() if l.startswith("Built")]
    assert line.startswith("Built 2 articles, 1 topic, 0 warnings in ")
    assert (seed_site / "output" / "index.html").is_file()


def test_bad_files_warn_by_name_and_the_rest_builds(runner: CliRunner, seed_site: Path) -> None:
    content = seed_site / "content"
    (content / "empty.txt").write_bytes(b"")
    (content / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (content / "undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40)
    (content / "furniture.txt").write_text("Home | News | Sport | Weather\nCookie settings\nShare this page\n")
    result = runner.invoke(main, ["build", "--site", str(seed_site)])
    assert result.exit_code == 0, result.output
    warnings = [l for l in result.output.splitlines() if l.startswith("WARNING")]
    assert len(warnings) == 4, warnings
    for name in ("empty.txt", "binary.txt", "undecodable.txt", "furniture.txt"):
        (line,) = [w for w in warnings if name in w]
        assert line.count("\n") == 0 and len(line) < 200
    assert "Built 2 articles, 1 topic, 4 warnings" in result.output
    records = site_records(seed_site / "output")
    assert len(records) == 2


def test_strict_turns_warnings_into_exit_1(runner: CliRunner, seed_site: Path) -> None:
    (seed_site / "content" / "empty.txt").write_bytes(b"")
    assert runner.invoke(main, ["build", "--site", str(seed_site)]).exit_code == 0
    result = runner.invoke(main, ["build", "--site", str(seed_site), "--strict"])
    assert result.exit_code == 1
    assert "with --strict" in result.output


def test_bad_config_exits_1_naming_every_key(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text('titel = "x"\nfeed_length = 0\n')
    result = runner.invoke(main, ["build", "--site", str(tmp_path)])
    assert result.exit_code == 1
    assert "titel" in result.output and "feed_length" in result.output


def test_folder_with_only_content_builds(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(BBC_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(main, ["build", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "feed.xml").is_file()


def test_extract_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(NYT_SEED), str(BBC_SEED), "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert len(records) == 2
    required = {"source_path", "slug", "title", "title_generated", "source", "dateline", "published",
                "published_basis", "summary", "quotes", "dates", "people", "places", "organizations",
                "keywords", "body_markdown"}
    for record in records:
        assert required <= set(record), required - set(record)
        for quote in record["quotes"]:
            assert {"text", "speaker", "speaker_role", "key"} <= set(quote)
            assert quote["text"] in record["body_markdown"]
        for date in record["dates"]:
            assert {"text", "value", "sentence"} <= set(date)


def test_extract_readable_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(BBC_SEED)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("N Korea and US in diplomacy push\n")
    assert "Christopher Hill" in result.output and "Summary:" in result.output


def test_extract_missing_and_bad_files_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["extract", str(empty), str(tmp_path / "missing.txt"), str(BBC_SEED), "--json"])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "missing.txt: no such file" in result.output


def test_init_scaffolds_a_site_that_builds(runner: CliRunner, tmp_path: Path) -> None:
    site = tmp_path / "news"
    result = runner.invoke(main, ["init", str(site), "--title", 'My "Quoted" News'])
    assert result.exit_code == 0, result.output
    assert (site / "content").is_dir()
    workflow = (site / ".github" / "workflows" / "digest.yml").read_text()
    assert "actions/deploy-pages" in workflow and "digest build" in workflow
    config_text = (site / "digest.toml").read_text()
    assert config_text.count("\n#") > 5  # commented
    (site / "content" / "story.txt").write_text(NYT_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    build = runner.invoke(main, ["build", "--site", str(site)])
    assert build.exit_code == 0, build.output
    assert 'My "Quoted" News' in (site / "output" / "index.html").read_text().replace("&#34;", '"').replace(
        "&quot;", '"')
    again = runner.invoke(main, ["init", str(site)])
    assert again.exit_code == 1 and "already exists" in again.output


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console command in its own process: `run`, which leaves by os._exit once `main` is done."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=300)


def test_the_command_exits_with_main_s_code_and_its_output_flushed(seed_site: Path) -> None:
    # run() skips the interpreter's teardown: what main printed (to a pipe, block-buffered) and its exit code must
    # still come out, the site must be whole, and a second build must take the nothing-changed shortcut (so the
    # cache and the build record were written before the process left).
    built = _command("build", "--site", str(seed_site))
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built 2 articles, 1 topic, 0 warnings in ") and built.stdout.endswith("\n")
    assert (seed_site / "output" / "feed.xml").is_file() and (seed_site / "output" / "articles.json").is_file()
    assert not [p.name for p in seed_site.iterdir() if p.name.startswith(".output.")]  # no staging or old site left
    assert _command("build", "--site", str(seed_site)).stdout.startswith("Built 2 articles")

    (seed_site / "content" / "empty.txt").write_bytes(b"")
    strict = _command("build", "--site", str(seed_site), "--strict")
    assert strict.returncode == 1 and "empty.txt" in strict.stderr and "with --strict" in strict.stderr

    assert _command("build", "--no-such-flag").returncode == 2
    (seed_site / "digest.toml").write_text('titel = "x"\n', encoding="utf-8")
    bad = _command("build", "--site", str(seed_site))
    assert bad.returncode == 1 and bad.stderr.startswith("Error: ") and "titel" in bad.stderr
