"""Search index: Pagefind indexes the article pages only, with their metadata, and a build without Pagefind (or with
one that fails) warns once and still ships a site whose search page explains itself. Browser checks: test_browser."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.cli import main
from generator.errors import BuildError
from generator.search import pagefind_binary

needs_pagefind = pytest.mark.skipif(pagefind_binary() is None, reason="needs the Pagefind binary (pagefind[bin])")


def build(runner: CliRunner, site: Path, *args: str) -> tuple[int, list[str]]:
    """Exit code and the WARNING lines of one `digest build`."""
    result = runner.invoke(main, ["build", "--site", str(site), *args])
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("WARNING")]


def fragments(output: Path, bundle: str = "pagefind") -> dict[str, dict]:
    """URL -> the record Pagefind stored for that page (its fragments are gzip'd JSON behind a signature)."""
    records = {}
    for path in (output / bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[data["url"]] = data
    return records


def stand_in(output: Path) -> str:
    return (output / "pagefind" / "pagefind-ui.js").read_text(encoding="utf-8")


@needs_pagefind
def test_only_article_pages_are_indexed_with_their_metadata(runner: CliRunner, seed_site: Path) -> None:
    code, warnings = build(runner, seed_site)
    assert (code, warnings) == (0, [])
    output = seed_site / "output"
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"] and entry["languages"]["en"]["page_count"] == 2
    records = fragments(output)
    assert sorted(records) == sorted("/" + p.parent.relative_to(output).as_posix() + "/"
                                     for p in output.glob("articles/*/index.html"))
    push = records["/articles/n-korea-and-us-in-diplomacy-push/"]
    assert push["meta"]["title"] == "N Korea and US in diplomacy push"
    assert push["meta"]["date"] == "28 November 2006"
    assert push["meta"]["summary"].startswith("Senior North Korean and US negotiators are meeting in Beijing")
    assert "admitted there were differences" in push["content"], "the full text is searchable"
    assert "People quoted" not in push["content"] and "More on" not in push["content"], "only the story"
    lead = "Senior North Korean and US negotiators are meeting in Beijing"
    assert push["content"].count(lead) == 1, "the summary repeats the full text's sentences: indexed once"
    assert "Key quotes" not in push["content"] and "Timeline" not in push["content"]
    assert "N Korea and US in diplomacy push. BBC News" in push["content"], "the headline and byline are searched"
    assert (output / "pagefind" / "pagefind-ui.js").stat().st_size > 10_000, "Pagefind's own UI, not the stand-in"
    assert (output / "search" / "index.html").is_file()


def runs_script(page: Path) -> bool:
    """True when the page has a script a browser runs (structured data in ld+json is not one)."""
    tree = lxml_html.parse(str(page)).getroot()
    return any(script.get("type", "text/javascript") != "application/ld+json" for script in tree.iter("script"))


def test_only_the_search_page_has_scripts(runner: CliRunner, seed_site: Path) -> None:
    build(runner, seed_site)
    output = seed_site / "output"
    scripted = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html") if runs_script(p))
    assert scripted == ["search/index.html"]
    search_page = (output / "search" / "index.html").read_text()
    assert '<script src="/repo/pagefind/pagefind-ui.js">' in search_page, "the bundle under the sub-path"
    assert 'bundles = ["/repo/pagefind/"], baseUrl = "/repo/"' in search_page and "<noscript>" in search_page


@needs_pagefind
def test_metadata_keeps_commas_quotes_and_ampersands(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(
        '---\ntitle: "Ports & harbours: the \\"quiet\\" deal, signed"\npublished: 2024-03-05\n---\n'
        "LONDON \u2014 The harbour board approved the plan on Monday. Officials said the marmoset clause was dropped.\n",
        encoding="utf-8")
    (tmp_path / "digest.toml").write_text('language = "en-GB"\n', encoding="utf-8")
    assert build(runner, tmp_path) == (0, [])
    (record,) = fragments(tmp_path / "output").values()
    assert record["meta"]["title"] == 'Ports & harbours: the "quiet" deal, signed'
    assert record["meta"]["date"] == "5 March 2024"
    entry = json.loads((tmp_path / "output" / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"], "en-GB pages share the English index (the UI falls back to it)"


def test_missing_pagefind_warns_once_and_ships_a_search_page_that_says_so(
    runner: CliRunner, seed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a platform with no binary wheel: no pagefind_bin module, nothing on PATH, no override.
    for module in ("pagefind_bin", "pagefind_bin_extended"):
        monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    code, warnings = build(runner, seed_site)
    assert code == 0
    assert warnings == ["WARNING: search: the Pagefind binary is not installed (pip install 'pagefind[bin]'); "
                        "the site is built without search"]
    output = seed_site / "output"
    assert "Search is not available" in stand_in(output)
    assert (output / "search" / "index.html").is_file() and (output / "pagefind" / "pagefind-ui.css").is_file()
    assert build(runner, seed_site, "--strict")[0] == 1, "--strict makes the missing search an error"


def test_a_wrong_binary_path_is_named(runner: CliRunner, seed_site: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    code, warnings = build(runner, seed_site)
    assert code == 0 and len(warnings) == 1
    assert f"PAGEFIND_BINARY_PATH names no file: {tmp_path / 'nowhere' / 'pagefind'}" in warnings[0]


def test_a_failing_pagefind_leaves_no_half_bundle(runner: CliRunner, seed_site: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pagefind"
    # Writes part of a bundle, then fails the way a crash or a bad flag would.
    fake.write_text('#!/bin/sh\nmkdir -p "$2/pagefind" && echo junk > "$2/pagefind/pagefind.js"\n'
                    'echo "Error: something broke inside" >&2\nexit 3\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    code, warnings = build(runner, seed_site)
    assert code == 0
    assert warnings == ["WARNING: search: indexing failed (pagefind exited with status 3: Error: something broke "
                        "inside); the site is built without search"]
    bundle = seed_site / "output" / "pagefind"
    assert sorted(p.name for p in bundle.iterdir()) == ["pagefind-ui.css", "pagefind-ui.js"]
    assert "Search is not available" in stand_in(seed_site / "output")


def fake_pagefind(tmp_path: Path, body: str) -> Path:
    """A stand-in Pagefind binary: a shell script that writes its pid to tmp_path/pagefind.pid, then runs `body`."""
    fake = tmp_path / "pagefind"
    fake.write_text(f'#!/bin/sh\necho $$ > "{tmp_path / "pagefind.pid"}"\n{body}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    return fake


def test_each_shard_is_indexed_while_the_next_shards_pages_render(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sharded_site(tmp_path / "site", monkeypatch)  # ten articles, two per shard
    runs = tmp_path / "runs"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, f'echo "$RAYON_NUM_THREADS" >> "{runs}"')))
    monkeypatch.delenv("RAYON_NUM_THREADS", raising=False)
    # The last article page rendered waits here for a Pagefind run, which comes only if the build indexes the first
    # shards before it has rendered every article page (else this times out and the build fails).
    from generator.render import builders
    fill, filled = builders._article_context, []

    def fill_once_pagefind_ran(*args, **kwargs):  # type: ignore[no-untyped-def]
        filled.append(1)
        for _ in range(400 if len(filled) == len(SHARD_WORDS) else 0):
            if runs.exists():
                break
            time.sleep(0.05)
        else:
            assert len(filled) < len(SHARD_WORDS), "no shard was indexed before the last article page"
        return fill(*args, **kwargs)

    monkeypatch.setattr(builders, "_article_context", fill_once_pagefind_ran)
    result = runner.invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert len(filled) == len(SHARD_WORDS)
    # Beside the builder Pagefind runs on one thread, so the two share the two cores rather than three threads.
    assert runs.read_text().splitlines()[0] == "1"


def test_shards_left_unindexed_after_a_failure_leave_no_scratch_in_the_site(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The builder links each shard's pages for Pagefind as the shard is staged; the first run fails, so the shards
    # queued behind it are never indexed, and their links must not be published with the site (a first build's
    # staging folder becomes output/ whole).
    site = sharded_site(tmp_path / "site", monkeypatch)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, 'sleep 0.5; echo "Error: broke" >&2; exit 3')))
    result = runner.invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert "search: indexing failed (pagefind exited with status 3: Error: broke)" in result.output
    output = site / "output"
    assert len(list(output.glob("articles/*/index.html"))) == len(SHARD_WORDS)
    assert [p for p in output.rglob("*") if p.name.startswith(".search-input")] == []
    assert [p.name for p in site.iterdir() if p.name.startswith(".output")] == [], "the staging folder is gone"


def test_a_failed_build_stops_the_running_pagefind(runner: CliRunner, seed_site: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, "exec sleep 120")))
    started = tmp_path / "pagefind.pid"
    from generator import full_build

    def feeds_failing_once_pagefind_runs(*args, **kwargs):  # type: ignore[no-untyped-def]
        for _ in range(400):  # the feeds come after the article pages: Pagefind is on its way
            if started.exists():
                break
            time.sleep(0.05)
        raise BuildError("the feeds failed on purpose")

    monkeypatch.setattr(full_build, "build_feeds", feeds_failing_once_pagefind_runs)
    began = time.monotonic()
    result = runner.invoke(main, ["build", "--site", str(seed_site)])
    assert result.exit_code == 1 and "the feeds failed on purpose" in result.output, result.output
    assert time.monotonic() - began < 60, "the build waited for Pagefind instead of stopping it"
    pid = int(started.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped
    assert not (seed_site / "output").exists()
    assert [p.name for p in seed_site.iterdir() if p.name.startswith(".output")] == [], "the staging folder is gone"


def test_a_site_without_articles_builds_without_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    assert build(runner, tmp_path) == (0, [])
    assert "no articles to search yet" in stand_in(tmp_path / "output")


def test_search_false_builds_no_index_no_page_and_no_link(runner: CliRunner, seed_site: Path) -> None:
    config = seed_site / "digest.toml"
    config.write_text(config.read_text(encoding="utf-8") + "search = false\n", encoding="utf-8")
    assert build(runner, seed_site) == (0, [])
    output = seed_site / "output"
    assert not (output / "pagefind").exists() and not (output / "search").exists()
    home = lxml_html.parse(str(output / "index.html")).getroot()
    assert "/repo/search/" not in home.xpath("//nav//a/@href")
    assert "/repo/topics/" in home.xpath("//nav//a/@href")
    check = runner.invoke(main, ["check", "--site", str(seed_site)])
    assert check.exit_code == 0, check.output


def test_search_must_be_a_boolean(runner: CliRunner, seed_site: Path) -> None:
    config = seed_site / "digest.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'search = "no"\n', encoding="utf-8")
    result = runner.invoke(main, ["build", "--site", str(seed_site)])
    assert result.exit_code == 1 and "search" in result.output


# Shards: a large site's index in several Pagefind bundles ------------------------------------------------------------
# Invented words, one per article, so each is in exactly one article's text.
SHARD_WORDS = ["quillomat", "brazzletop", "snorkwidge", "plimberry", "trundlefox", "wobbleknot", "grimplesnap",
               "flonkwhistle", "zabberdash", "mirkleflap"]


def sharded_site(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ten articles with two per shard (SHARD_SIZE lowered), so the index is split as a large site's is."""
    monkeypatch.setattr("generator.search_shards.SHARD_SIZE", 2)
    (root / "content").mkdir(parents=True)
    for i, word in enumerate(SHARD_WORDS):
        write_story(root, i, word)
    return root


def write_story(root: Path, i: int, word: str) -> None:
    (root / "content" / f"story-{i}.md").write_text(
        f"---\ntitle: Harbour report number {i}\npublished: 2024-03-{i + 1:02d}\n---\n"
        f"LONDON \u2014 The harbour board met on Monday about the {word} plan. Officials said the plan would be "
        "ready in May.\n", encoding="utf-8")


def bundles_of(output: Path) -> list[str]:
    return sorted(p.parent.relative_to(output).as_posix() for p in output.glob("pagefind/**/pagefind-entry.json"))


@needs_pagefind
def test_a_large_site_is_indexed_in_shards_each_article_in_exactly_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sharded_site(tmp_path, monkeypatch)
    assert build(runner, site) == (0, [])
    output = site / "output"
    bundles = bundles_of(output)
    assert len(bundles) >= 3 and "pagefind" in bundles, "the first bundle, which holds the UI, is pagefind/"
    indexed = [url for bundle in bundles for url in fragments(output, bundle)]
    articles = sorted("/" + p.parent.relative_to(output).as_posix() + "/" for p in output.glob("articles/*/index.html"))
    assert sorted(indexed) == articles, "every article in one shard, none twice"
    search_page = (output / "search" / "index.html").read_text(encoding="utf-8")
    listed = json.loads(search_page.split("var bundles = ", 1)[1].split(", baseUrl", 1)[0])
    assert listed[0] == "/pagefind/" and sorted(b.strip("/") for b in listed) == bundles, "it merges every bundle"


@needs_pagefind
def test_one_changed_article_reindexes_only_its_shard(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sharded_site(tmp_path, monkeypatch)
    assert build(runner, site) == (0, [])
    output = site / "output"
    before = {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.glob("pagefind/**/*") if p.is_file()}
    old_bytes = {rel: (output / rel).read_bytes() for rel in before}
    held = tmp_path / "held"  # the previous site's files, as a reader holding them open sees them
    held.mkdir()
    for n, rel in enumerate(before):
        os.link(output / rel, held / str(n))
    write_story(site, 3, "cobblewonk")
    assert build(runner, site) == (0, [])
    # Pagefind wrote the changed shard's bundle afresh into the staging folder, never into the previous site's files
    # (the site is updated in place: output.SiteWriter)
    assert [(held / str(n)).read_bytes() for n in range(len(before))] == list(old_bytes.values())
    after = {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.glob("pagefind/**/*") if p.is_file()}
    (changed,) = [b for b in bundles_of(output) if any("cobblewonk" in r["content"] for r in fragments(output, b).values())]
    others = {rel: ino for rel, ino in before.items() if not _in_bundle(rel, changed)}
    assert others and {rel: after.get(rel) for rel in others} == others, "the other shards' files are kept as they were"
    # In the shard Pagefind indexed again, a file it wrote with the same bytes (the other pages' fragments) is still
    # the last build's file: deploys and browser caches see only what changed.
    same = [rel for rel in before
            if _in_bundle(rel, changed) and rel in after and old_bytes[rel] == (output / rel).read_bytes()]
    assert same and all(after[rel] == before[rel] for rel in same)
    assert not any(SHARD_WORDS[3] in r["content"] for b in bundles_of(output) for r in fragments(output, b).values())
    # And the kept shards are what a clean build indexes.
    assert build(runner, site, "--no-cache", "--output", str(tmp_path / "clean")) == (0, [])
    clean = tmp_path / "clean"
    assert {rel: (clean / rel).read_bytes() for rel in after} == {rel: (output / rel).read_bytes() for rel in after}


@needs_pagefind
def test_an_output_restored_elsewhere_keeps_its_search_bundles(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """output/ copied away and back (a CI cache restores it so: new inodes and file times) keeps every bundle: the
    pages it indexed are the same pages, though new files."""
    site = sharded_site(tmp_path, monkeypatch)
    assert build(runner, site) == (0, [])
    output = site / "output"
    shutil.copytree(output, tmp_path / "restored", copy_function=shutil.copy)
    shutil.rmtree(output)
    (tmp_path / "restored").rename(output)
    before = {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.glob("pagefind/**/*") if p.is_file()}
    runs: list[object] = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: runs.append(a) or real_popen(*a, **k))
    assert build(runner, site) == (0, [])
    assert [command for command, *_ in runs if "pagefind" in Path(command[0]).name] == []  # (the writer runs cp)
    after = {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.glob("pagefind/**/*") if p.is_file()}
    assert before and after == before


def _in_bundle(rel_path: str, bundle: str) -> bool:
    rest = rel_path.removeprefix(bundle + "/")
    return rest != rel_path and (bundle != "pagefind" or not rest.startswith("shard-"))
