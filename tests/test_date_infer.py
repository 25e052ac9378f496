"""infer_published: a publication date inferred from the story, never more precise than its evidence."""

from __future__ import annotations

import re

import pytest

from generator.clean import clean
from generator.extract.date_infer import infer_published
from generator.extract.dates import find_dates
from generator.models import Block, Source

from .conftest import BBC_SEED, NYT_SEED


def infer(*paragraphs: str) -> str | None:
    blocks = tuple(Block("paragraph", p) for p in paragraphs)
    return infer_published(blocks, find_dates(blocks, None))


def seed(path) -> str | None:
    document = clean(Source(source_path=path.name, kind="text", text=path.read_text(encoding="utf-8"),
                            encoding="utf-8"))
    return infer_published(document.blocks, find_dates(document.blocks, None))


def test_nyt_seed_is_from_2011_and_only_a_year():
    # "escalated sharply in 2010", "a deal struck in 2005", "a nuclear test in 2006": a year, never a day.
    assert seed(NYT_SEED) == "2011"


def test_bbc_seed_names_no_year_so_nothing_is_inferred():
    assert seed(BBC_SEED) is None


@pytest.mark.parametrize("paragraphs", [
    (),
    ("The talks ended on Tuesday and will resume next month.",),
    ("Officials said last year that the programme would grow.",),
])
def test_no_year_bearing_evidence_gives_none(paragraphs):
    assert infer(*paragraphs) is None


def test_a_past_year_puts_the_article_at_or_after_it():
    inferred = infer("Tensions on the peninsula escalated sharply in 2010 when a naval vessel was sunk.")
    assert inferred is not None and re.fullmatch(r"\d{4}", inferred) and 2010 <= int(inferred) <= 2012


def test_a_future_year_puts_the_article_before_it():
    inferred = infer("The new plant will not begin turning out product until 1993.")
    assert inferred is not None and 1990 <= int(inferred) <= 1993


def test_a_comparison_with_a_year_names_the_year_before():
    assert infer("Revenue was C$291.6 million, up from C$252 million in 1988.") == "1989"


def test_a_year_beside_a_year_ago_is_the_current_one():
    assert infer("In the 1989 period also, interest expense was lower than a year ago.") == "1989"


def test_since_a_year_pairs_with_the_last_n_years():
    assert infer("Fourteen women were killed over the last five years.",
                 "Eight of the killings since 1993 were already under investigation, police said.") == "1998"


def test_years_ago_pairs_with_an_anchor():
    assert infer("The genocide in Rwanda took place nearly four years ago.",
                 "The panel will look at who shot down the plane on April 6, 1994.") == "1998"


def test_a_weekday_with_a_day_of_the_month_pins_the_year_and_gives_a_month():
    assert infer("The Times said in an editorial on Monday, Oct. 26, that the killings must stop.",
                 "Since 1993, three doctors have been murdered.") == "1998-10"


def test_a_day_only_when_today_is_written_beside_the_date():
    assert infer("The vote is today, Tuesday, Nov. 7, after a campaign that began in 2005.") == "2006-11-07"


@pytest.mark.parametrize("paragraphs", [
    ("The company was founded in 1987 and sold in March 1995.",),
    ("The bonds are due March 1, 2011, the company said.",),
    ("Sales fell in 1996, and the board met on Tuesday.",),
])
def test_never_more_precise_than_the_evidence(paragraphs):
    inferred = infer(*paragraphs)
    assert inferred is not None and re.fullmatch(r"\d{4}", inferred)
