"""Who "he", "she", "it" and "they" in an attribution stand for, and who a quote standing alone goes on from."""

from __future__ import annotations

from generator.extract.quotes import find_quotes
from generator.models import Block


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_a_name_after_an_opening_phrase_of_place_is_the_subject_he_takes_up() -> None:
    found = speakers("Sam Hale opened the harbour meeting on Monday.",
                     "Throughout the meeting, Tom Reed cast himself as the friend of the fishermen.",
                     "“The quay belongs to the boats,” he said.")
    assert found == ["Tom Reed"]


def test_a_name_saying_something_mid_sentence_is_in_focus() -> None:
    found = speakers("Kate Ross opened the harbour meeting on Monday.",
                     "The dredging will have to wait until spring, Ann Lee said, and the boats will stay in port.",
                     "“Nobody wants that,” she added.")
    assert found == ["Ann Lee"]


def test_a_name_asking_is_not_the_one_who_answers() -> None:
    found = speakers("Tom Reed fishes from the north quay.",
                     "The quay was shut all winter, so Sam Hale asked Reed whether it would open again.",
                     "“Not this year,” he said.")
    assert found == ["Tom Reed"]


def test_a_name_inside_an_organisation_saying_something_is_no_antecedent() -> None:
    found = speakers("Tom Reed spoke to the Harbour Review on Monday.",
                     "The harbour is quiet, the Harbour Review agreed, and the boats are idle.",
                     "“We will wait,” he said.")
    assert found == ["Tom Reed"]


def test_it_speaking_stands_for_the_writing_named_before() -> None:
    found = speakers("The harbour board's memo was sent to every captain on Friday.",
                     "“The north quay will stay closed until the spring,” it said.")
    assert found == ["the harbour board's memo"]


def test_it_speaking_stands_for_the_subject_not_a_writing_deeper_in_its_sentence() -> None:
    found = speakers("The report from the harbour board came out on Friday.",
                     "“Dredging must start at once,” it stated.")
    assert found == ["the report"]


def test_it_speaking_goes_on_from_a_writing_over_paragraphs_of_its_words() -> None:
    found = speakers("Tom Reed read out the letter from the port authority.",
                     "“We regret the delay,” it said.",
                     "“The quay will reopen in May,” it read.")
    assert found == ["the letter", "the letter"]


def test_it_speaking_stands_for_a_body_named_before() -> None:
    found = speakers("The storm was the worst in a decade, according to the Coastal Weather Service, which keeps "
                     "records. It said the gales “broke every mark since 1990.”")
    assert found == ["the Coastal Weather Service"]


def test_they_speaking_stands_for_the_group_named_before() -> None:
    found = speakers("The fishermen marched from the quay to the town hall on Monday.",
                     "As they reached the steps, they chanted “open the harbour.”")
    assert found == ["the fishermen"]


def test_they_in_a_clause_someone_reports_is_not_the_speaker() -> None:
    found = speakers("The fishermen gathered on the quay.",
                     "Tom Reed said he felt they were saying, “We are done waiting.”")
    assert found != ["the fishermen"]


def test_a_surname_given_only_with_a_title_is_the_person_when_bare() -> None:
    found = speakers("Mayor Reed opened the quay on Monday.",
                     "Tom Hale, the harbour master, watched from the pier.",
                     "A weary Reed spoke to the crowd at noon.",
                     "“We will rebuild,” he said.")
    assert found == ["Reed"]


def test_the_one_asked_answers_the_question() -> None:
    found = speakers("Last week, harbour reporter Sam Hale asked Tom Reed whether the quay would reopen.",
                     "“Not before the spring,” he said.")
    assert found == ["Tom Reed"]


def test_the_one_asked_in_a_story_someone_tells_does_not_answer() -> None:
    found = speakers("“The meeting was a farce,” Ann Lee said.",
                     "What upset her most, she said, was the moment a clerk asked Kate Ross why the quay was shut.",
                     "“I was furious,” she said.")
    assert found == ["Ann Lee", "Ann Lee"]


def test_a_name_after_was_in_a_sentence_opening_with_a_phrase_is_its_subject() -> None:
    found = speakers("Sam Hale spoke first at the harbour meeting.",
                     "Among the fishermen waiting to speak was Tom Reed, a retired welder.",
                     "“The quay is ours,” he said.")
    assert found == ["Tom Reed"]


def test_the_one_person_of_the_gender_a_paragraph_names_before_she_said_speaks() -> None:
    found = speakers("Kate Ross sold the last boat in 1990.",
                     "The harbour has shaped the town for two centuries.",
                     "Trade came and went with the tides.",
                     "The quay was rebuilt twice.",
                     "It also shaped the life of Ann Lee. “I was born on the quay,” she said.")
    assert found == ["Ann Lee"]


