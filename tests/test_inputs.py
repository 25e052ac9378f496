"""HTML and Markdown articles through a whole build, beside the scraped-text seeds; pinned topics win."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import site_records

HTML_PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour bridge reopens after repairs - The Coastal Herald</title>
<meta property="og:site_name" content="The Coastal Herald">
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
<meta name="author" content="Jane Porter">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Port Vale reopened to traffic on Monday after eight months of repairs that cost the
city council more than four million pounds, officials said.</p>
<p>&ldquo;We are delighted to give the bridge back to the people of Port Vale,&rdquo; said Maria Lopez, the council
leader, at a short ceremony attended by several hundred residents and local business owners.</p>
<h2>Delays and costs</h2>
<p>The work was first expected to take five months, but engineers found corrosion in the steel frame that had not
shown up in earlier inspections, the council said in a statement last week.</p>
<p>Ms Lopez said the council would publish a full account of the costs. &ldquo;People deserve to know where every
pound went,&rdquo; she told reporters.</p>
<figure><img src="bridge.jpg" alt="The bridge"><figcaption>The bridge at dawn on Monday</figcaption></figure>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Cat rescued from tree</a></li></ul></aside>
<footer>Copyright 2024 The Coastal Herald. All rights reserved.</footer>
</body></html>
"""

MARKDOWN_ARTICLE = """---
title: Council approves new cycle lanes
date: 2024-03-07
source: Port Vale Times
topic: Port Vale transport
---
The Port Vale city council approved a network of new cycle lanes on Thursday after a long debate.

"This is the start of a safer city for everyone who rides," said Tom Becker, the transport spokesman.

## What changes

Work on the first lanes starts in May and will take about a year.
"""


def _site(tmp_path: Path, extra_config: str = "") -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "bridge.html").write_text(HTML_PAGE, encoding="utf-8")
    (content / "lanes.md").write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    (tmp_path / "digest.toml").write_text('site_url = "https://example.org/"\n' + extra_config, encoding="utf-8")
    return tmp_path


def _records(site: Path) -> dict[str, dict]:
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    records = site_records(site / "output")
    return {r["source_path"]: r for r in records}


def test_html_article_metadata_body_and_quotes(tmp_path: Path) -> None:
    bridge = _records(_site(tmp_path))["bridge.html"]
    assert bridge["title"] == "Harbour bridge reopens after repairs" and not bridge["title_generated"]
    assert bridge["source"] == "The Coastal Herald"
    assert bridge["published"] == "2024-03-05T08:30:00+01:00" and bridge["published_basis"] == "metadata"
    body = bridge["body_markdown"]
    assert "reopened to traffic on Monday" in body and "## Delays and costs" in body
    for junk in ("Most read", "Cat rescued", "Copyright", "Home |", "bridge at dawn"):
        assert junk not in body, junk
    quotes = {q["text"]: q["speaker"] for q in bridge["quotes"]}
    assert quotes["We are delighted to give the bridge back to the people of Port Vale,"] == "Maria Lopez"
    assert quotes["People deserve to know where every pound went,"] == "Maria Lopez"
    assert {"text": "Monday", "type": "DATE", "value": "2024-03-04"}.items() <= next(
        d for d in bridge["dates"] if d["text"] == "Monday").items()


def test_markdown_article_front_matter_taken_as_given(tmp_path: Path) -> None:
    lanes = _records(_site(tmp_path))["lanes.md"]
    assert lanes["title"] == "Council approves new cycle lanes"
    assert lanes["source"] == "Port Vale Times"
    assert lanes["published"] == "2024-03-07" and lanes["published_basis"] == "metadata"
    assert lanes["topic"] == "Port Vale transport"
    assert "## What changes" in lanes["body_markdown"]
    (quote,) = lanes["quotes"]
    assert quote["speaker"] == "Tom Becker" and quote["speaker_role"] and "transport" in quote["speaker_role"]


def test_pinned_topic_from_config_keywords_wins(tmp_path: Path) -> None:
    site = _site(tmp_path, '[[topics]]\nname = "Bridges"\nkeywords = ["harbour bridge"]\n')
    records = _records(site)
    assert records["bridge.html"]["topic"] == "Bridges"
    assert records["lanes.md"]["topic"] == "Port Vale transport"
    assert (site / "output" / "topics" / "bridges" / "index.html").is_file()
    assert (site / "output" / "topics" / "port-vale-transport" / "feed.xml").is_file()


def test_front_matter_dates_become_iso_or_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    cases = {"iso.md": ("2024-03-07T08:00:00Z", "2024-03-07T08:00:00+00:00"),
             "written.md": ("28 November 2006, 10:45 GMT", "2006-11-28T10:45:00+00:00"),
             "vague.md": ("sometime soon", None)}
    for name, (value, _) in cases.items():
        (content / name).write_text(MARKDOWN_ARTICLE.replace("date: 2024-03-07", f"date: '{value}'"), encoding="utf-8")
    records = _records(tmp_path)
    for name, (_, expected) in cases.items():
        assert records[name]["published"] == expected, name


def test_placeholder_publication_date_is_no_date(tmp_path: Path) -> None:
    """CMS templates write "0001-01-01" for an empty date: it is not stated, and weekdays must not overflow on it."""
    site = _site(tmp_path)
    page = HTML_PAGE.replace("2024-03-05T08:30:00+01:00", "0001-01-01T00:00:00Z")
    (site / "content" / "bridge.html").write_text(page, encoding="utf-8")
    bridge = _records(site)["bridge.html"]
    assert bridge["published"] is None or not bridge["published"].startswith("0001"), bridge["published"]
    assert bridge["published_basis"] != "metadata"
    assert "reopened to traffic on Monday" in bridge["body_markdown"]
