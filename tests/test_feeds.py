"""RSS and Atom feeds: valid for feedparser, required elements present, ordering, dates, GUIDs, escaping."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from generator.config import Config
from generator.feeds import build_feeds, item_date
from generator.models import Article, Digest, Quote, Speaker, Topic
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


def test_one_rss_and_one_atom_per_site_topic_and_speaker(built: dict[str, bytes]) -> None:
    folders = ["", "topics/talks/", "topics/misc/", "people/kim-kye-gwan/", "people/christopher-hill/"]
    assert set(built) == {f + name for f in folders for name in ("feed.xml", "atom.xml")}


def test_every_feed_parses_cleanly(built: dict[str, bytes]) -> None:
    for path, data in built.items():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if path.endswith("feed.xml") else "atom10"), path


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
    assert set(empty) == {"feed.xml", "atom.xml"}
    for data in empty.values():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0 and parsed.entries == [] and parsed.feed.title == "Test Digest"


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
    for path, text in render_site(digest, config, {}):
        hrefs = re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]*" href="/repo/([^"]+)"', text)
        assert not path.endswith(".html") or len(hrefs) >= 2, path
        linked.update(hrefs)
    assert linked == built  # every page's feed link exists, and every feed is linked from its page


def test_hostile_strings_keep_feeds_valid(tmp_path: Path) -> None:
    naughty = json.loads((BENCHMARKS / "bad-input" / "blns.json").read_text(encoding="utf-8"))[::5]
    naughty += ["control \x00\x01\x0b chars", "lone \ud800 surrogate"]
    articles = tuple(article(f"n{i}", None, text, (Quote(text, text, text, True),)) for i, text in enumerate(naughty))
    digest = Digest(articles, (), (Speaker("s", "\x07bell", (), ((articles[0].slug, articles[0].quotes[0]),)),))
    for path, data in feeds(tmp_path, digest).items():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert len(parsed.entries) == (20 if path in ("feed.xml", "atom.xml") else 1)