def test_she_goes_on_from_a_woman_quoted_without_a_name() -> None:
    found = speakers("“We lost the boat in the storm,” said the woman, who asked not to be named.",
                     "Now 50, she still mends nets on the quay.",
                     "“I have nothing else,” she said.")
    assert found == ["the woman", "the woman"]


def test_he_does_not_go_on_from_a_woman_quoted_without_a_name() -> None:
    found = speakers("“We lost the boat in the storm,” said the woman, who asked not to be named.",
                     "“I have nothing else,” he said.")
    assert found == ["the woman", None]


def test_words_after_the_quotes_ending_in_a_colon_hand_on_the_quote_standing_alone() -> None:
    quotes = find_quotes((Block("paragraph", "“The quay is lost,” Ann Lee said. Kate Ross went on to say:"),
                          Block("paragraph", "“We will build a new one, and soon.”")))
    assert [q.speaker for q in quotes] == ["Ann Lee", "Kate Ross"]


def test_the_subject_of_the_last_clause_introduces_the_quote_standing_alone() -> None:
    found = speakers("The harbour paper ran the story on Monday, and Tom Reed responded:",
                     "“Not one word of it is true.”")
    assert found == ["Tom Reed"]


def test_a_quote_standing_alone_after_a_pause_goes_on_from_the_speaker_before() -> None:
    found = speakers("“Hello, I am calling about the harbour vote,” Ann Lee said into the phone.",
                     "She pauses.",
                     "“Well, thank you for your time.”")
    assert found == ["Ann Lee", "Ann Lee"]


def test_a_quote_standing_alone_after_a_paragraph_of_narration_has_no_speaker() -> None:
    found = speakers("“Hello, I am calling about the harbour vote,” Ann Lee said into the phone.",
                     "The vote on the quay comes on Tuesday, after months of delay.",
                     "“Well, thank you for your time.”")
    assert found == ["Ann Lee", None]


def test_the_subject_of_a_clause_opening_the_sentence_is_nearly_in_focus() -> None:
    found = speakers("Sam Hale spoke first at the harbour meeting.",
                     "Though Tom Reed would not name a winner, the harbour master gave his view.",
                     "“The north quay will win,” he said.")
    assert found == ["Tom Reed"]


def test_they_after_two_people_named_as_subject_is_not_the_group_they_met() -> None:
    found = speakers("Tom Reed and Ann Lee met the voters on the quay.", "“We will fight on,” they said.")
    assert found == [None]


def test_a_pronoun_with_its_auxiliary_run_on_is_the_subject() -> None:
    blocks = (Block("paragraph", "Tom Reed spoke on Monday."),
              Block("paragraph", "He’s claiming that the ferry is “a big, big problem for the town.”"),
              Block("paragraph", "They’re saying the new quay is “a big mistake.”"))
    assert [(q.text, q.speaker) for q in find_quotes(blocks)] == [
        ("a big, big problem for the town.", "Tom Reed"), ("a big mistake.", None)]


def test_a_surname_that_is_also_a_word_says_something() -> None:
    blocks = (Block("paragraph", "Eight years after backing Tom Reed, ferry owner Mark Cuban is sizing up the race."),
              Block("paragraph", "In describing Mayor Ed Lane, Cuban said he sees a man without any curiosity."),
              Block("paragraph", "“You have to be able to adapt,” he said of the mayor."))
    assert [(q.text, q.speaker) for q in find_quotes(blocks)] == [("You have to be able to adapt,", "Mark Cuban")]


def test_the_end_of_an_organisations_name_is_no_rival_for_she() -> None:
    found = speakers("Harbour master Tom Reed backed the plan. But the other member of the panel, councillor Ann Lee, "
                     "disagreed, citing the harbour's Bureau of Marine Studies.",
                     "“The quay will flood again,” she said.")
    assert found == ["Ann Lee"]


def test_a_name_inside_a_title_is_no_rival_for_the_name_it_titles() -> None:
    found = speakers("Tom Reed opened the harbour meeting on Monday.",
                     "Reed spokesman Sam Hale said that voters can trust that Reed has “a plan for every boat in the "
                     "bay,” he said.")
    assert found == ["Sam Hale"]


def test_a_name_in_apposition_to_any_opening_description_is_in_focus() -> None:
    found = speakers("Sam Hale chaired the harbour meeting on Monday.",
                     "The alleged arsonist, Tom Reed, is due in court on Friday. Officers have said he shouted “burn "
                     "it all” at the quay.")
    assert found == ["Tom Reed"]


def test_a_subject_after_an_opening_phrase_with_a_dated_noun_is_in_focus() -> None:
    found = speakers("Kate Ross wrote to the harbour board in January.",
                     "In a Feb. 3, 2014 letter, Ann Lee asks her deputy to look at the quay. “The cranes must go,” "
                     "she writes.")
    assert found == ["Ann Lee"]
