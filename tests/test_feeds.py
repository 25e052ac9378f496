"""RSS, Atom and JSON feeds: valid (feedparser, validate_feed), required elements, ordering, dates, ids, escaping."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree

from generator.cli import main

from generator.config import Config
from generator.feed_rules import validate_feed
from generator.feeds import build_feeds, item_date
from generator.models import Article, Digest, Quote, Speaker, Topic
from generator.page_bodies import PageBodies
from generator.render import render_site

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
ATOM = "{http://www.w3.org/2005/Atom}"
MTIME = 1_700_000_000.0  # 2023-11-14T22:13:20Z
KIM = Quote('We agreed to "meet again" <soon> & more', "Kim Kye-gwan", "First Vice Foreign Minister", True)
HILL = Quote("very soon", "Christopher Hill", None, True)


def article(slug: str, published: str | None, title: str = "", quotes: tuple[Quote, ...] = ()) -> Article:
    return Article(
        source_path=f"{slug}.txt", kind="text", slug=slug, title=title or slug.replace("-", " ").title(),
        title_generated=False, source=None, author=None, dateline=None, published=published,
        published_basis="stated" if published else None, summary=("First sentence.", "Second sentence."),
        quotes=quotes, dates=(), people=(), places=(), organizations=(), keywords=(), blocks=(), mtime=MTIME,
    )


def sample_digest() -> Digest:
    articles = (
        article("geneva", "2011-10-25T09:00:00+02:00", "Talks <script>alert(1)</script> & co", (KIM,)),
        article("beijing", "2006-11-28", quotes=(KIM, HILL)),
        article("undated", None),
        article("summer", "2006-07-05"),
    )
    topics = (Topic("talks", "Talks & <diplomacy>", ("geneva", "beijing", "undated")), Topic("misc", "Misc", ("summer",)))
    speakers = (Speaker("kim-kye-gwan", "Kim Kye-gwan", (), (("geneva", KIM), ("beijing", KIM))),
                Speaker("christopher-hill", "Christopher Hill", (), (("beijing", HILL),)))
    return Digest(articles, topics, speakers)


def feeds(tmp_path: Path, digest: Digest | None = None, **settings: object) -> dict[str, bytes]:
    config = Config(root=tmp_path, site_url="https://user.github.io/repo/", title="Test Digest", **settings)  # type: ignore[arg-type]
    return dict(build_feeds(sample_digest() if digest is None else digest, config))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return feeds(tmp_path_factory.mktemp("feeds"), timezone="Europe/London")


def xml_feeds(built: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in built.items() if path.endswith(".xml")}


def json_feeds(built: dict[str, bytes]) -> dict[str, dict]:
    return {path: json.loads(data) for path, data in built.items() if path.endswith(".json")}


def test_rss_atom_and_json_per_site_topic_speaker_and_editions(built: dict[str, bytes]) -> None:
    folders = ["", "topics/talks/", "topics/misc/", "people/kim-kye-gwan/", "people/christopher-hill/", "editions/"]
    assert set(built) == {f + name for f in folders for name in ("feed.xml", "atom.xml", "feed.json")}


def test_every_feed_parses_cleanly_and_keeps_the_rules(built: dict[str, bytes]) -> None:
    for path, data in xml_feeds(built).items():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if path.endswith("feed.xml") else "atom10"), path
    for path, data in built.items():
        assert validate_feed(path, data) == [], path


def test_rss_required_elements(built: dict[str, bytes]) -> None:
    channel = ET.fromstring(built["feed.xml"]).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Test Digest"
    assert channel.findtext("link") == "https://user.github.io/repo/"
    assert channel.findtext("description")
    items = channel.findall("item")
    assert len(items) == 4
    for item in items:
        assert item.findtext("title") and item.findtext("link", "").startswith("https://user.github.io/repo/articles/")
        guid = item.find("guid")
        assert guid is not None and guid.text == item.findtext("link") and guid.get("isPermaLink") == "true"
        assert item.findtext("pubDate")


def test_atom_required_elements(built: dict[str, bytes]) -> None:
    feed = ET.fromstring(built["topics/talks/atom.xml"])
    assert feed.findtext(f"{ATOM}id") == "https://user.github.io/repo/topics/talks/"
    assert feed.findtext(f"{ATOM}title") == "Talks & <diplomacy> · Test Digest"
    assert feed.findtext(f"{ATOM}updated") == "2023-11-14T22:13:20+00:00"  # the newest item: the undated mtime
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    self_link = [ln.get("href") for ln in feed.findall(f"{ATOM}link") if ln.get("rel") == "self"]
    assert self_link == ["https://user.github.io/repo/topics/talks/atom.xml"]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")


def test_newest_first_with_dates_in_the_configured_zone(built: dict[str, bytes]) -> None:
    entries = feedparser.parse(built["atom.xml"]).entries
    assert [e.link.rsplit("/", 2)[1] for e in entries] == ["undated", "geneva", "beijing", "summer"]
    updated = {e.link.rsplit("/", 2)[1]: e.updated for e in entries}
    assert updated["summer"] == "2006-07-05T00:00:00+01:00"  # date only: midnight, London summer time
    assert updated["beijing"] == "2006-11-28T00:00:00+00:00"
    assert updated["undated"] == "2023-11-14T22:13:20+00:00"  # no date: the file's mtime


def test_feed_length_caps_items(tmp_path: Path) -> None:
    capped = feeds(tmp_path, feed_length=2)
    assert len(feedparser.parse(capped["feed.xml"]).entries) == 2
    assert len(feedparser.parse(capped["topics/talks/atom.xml"]).entries) == 2


def test_speaker_feed_carries_the_articles_quoting_them(built: dict[str, bytes]) -> None:
    entries = feedparser.parse(built["people/kim-kye-gwan/feed.xml"]).entries
    assert [e.link for e in entries] == ["https://user.github.io/repo/articles/geneva/",
                                         "https://user.github.io/repo/articles/beijing/"]


def test_content_has_summary_and_escaped_quotes(built: dict[str, bytes]) -> None:
    entry = feedparser.parse(built["feed.xml"]).entries[1]
    assert entry.title == "Talks <script>alert(1)</script> & co"
    html = entry.description
    assert "First sentence. Second sentence." in html
    assert "&lt;soon&gt; &amp; more" in html and "Kim Kye-gwan, First Vice Foreign Minister" in html
    assert b"<script" not in built["feed.xml"] and b"<script" not in built["atom.xml"]


def test_guids_are_stable_between_builds(tmp_path: Path, built: dict[str, bytes]) -> None:
    again = feeds(tmp_path, timezone="Europe/London")
    assert again == built  # byte for byte: no build time leaks into the feeds


def test_empty_digest_gives_valid_feeds(tmp_path: Path) -> None:
    empty = feeds(tmp_path, Digest((), (), ()))
    assert set(empty) == {"feed.xml", "atom.xml", "feed.json", "editions/feed.xml", "editions/atom.xml",
                          "editions/feed.json"}
    for path, data in xml_feeds(empty).items():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0 and parsed.entries == [], path
        assert parsed.feed.title == ("Editions · Test Digest" if path.startswith("editions/") else "Test Digest")
    for path, document in json_feeds(empty).items():
        assert document["items"] == [] and document["title"], path
    assert all(validate_feed(path, data) == [] for path, data in empty.items())


def test_item_dates() -> None:
    assert item_date(article("x", "2006-07-05"), timezone.utc) == datetime(2006, 7, 5, tzinfo=timezone.utc)
    assert item_date(article("x", "2006-07"), timezone.utc) == datetime(2006, 7, 1, tzinfo=timezone.utc)
    assert item_date(article("x", "2011-10-25T09:00:00Z"), timezone.utc).isoformat() == "2011-10-25T09:00:00+00:00"
    assert item_date(article("x", "late 2006"), timezone.utc) == datetime.fromtimestamp(MTIME, timezone.utc)


def test_unknown_timezone_falls_back_to_utc(tmp_path: Path) -> None:
    entries = feedparser.parse(feeds(tmp_path, timezone="Mars/Olympus_Mons")["atom.xml"]).entries
    assert {e.link.rsplit("/", 2)[1]: e.updated for e in entries}["summer"] == "2006-07-05T00:00:00+00:00"


def test_page_feed_links_point_at_built_feeds(tmp_path: Path) -> None:
    config = Config(root=tmp_path, site_url="https://user.github.io/repo/")
    digest = sample_digest()
    built = set(dict(build_feeds(digest, config)))
    linked = set()
    for path, text in render_site(digest, config, PageBodies()):
        hrefs = re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]*" href="/repo/([^"]+)"', text)
        assert not path.endswith(".html") or len(hrefs) >= 2, path
        linked.update(hrefs)
    assert linked == built  # every page's feed link exists, and every feed is linked from its page


def test_hostile_strings_keep_feeds_valid(tmp_path: Path) -> None:
    naughty = json.loads((BENCHMARKS / "bad-input" / "blns.json").read_text(encoding="utf-8"))[::5]
    naughty += ["control \x00\x01\x0b chars", "lone \ud800 surrogate"]
    articles = tuple(article(f"n{i}", None, text, (Quote(text, text, text, True),)) for i, text in enumerate(naughty))
    digest = Digest(articles, (), (Speaker("s", "\x07bell", (), ((articles[0].slug, articles[0].quotes[0]),)),))
    built = feeds(tmp_path, digest)
    for path, data in xml_feeds(built).items():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert len(parsed.entries) == (20 if path in ("feed.xml", "atom.xml") else 1 if "people/" in path else 0)
    assert len(json_feeds(built)["feed.json"]["items"]) == 20
    for path, data in built.items():
        assert validate_feed(path, data) == [], path


# JSON Feed ----------------------------------------------------------------------------------------------------
def test_json_feed_items_carry_summary_quotes_and_absolute_links(built: dict[str, bytes]) -> None:
    document = json.loads(built["feed.json"])
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://user.github.io/repo/feed.json"
    assert document["home_page_url"] == "https://user.github.io/repo/"
    item = {i["id"]: i for i in document["items"]}["https://user.github.io/repo/articles/geneva/"]
    assert item["url"] == item["id"] and item["title"] == "Talks <script>alert(1)</script> & co"
    assert "First sentence. Second sentence." in item["content_html"]
    assert "&lt;soon&gt; &amp; more" in item["content_html"]  # quote text escaped as HTML inside the JSON string
    assert "Kim Kye-gwan, First Vice Foreign Minister" in item["content_html"]
    assert item["date_published"] == "2011-10-25T09:00:00+02:00"


def test_json_ids_and_dates_match_the_rss_and_atom_items(built: dict[str, bytes]) -> None:
    for folder in ("", "topics/talks/", "people/kim-kye-gwan/", "editions/"):
        items = json.loads(built[folder + "feed.json"])["items"]
        rss = feedparser.parse(built[folder + "feed.xml"]).entries
        atom = feedparser.parse(built[folder + "atom.xml"]).entries
        assert [i["id"] for i in items] == [e.id for e in rss] == [e.id for e in atom], folder
        assert [i["date_published"] for i in items] == [e.updated for e in atom], folder


def test_json_dates_use_the_configured_zone(built: dict[str, bytes]) -> None:
    dates = {i["id"].rsplit("/", 2)[1]: i["date_published"] for i in json.loads(built["feed.json"])["items"]}
    assert dates["summer"] == "2006-07-05T00:00:00+01:00" and dates["beijing"] == "2006-11-28T00:00:00+00:00"


def test_pages_advertise_the_json_feed(tmp_path: Path) -> None:
    config = Config(root=tmp_path, site_url="https://user.github.io/repo/")
    pages = dict(render_site(sample_digest(), config, PageBodies()))
    assert ('<link rel="alternate" type="application/feed+json" title="Digest (JSON Feed)" href="/repo/feed.json">'
            in pages["index.html"])
    topic_link = 'type="application/feed+json" title="Talks &amp; &lt;diplomacy&gt; (JSON Feed)"'
    assert topic_link + ' href="/repo/topics/talks/feed.json"' in pages["topics/talks/index.html"]


# validate_feed: every rule caught when a good feed is broken by hand ----------------------------------------
def _rss_without(xpath: str) -> Callable[[bytes], bytes]:
    def mutate(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for element in root.xpath(xpath):
            element.getparent().remove(element)
        return etree.tostring(root)
    return mutate


def _set_text(xpath: str, text: str) -> Callable[[bytes], bytes]:
    def mutate(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for element in root.xpath(xpath, namespaces={"a": "http://www.w3.org/2005/Atom"}):
            element.text = text
        return etree.tostring(root)
    return mutate


def _atom_without(xpath: str) -> Callable[[bytes], bytes]:
    def mutate(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for element in root.xpath(xpath, namespaces={"a": "http://www.w3.org/2005/Atom"}):
            element.getparent().remove(element)
        return etree.tostring(root)
    return mutate


def _json(change: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    def mutate(data: bytes) -> bytes:
        document = json.loads(data)
        change(document)
        return json.dumps(document).encode()
    return mutate


def _second_guid_repeats_first(data: bytes) -> bytes:
    root = etree.fromstring(data)
    guids = root.xpath("/rss/channel/item/guid")
    guids[1].text = guids[0].text
    return etree.tostring(root)


BROKEN = [
    ("feed.xml", _rss_without("/rss/channel/title"), "feed.xml: channel has no <title>"),
    ("feed.xml", _rss_without("/rss/channel/link"), "feed.xml: channel has no <link>"),
    ("feed.xml", _rss_without("/rss/channel/description"), "feed.xml: channel has no <description>"),
    ("feed.xml", _rss_without("/rss/channel/item[2]/title | /rss/channel/item[2]/description"),
     "feed.xml: item 2 has neither <title> nor <description>"),
    ("feed.xml", _second_guid_repeats_first,
     "feed.xml: item 2 repeats <guid> 'https://user.github.io/repo/articles/undated/'"),
    ("feed.xml", _set_text("/rss/channel/item[1]/pubDate", "2006-11-28"),
     "feed.xml: item 1 <pubDate> '2006-11-28' is not an RFC 822 date"),
    ("feed.xml", _set_text("/rss/channel/lastBuildDate", "yesterday"),
     "feed.xml: channel <lastBuildDate> 'yesterday' is not an RFC 822 date"),
    ("atom.xml", _atom_without("/a:feed/a:id"), "atom.xml: feed has no <id>"),
    ("atom.xml", _atom_without("/a:feed/a:title"), "atom.xml: feed has no <title>"),
    ("atom.xml", _atom_without("/a:feed/a:updated"), "atom.xml: feed has no <updated>"),
    ("atom.xml", _atom_without("/a:feed/a:entry[3]/a:id"), "atom.xml: entry 3 has no <id>"),
    ("atom.xml", _atom_without("/a:feed/a:entry[3]/a:title"), "atom.xml: entry 3 has no <title>"),
    ("atom.xml", _atom_without("/a:feed/a:entry[3]/a:updated"), "atom.xml: entry 3 has no <updated>"),
    ("atom.xml", _atom_without("/a:feed/a:entry[2]/a:link"),
     'atom.xml: entry 2 has no <content> and no <link rel="alternate" href>'),
    ("atom.xml", _set_text("/a:feed/a:entry[1]/a:published", "28 Nov 2006"),
     "atom.xml: entry 1 <published> '28 Nov 2006' is not an RFC 3339 timestamp"),
    ("atom.xml", _set_text("/a:feed/a:updated", "2006-11-28"),
     "atom.xml: feed <updated> '2006-11-28' is not an RFC 3339 timestamp"),
    ("feed.json", _json(lambda d: d.update(version="https://jsonfeed.org/version/1")),
     "feed.json: 'version' is 'https://jsonfeed.org/version/1', not 'https://jsonfeed.org/version/1.1'"),
    ("feed.json", _json(lambda d: d.pop("title")), "feed.json: no 'title' string"),
    ("feed.json", _json(lambda d: d.update(items={})), "feed.json: 'items' is not a list"),
    ("feed.json", _json(lambda d: d["items"][1].pop("id")), "feed.json: item 2 has no 'id' string"),
    ("feed.json", _json(lambda d: d["items"][1].update(id=d["items"][0]["id"])),
     "feed.json: item 2 repeats 'id' 'https://user.github.io/repo/articles/undated/'"),
    ("feed.json", _json(lambda d: d["items"][0].pop("content_html")),
     "feed.json: item 1 has neither 'content_html' nor 'content_text'"),
    ("feed.json", _json(lambda d: d["items"][2].pop("date_published")),
     "feed.json: item 3 'date_published' None is not an RFC 3339 timestamp"),
    ("feed.json", _json(lambda d: d["items"][2].update(date_published="2006-11-28T25:00:00Z")),
     "feed.json: item 3 'date_published' '2006-11-28T25:00:00Z' is not an RFC 3339 timestamp"),
    ("feed.json", lambda data: data[:-10], None),  # cut short: not JSON at all
    ("feed.xml", lambda data: data.replace(b"</rss>", b""), None),  # not well-formed
]


@pytest.mark.parametrize("path, mutate, expected", BROKEN, ids=[f"{p}:{e}" for p, _, e in BROKEN])
def test_validate_feed_catches_each_broken_rule(built: dict[str, bytes], path: str,
                                                mutate: Callable[[bytes], bytes], expected: str | None) -> None:
    assert validate_feed(path, built[path]) == []
    problems = validate_feed(path, mutate(built[path]))
    if expected is None:
        assert len(problems) == 1 and problems[0].startswith(f"{path}: not "), problems
    else:
        assert problems == [expected]


def test_validate_feed_wants_an_author_on_the_feed_or_every_entry(built: dict[str, bytes]) -> None:
    no_feed_author = _atom_without("/a:feed/a:author")(built["atom.xml"])
    assert validate_feed("atom.xml", no_feed_author) == [f"atom.xml: entry {n} has no <author> and the feed has none"
                                                         for n in (1, 2, 3, 4)]
    root = etree.fromstring(no_feed_author)
    for entry in root.findall(f"{ATOM}entry"):
        etree.SubElement(etree.SubElement(entry, f"{ATOM}author"), f"{ATOM}name").text = "Someone"
    assert validate_feed("atom.xml", etree.tostring(root)) == []


def test_validate_feed_names_an_unknown_root(built: dict[str, bytes]) -> None:
    assert validate_feed("x.xml", b"<html><body/></html>") == [
        "x.xml: root element <html> is neither RSS <rss> nor Atom <feed>"]


def test_validate_feed_does_not_expand_entities() -> None:
    evil = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><title>&x;</title><link>l</link><description>d</description></channel></rss>")
    assert validate_feed("feed.xml", evil) == ["feed.xml: channel has no <title>"]


# Whole builds -------------------------------------------------------------------------------------------------
def _all_feeds(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*"))
            if p.name in ("feed.xml", "atom.xml", "feed.json")}


def _ids(feed_files: dict[str, bytes]) -> dict[str, list[str]]:
    ids = {}
    for path, data in feed_files.items():
        if path.endswith(".json"):
            ids[path] = [i["id"] for i in json.loads(data)["items"]]
        else:
            ids[path] = [e.id for e in feedparser.parse(data).entries]
    return ids


def test_seed_site_feeds_parse_keep_the_rules_and_keep_their_ids(seed_site: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--site", str(seed_site)])
    assert result.exit_code == 0, result.output
    first = _all_feeds(seed_site / "output")
    assert {"feed.xml", "atom.xml", "feed.json", "editions/feed.json"} <= set(first)
    assert any(p.startswith("topics/") for p in first) and any(p.startswith("people/") for p in first)
    for path, data in first.items():
        assert validate_feed(path, data) == [], path
        if not path.endswith(".json"):
            parsed = feedparser.parse(data)
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    for content in (seed_site / "content").iterdir():  # a rebuild later, from files touched since
        os.utime(content, (1_800_000_000, 1_800_000_000))
    assert runner.invoke(main, ["build", "--site", str(seed_site)]).exit_code == 0
    again = _all_feeds(seed_site / "output")
    assert _ids(again) == _ids(first)
    assert all(i.startswith("https://user.github.io/repo/") for ids in _ids(first).values() for i in ids)


def test_a_site_with_no_articles_still_writes_every_site_feed(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "digest.toml").write_text('title = "Quiet"\nsite_url = "https://q.example/"\n', encoding="utf-8")
    result = runner.invoke(main, ["build", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = _all_feeds(tmp_path / "output")
    assert set(written) == {"feed.xml", "atom.xml", "feed.json", "editions/feed.xml", "editions/atom.xml",
                            "editions/feed.json"}
    for path, data in written.items():
        assert validate_feed(path, data) == [], path
    assert _ids(written) == {path: [] for path in written}


def test_only_the_entries_a_feed_keeps_are_made_into_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An item's HTML is made for the newest `feed_length` entries of a channel, not for every article it lists."""
    import generator.feeds

    made: list[str] = []
    real = generator.feeds.item_html
    monkeypatch.setattr(generator.feeds, "item_html", lambda a: made.append(a.slug) or real(a))
    built = feeds(tmp_path, feed_length=1, editions="daily")
    # As items: the site's and the talks topic's newest (undated, at its 2023 mtime), misc's only article (summer),
    # Kim's newest (geneva), Hill's only one (beijing); then the newest of the three daily editions (an undated
    # article is in none), geneva's. Every article and edition made into an item would be eight.
    assert sorted(made) == ["beijing", "geneva", "geneva", "summer", "undated"]
    assert len(feedparser.parse(built["editions/feed.xml"]).entries) == 1
