"""A whole build of the seed site: every output file kind parsed back, links resolved, content untouched."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import site_records


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import BBC_SEED, NYT_SEED

    site = tmp_path_factory.mktemp("site")
    (site / "content").mkdir()
    for seed in (NYT_SEED, BBC_SEED):
        (site / "content" / seed.name).write_bytes(seed.read_bytes())
    (site / "digest.toml").write_text('title = "Seed Digest"\nsite_url = "https://user.github.io/repo/"\n')
    before = tree_hash(site / "content")
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert tree_hash(site / "content") == before, "a build must never touch content/"
    return site / "output"


def test_expected_files(built: Path) -> None:
    for rel in ("index.html", "404.html", "sitemap.xml", ".nojekyll", "articles.json", "feed.xml", "atom.xml",
                "topics/index.html", "people/index.html", "archive/index.html"):
        assert (built / rel).is_file(), rel
    assert len(list(built.glob("articles/*/index.md"))) == 2
    assert len(list(built.glob("articles/*/index.html"))) == 2
    assert len(list(built.glob("topics/*/index.html"))) == 1
    assert list(built.glob("topics/*/feed.xml")) and list(built.glob("topics/*/atom.xml"))


def test_sections_have_a_page_and_feeds_and_list_their_topics(built: Path) -> None:
    (page,) = built.glob("sections/*/index.html")
    (topic_page,) = built.glob("topics/*/index.html")
    topic_url = "/repo/" + topic_page.parent.relative_to(built).as_posix() + "/"
    assert f'href="{topic_url}"' in page.read_text()
    assert (page.parent / "feed.xml").is_file() and (page.parent / "atom.xml").is_file()
    listing = (built / "topics" / "index.html").read_text()
    assert "/repo/sections/" in listing and topic_url in listing


def test_markdown_pages_have_front_matter_and_read_well(built: Path) -> None:
    for page in built.glob("articles/*/index.md"):
        text = page.read_text(encoding="utf-8")
        _, header, body = text.split("---\n", 2)
        meta = yaml.safe_load(header)
        assert {"title", "slug", "summary", "quotes", "dates", "topic", "published"} <= set(meta)
        assert body.lstrip().startswith("# " + meta["title"].replace("<", "&lt;"))
        assert "## Summary" in body and "## Full text" in body
        if any(q["key"] for q in meta["quotes"]):
            assert "## Key quotes" in body and "\n— **" in body


def test_markdown_front_matter_is_the_article_record_in_its_order(built: Path) -> None:
    """The front matter is pieced together (the extracted fields come made from the per-article stage): the pieces
    must read back as the record articles.json gives, field for field and in the contract's order."""
    records = {r["slug"]: r for r in site_records(built)}
    for page in built.glob("articles/*/index.md"):
        meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])
        record = {name: value for name, value in records[page.parent.name].items() if name != "body_markdown"}
        assert list(meta.items()) == list(record.items())


def test_articles_sharing_a_title_each_have_their_own_slug_in_front_matter(tmp_path: Path) -> None:
    """The build makes a slug unique after the per-article stage: the front matter must carry the final one."""
    (tmp_path / "content").mkdir()
    for name in ("a.md", "b.md"):
        (tmp_path / "content" / name).write_text(
            "---\ntitle: Talks resume in Beijing\n---\n\nNegotiators met in Beijing on Tuesday to restart the "
            f"talks, officials said ({name}). The meeting lasted three hours and ended without a statement.\n",
            encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "output" / "articles").glob("*/index.md"))
    assert [p.parent.name for p in pages] == ["talks-resume-in-beijing", "talks-resume-in-beijing-2"]
    for page in pages:
        meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])
        assert meta["slug"] == page.parent.name


def test_seeds_share_one_topic_and_one_speaker_page(built: Path) -> None:
    records = site_records(built)
    assert len({r["topic_slug"] for r in records}) == 1
    kim = built / "people" / "kim-kye-gwan" / "index.html"
    assert kim.is_file()
    html = kim.read_text()
    assert "equal level" in html and "We agreed to consider more and meet again" in html
    assert not (built / "people" / "kim-jong-il").exists() or "equal level" not in (
        built / "people" / "kim-jong-il" / "index.html").read_text()


def test_every_page_parses_and_internal_links_resolve(built: Path) -> None:
    pages = list(built.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        parser = LinkCollector()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.lang == "en", page
        assert "main" in parser.tags, page
        for link in parser.links:
            if link.startswith(("http://", "https://", "#", "mailto:")):
                continue
            assert link.startswith("/repo/"), (page, link)
            target = built / link[len("/repo/"):].split("#")[0]
            assert target.is_file() or (target / "index.html").is_file(), (page, link)


def test_feeds_parse_cleanly_with_absolute_links(built: Path) -> None:
    feeds = [built / "feed.xml", built / "atom.xml", *built.glob("topics/*/*.xml"), *built.glob("people/*/*.xml"),
             *built.glob("sections/*/*.xml")]
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            assert entry.link.startswith("https://user.github.io/repo/articles/"), entry.link
            assert entry.id
    site = feedparser.parse((built / "feed.xml").read_bytes())
    assert len(site.entries) == 2
    assert any("Kim Kye-gwan" in (e.get("summary") or e.get("description") or "") for e in site.entries)


def test_rebuild_keeps_guids_stable(built: Path) -> None:
    site = built.parent
    first = [e.id for e in feedparser.parse((built / "atom.xml").read_bytes()).entries]
    assert CliRunner().invoke(main, ["build", "--site", str(site)]).exit_code == 0
    assert [e.id for e in feedparser.parse((built / "atom.xml").read_bytes()).entries] == first


def test_sitemap_lists_absolute_urls(built: Path) -> None:
    root = ET.fromstring((built / "sitemap.xml").read_bytes())
    locs = [el.text or "" for el in root.iter() if el.tag.endswith("loc")]
    assert locs and all(re.match(r"https://user\.github\.io/repo/", loc) for loc in locs)
    assert any("/articles/" in loc for loc in locs)
