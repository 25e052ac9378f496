"""Where quotes sit: which spans between quotation marks are quotes of the story (generator.extract.quote_spans),
seen through find_quotes."""

from __future__ import annotations

from generator.extract.quotes import find_quotes
from generator.models import Block


def quoted(*paragraphs: str) -> list[str]:
    return [q.text for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_single_marks_are_headline_style_where_the_article_quotes_in_double_marks() -> None:
    assert quoted("Mayor Reed: ‘The bridge will open in May’.",
                  "“The bridge will open in May,” Mayor Tom Reed said on Monday.",
                  "Critics called the plan 'a costly mistake for the town' in a letter.") == [
        "The bridge will open in May,"]


def test_single_marks_are_quotes_where_the_article_has_no_double_ones() -> None:
    assert quoted("Mayor Tom Reed spoke on Monday.",
                  "‘The bridge will open in May,’ he said. ‘We have the money.’") == [
        "The bridge will open in May,", "We have the money."]


def test_an_opening_mark_after_a_stop_inside_an_open_quote_starts_its_next_paragraph() -> None:
    # two paragraphs of one quote joined in one block: the first has no closing mark
    found = quoted("Mayor Tom Reed spoke on Monday. “The bridge is old. It was built in 1902. “We will rebuild it "
                   "this year,” he said.")
    assert found == ["The bridge is old. It was built in 1902.", "We will rebuild it this year,"]


def test_a_closing_mark_at_the_start_of_a_paragraph_opens_a_quote() -> None:
    assert quoted("Mayor Tom Reed spoke on Monday.", "\u202a” … and the bridge will open in May,” he said.") == [
        "… and the bridge will open in May,"]


def test_single_marks_quote_within_a_quote_where_double_marks_are_typed_as_two_apostrophes() -> None:
    found = quoted("Mayor Tom Reed spoke on Monday.",
                   "''They told me, 'The bridge will open in May,' and I believed them,'' he said.")
    assert "The bridge will open in May," not in found


def test_a_title_named_by_its_kind_is_no_quote() -> None:
    assert quoted("Tom Reed, author of the book “Bridges of the North, and How They Fell,” spoke on Monday.",
                  "“The bridge will open in May,” Reed said on his podcast, “Reed Over Rivers.”") == [
        "The bridge will open in May,"]


def test_an_attribute_value_left_in_the_text_is_no_quote() -> None:
    assert quoted('Mayor Tom Reed spoke on Monday. <a href="http://example.org/bridge">Read the plan</a>.',
                  "“The bridge will open in May,” Reed said.") == ["The bridge will open in May,"]


def test_a_headline_cited_with_its_byline_is_no_quote() -> None:
    found = quoted("NOW OPEN—“Harbour museum reopens after two years,” by the Herald’s Ann Lee: “The museum opened "
                   "its doors on Monday to a long queue.”")
    assert found == ["The museum opened its doors on Monday to a long queue."]


def test_a_sentence_quoted_from_a_named_work_is_still_a_quote() -> None:
    found = quoted("Jane Smith, the mayor, wrote in an editorial, “The council has failed the town and must now answer "
                   "for it.”")
    assert found == ["The council has failed the town and must now answer for it."]


def test_a_closing_mark_left_at_the_start_of_a_paragraph_opens_nothing_when_none_follows() -> None:
    assert quoted("“The bridge will open in May, said Mayor Tom Reed.", "” he added on Monday.") == [
        "The bridge will open in May, said Mayor Tom Reed."]


def test_one_word_in_quotes_right_after_a_speech_verb_is_the_subjects_word() -> None:
    blocks = tuple(Block("paragraph", p) for p in (
        "Mayor Jane Smith spoke on Monday about the harbour.",
        "Smith also called for more “patience” from the council.",
        "The council has shown “patience” for years."))
    assert [(q.text, q.speaker) for q in find_quotes(blocks)] == [("patience", "Jane Smith")]


def test_a_comma_between_the_speech_verb_and_a_one_word_quote_leads_into_it() -> None:
    blocks = (Block("paragraph", "Mayor Jane Smith spoke on Monday about the harbour."),
              Block("paragraph", "Smith then sent the council an email saying, “agreed.”"))
    assert [(q.text, q.speaker) for q in find_quotes(blocks)] == [("agreed.", "Jane Smith")]


def test_a_title_in_title_case_after_of_or_with_is_no_quote() -> None:
    assert quoted("Jane Smith, the mayor, spoke on an episode of “Harbour Talk With Ann Lee,” a weekly show.",
                  "Tom Reed, the author of “Bridges From Above,” was there too.") == []
