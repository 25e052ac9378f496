"""Editions: the digest grouped by ISO week or by day, built through the CLI and read back from the built files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import html

from generator.cli import main
from generator.config import load_config
from generator.editions import group_editions, period_of, published_day, site_zone
from generator.feed_rules import validate_feed
from generator.full_build import collect

BASE = "https://news.example/"

ARTICLE = """---
title: {title}
{date}source: Port Vale Times
topic: {topic}
---
{lead}

"{quote}," said {speaker}, the council's {role}.

Work on the scheme starts next month and will take about a year, officials said.
"""

# (file, title, date, topic, speaker): three ISO weeks of 2024 (W10 twice, W11, W13), one article with no date.
STORIES = [
    ("lanes.md", "Council approves new cycle lanes", "2024-03-04", "Port Vale transport", "Tom Becker"),
    ("bridge.md", "Harbour bridge repairs run over budget", "2024-03-06", "Harbour bridge", "Ana Lopez"),
    ("buses.md", "Night buses return to the old town", "2024-03-13", "Port Vale transport", "Tom Becker"),
    ("ferry.md", "Ferry timetable cut for the winter", "2024-03-26", "Harbour bridge", "Ana Lopez"),
    ("notes.md", "Notes from the council chamber", None, "Port Vale transport", "Tom Becker"),
]


def write_site(root: Path, settings: str = "", stories: list[tuple[str, str, str | None, str, str]] = STORIES) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    for name, title, day, topic, speaker in stories:
        text = ARTICLE.format(
            title=title, date=f"date: {day}\n" if day else "", topic=topic, speaker=speaker, role="spokesperson",
            lead=f"{title} after a long debate at the town hall on the future of Port Vale.",
            quote=f"This is the right decision about {title.lower()} for everyone in the city",
        )
        (content / name).write_text(text, encoding="utf-8")
    (root / "digest.toml").write_text(f'title = "Port Vale"\nsite_url = "{BASE}"\n{settings}', encoding="utf-8")
    return root


def build(runner: CliRunner, site: Path) -> Path:
    result = runner.invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    return site / "output"


def page(output: Path, folder: str) -> html.HtmlElement:
    return html.fromstring((output / folder / "index.html").read_bytes())


def rel_links(doc: html.HtmlElement, rel: str) -> tuple[list[str], list[str]]:
    """(hrefs of <link rel> in the head, hrefs of <a rel> in the body)."""
    return doc.xpath(f"//head/link[@rel='{rel}']/@href"), doc.xpath(f"//body//a[@rel='{rel}']/@href")


def listed_editions(output: Path) -> list[str]:
    return keys(page(output, "editions"))


def keys(listing: html.HtmlElement) -> list[str]:
    """The edition keys an editions list page links, in order."""
    return [href.strip("/").split("/")[-1] for href in listing.xpath("//ol[@class='edition-list']//h2/a/@href")]


@pytest.fixture(scope="module")
def weekly(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(CliRunner(), write_site(tmp_path_factory.mktemp("weekly")))


# The seed site -------------------------------------------------------------------------------------------------
def test_seed_site_has_one_weekly_edition_holding_the_dated_bbc_article(seed_site: Path, runner: CliRunner) -> None:
    output = build(runner, seed_site)
    assert listed_editions(output) == ["2006-W48"]
    assert sorted(p.name for p in (output / "editions").iterdir() if p.is_dir()) == ["2006-W48"]
    doc = page(output, "editions/2006-W48")
    assert doc.xpath("string(//h1)") == "Week of 27 November 2006"
    headlines = doc.xpath("//h3[@class='edition-headline']/a/@href")
    assert headlines == ["/repo/articles/n-korea-and-us-in-diplomacy-push/"]  # the NYT article's year is inferred
    assert rel_links(doc, "prev") == ([], []) and rel_links(doc, "next") == ([], [])
    lead = " ".join(doc.xpath("string(//p[@class='edition-lead'])").split())
    assert lead.startswith("1 story in 1 topic, quoting ") and "Kim Kye-gwan" in lead
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://user.github.io/repo/editions/</loc>" in sitemap
    assert "<loc>https://user.github.io/repo/editions/2006-W48/</loc>" in sitemap
    assert page(output, "").xpath("//nav//a[text()='Editions']/@href") == ["/repo/editions/"]


def test_seed_editions_feed_has_one_item_dated_at_its_latest_article(seed_site: Path, runner: CliRunner) -> None:
    output = build(runner, seed_site)
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((output / "editions" / name).read_bytes())
        assert parsed.bozo == 0 and [e.id for e in parsed.entries] == ["https://user.github.io/repo/editions/2006-W48/"]
    (item,) = json.loads((output / "editions" / "feed.json").read_bytes())["items"]
    assert item["date_published"] == "2006-11-28T10:45:00+00:00"


# Weekly editions of a hand-written site -------------------------------------------------------------------------
def test_three_weeks_give_three_editions_newest_first(weekly: Path) -> None:
    assert listed_editions(weekly) == ["2024-W13", "2024-W11", "2024-W10"]
    labels = page(weekly, "editions").xpath("//ol[@class='edition-list']//h2/a/text()")
    assert labels == ["Week of 25 March 2024", "Week of 11 March 2024", "Week of 4 March 2024"]


@pytest.mark.parametrize("key, older, newer", [
    ("2024-W10", None, "2024-W11"),
    ("2024-W11", "2024-W10", "2024-W13"),
    ("2024-W13", "2024-W11", None),
])
def test_each_edition_links_the_one_before_and_after(weekly: Path, key: str, older: str | None,
                                                     newer: str | None) -> None:
    doc = page(weekly, f"editions/{key}")
    for rel, neighbour in (("prev", older), ("next", newer)):
        expected = [f"/editions/{neighbour}/"] if neighbour else []
        assert rel_links(doc, rel) == (expected, expected), (key, rel)


def test_an_edition_reads_topic_by_topic_with_headlines_summaries_and_quotes(weekly: Path) -> None:
    doc = page(weekly, "editions/2024-W10")
    assert doc.xpath("string(//p[@class='edition-dates'])") == "4 – 10 March 2024"
    assert doc.xpath("//p[@class='edition-dates']/time/@datetime") == ["2024-W10"]
    topics = doc.xpath("//section[@class='edition-topic']/h2/a/text()")
    assert topics == ["Harbour bridge", "Port Vale transport"]  # the topic with the newest article leads
    headlines = doc.xpath("//section[@class='edition-topic']//h3/a/text()")
    assert headlines == ["Harbour bridge repairs run over budget", "Council approves new cycle lanes"]
    story = doc.xpath("//article[@class='edition-story']")[0]
    assert "after a long debate at the town hall" in story.xpath("string(.//p[@class='summary'])")
    assert "This is the right decision about harbour bridge repairs" in story.xpath("string(.//blockquote)")
    assert story.xpath("string(.//figcaption/span[@class='speaker'])") == "Ana Lopez"
    lead = " ".join(doc.xpath("string(//p[@class='edition-lead'])").split())
    assert lead in ("2 stories in 2 topics, quoting Ana Lopez and Tom Becker.",
                    "2 stories in 2 topics, quoting Tom Becker and Ana Lopez.")
    contents = doc.xpath("//nav[@class='edition-contents']//a/@href")
    assert contents == ["#topic-harbour-bridge", "#topic-port-vale-transport"]


def test_an_article_without_a_day_is_in_no_edition(weekly: Path) -> None:
    pages = [(weekly / "editions" / key / "index.html").read_text(encoding="utf-8") for key in listed_editions(weekly)]
    assert (weekly / "articles" / "notes-from-the-council-chamber" / "index.html").is_file()
    assert not any("notes-from-the-council-chamber" in text for text in pages)


def test_editions_feed_one_entry_per_edition_with_stable_ids(tmp_path: Path, runner: CliRunner, weekly: Path) -> None:
    again = build(runner, write_site(tmp_path))
    for output in (weekly, again):
        for name in ("feed.xml", "atom.xml", "feed.json"):
            assert validate_feed(name, (output / "editions" / name).read_bytes()) == []
    ids = [e.id for e in feedparser.parse((weekly / "editions" / "atom.xml").read_bytes()).entries]
    assert ids == [f"{BASE}editions/{key}/" for key in ("2024-W13", "2024-W11", "2024-W10")]
    assert [e.id for e in feedparser.parse((again / "editions" / "feed.xml").read_bytes()).entries] == ids
    items = json.loads((weekly / "editions" / "feed.json").read_bytes())["items"]
    assert [i["id"] for i in items] == ids
    assert items[2]["date_published"] == "2024-03-06T00:00:00+00:00"  # the week's latest article
    content = items[2]["content_html"]
    for text in ("Harbour bridge repairs run over budget", "Council approves new cycle lanes",
                 "after a long debate at the town hall", "— Ana Lopez",
                 f'href="{BASE}articles/council-approves-new-cycle-lanes/"',
                 f'href="{BASE}topics/harbour-bridge/"'):
        assert text in content, text


def test_editions_index_is_paginated_like_the_home_page(tmp_path: Path, runner: CliRunner) -> None:
    output = build(runner, write_site(tmp_path, "items_per_page = 2\n"))
    assert listed_editions(output) == ["2024-W13", "2024-W11"]
    second = page(output, "editions/page/2")
    assert keys(second) == ["2024-W10"]
    assert second.xpath("//a[@rel='prev']/@href") == ["/editions/"]
    assert page(output, "editions").xpath("//a[@rel='next']/@href") == ["/editions/page/2/"]


# Daily editions and none -----------------------------------------------------------------------------------------
def test_daily_editions_one_per_day(tmp_path: Path, runner: CliRunner) -> None:
    output = build(runner, write_site(tmp_path, 'editions = "daily"\n'))
    assert listed_editions(output) == ["2024-03-26", "2024-03-13", "2024-03-06", "2024-03-04"]
    doc = page(output, "editions/2024-03-04")
    assert doc.xpath("string(//h1)") == "Monday 4 March 2024"
    assert doc.xpath("string(//p[@class='kicker'])") == "Daily edition"
    assert rel_links(doc, "next") == (["/editions/2024-03-06/"], ["/editions/2024-03-06/"])
    assert rel_links(doc, "prev") == ([], [])
    assert len(feedparser.parse((output / "editions" / "feed.xml").read_bytes()).entries) == 4


def test_none_builds_no_editions_and_links_none(tmp_path: Path, runner: CliRunner) -> None:
    output = build(runner, write_site(tmp_path, 'editions = "none"\n'))
    assert not (output / "editions").exists()
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert "/editions/" not in path.read_text(encoding="utf-8"), path
    assert (output / "feed.json").is_file()  # the other feeds are still there


def test_a_bad_editions_setting_is_named(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--site", str(write_site(tmp_path, 'editions = "monthly"\n'))])
    assert result.exit_code != 0
    assert "'editions' must be one of weekly, daily, none, got 'monthly'" in result.output
    assert not (tmp_path / "output").exists()


# The grouping itself ---------------------------------------------------------------------------------------------
def test_weeks_are_iso_weeks_across_a_year_end() -> None:
    assert period_of(date(2024, 12, 30), "weekly") == ("2025-W01", "Week of 30 December 2024", date(2024, 12, 30),
                                                       date(2025, 1, 5))
    assert period_of(date(2021, 1, 3), "weekly")[0] == "2020-W53"  # a Sunday still in the previous ISO year
    assert period_of(date(2006, 11, 28), "daily") == ("2006-11-28", "Tuesday 28 November 2006", date(2006, 11, 28),
                                                      date(2006, 11, 28))


@pytest.mark.parametrize("zone, key", [("UTC", "2024-W11"), ("America/New_York", "2024-W10")])
def test_the_site_time_zone_decides_the_day(tmp_path: Path, zone: str, key: str) -> None:
    # Sunday 23:30 in New York is already Monday in UTC: the reader's week, not the server's.
    site = write_site(tmp_path, f'timezone = "{zone}"\n',
                      [("late.md", "Late council vote on lanes", "'2024-03-10T23:30:00-04:00'", "Port Vale transport",
                        "Tom Becker")])
    digest = collect(load_config(site))
    (edition,) = group_editions(digest, "weekly", site_zone(zone))
    assert edition.key == key and [a.title for a in edition.articles] == ["Late council vote on lanes"]
    expected = date(2024, 3, 11) if zone == "UTC" else date(2024, 3, 10)
    assert published_day(digest.articles[0], site_zone(zone)) == expected
