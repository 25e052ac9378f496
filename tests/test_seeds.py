"""The two seed articles end to end through the public extraction, checked the way an editor would read them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import BBC_SEED, NYT_SEED


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(main, ["extract", str(NYT_SEED), str(BBC_SEED), "--json"])
    assert result.exit_code == 0, result.output
    nyt, bbc = json.loads(result.output)
    return {"nyt": nyt, "bbc": bbc}


def speakers(record: dict[str, Any]) -> dict[str, str | None]:
    return {q["text"]: q["speaker"] for q in record["quotes"]}


def test_nyt_metadata_states_only_what_the_text_gives(records: dict[str, dict[str, Any]]) -> None:
    nyt = records["nyt"]
    assert nyt["dateline"] == "GENEVA"
    assert nyt["source"] is None
    # No date is stated; the text supports a year (2011), never a day, and says it is inferred.
    assert nyt["published"] == "2011" and nyt["published_basis"] == "inferred"
    assert nyt["title_generated"] is True and 3 <= len(nyt["title"].split()) <= 14


def test_nyt_body_keeps_every_paragraph_decoded(records: dict[str, dict[str, Any]]) -> None:
    body = records["nyt"]["body_markdown"]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("GENEVA — United States and North Korean officials")
    assert paragraphs[-1].endswith("remain a major obstacle to progress.")
    assert "&mdash;" not in body and "&rsquo;" not in body and "North’s" in body


NYT_SPEAKERS = {
    "very positive and generally constructive.": "Stephen W. Bosworth",
    "We narrowed differences on several points and explored our differences on other points,": "Stephen W. Bosworth",
    "what has to be done before we can both agree to a resumption of the formal negotiations.": "Stephen W. Bosworth",
    "big progress": "Kim Kye-gwan",
    "We agreed to consider more and meet again,": "Kim Kye-gwan",
    "as soon as possible,": "Kim Kye-gwan",
    "I hope so.": "Kim Kye-gwan",
    "There’s a long history of this relationship and we have many differences not all of which can be overcome "
    "quickly,": "Stephen W. Bosworth",
    "continued effort": "Stephen W. Bosworth",
    "a good atmosphere": "American officials",
}


@pytest.mark.parametrize("text,speaker", NYT_SPEAKERS.items())
def test_nyt_quote_speakers(records: dict[str, dict[str, Any]], text: str, speaker: str) -> None:
    assert speakers(records["nyt"]).get(text) == speaker


def test_nyt_roles_and_key_quotes(records: dict[str, dict[str, Any]]) -> None:
    quotes = records["nyt"]["quotes"]
    roles = {q["speaker"]: q["speaker_role"] for q in quotes if q["speaker_role"]}
    assert "special envoy" in roles.get("Stephen W. Bosworth", "")
    key = [q for q in quotes if q["key"]]
    assert 1 <= len(key) <= 3
    assert all(len(q["text"].split()) >= 5 for q in key)  # sentences, not fragments
    assert not any(q["text"] == "the New York channel" and q["key"] for q in quotes)


def test_nyt_dates_are_never_invented(records: dict[str, dict[str, Any]]) -> None:
    values = {d["value"] for d in records["nyt"]["dates"] if d.get("type", "DATE") == "DATE"}
    assert {"2005", "2006", "2010"} <= values
    # 2011 only as the year of the inferred publication date ("before the end of the year"), never finer than it.
    assert all(v[:4] in {"2005", "2006", "2010"} or v == "2011" for v in values), values
    assert "2010" in {d["value"] for d in records["nyt"]["dates"] if d["text"] == "last year"}


def test_bbc_metadata(records: dict[str, dict[str, Any]]) -> None:
    bbc = records["bbc"]
    assert bbc["title"] == "N Korea and US in diplomacy push" and bbc["title_generated"] is False
    assert bbc["source"] == "BBC News"
    assert bbc["published"] == "2006-11-28T10:45:00+00:00" and bbc["published_basis"] == "stated"
    assert bbc["dateline"] is None


def test_bbc_furniture_gone_story_whole(records: dict[str, dict[str, Any]]) -> None:
    body = records["bbc"]["body_markdown"]
    for junk in ("error occurred", "One-Minute World News", "Last Updated", "not responsible",
                 "housing bubble", "clove tree", "Royal Ballet", "Americas Africa", "in Beijing on 28 November 2006",
                 "must narrow their differences\n"):
        assert junk not in body, junk
    assert body.startswith("Senior North Korean and US negotiators are meeting in Beijing")
    assert body.rstrip().endswith("conditional on North Korea giving up its nuclear weapons.")
    assert "## Defensive measures" in body
    assert len([p for p in body.split("\n\n") if p.strip()]) == 16  # 15 paragraphs and one crosshead


BBC_SPEAKERS = {
    "equal level": "Kim Kye-gwan",
    "very soon": "Christopher Hill",
    "any time": "Kim Kye-gwan",
    "We have taken defensive measures against sanctions imposed on us, through the nuclear experiment,": "Kim Kye-gwan",
    "As we have attained that position, we can now have discussions on an equal level.": "Kim Kye-gwan",
    "get going at some point very soon": "Christopher Hill",
}


@pytest.mark.parametrize("text,speaker", BBC_SPEAKERS.items())
def test_bbc_quote_speakers(records: dict[str, dict[str, Any]], text: str, speaker: str) -> None:
    assert speakers(records["bbc"]).get(text) == speaker


def test_bbc_unnamed_speaker_keeps_description(records: dict[str, dict[str, Any]]) -> None:
    (quote,) = [q for q in records["bbc"]["quotes"] if q["text"].startswith("relevant parties")]
    assert quote["speaker"] == "a Chinese foreign ministry spokesperson"


def test_bbc_dates_normalised_against_publication(records: dict[str, dict[str, Any]]) -> None:
    found = {(d["text"], d["value"]) for d in records["bbc"]["dates"]}
    for expected in [("9 October", "2006-10-09"), ("Tuesday", "2006-11-28"), ("Monday", "2006-11-27"),
                     ("the end of last month", "2006-10")]:
        assert expected in found, (expected, found)


def test_summaries_are_story_sentences(records: dict[str, dict[str, Any]]) -> None:
    for record in records.values():
        summary = record["summary"]
        assert len(summary) == 3
        for sentence in summary:
            assert sentence in record["body_markdown"] or sentence.replace("GENEVA — ", "") in record["body_markdown"]
    assert records["bbc"]["summary"][0].startswith("Senior North Korean and US negotiators")


def test_people_places_organisations(records: dict[str, dict[str, Any]]) -> None:
    nyt, bbc = records["nyt"], records["bbc"]
    assert {"Stephen W. Bosworth", "Kim Kye-gwan", "Kim Jong-il"} <= set(nyt["people"])
    assert {"Kim Kye-gwan", "Christopher Hill"} <= set(bbc["people"])
    assert "North Korea" in nyt["places"] and "Beijing" in bbc["places"]
    assert not any(p.startswith(("Mr", "Mr.")) for p in nyt["people"] + bbc["people"])
