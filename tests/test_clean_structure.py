"""Plain-text cleaning of story structure: tables of figures, the structured tail, captions, teasers cut short.

Every page here is invented for these tests: short text dumps in the shape a scraper writes (one block element a
line, a blank line after paragraph-like blocks).
"""

from __future__ import annotations

import pytest

from generator.clean import clean
from generator.clean.blocks import tidy_blocks
from generator.clean.lines import line_features
from generator.clean.lists import is_figure_row, is_link_list
from generator.models import Block, Source

MENU = "\n".join(["Home", "News", "Sport", "Business", "Culture", "Weather"])
FOOTER = "\n".join(["About us", "Contact", "Privacy policy", "Terms of use", "© 2024 The Valley Courier"])
STORY = [
    "The valley chess league finished its autumn season on Sunday, and the club from the old mill town took the "
    "title for the first time in its history after a tense final round at the library.",
    "The players had gathered in the reading room early in the morning, and by the afternoon most of the games "
    "were still being played while a small crowd of parents and friends watched from the back.",
    "The club captain said that the team had prepared for months and that the younger players in particular had "
    "shown that they were able to keep their nerve when the pressure was at its highest.",
]
SIDEBAR = [
    "Click on the photo above to read the weekly column in which our editor looks back at every round that was "
    "played in the league this season and at the players who made it memorable.",
    "Click here and find out when and where each of the next tournaments will be played, with the times of the "
    "rounds and the names of all the players who have already signed up to take part in them.",
]
TABLE = [
    "1 Mill Town 8.5 7 3 0", "2 River Club 8 7 2 1", "3 Hill Street 6.5 5 3 2", "4 North Bridge 6 5 2 3",
    "5 Castle Knights 4 3 2 5", "6 Old School 3.5 3 1 6", "7 Market Square 2 1 2 7", "8 Station Road 1.5 1 1 8",
]


def text_source(text: str) -> Source:
    return Source("page.txt", "text", text, "utf-8")


def cleaned(*parts: str):
    return clean(text_source("\n\n".join(parts)))


def all_text(doc) -> str:
    return "\n".join(block.text for block in doc.blocks)


# ---------------------------------------------------------------- tables of figures


@pytest.mark.parametrize(("row", "expected"), [
    ("3 Kevin Harvick 5033 4 6 15 26", True),  # a standings row opens with its position
    ("June 9 – Leeds, First Direct Arena", True),  # a tour date
    ("1 lemon, or about a quarter cup of lemon juice", True),  # an ingredient
    ("Home team wins 3-1 after 2 late goals", True),  # two figures anywhere
    ("Council votes to close the harbour bridge (145)", False),  # a headline with its comment count
    ("Council votes to close the harbour bridge", False),
])
def test_a_figure_row_opens_with_a_figure_or_holds_two(row: str, expected: bool) -> None:
    assert is_figure_row(row) is expected


def test_rows_of_figures_are_not_a_link_list_however_short_and_capitalised() -> None:
    dates = [line_features(f"June {day} – Leeds Arena", 1, False) for day in (2, 5, 9, 12)]
    links = [line_features(text, 1, False) for text in ("World News", "Local Sport", "Arts And Culture", "Travel")]
    assert not is_link_list(dates)
    assert is_link_list(links)


def test_a_story_that_is_a_table_is_found_by_its_table_not_by_the_sidebar_prose() -> None:
    # The page has no story prose, only an introduction, the table and a footnote; the one prose run is the
    # sidebar's promotion further down the page. The table counts as good lines, so the story is the table.
    # (A dense run a few lines after the story would join it as its continuation: the related list is long.)
    related = "\n".join(["Related Stories", "Mill Town Wins The Derby", "Fans Queue For The Final",
                         "Bakery Wins The County Prize", "Coast Road Closed After Landslide",
                         "New Library Opens Its Doors", "Storm Warning For Friday", "Mayor Opens The Spring Fair",
                         "School Choir Sings In Vienna", "Harbour Ferry Returns In May", "Town Hall Clock Repaired"])
    doc = cleaned(MENU, "Final standings of the valley chess league", "Sunday 3 November 2024",
                  "These are the final standings of the valley chess league after nine rounds of play:",
                  "\n".join(TABLE), "Only the first two clubs go on to play in the regional championship next spring.",
                  related, *SIDEBAR, FOOTER)
    text = all_text(doc)
    assert all(row in text for row in TABLE)
    assert "final standings of the valley chess league after nine rounds" in text
    assert "regional championship next spring" in text
    assert not any(line in text for line in SIDEBAR)


