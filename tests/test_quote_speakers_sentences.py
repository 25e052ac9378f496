"""Speakers shared across one sentence: an attribution naming who speaks after several quotes, or set off between
them, credits every quote of the sentence that names no one else. Every sentence is written for these tests."""

from __future__ import annotations

from generator.extract.quotes import find_quotes
from generator.models import Block


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_an_attribution_after_two_quotes_credits_the_first_too() -> None:
    found = speakers("Harbour master Tom Reed spoke on Monday.",
                     "The new quay was a “costly mistake” that brought “nothing but trouble for the town,” he said.")
    assert found == [("costly mistake", "Tom Reed"), ("nothing but trouble for the town,", "Tom Reed")]


def test_an_attribution_set_off_between_two_quotes_credits_both() -> None:
    found = speakers("Ann Lee, 42, was on the pier with her sons.",
                     "“A huge wave” rolled over the sea wall that had been built for the festival, she said, and "
                     "“the children started screaming.”")
    assert found == [("A huge wave", "Ann Lee"), ("the children started screaming.", "Ann Lee")]


def test_a_colon_between_keeps_the_first_quote_apart() -> None:
    found = speakers("Asked about the “sunken quay,” a harbour official went further, with a warning: “The whole pier "
                     "will go too,” the official said.")
    assert found == [("sunken quay,", None), ("The whole pier will go too,", "the official")]


def test_an_adverb_between_and_and_the_second_verb() -> None:
    found = speakers("Ann Lee opened the meeting when she brought up the quay and later said, “It is not just the ferry.”")
    assert found == [("It is not just the ferry.", "Ann Lee")]


def test_a_quote_goes_on_from_a_sentence_reporting_a_clause() -> None:
    found = speakers("Tom Reed, the pilots' lawyer, argues that his clients never blocked the harbour. “The port "
                     "claims that the boats were moored across the entrance” was never shown in court.",
                     "Ann Lee said she was angry at the council. Its vote “felt like a betrayal of the town.”")
    assert [s for _, s in found] == ["Tom Reed", "Ann Lee"]


def test_a_sentence_with_a_subject_of_its_own_is_not_the_reporters() -> None:
    found = speakers("Ann Lee said she was angry at the council. That is why she wanted to “go one step further.”")
    assert found == [("go one step further.", None)]


def test_a_nickname_in_quotes_is_part_of_the_speakers_name() -> None:
    found = speakers("“This is a big year for the harbour!” Reed’s niece, Marcia “Cia” Price, shouted to the crowd.")
    assert found == [("This is a big year for the harbour!", "Marcia Price")]


def test_a_speech_verb_with_a_colon_before_the_next_quote_is_not_the_earlier_ones() -> None:
    found = speakers("After Ann Lee said that small boats might do better at “the old north quay,” Tom Reed said: "
                     "“I don't like what she said.”")
    assert found == [("the old north quay,", "Ann Lee"), ("I don't like what she said.", "Tom Reed")]


def test_a_participle_before_the_first_quote_leaves_it_to_the_colon_verbs_subject() -> None:
    found = speakers("Tom Reed spoke on Monday.",
                     "Conceding that the ferry would come back “in the end” he warned: “Not this year.”")
    assert found == [("in the end", "Tom Reed"), ("Not this year.", "Tom Reed")]


def test_a_quote_a_subordinate_clause_introduces_with_its_own_verb_is_not_the_main_clauses() -> None:
    found = speakers("Tom Reed spoke at the harbour fair.",
                     "When someone in the crowd shouted, “Lee,” Reed joked, “Come on up and get a boat!”")
    assert found == [("Come on up and get a boat!", "Tom Reed")]
