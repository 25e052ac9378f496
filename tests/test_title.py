"""Dateline and headline: the stated title wins; otherwise a short headline cut from the lead sentence."""

from __future__ import annotations

import pytest

from generator.extract.title import base_form, find_dateline, headline
from generator.models import Block
from .test_dates import seed_blocks


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("GENEVA — United States and North Korean officials met.", "GENEVA"),
        ("GENEVA -- Officials met.", "GENEVA"),
        ("WASHINGTON (Reuters) - The Fed raised rates.", "WASHINGTON"),
        ("LONDON, Nov 28 (AFP) – Shares fell.", "LONDON"),
        ("SAN FRANCISCO — Apple unveiled a phone.", "SAN FRANCISCO"),
        ("PORTLAND, Ore. — Rain fell.", "PORTLAND"),
        ("Senior North Korean and US negotiators are meeting in Beijing.", None),
        ("US envoy Christopher Hill said he expects talks - soon.", None),
        ("A — B test.", None),
    ],
)
def test_find_dateline(lead, place):
    assert find_dateline([Block("heading", "IGNORED —"), Block("paragraph", lead)]) == place


def test_seed_datelines():
    assert find_dateline(seed_blocks("000")) == "GENEVA"
    assert find_dateline(seed_blocks("003")) is None


def test_stated_title_wins_and_is_cleaned():
    assert headline("  N Korea and US\n in diplomacy push ", seed_blocks("003"), None) == (
        "N Korea and US in diplomacy push", False)


def test_nyt_seed_headline_is_a_faithful_short_main_clause():
    title, generated = headline(None, seed_blocks("000"), "GENEVA")
    assert generated
    assert title == "US and North Korean officials agree they narrowed differences"
    assert len(title.split()) <= 10


def test_bbc_seed_headline_without_stated_title():
    title, generated = headline(None, seed_blocks("003"), None)
    assert (title, generated) == ("Senior North Korean and US negotiators meet in Beijing", True)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("WASHINGTON (Reuters) - The Federal Reserve raised interest rates on Wednesday, citing growth.",
         "Federal Reserve raised interest rates"),
        ("The company's shares fell sharply on Monday, analysts said.", "Company's shares fell sharply"),
        ("Rebels seized the airport in a dawn raid, but troops retook it within hours.",
         "Rebels seized airport in dawn raid"),
    ],
)
def test_generated_headlines(lead, expected):
    title, generated = headline(None, [Block("paragraph", lead)], find_dateline([Block("paragraph", lead)]))
    assert generated and title == expected
    assert not title.endswith((".", ",", ";"))


def test_headline_words_all_come_from_the_lead():
    lead = "Protesters in the capital blocked roads for a third day on Sunday, demanding new elections."
    title, _ = headline(None, [Block("paragraph", lead)], None)
    assert set(title.lower().split()) <= set(lead.lower().replace(",", "").split())
    assert len(title.split()) <= 10


@pytest.mark.parametrize(("word", "base"), [("meeting", "meet"), ("agreeing", "agree"), ("making", "make"),
                                            ("running", "run"), ("visiting", "visit"), ("negotiating", "negotiate"),
                                            ("raising", "raise"), ("calling", "call"), ("saying", "say")])
def test_base_form(word, base):
    assert base_form(word) == base
