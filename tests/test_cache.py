"""The build cache and incremental output: a build from cache is byte-identical to a clean build, a corrupt cache
never breaks a build, and a rebuild after one edit rewrites exactly the files whose bytes changed."""

from __future__ import annotations

import errno
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cache import Cache, code_version, make_key
from generator.cli import main
from generator.output import SiteWriter
from generator.config import load_config
import generator.articles_file
import generator.feeds
import generator.full_build
import generator.last_build
import generator.memo
import generator.per_article
import generator.render.builders
import generator.render.sitemap
import generator.render.views
import generator.render.editions
from generator.article_words import Tokens
from generator.vectors import Space
from generator.build_options import BuildOptions, cache_of
from generator.content_files import discover
from generator.full_build import collect
from generator.models import Article
from generator.per_article import EXTRACTION_FIELDS
from generator.pipeline import build as pipeline_build  # the Python API, beside the CLI

from .conftest import BBC_SEED, NYT_SEED, ROOT, site_records

MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"

UNDATED = """Council approves riverside park

The city council approved plans for a riverside park after a long debate about the cost of the project.

"We need green space for the families who live here," said Ann Lee, the mayor of Eastfield.

Opponents said the money would be better spent on the roads. "The potholes come first," said Tom Hale.
"""

PARK_MD = """---
title: Park opening delayed again
date: 2021-05-04
---
The opening of the riverside park in Eastfield has been delayed again, the council said on Tuesday.

"The paths are not finished," said Ann Lee, the mayor of Eastfield. "We will open in June."

Contractors blamed the weather for the delay to the project.
"""

FURNITURE_ONLY = "---\ntitle: Nothing here\n---\n"


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Twelve synthetic scraped articles (the benchmark generator, deterministic)."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(out), "--n", "12", "--seed", "3",
                    "--format", "raw"], check=True, stdout=subprocess.DEVNULL)
    return sorted(out.iterdir())


@pytest.fixture
def site(tmp_path: Path, corpus_files: list[Path]) -> Path:
    """Seeds, synthetic articles, an undated article, a Markdown one, and one with no story (a warning)."""
    content = tmp_path / "site" / "content"
    (content / "local").mkdir(parents=True)
    for path in (NYT_SEED, BBC_SEED, *corpus_files):
        shutil.copy(path, content / path.name)
    (content / "local" / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (content / "local" / "park.md").write_text(PARK_MD, encoding="utf-8")
    (content / "empty-page.md").write_text(FURNITURE_ONLY, encoding="utf-8")
    (tmp_path / "site" / "digest.toml").write_text('title = "Cache test"\nfeed_length = 50\n', encoding="utf-8")
    return tmp_path / "site"


def edit_park(site: Path, old: str, new: str) -> None:
    """Edit the site's Markdown article about the park: PARK_MD with `old` replaced by `new`."""
    (site / "content" / "local" / "park.md").write_text(PARK_MD.replace(old, new), encoding="utf-8")


def build(site: Path, output: str, *flags: str) -> str:
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--output", output, "--jobs", "1", *flags])
    assert result.exit_code == 0, result.output
    return result.output


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_tree(a: Path, b: Path) -> None:
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right)
    different = [name for name in left if left[name] != right[name]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


def cache_entries(site: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (site / ".digest-cache").rglob("*") if p.is_file()}


def assert_not_rewritten(site: Path, entries: dict[str, int]) -> None:
    """Every entry still as it was: the build read them (a miss would have rewritten its entry)."""
    now = cache_entries(site)
    assert {name: now.get(name) for name in entries} == entries


def test_build_from_cache_is_byte_identical_to_a_clean_build(site: Path) -> None:
    build(site, "clean", "--no-cache")
    assert not (site / ".digest-cache").exists(), "--no-cache must not write a cache"
    build(site, "cold")  # fills the cache
    entries = cache_entries(site)
    assert len(entries) >= 15  # one per article (the furniture-only page too) plus the grouping
    build(site, "warm")  # every article and the grouping from the cache
    assert_not_rewritten(site, entries)
    assert_same_tree(site / "clean", site / "cold")
    assert_same_tree(site / "clean", site / "warm")


def test_one_changed_article_rebuilds_like_a_clean_build(site: Path) -> None:
    build(site, "first")
    edit_park(site, "delayed again", "delayed for a third time")
    build(site, "cached")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "cached")
    assert "a third time" in json.dumps(site_records(site / "cached"))


def test_a_touched_undated_article_gets_its_new_mtime_from_the_cache(site: Path) -> None:
    build(site, "first")
    undated = site / "content" / "local" / "undated.txt"
    os.utime(undated, (1_600_000_000, 1_600_000_000))  # same bytes: a cache hit, but feeds date it by mtime
    build(site, "cached")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "cached")


def test_corrupt_cache_entries_are_ignored_and_rewritten(site: Path) -> None:
    build(site, "clean", "--no-cache")
    build(site, "cold")
    files = [p for p in (site / ".digest-cache").rglob("*") if p.is_file()]
    for i, path in enumerate(files):  # garbage, a truncated pickle, an empty file, a pickle of the wrong thing
        path.write_bytes([b"not a pickle", path.read_bytes()[:20], b"", pickle.dumps(["wrong"])][i % 4])
    output = build(site, "cold")  # the same build again: it reads (and so repairs) every entry
    assert "Traceback" not in output
    assert_same_tree(site / "clean", site / "cold")
    for path in files:
        assert pickle.loads(path.read_bytes()) != ["wrong"]


def test_cache_entries_holding_some_other_list_are_rewritten(site: Path) -> None:
    build(site, "clean", "--no-cache")
    build(site, "cold")
    files = [p for p in (site / ".digest-cache").rglob("*") if p.is_file()]
    for path in files:  # every entry, the clustering's among them (a list of lists of rows) a well-formed pickle
        path.write_bytes(pickle.dumps(["wrong"]))
    assert "Traceback" not in build(site, "cold")
    assert_same_tree(site / "clean", site / "cold")


