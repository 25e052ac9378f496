"""The tagger's scan: done once per block, gated by trigger words that never skip a match, resolved at many DCTs."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.clean import clean
from generator.extract import date_infer
from generator.extract import date_patterns as P
from generator.extract.date_infer import dates_within, explain_published, period_bounds
from generator.extract.date_scan import _triggered, scan_block
from generator.extract.dates import find_dates, find_dates_across
from generator.models import Block, Source
from generator.text import split_sentences

from .conftest import BBC_SEED, NYT_SEED

# Sentences that exercise every rule, in several casings below.
SENTENCES = (
    "The talks ended on Tuesday, Nov. 28, 2006, and will resume next month.",
    "Profit rose 12% in the third quarter of 1989, up from $3 million a year earlier.",
    "The deal was struck in 2005; by the end of the year it had collapsed after nearly two years.",
    "He arrived at 10:45 GMT on 28/11/2006 and left at 7 p.m. Wednesday, two days later.",
    "In the 1990s, every week, the bank met on Mondays; the 20th century ended in the year two thousand.",
    "The plant will open in early 1991, the company said this morning; it was built over the past decade.",
    "Since 2004 the index has risen, recently faster, and the next few weeks matter, officials said today.",
    "It happened four decades ago, at Christmas, in the spring of nineteen eighty-five, for years.",
    "The year-ago quarter and the full year were weak; in May the firm may recover by mid-June.",
    "Results for fiscal 1990 are due on 2006-11-28T10:45, the last half of 1989 having been flat.",
    "Shares closed at 45.75 yesterday; 17 per cent of 2,000 voters backed it in the 1980s and '70s.",
)

# Short phrases at the edges of the trigger words: abbreviations at a sentence's end, decades, clock styles, amounts.
EDGES = ("It fell on 5 Mar", "It was Mar, 2006 then", "the 1990's boom", "in the '70s", "at 10.30pm", "at 7 AM",
         "at 12 o'clock", "a couple of days", "hundreds of years", "thirty-one days", "1.5 years", "twice a day",
         "two weeks from now", "the 1988 third quarter", "this year's second half", "year-earlier results",
         "the following day", "the end of the decade", "in mid-1990s", "New Year’s Day", "a 10-year plan",
         "on 3/4/99", "on 12.11.2006", "the 2000-01-03 report", "Tuesday, 28 November, 2006", "12 noon Thursday")


def blocks_of(*paragraphs: str) -> tuple[Block, ...]:
    return tuple(Block("paragraph", p) for p in paragraphs)


def seed_blocks(path) -> tuple[Block, ...]:
    source = Source(source_path=path.name, kind="text", text=path.read_text(encoding="utf-8"), encoding="utf-8")
    return clean(source).blocks


@pytest.mark.parametrize("sentence", [case(s) for s in SENTENCES + EDGES for case in (str, str.upper, str.title)])
def test_trigger_words_never_skip_a_rule_that_matches(sentence):
    # A gate is only for speed: every rule the sentence's trigger words leave out must find nothing in it.
    triggered = {name for _, name, _ in _triggered(sentence.lower())}
    assert [name for name, pattern in P.RULES if name not in triggered and pattern.search(sentence)] == []


def test_a_scan_is_memoised_and_changes_nothing():
    blocks = blocks_of(*SENTENCES)
    scan_block.cache_clear()
    cold = find_dates(blocks, "1999-06-30")
    assert scan_block.cache_info().misses == len(blocks)
    warm = find_dates(blocks, "1999-06-30")
    assert scan_block.cache_info().hits == len(blocks)
    assert cold == warm and len(cold) > 20
    assert [s.sentence for b in blocks for s in scan_block(b.text).sentences] == [
        s for b in blocks for s in split_sentences(b.text)]


def test_a_block_speaking_of_quarters_is_read_as_a_quarterly_report():
    assert scan_block("Profit fell in the third quarter.").quarterly
    assert not scan_block("Profit fell in the third week.").quarterly
    # "a year ago" is a quarter back in a quarterly report, a month back elsewhere
    report = blocks_of("Profit fell in the third quarter.", "Sales were flat a year ago.")
    assert find_dates(report, "1989-11-02")[-1].value == "1988-Q3"
    assert find_dates(report[1:], "1989-11-02")[-1].value == "1988-11"


def two_readings(blocks, first, last):
    """The definition `find_dates_across` replaces: read the story at both ends, keep the mentions that agree."""
    late = Counter(find_dates(blocks, last.isoformat()))
    kept = []
    for mention in find_dates(blocks, first.isoformat()):
        if late[mention] > 0:
            late[mention] -= 1
            kept.append(mention)
    return tuple(kept)


@pytest.mark.parametrize("period", ["2011", "2006-11", "1989-02", "2000-02-29"])
def test_one_scan_read_at_both_ends_of_a_period_equals_two_readings(period):
    for blocks in (blocks_of(*SENTENCES), seed_blocks(NYT_SEED), seed_blocks(BBC_SEED)):
        first, last = period_bounds(period)
        assert find_dates_across(blocks, first, last) == two_readings(blocks, first, last)
        assert dates_within(blocks, period) == two_readings(blocks, first, last)


def test_scoring_only_the_years_near_a_clue_gives_the_answer_scoring_every_year_does(monkeypatch):
    stories = [blocks_of(s) for s in SENTENCES] + [
        blocks_of("Ms. Ruiz, 33, was born in 1967.", "The plant will not open until 1993."),
        blocks_of("The alliance, founded in 1949, met on Monday, Oct. 26.", "It was 40 years ago in 1949."),
        seed_blocks(NYT_SEED),
    ]
    fast = [explain_published(b, find_dates(b, None)).value for b in stories]
    monkeypatch.setattr(date_infer, "candidates", lambda clues, low, high: list(range(low, high)))
    assert [explain_published(b, find_dates(b, None)).value for b in stories] == fast
    assert any(fast)
