"""Weekday pins for publication-date inference, in the month-first and day-first orders newsrooms use."""

from __future__ import annotations

import pytest

from generator.extract.date_infer import infer_published
from generator.extract.date_infer_pins import WEEKDAY_DATE, weekday_date, weekday_pins
from generator.extract.dates import find_dates
from generator.models import Block


def infer(*paragraphs: str) -> str | None:
    blocks = tuple(Block("paragraph", p) for p in paragraphs)
    return infer_published(blocks, find_dates(blocks, None))


@pytest.mark.parametrize("text,pin", [
    ("on Monday, Oct. 26, the board met", (0, 10, 26)),
    ("on Monday 26 October the board met", (0, 10, 26)),
    ("on Monday, 26th of October, it met", (0, 10, 26)),
    ("Tuesday 28 Nov. The board met", (1, 11, 28)),
])
def test_a_weekday_with_its_day_of_the_month_in_either_order(text, pin):
    assert [weekday_date(m) for m in WEEKDAY_DATE.finditer(text)] == [pin]


@pytest.mark.parametrize("text", [
    "on Monday, Oct. 26, 1987, the market fell",
    "on Tuesday 28 November 2006 the talks ended",
    "on Tuesday 28 Nov. 2006 the talks ended",
    "on Friday 3 Marches were held",
])
def test_a_date_with_its_year_or_no_date_pins_nothing(text):
    assert weekday_pins([text]) == []


def test_a_day_first_weekday_date_pins_the_year_and_gives_a_month():
    # Oct. 26 was a Monday in 1992 and 1998; "since 1993" rules out 1992.
    assert infer("The Times said in an editorial on Monday 26 October that the killings must stop.",
                 "Since 1993, three doctors have been murdered.") == "1998-10"