def test_a_changed_setting_misses_the_cache(site: Path) -> None:
    build(site, "first")
    before = set(cache_entries(site))
    config = site / "digest.toml"
    config.write_text(config.read_text(encoding="utf-8") + "summary_sentences = 1\n", encoding="utf-8")
    build(site, "cached")
    assert len(set(cache_entries(site)) - before) >= 15  # every article re-extracted with the new setting
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "cached")


def test_the_per_article_stages_read_only_the_settings_in_the_cache_key() -> None:
    package = ROOT / "generator"
    sources = [package / "read.py", package / "pages.py", package / "render" / "safe_markdown.py",
               *(package / "clean").glob("*.py"), *(package / "extract").glob("*.py")]
    read = {m for path in sources for m in re.findall(r"\bconfig\.(\w+)", path.read_text(encoding="utf-8"))}
    paths = {"content_path", "root"}  # where files are, not what they say
    assert read - paths <= set(EXTRACTION_FIELDS), f"add {sorted(read - paths - set(EXTRACTION_FIELDS))} to the key"


def test_cache_round_trip_and_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    key = make_key("test", "a", b"b", (1, 2))
    assert cache.get(key, "missing") == "missing"
    cache.put(key, {"value": 1})
    assert cache.get(key) == {"value": 1} and cache.has(key)
    assert make_key("test", "ab", "c") != make_key("test", "a", "bc") != make_key("other", "a", "bc")
    assert len(code_version()) == 64 and not Cache(None).has(key) and Cache(None).get(key) is None
    Cache(None).put(key, 1)  # a disabled cache accepts and forgets


