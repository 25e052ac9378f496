"""Timelines merged across a topic's articles: calendar order, de-duplicated, each article's own report included."""

from __future__ import annotations

from dataclasses import replace

from generator.models import Article, DateMention
from generator.timeline import mentioned_events, merged_timeline, report_event


def article(slug: str, published: str | None, dates: tuple[DateMention, ...], lead: str) -> Article:
    return Article(
        source_path=f"{slug}.txt", kind="text", slug=slug, title=slug, title_generated=False, source=None,
        author=None, dateline=None, published=published, published_basis="stated" if published else None,
        summary=(lead,), quotes=(), dates=dates, people=(), places=(), organizations=(), keywords=(), blocks=(),
    )


TEST = DateMention("9 October", "2006-10-09", "North Korea's nuclear test on 9 October triggered alarm.")
BEIJING = article("beijing", "2006-11-28T10:45:00+00:00", (
    TEST,
    DateMention("now", "PRESENT_REF", "We can now have discussions."),
    DateMention("Monday", "2006-11-27", "Mr Hill arrived in Beijing on Monday."),
), "Senior negotiators are meeting in Beijing to revive the six-party talks.")
GENEVA = article("geneva", "2011", (
    DateMention("2005", "2005", "Under the 2005 deal, North Korea agreed to give up its nuclear program."),
    DateMention("2006", "2006", "North Korea conducted a nuclear test in 2006 and pulled out of the talks."),
    DateMention("2010", "2010", "Tensions escalated sharply in 2010."),
    DateMention("9 October", "2006-10-09", "The nuclear test on 9 October triggered international alarm."),
), "United States and North Korean officials emerged from two days of meetings in Geneva.")


def test_article_timeline_keeps_calendar_values_only_in_order() -> None:
    values = [e.value for e in mentioned_events(BEIJING)]
    assert values == ["2006-10-09", "2006-11-27"]


def test_report_event_uses_the_publication_day_and_lead() -> None:
    event = report_event(BEIJING)
    assert event is not None and event.value == "2006-11-28" and event.expression == ""
    assert report_event(replace(BEIJING, published=None)) is None


def test_topic_timeline_reads_as_the_story_in_order() -> None:
    events = merged_timeline([GENEVA, BEIJING])
    assert [e.value for e in events] == ["2005", "2006", "2006-10-09", "2006-11-27", "2006-11-28", "2010", "2011"]
    # The nuclear test, told by both articles on the same day, is one event (the newer article's wording).
    (test,) = [e for e in events if e.value == "2006-10-09"]
    assert test.article_slug == "geneva"
    assert events[-1].text.startswith("United States and North Korean officials")


def one_day(slug: str, sentence: str) -> Article:
    return article(slug, None, (DateMention("9 October", "2006-10-09", sentence),), "")


def test_the_same_event_is_told_apart_by_its_longer_words_whatever_their_case_and_quotes() -> None:
    """Two sentences on one date are one event when they share half their words longer than three letters,
    compared regardless of case and quote style; words of three letters or fewer ("the", "N", "UN") never count."""
    told = one_day("a", "The Pyongyang test’s fallout ALARMED Seoul and Tokyo.")
    retold = one_day("b", "the pyongyang test's fallout alarmed seoul, said the UN.")
    assert len(merged_timeline([told, retold])) == 1
    # sharing only short words: two events
    short = one_day("c", "The UN and the US met on the day of the test.")
    other = one_day("d", "The UN and the US set up a new panel for the day.")
    assert len(merged_timeline([short, other])) == 2
    # a hyphenated word and an apostrophe stay inside one word: "six-party" is not "party"
    hyphen = one_day("e", "Six-party envoys' talks resumed.")
    parts = one_day("f", "Party envoys resumed work.")  # split at "-" and "'", three of four words would be shared
    assert len(merged_timeline([hyphen, parts])) == 2