def test_a_table_right_after_the_story_is_kept_and_the_teasers_after_it_are_not() -> None:
    dates = [f"{month} {day} – {town}, Town Hall" for month, day, town in
             [("June", 9, "Leeds"), ("June", 12, "York"), ("June", 15, "Hull"), ("July", 2, "Derby"),
              ("July", 6, "Bath")]]
    doc = cleaned(MENU, *STORY, "Summer tour dates", "\n".join(dates), "Trending",
                  "Police close the coast road after a landslide", "Bakery wins the county prize again", FOOTER)
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == dates
    assert "Trending" not in all_text(doc) and "landslide" not in all_text(doc)


# ---------------------------------------------------------------- the structured tail


QUESTIONS_AND_ANSWERS = [  # short lines, the answers without closing punctuation: neither prose nor headings
    "Q: Favourite childhood memory?", "A: A summer by the sea with my grandparents in their old house",
    "Q: Favourite apps?", "A: The bus timetable, a chess clock and the weather forecast",
    "Q: Favourite books?", "A: Anything by the writers of the old Russian school",
    "Q: Favourite place you have visited?", "A: Lisbon in the spring, before the tourists come",
    "Thanks for talking to us!",
]


def test_short_questions_and_answers_after_the_story_are_kept_up_to_the_footer() -> None:
    doc = cleaned(MENU, *STORY, *QUESTIONS_AND_ANSWERS, "« Previous Post\nNext Post »", FOOTER)
    text = all_text(doc)
    assert all(line in text for line in QUESTIONS_AND_ANSWERS)
    assert "Previous Post" not in text and "Privacy policy" not in text


def test_the_tail_stops_at_a_line_the_page_also_shows_in_its_menu() -> None:
    # "Sport" heads the teasers after the story; the page shows it in the menu too, so it is furniture.
    doc = cleaned(MENU, *STORY, "Sport", "Mill Town wins the derby", "Fans queue for the final", "Weather", FOOTER)
    assert doc.paragraphs == tuple(STORY)


def test_one_or_two_short_lines_after_the_story_are_not_a_tail() -> None:
    doc = cleaned(MENU, *STORY, "Subscribe for 1 dollar a week, cancel any time.", FOOTER)
    assert doc.paragraphs == tuple(STORY)


# ---------------------------------------------------------------- captions and teasers


@pytest.mark.parametrize("caption", [
    "Players in the reading room of the library on Sunday afternoon. (AP Photo/Jane Doe)",
    "Jane Doe/Valley Pictures/Getty Images",
    "FILE PHOTO: Players in the reading room of the library during an earlier round of the league.",
    "The trophy is handed to the club captain after the final round in the library [File: Reuters]",
    "Photograph: Jane Doe for the Valley Courier",
])
def test_photo_captions_and_credits_inside_the_story_are_dropped(caption: str) -> None:
    doc = cleaned(MENU, STORY[0], caption, STORY[1], STORY[2], FOOTER)
    assert doc.paragraphs == tuple(STORY)


@pytest.mark.parametrize("heading", ["More Business News", "- Next Auto News", "Latest Sport Stories"])
def test_more_news_headings_are_furniture(heading: str) -> None:
    doc = cleaned(MENU, *STORY, heading, "Bakery wins the county prize again", FOOTER)
    assert doc.paragraphs == tuple(STORY)
    assert heading not in all_text(doc)


def test_teasers_cut_short_are_trimmed_from_the_end_of_the_story() -> None:
    blocks = [Block("paragraph", text) for text in STORY]
    teaser = Block("paragraph", "Housing office sued over alleged closed meeting...")
    assert tidy_blocks([*blocks, teaser]) == blocks
    closing = Block("paragraph", "The club will defend its title next year.")
    assert tidy_blocks([*blocks, closing])[-1] == closing