def test_a_listing_answers_has_for_the_entries_there_when_it_looked(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    there, gone, absent = (make_key("test", n) for n in ("there", "gone", "absent"))
    cache.put(there, 1)
    cache.put(gone, 2)
    with cache.journal() as used:
        listing = cache.listing()
        assert there in listing and absent not in listing and "x" not in listing
        assert there in used and absent in used  # noted for garbage collection, as `has` notes them
    for key in (there, gone):
        assert (key in listing) == cache.has(key)
    later = next(make_key("test", n) for n in range(100_000) if make_key("test", n)[:2] == there[:2])
    cache.put(later, 3)  # after its shard was listed: not seen, as documented
    assert cache.has(later) and later not in listing
    assert there not in Cache(None).listing()


def test_an_unwritable_cache_folder_costs_speed_not_the_build(site: Path) -> None:
    (site / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    config = site / "digest.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'cache_dir = "blocked/cache"\n', encoding="utf-8")
    build(site, "out")
    assert (site / "out" / "index.html").is_file()


# Incremental output -----------------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.rglob("*") if p.is_file()}


def test_one_change_rewrites_exactly_the_files_whose_bytes_changed(site: Path) -> None:
    build(site, "output")
    before = snapshot(site / "output")
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    after = snapshot(site / "output")
    rewritten = {name for name in after if name in before and after[name][:2] != before[name][:2]}
    changed = {name for name in after if name in before and after[name][2] != before[name][2]}
    assert rewritten == changed, f"rewritten but equal: {sorted(rewritten - changed)}; " \
                                 f"changed but kept: {sorted(changed - rewritten)}"
    articles = [record["slug"] for record in site_records(site / "output")]
    park_slug = "park-opening-delayed-again"
    assert park_slug in articles
    must_change = {f"articles/{park_slug}/index.html", f"articles/{park_slug}/index.md", "index.html",
                   "feed.xml", "atom.xml", part_holding(site / "output", park_slug), "people/ann-lee/index.html"}
    assert must_change <= rewritten, sorted(must_change - rewritten)
    assert any(name.startswith("topics/") and name.endswith("/index.html") for name in rewritten)
    other = next(slug for slug in articles if slug not in (park_slug, "council-approves-riverside-park"))
    must_stay = {f"articles/{other}/index.md", f"articles/{other}/index.html", "robots.txt", "assets/style.css"}
    must_stay &= set(after)
    assert f"articles/{other}/index.md" in must_stay and not must_stay & rewritten
    assert len(rewritten) < len(after) / 3  # most of the site kept its files


def test_unchanged_files_are_copied_with_their_mtime_where_hard_links_fail(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "output"
    first = SiteWriter(output)
    first.write("same.txt", "unchanged")
    first.write("other.txt", "old")
    first.commit()
    os.utime(output / "same.txt", ns=(1_000_000_000, 1_000_000_000))

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported here")

    monkeypatch.setattr(os, "link", no_links)
    second = SiteWriter(output)
    second.write("same.txt", "unchanged")
    second.write("other.txt", "new")
    second.commit()
    assert (output / "same.txt").stat().st_mtime_ns == 1_000_000_000
    assert (output / "other.txt").read_text() == "new" and second.reused == 1


# Nothing changed ---------------------------------------------------------------------------------------------------

def test_a_rebuild_with_nothing_changed_keeps_the_site_and_reports_the_same_warnings(site: Path) -> None:
    first = CliRunner().invoke(main, ["build", "--site", str(site), "--strict"])
    assert first.exit_code == 1 and "empty-page.md: no article text found" in first.output
    before = snapshot(site / "output")
    again = CliRunner().invoke(main, ["build", "--site", str(site), "--strict"])
    assert again.exit_code == 1, "--strict must still fail: the warnings are reported again"
    assert "empty-page.md: no article text found" in again.output
    assert again.output.split(" in ")[0] == first.output.split(" in ")[0]  # same counts of articles and topics
    assert snapshot(site / "output") == before


def test_the_nothing_changed_shortcut_gives_the_same_digest_when_asked(site: Path,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(site)
    first = pipeline_build(config)
    again = pipeline_build(config)
    assert again.files_written == 0 and (again.articles, again.topics) == (first.articles, first.topics)
    reported = [r.getMessage() for r in caplog.records]
    parts = lambda d: (d.articles, d.topics, d.speakers, d.problems, d.sections)  # noqa: E731
    assert parts(again.digest) == parts(first.digest)
    assert [p.path for p in again.digest.problems] == ["empty-page.md"]
    assert [r.getMessage() for r in caplog.records] == reported, "the shortcut reported its warnings once already"


def test_a_rebuild_repairs_an_edited_output_and_follows_template_changes(site: Path) -> None:
    build(site, "output")
    (site / "output" / "robots.txt").unlink()
    build(site, "output")
    assert (site / "output" / "robots.txt").is_file()
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text('{% extends "default/404.html" %}{% block content %}Gone.'
                                                 '{% endblock %}', encoding="utf-8")
    build(site, "output")
    assert "Gone." in (site / "output" / "404.html").read_text(encoding="utf-8")


# Pages kept without rendering (generator.memo) ----------------------------------------------------------------------

def count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import jinja2

    rendered: list[str] = []
    real = jinja2.Template.render

    def spy(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        rendered.append(self.name or "")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    return rendered


def test_one_change_renders_only_the_pages_whose_inputs_changed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(site, "output")
    pages = [p for p in (site / "output").rglob("*.html")]
    rendered = count_renders(monkeypatch)
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    assert "article.html" in rendered  # the changed article's page
    assert 0 < len(rendered) < len(pages) / 3, f"{len(rendered)} of {len(pages)} pages rendered again"
    # Only the pages that show the park: its topic, and the one person it quotes. The first build's articles came
    # fresh from extraction and this one's from the cache, so equal values are shared differently in memory; a
    # fingerprint that saw that (pickle's back-references) made every topic and person page again.
    assert rendered.count("topic.html") == 1 and rendered.count("person.html") == 1, sorted(rendered)
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def extracted_fields(site: Path) -> dict[str, object]:
    """The park's `digest extract --json` record without its body: every field a page listing it can show."""
    result = CliRunner().invoke(main, ["extract", str(site / "content" / "local" / "park.md"), "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    record = records[0] if isinstance(records, list) else records
    del record["body_markdown"]
    return record


def test_an_edit_to_the_body_alone_renders_only_the_articles_own_page(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph added that changes no extracted field (not the summary, quotes, dates or names): the pages that
    list the article read nothing new, so none is rendered (the memo names a listed article by its fields) and, in
    the same frame, none is even fingerprinted (the article's own pages name its body apart: `PageBodies.read`);
    its own page, summary page and articles.json follow the new text, and the site equals a clean build."""
    build(site, "output")
    fields = extracted_fields(site)
    park = "articles/park-opening-delayed-again/"
    # twice: after the cold build (its articles fresh from extraction) and after a rebuild (read from the cache);
    # each keeps unseen what read no changed article or body, and must see the body changed
    for words in ("They said so again.", "They said so twice."):
        before = snapshot(site / "output")
        rendered = count_renders(monkeypatch)
        fingerprinted = count_fingerprinted_pages(monkeypatch)
        edit_park(site, "for the delay to the project.", f"for the delay to the project. {words}")
        assert extracted_fields(site) == fields  # the premise: the body alone changed
        build(site, "output")
        assert rendered == ["article.html"], sorted(rendered)
        assert sorted(fingerprinted) == [park + "index.html", park + "index.md"]
        after = snapshot(site / "output")
        rewritten = {name for name in after if name in before and after[name][:2] != before[name][:2]}
        park_part = part_holding(site / "output", "park-opening-delayed-again")
        assert {park + "index.html", park + "index.md", park_part} <= rewritten, sorted(rewritten)
        assert "articles.json" not in rewritten  # the listing of the parts: no slug changed
        for page in ("index.html", "index.md"):
            assert words in (site / "output" / park / page).read_text(encoding="utf-8"), page
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def count_fingerprinted_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML and Markdown pages whose parts a build fingerprints (rather than keeping them unseen)."""
    fingerprinted: list[str] = []
    real = generator.memo.PageMemo.produce

    def spy(self: generator.memo.PageMemo, rel_path: str, *args: object, **kwargs: object) -> object:
        if rel_path.endswith((".html", ".md")):
            fingerprinted.append(rel_path)
        return real(self, rel_path, *args, **kwargs)

    monkeypatch.setattr(generator.memo.PageMemo, "produce", spy)
    return fingerprinted


def test_one_change_makes_nothing_of_the_pages_that_do_not_show_the_article(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the same frame (no article, topic, date or quote moved: generator.frame), a page that names no edited
    article is kept without its builder making its context or the memo fingerprinting it."""
    build(site, "output")
    pages = [p for p in (site / "output").rglob("*") if p.suffix in (".html", ".md")]
    fingerprinted = count_fingerprinted_pages(monkeypatch)
    contexts: list[str] = []
    real_context = generator.render.views.Site.context
    monkeypatch.setattr(generator.render.views.Site, "context",
                        lambda self, folder, *a, **k: contexts.append(folder) or real_context(self, folder, *a, **k))
    channels: list[str] = []  # the feeds' channels whose entries were listed
    real_newest = generator.feeds.newest_entries
    monkeypatch.setattr(generator.feeds, "newest_entries",
                        lambda channel, config: channels.append(channel.folder) or real_newest(channel, config))
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    feeds = len(list((site / "output").rglob("feed.xml")))  # one per channel (with atom.xml and feed.json)
    assert "" in channels and 0 < len(channels) < feeds / 3, sorted(channels)  # the site's, the park's own...
    park = "articles/park-opening-delayed-again/"
    assert park + "index.html" in fingerprinted and park + "index.md" in fingerprinted
    # the park's pages, its topic's, the person it quotes, the lists it is in: a handful of the site's pages
    assert len(fingerprinted) < len(pages) / 5, f"{len(fingerprinted)} of {len(pages)}: {sorted(fingerprinted)}"
    # of the other articles' pages, only those listing the park among their related stories (its topic's)
    topic = (site / "output" / "topics" / "ann-lee-eastfield" / "index.html").read_text(encoding="utf-8")
    others = {p.split("/")[1] for p in fingerprinted if p.startswith("articles/") and not p.startswith(park)}
    assert others and all(f'href="/articles/{slug}/"' in topic for slug in others), sorted(others)
    assert len(contexts) < len(pages) / 5, sorted(contexts)
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


EDITS = [  # (what changes, old text of park.md, new, whether the frame stays: None where it depends on grouping)
    ("a quote's words", "The paths are not finished", "The lawns are not finished", True),
    ("a paragraph past the lead", "for the delay to the project.", "for the delay to the project. They said so again.",
     None),
    ("back to the first build's text", "The lawns are not finished", "The paths are not finished", True),
    ("its topic's keywords (every card of the topic)", "Contractors blamed",
     "Riverside contractors from Northfield blamed", False),
    ("the date (its archive month, edition and place in every list)", "date: 2021-05-04", "date: 2021-06-15", False),
    ("who is quoted", '"We will open in June."', '"We will open in June," said Bo Reyes.', False),
    ("a speaker's role", "said Ann Lee, the mayor of Eastfield", "said Ann Lee, the planning chief of Eastfield",
     False),
    ("the title (its slug)", "title: Park opening delayed again", "title: Riverside park opening delayed", False),
]


def test_a_run_of_edits_in_and_out_of_the_frame_rebuilds_like_clean_builds(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each edit kind in turn on one output folder, each build compared with a clean build: the edits that keep the
    frame keep most files unseen, the others fingerprint every file; both must match a clean build."""
    build(site, "output")
    planned: list[int] = []  # how many files each build's plan kept unseen
    real_plan = generator.memo.PageMemo.plan
    monkeypatch.setattr(generator.memo.PageMemo, "plan",
                        lambda self, *a: (lambda kept: planned.append(len(kept)) or kept)(real_plan(self, *a)))
    text = PARK_MD
    for what, old, new, in_frame in EDITS:
        assert old in text, what
        text = text.replace(old, new)
        (site / "content" / "local" / "park.md").write_text(text, encoding="utf-8")
        build(site, "output")
        if in_frame is not None:
            assert (planned[-1] > 0) == in_frame, (what, planned)
        build(site, "clean", "--no-cache")
        left, right = tree(site / "clean"), tree(site / "output")
        assert sorted(left) == sorted(right), what
        assert [name for name in left if left[name] != right[name]] == [], what
        shutil.rmtree(site / "clean")


def test_a_kept_page_is_made_again_from_the_digest_when_its_file_goes(site: Path) -> None:
    """`Unchanged.make` of a page kept unseen (the writer's fallback when the old file is gone after the memo
    looked) makes the very bytes the last build wrote: the page made alone, the sitemap from every page's entry."""
    build(site, "output")
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    config = load_config(site, output_dir="output")
    # as a build collects: the articles named by their fields' hashes, their bodies left in the cache
    digest, bodies, fields = generator.full_build._collect(config, None, BuildOptions(), report=False, full=False)
    memo = generator.last_build.page_memo(cache_of(config, BuildOptions()), config)
    kept = [(rel, data) for rel, data in generator.full_build.site_files(digest, config, bodies, memo, fields)
            if isinstance(data, generator.memo.Unchanged)]
    seen = {rel.split("/")[0] for rel, _data in kept}
    assert {"sitemap.xml", "articles", "topics", "people", "archive"} <= seen, sorted(seen)
    output = site / "output"
    for rel, data in kept:
        if rel.endswith((".html", ".md")) or rel == "sitemap.xml":
            assert data.make() == (output / rel).read_text(encoding="utf-8"), rel


def test_a_touched_dated_article_regroups_and_renders_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dated article's file time is read by nothing (an undated one's dates and orders it: the test above), so a
    checkout or a copy that touches its file changes no page."""
    build(site, "output")
    rendered = count_renders(monkeypatch)
    grouped: list[int] = []
    real_group = generator.full_build.group
    monkeypatch.setattr(generator.full_build, "group", lambda articles, *a: grouped.append(len(articles)) or
                        real_group(articles, *a))
    os.utime(site / "content" / "local" / "park.md", (1_600_000_000, 1_600_000_000))
    build(site, "output")
    assert rendered == [] and grouped == []
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_an_edit_past_the_lead_reads_the_clustering_back(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A story longer than its lead (the words grouping reads: article_words.LEAD_WORDS), edited at its end
    long_story = site / "content" / "local" / "budget.md"
    rounds = "\n\n".join(f"In round {n} the council weighed {topic} for the {place} district, clerks said."
                          for n, (topic, place) in enumerate(zip(["roads", "schools", "parks", "libraries"] * 20,
                                                                 ["north", "south", "east", "west", "river"] * 16)))
    long_story.write_text(PARK_MD.replace("Park opening delayed again", "Budget talks drag on") + "\n" + rounds,
                          encoding="utf-8")
    build(site, "output")
    clustered: list[int] = []
    real = generator.full_build.cluster_vectors
    monkeypatch.setattr(generator.full_build, "cluster_vectors", lambda v: clustered.append(v.shape[0]) or real(v))
    fitted: list[int] = []
    fit = Space.fit_embed.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Space, "fit_embed", classmethod(lambda cls, articles, tokens=None: fitted.append(len(articles))
                                                         or fit(cls, articles, tokens)))
    released: list[bool] = []  # full collections around grouping, which are for the vectors' arrays
    monkeypatch.setattr(generator.full_build, "release_free_memory", lambda collect=True: released.append(collect))
    with long_story.open("a", encoding="utf-8") as f:
        f.write("\n\nThe committee will meet again later in the year.\n")
    build(site, "output")
    # what the vectors are made of is the last build's: its clustering is read back, and the vectors not even fitted
    assert clustered == [] and fitted == [] and released == [False]  # the words' pages given back, no collection
    assert "meet again later in the year" in json.dumps(site_records(site / "output"))
    build(site, "clean", "--no-cache")
    assert clustered and fitted  # a clean build fits and clusters
    assert released[1:] == [True, True]  # before the vectors' arrays, and once they are gone
    assert_same_tree(site / "clean", site / "output")


def test_one_change_tokenises_only_the_run_of_articles_it_is_in(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.full_build, "TOKEN_RUN", 4)  # runs of 4 of the 16 articles
    tokenised: list[int] = []
    real = Tokens.from_words.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Tokens, "from_words", classmethod(lambda cls, words: tokenised.append(len(words)) or
                                                          real(cls, words)))
    build(site, "output")
    assert len(tokenised) >= 4 and max(tokenised) == 4
    tokenised.clear()
    with (site / "content" / "local" / "park.md").open("a", encoding="utf-8") as f:
        f.write("\nThe council said the fountain would follow in the autumn.\n")
    build(site, "output")
    assert len(tokenised) == 1 and tokenised[0] <= 4, tokenised  # the other runs are read from the cache
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def part_holding(output: Path, slug: str) -> str:
    """The path of the articles.json part that holds the article's record."""
    index = json.loads((output / "articles.json").read_text(encoding="utf-8"))
    (path,) = [part["url"] for part in index["parts"] if slug in part["slugs"]]
    return path


def test_one_change_encodes_only_the_records_of_its_part(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.articles_file, "PART_RECORDS", 4)  # 16 articles: parts of ~2 to 4
    build(site, "output")
    encoded: list[str] = []
    real = generator.articles_file.article_record
    monkeypatch.setattr(generator.articles_file, "article_record",
                        lambda article, topic: encoded.append(article.source_path) or real(article, topic))
    for words in ("a third time", "a fourth time"):
        edit_park(site, "delayed again", f"delayed for {words}")
        encoded.clear()
        build(site, "output")
        output = site / "output"
        index = json.loads((output / "articles.json").read_text(encoding="utf-8"))
        assert len(index["parts"]) >= 4
        park = json.loads((output / part_holding(output, f"park-opening-delayed-for-{words.replace(' ', '-')}"))
                          .read_text(encoding="utf-8"))
        assert sorted(encoded) == sorted(r["source_path"] for r in park)  # the other parts are kept unread
        assert "local/park.md" in encoded and len(encoded) < 8
        build(site, "clean", "--no-cache")
        assert_same_tree(site / "clean", site / "output")
        shutil.rmtree(site / "clean")
    park_part = site / "output" / part_holding(site / "output", "park-opening-delayed-for-a-fourth-time")
    park_part.write_text("[]\n", encoding="utf-8")  # edited by hand: made again, though its records are unchanged
    build(site, "output")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_a_site_growing_past_a_part_size_splits_its_parts_as_a_clean_build_does(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The records go in more parts as the site grows: no part of the last build's split is left in output/."""
    monkeypatch.setattr(generator.articles_file, "PART_RECORDS", 8)  # 16 articles: 2 parts; 17: 4
    build(site, "output")
    before = json.loads((site / "output" / "articles.json").read_text(encoding="utf-8"))
    (site / "content" / "local" / "second-park.md").write_text(
        PARK_MD.replace("Park opening delayed again", "A second park opens on time"), encoding="utf-8")
    build(site, "output")
    after = json.loads((site / "output" / "articles.json").read_text(encoding="utf-8"))
    assert (len(before["parts"]), len(after["parts"])) == (2, 4) and after["count"] == before["count"] + 1
    assert len(site_records(site / "output")) == after["count"]
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_one_change_serialises_only_the_feeds_that_carry_it(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(site, "output")
    feeds = [p for p in (site / "output").rglob("*") if p.name in ("feed.xml", "atom.xml")]
    made: list[str] = []
    real = generator.feeds._feedgen
    monkeypatch.setattr(generator.feeds, "_feedgen", lambda feed, *a: made.append(feed.channel.folder) or real(feed, *a))
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    # the site's feeds, the park's topic's, section's, speaker's and the editions' (RSS and Atom each)
    assert "" in made and "people/ann-lee/" in made
    assert len(made) < len(feeds) / 2, f"{len(made)} of {len(feeds)} feeds made again: {sorted(made)}"
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_a_kept_page_that_was_deleted_or_edited_is_made_again(site: Path) -> None:
    build(site, "output")
    article = next((site / "output" / "articles").iterdir())
    (article / "index.html").unlink()
    (article / "index.md").write_text("edited by hand", encoding="utf-8")
    (site / "content" / "local" / "park.md").write_text(PARK_MD + "\nOne more line about the park.\n",
                                                        encoding="utf-8")  # not a nothing-changed build
    build(site, "output")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_an_output_restored_elsewhere_is_kept_by_its_bytes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """output/ copied away and back (as a CI cache restores it: new inodes, new file times) is still the site the
    last build left: nothing is rendered again, and a file edited by hand to the same size is made again."""
    build(site, "output")
    output = site / "output"
    shutil.copytree(output, site / "restored", copy_function=shutil.copy)  # copy: new file times too
    shutil.rmtree(output)
    (site / "restored").rename(output)
    page = next((output / "articles").iterdir()) / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<", b">", 1))  # same size, other bytes
    rendered = count_renders(monkeypatch)
    build(site, "output")
    assert rendered == ["article.html"], rendered  # the edited page alone
    assert page.read_bytes() == original
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", output)


def test_the_memo_record_hashes_what_the_build_wrote_without_reading_it_back(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record keeps the hash of every file's bytes (for an output/ restored elsewhere, above): the writer hashes
    the bytes it writes, so a build reads back from disk only the files a tool wrote (the search bundle)."""
    read_back: list[str] = []
    hash_file = generator.memo.content_hash
    monkeypatch.setattr(generator.memo, "content_hash", lambda path: read_back.append(path) or hash_file(path))
    build(site, "output")
    output = site / "output"
    ours = [p for p in read_back if not Path(p).relative_to(output).as_posix().startswith("pagefind/")]
    assert ours == []
    record, _reads = generator.last_build._memo_record(Cache(site / ".digest-cache"), load_config(site))
    page = "articles/" + next((output / "articles").iterdir()).name + "/index.html"
    assert record[page][2] == hash_file(str(output / page))

# Article texts cached apart (generator.page_bodies) ------------------------------------------------------------------

def test_an_article_whose_cached_text_went_missing_is_extracted_again(site: Path) -> None:
    build(site, "output")
    texts = [p for p in (site / ".digest-cache").rglob("*-text")]
    assert len(texts) == 16  # one per article: the problem file has none
    for path in texts:
        path.unlink()
    (site / "content" / "local" / "park.md").write_text(PARK_MD + "\nThe park will have a pond.\n", encoding="utf-8")
    build(site, "output")
    assert len(list((site / ".digest-cache").rglob("*-text"))) == 16
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_collect_through_the_process_pool_gives_whole_articles(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers keep an article's text in the cache alone for a build; `collect` still gets every article whole."""
    monkeypatch.setattr(generator.per_article, "INLINE_BELOW", 1)  # a pool even for this small site
    config = load_config(site)
    pooled = collect(config, options=BuildOptions(jobs=2))
    inline = collect(config, options=BuildOptions("inline", use_cache=False))
    assert len(pooled.articles) > 10 and all(a.blocks for a in pooled.articles)
    assert pooled.articles == inline.articles


# Articles held as views with their quotes, whole when a page reads them (generator.lazy_articles) ------------------

def test_a_rebuild_reads_whole_only_the_articles_of_the_pages_it_makes(site: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """After one edit, the articles on no page made again stay views with their quotes (the speakers index and the
    frame read every quote): their summaries and dated sentences are never read from the cache."""
    settings = site / "digest.toml"  # lists and feeds of two articles: most articles are on no page the edit makes
    settings.write_text(settings.read_text(encoding="utf-8").replace("feed_length = 50", "feed_length = 2")
                        + "items_per_page = 2\n", encoding="utf-8")
    monkeypatch.setattr(generator.articles_file, "PART_RECORDS", 2)  # and parts of articles.json of ~2 records
    build(site, "output")
    read: list[str] = []
    real = generator.full_build.load_article
    monkeypatch.setattr(generator.full_build, "load_article", lambda cache, key: read.append(key) or real(cache, key))
    edit_park(site, "The paths are not finished", "The benches are not finished")  # in the same frame
    build(site, "output")
    articles = len(list((site / "output" / "articles").iterdir()))
    assert 0 < len(read) < articles / 2, f"{len(read)} of {articles} articles read whole"
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_the_digest_of_a_rebuild_equals_the_digest_collected_whole(site: Path) -> None:
    """`BuildResult.digest` after the nothing-changed shortcut is collected with lazy articles: equal, hashed and
    pickled as the whole articles `collect` gives (blocks aside, which neither holds)."""
    config = load_config(site)
    pipeline_build(config)
    pipeline_build(config)  # the quotes kept in shards by now
    held = pipeline_build(config).digest.articles
    whole = tuple(a for a in collect(config).articles)
    stripped = [replace(a, blocks=()) for a in whole]
    assert [type(a).__name__ for a in held].count("LazyArticle") > len(held) / 2
    assert list(held) == stripped and [hash(a) for a in held] == [hash(a) for a in stripped]
    assert [pickle.loads(pickle.dumps(a)) for a in held] == stripped
    assert [replace(a, slug="x") for a in held] == [replace(a, slug="x") for a in stripped]


# The views grouping reads, kept in shards (generator.last_build.KnownViews) -------------------------------------------

def _deleted(output: str) -> int:
    found = re.search(r"Deleted (\d+) cache files? the build did not use", output)
    assert found, output
    return int(found[1])


def test_gc_deletes_what_an_edit_left_behind_and_nothing_the_site_needs(site: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    build(site, "output")
    before_edit = set(cache_entries(site))
    edit_park(site, "delayed again", "delayed for a third time")
    build(site, "output")
    entries = set(cache_entries(site))
    deleted = _deleted(build(site, "output", "--gc"))
    left = set(cache_entries(site))
    assert deleted == len(entries - left) and left <= entries
    stale = before_edit - left
    assert any(name + "-text" in stale for name in stale), "the old park article and its text"
    assert len(stale) >= 4  # ... and the collection-wide entries the edit replaced (grouping, token run, records)
    assert _deleted(build(site, "output", "--gc")) == 0  # the first kept exactly what a build uses

    extracted: list[str] = []
    real = generator.per_article.process_source
    monkeypatch.setattr(generator.per_article, "process_source",
                        lambda source, config: extracted.append(source.source_path) or real(source, config))
    build(site, "again")  # a new output folder: every page made, every article read from the cache
    assert extracted == []
    assert_same_tree(site / "output", site / "again")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "again")


def test_gc_after_an_unchanged_build_keeps_the_token_runs(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build whose grouping is read back whole reads no token run; gc keeps them for the next edit all the same."""
    monkeypatch.setattr(generator.full_build, "TOKEN_RUN", 4)
    tokenised: list[int] = []
    real = Tokens.from_words.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Tokens, "from_words", classmethod(lambda cls, words: tokenised.append(len(words)) or
                                                          real(cls, words)))
    build(site, "output")
    build(site, "output", "--gc")  # not the nothing-changed shortcut: a full build, its grouping from the cache
    tokenised.clear()
    with (site / "content" / "local" / "park.md").open("a", encoding="utf-8") as f:
        f.write("\nThe council said the fountain would follow in the autumn.\n")
    build(site, "output")
    assert len(tokenised) == 1, tokenised


def test_gc_deletes_other_versions_and_the_old_layout_never_foreign_or_new_files(site: Path) -> None:
    build(site, "output")
    cache = site / ".digest-cache"
    (current,) = [folder for folder in cache.iterdir()]
    planted = {
        "other version": cache / "v-0123456789abcdef" / "ab" / ("ab" * 32),
        "old layout": cache / "cd" / ("cd" * 32 + "-text"),
        "a writer's leftover": current / "ef" / (".efefefef-tmp1234"),
        "foreign file": cache / "NOTES.txt",
        "foreign folder": cache / "v-mine" / "ab" / ("ab" * 32),
        "foreign name": current / "ab" / "keep-me.txt",
        "new entry": current / "ef" / ("ef" * 32),  # written during the build, by a build beside it
    }
    for path in planted.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    old = 1_600_000_000
    for name in ("other version", "old layout", "a writer's leftover", "foreign file", "foreign folder",
                 "foreign name"):
        os.utime(planted[name], (old, old))
    future = 4_000_000_000
    os.utime(planted["new entry"], (future, future))
    assert _deleted(build(site, "output", "--gc")) == 3
    gone = {name for name, path in planted.items() if not path.exists()}
    assert gone == {"other version", "old layout", "a writer's leftover"}
    assert not (cache / "v-0123456789abcdef").exists() and not (cache / "cd").exists()  # emptied folders go too


def test_a_rebuild_reads_unchanged_articles_from_the_view_shards(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(site, "output")
    whole: list[str] = []  # the whole results read while the per-article stage runs
    real_get, real_process_all = Cache.get, generator.full_build.process_all
    stage = []

    def get(self: Cache, key: str, default: object = None) -> object:
        value = real_get(self, key, default)
        if stage and isinstance(value, generator.per_article.Processed):
            whole.append(key)
        return value

    def process_all(*args: object, **kwargs: object) -> object:
        stage.append(True)
        try:
            return real_process_all(*args, **kwargs)
        finally:
            stage.clear()

    monkeypatch.setattr(Cache, "get", get)
    monkeypatch.setattr(generator.full_build, "process_all", process_all)
    edit_park(site, "delayed again", "delayed for a third time")
    build(site, "output")
    assert whole == []  # 15 unchanged articles and a problem file, none read whole before grouping
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_an_article_whose_whole_result_went_missing_is_extracted_again(site: Path) -> None:
    """A view in a shard is only used while the whole result it was cut from is still in the cache."""
    build(site, "output")
    results = [p for p in (site / ".digest-cache").rglob("*") if p.is_file() and not p.name.endswith("-text")
               and isinstance(pickle.loads(p.read_bytes()), generator.per_article.Processed)]
    assert len(results) == 17  # one per file, the problem file's too
    for path in results:
        path.unlink()
    (site / "content" / "local" / "park.md").write_text(PARK_MD + "\nThe park will have a pond.\n", encoding="utf-8")
    build(site, "output")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_one_change_makes_the_views_of_only_the_editions_rendered(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (site / "digest.toml").open("a", encoding="utf-8") as config:
        config.write("items_per_page = 2\n")  # the editions listed on several pages
    build(site, "output")
    editions = len([p for p in (site / "output" / "editions").iterdir() if p.is_dir()])
    made: list[str] = []
    real = generator.render.editions.edition_view
    monkeypatch.setattr(generator.render.editions, "edition_view",
                        lambda site, edition, mode: made.append(edition.key) or real(site, edition, mode))
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    # the park's edition on its own page, and the page of the list of editions that shows it and one other
    assert "2021-W18" in made and len(made) <= 3 and editions > 6, (made, editions)
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_one_change_makes_the_quotes_of_only_the_people_it_quotes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(site, "output")
    people = [p.name for p in (site / "output" / "people").iterdir() if p.is_dir()]
    made: list[str] = []
    real = generator.render.builders._person_quotes
    monkeypatch.setattr(generator.render.builders, "_person_quotes",
                        lambda speaker, *rest: made.append(speaker.slug) or real(speaker, *rest))
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    assert made == ["ann-lee"] and len(people) > 5, (made, people)
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_a_build_runs_with_fewer_cycle_collections_and_puts_the_thresholds_back(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    from generator.memory import BUILD_THRESHOLDS

    seen: list[tuple[tuple[int, int, int], int]] = []
    real = generator.full_build.write_site
    monkeypatch.setattr(generator.full_build, "write_site",
                        lambda *a: seen.append((gc.get_threshold(), gc.get_freeze_count())) or real(*a))
    before = gc.get_threshold()
    build(site, "output")
    # while it renders, the Digest's objects are set aside from the collector's walks (memory.settle); then back
    (thresholds, frozen), = seen
    assert thresholds == BUILD_THRESHOLDS != before and frozen > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    gc.freeze()  # a caller's own frozen objects: the build leaves them frozen, and them alone
    try:
        frozen_by_caller = gc.get_freeze_count()
        build(site, "again")
        # (the count only falls, as frozen objects are freed by reference counting)
        assert seen[-1][1] <= frozen_by_caller and 0 < gc.get_freeze_count() <= frozen_by_caller
    finally:
        gc.unfreeze()


# A story of another topic (the nuclear talks of the seeds) that also quotes the park's mayor
TALKS_MD = """---
title: Envoys return to Geneva for nuclear talks
date: 2006-12-20
---
North Korean and American envoys returned to Geneva on Wednesday for a new round of nuclear talks, officials said.

Kim Kye-gwan, North Korea's vice foreign minister, met Christopher Hill for two hours at the North Korean mission.

"Disarmament talks matter to every town," said Ann Lee, who watched the talks as an observer.

The six-party talks on the North Korean nuclear programme were suspended after the nuclear test in October.
"""


def test_an_unedited_article_page_follows_what_its_people_became(site: Path) -> None:
    # An article page is kept by what its context is made of (Page.made_of), not by the context itself. A site
    # template here shows how often each person it quotes is quoted in all (the default theme shows names only):
    # a story of another topic quoting the park's mayor must change the park's page, though neither the park nor
    # its topic did.
    templates = site / "templates"
    templates.mkdir()
    (templates / "article.html").write_text(
        '{% extends "default/article.html" %}{% block aside %}'
        '{% for p in people %}<b class="quoted">{{ p.name }}: {{ p.count }}</b>{% endfor %}{% endblock %}',
        encoding="utf-8")
    build(site, "output")
    page = site / "output" / "articles" / "park-opening-delayed-again" / "index.html"
    before = re.search(r'<b class="quoted">Ann Lee: (\d+)</b>', page.read_text(encoding="utf-8"))
    assert before, "the site template is not in use"
    (site / "content" / "local" / "talks.md").write_text(TALKS_MD, encoding="utf-8")
    build(site, "output")
    after = re.search(r'<b class="quoted">Ann Lee: (\d+)</b>', page.read_text(encoding="utf-8"))
    assert after and int(after.group(1)) > int(before.group(1))  # the new story quotes her too
    assert '"envoys-return-to-geneva-for-nuclear-talks"' not in page.read_text(encoding="utf-8")  # not related
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", site / "output")


def test_a_prelinked_rebuild_records_the_site_as_a_walk_finds_it(site: Path) -> None:
    # After a prelinked commit the writer gives the site's files and identities from its own sweep and a walk of
    # Pagefind's bundle folders, not from a walk of the whole site: both records must still be what a walk finds.
    build(site, "output")
    edit_park(site, "The paths are not finished", "The benches are not finished")
    build(site, "output")
    config = load_config(site, output_dir="output")
    cache = cache_of(config, BuildOptions())
    walked = generator.memo.output_state(config.output_path)
    assert any(rel.startswith("pagefind") for rel, _state in walked)  # the search bundles are in it
    key = generator.last_build.inputs_key(config, discover(config.content_path))
    assert generator.last_build.unchanged(cache, key, config.output_path) is not None  # the shortcut's record
    record, _reads = generator.last_build._memo_record(cache, config)
    states = dict(walked)
    assert {rel: left for rel, (_fingerprint, left, _hash) in record.items() if "#" not in rel} == \
           {rel: states[rel] for rel in record if "#" not in rel}


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_a_site_of_more_pages_than_a_sitemap_takes_gets_a_sitemap_index(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the protocol's limit of URLs in one sitemap, sitemap.xml is an index of parts holding, in order, what the
    one sitemap would; kept, made again and rebuilt from the cache as a clean build makes them."""
    build(site, "whole")
    whole = ET.parse(site / "whole" / "sitemap.xml").getroot()
    urls = [(e.findtext(f"{SITEMAP_NS}loc"), e.findtext(f"{SITEMAP_NS}lastmod")) for e in whole]
    monkeypatch.setattr(generator.render.sitemap, "MAX_URLS", 10)
    build(site, "output")
    output = site / "output"
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex" and len(index) == -(-len(urls) // 10) >= 2
    found = []
    for entry in index:
        part = ET.parse(output / "sitemaps" / entry.findtext(f"{SITEMAP_NS}loc").rsplit("/", 1)[1]).getroot()
        held = [(e.findtext(f"{SITEMAP_NS}loc"), e.findtext(f"{SITEMAP_NS}lastmod")) for e in part]
        assert part.tag == f"{SITEMAP_NS}urlset" and 0 < len(held) <= 10
        assert entry.findtext(f"{SITEMAP_NS}lastmod") == max(m for _, m in held if m)
        found += held
    assert found == urls
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("/sitemap.xml\n")
    edit_park(site, "The paths are not finished", "The benches are not finished")  # a new frame: made again
    build(site, "output")
    before = snapshot(output)
    edit_park(site, "for the delay to the project.", "for the delay to the project. Again.")  # the same frame: kept
    build(site, "output")
    after = snapshot(output)
    sitemaps = [name for name in after if name.startswith("sitemap")]
    assert len(sitemaps) == len(index) + 1 and all(after[name][:2] == before[name][:2] for name in sitemaps)
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", output)
    (output / "sitemaps" / "sitemap-2.xml").unlink()  # gone by hand: the next build in the same frame makes it
    edit_park(site, "for the delay to the project.", "for the delay to the project. Once more.")
    build(site, "output")
    shutil.rmtree(site / "clean")
    build(site, "clean", "--no-cache")
    assert_same_tree(site / "clean", output)


def test_views_made_by_the_pool_share_their_year_mentions(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A view shard is pickled with each object once: the views of articles the workers' tasks extracted must hold
    this process's one mention of each year, or a rebuild makes one for every article it reads back (four fifths
    of reading the views back at 10,000 articles)."""
    monkeypatch.setattr(generator.per_article, "INLINE_BELOW", 1)  # a pool even for this small site, in many tasks
    config = load_config(site)
    results = generator.per_article.process_all(config, BuildOptions(jobs=2), None, discover(config.content_path))
    views = [p.result for _key, p, text in results if text is None and isinstance(p.result, Article)]
    mentions = [d for view in views for d in view.dates]
    assert len(views) > 10 and len(mentions) > len({d.value for d in mentions})  # years recur across tasks
    assert len({id(d) for d in mentions}) == len({d.value for d in mentions})
