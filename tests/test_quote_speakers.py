"""Speakers the attribution rules find beyond "X said": pronouns by gender, credit lines, transcripts, sentences
before a quote, and quotes that are no speaker's words (show titles)."""

from __future__ import annotations

import pytest

from generator.extract.quotes import find_quotes
from generator.extract.speaker_gender import person_genders
from generator.models import Block


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_she_skips_the_latest_man_for_the_latest_woman() -> None:
    found = speakers("Mary Lopez, the mayor, opened the session on Monday.",
                     "Tom Reed spoke next about the budget.",
                     "“We will build the bridge this year,” she said.")
    assert found == [("We will build the bridge this year,", "Mary Lopez")]


def test_he_still_means_the_latest_subject_of_unknown_gender() -> None:
    found = speakers("Quinn Harlow, the harbour chief, spoke on Monday.",
                     "“The boats are safe for now,” he said.")
    assert found == [("The boats are safe for now,", "Quinn Harlow")]


def test_a_pronoun_of_the_other_gender_stays_unresolved_rather_than_wrong() -> None:
    found = speakers("Tom Reed opened the session on Monday.", "“We will build the bridge this year,” she said.")
    assert found == [("We will build the bridge this year,", None)]


def test_gender_comes_from_the_article_before_the_given_name() -> None:
    genders = person_genders([("Terry Strada", None, "9/11 widow"), ("Carly Fiorina", None, None),
                              ("Kim Jong-un", None, None), ("Alex Brown", "Mr.", None), ("Pat Lee", None, None)])
    assert genders == {"Terry Strada": "f", "Carly Fiorina": "f", "Alex Brown": "m"}


def test_a_curly_mark_typed_the_wrong_way_round_still_closes_the_quote() -> None:
    found = speakers("“It will create new problems for her here,“ said Jim Clyburn, a lawmaker from the state.")
    assert found == [("It will create new problems for her here,", "Jim Clyburn")]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a round-up's credit line, with an initial and a publication
        (("Gerald F. Seib, The Daily Planet: “It looked for a while as if the race would stay calm.”",),
         "Gerald F. Seib"),
        # a paragraph ending in a colon, no speech verb, hands the quote below to its subject
        (("Tom Reed then listed his three demands for the council:", "“Lower taxes for every family in town.”"),
         "Tom Reed"),
        # the sentence before the quote in its paragraph names who goes on speaking
        (("Tom Reed chairs the harbour board.",
          "The vote may slip to May, Reed said. “We need more time to count every single ballot.”"), "Tom Reed"),
        # a time between the subject and its verb
        (("Senator Ann Lee (D) last week said the plan was “a waste of public money and time.”",), "Ann Lee"),
        # "as X said" after the quote
        (("Ted Cruz toured Iowa.", "The race “is a dead heat right now in every county,” as Cruz said on Monday."),
         "Ted Cruz"),
        # a writing that speaks for its authors
        (("The lawsuit contends that “the deaths were caused by negligence of the state.”",), "the lawsuit"),
        # a transcript line names its speaker in capitals
        (("Ann Lee debated Tom Reed on Friday.", "“LEE: We will win this race because we listen to people.”"),
         "Ann Lee"),
    ],
)
def test_attribution_patterns(paragraphs: tuple[str, ...], expected: str) -> None:
    assert speakers(*paragraphs)[-1][1] == expected


def test_a_one_word_quote_keeps_the_speaker_right_after_it() -> None:
    found = speakers("“Safety,” said Gisela Grimm, a supporter. “Safety for the whole country, everybody.”")
    assert found == [("Safety,", "Gisela Grimm"), ("Safety for the whole country, everybody.", "Gisela Grimm")]


def test_a_show_title_or_a_date_in_marks_is_no_quote() -> None:
    assert speakers("Tom Reed told NBC’s “Meet the Press.” He also appeared on “Face the Nation,” and left.") == []
    assert speakers("The post ends with “March 9, 2016” and a link.") == []


def test_a_description_that_is_an_object_is_no_speaker() -> None:
    found = speakers("Tom Reed issued a statement on Friday, saying “we are done here for now and for good.”")
    assert found == [("we are done here for now and for good.", "Tom Reed")]


def test_a_surname_never_given_in_full_is_still_an_antecedent() -> None:
    found = speakers("Halloran, the head of the port authority, said the ferries would run again.",
                     "“We have the crews and the fuel,” he said.")
    assert found == [("We have the crews and the fuel,", "Halloran")]


def test_a_surname_after_an_article_or_a_preposition_is_no_person() -> None:
    # "the Beacon reported", "a spokesman for Norvale said": no one-word person for a later "he said"
    found = speakers("The mayor met the press. A spokesman for Norvale said the deal was done.",
                     "“It is signed,” he said.")
    assert found == [("It is signed,", None)]


def test_a_subject_described_by_lower_case_words_is_in_focus() -> None:
    found = speakers("Tom Reed spoke first.",
                     "But state Rep. Quinn Harlow, a member of the port board, recalled the flood.",
                     "“The water came up to the second floor,” she said.")
    assert found == [("The water came up to the second floor,", "Quinn Harlow")]


def test_a_party_before_a_given_name_is_a_description() -> None:
    found = speakers("Democrat Mary Lopez opened the session. Her rival, Tom Reed, left early.",
                     "“Lopez has the votes,” Lopez said.")
    assert found == [("Lopez has the votes,", "Mary Lopez")]


def test_an_empty_chunk_between_marks_is_no_apposition() -> None:
    found = speakers("GENEVA — , the talks would resume “the talks would resume,” anna berg said.")
    assert [text for text, _ in found] == ["the talks would resume,"]


def test_the_only_woman_named_so_far_is_she_even_out_of_focus() -> None:
    # Lopez is no subject (a name deep in its sentence), but no other woman has been named: "she" can only be her
    found = speakers("The harbour board, chaired by Tom Reed, rejected the plan that Mary Lopez had put forward.",
                     "“We will bring it back next year,” she said.")
    assert found == [("We will bring it back next year,", "Mary Lopez")]


def test_a_second_woman_named_earlier_leaves_she_unresolved() -> None:
    found = speakers("Ann Berg, the mayor, opened the session on Monday.",
                     "Tom Reed spoke next.", "Tom Reed also said the board would meet again.",
                     "Tom Reed, chairing the board, then rejected the plan that Mary Lopez had put forward.",
                     "“We will bring it back next year,” she said.")
    assert found[-1] == ("We will bring it back next year,", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor agreed with Ann Lee, who told the council on Monday that the pier was “beyond any repair.”",
        "The mayor agreed with Sen. Ann Lee of Ohio, who has often described the pier as “beyond any repair.”",
        # a year or a place between the pronoun and its verb, and no comma after a name
        "The mayor agreed with Ann Lee, who in 2010 said the pier was “beyond any repair.”",
        "The mayor agreed with Ann Lee who has long described the pier as “beyond any repair.”",
    ],
)
def test_a_relative_pronoun_before_the_speech_verb_stands_for_the_name_before_it(sentence: str) -> None:
    assert speakers(sentence) == [("beyond any repair.", "Ann Lee")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an infinitive takes the subject of the clause it hangs on
        ("Halloran went on to say she was “sure the ferry will run again by the summer.”", "Halloran"),
        # so does a participle describing the writing the subject issued
        ("Ann Lee released a statement Friday saying the ferry “will run again by the summer.”", "Ann Lee"),
        # "as" opening the sentence is no part of the subject
        ("As Ann Lee, the harbour chief, put it: “The ferry will run again by the summer.”", "Ann Lee"),
        # a participle after another noun describes that noun, not the subject's words
        ("Tom Reed left the week after the paper’s editorial telling him to “leave the harbour alone.”", None),
    ],
)
def test_a_speech_verb_hanging_on_the_clause_before_it(sentence: str, expected: str | None) -> None:
    assert speakers("Ann Lee and Tom Reed met on Monday.", sentence)[-1][1] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an apposition opening with an owner's name: "the Beacon’s harbour reporter"
        ("“The ferry will run again,” Ann Lee, the Beacon’s harbour reporter, said of the plan.", "Ann Lee"),
        ("“The ferry will run again,” Ann Lee, Norvale’s harbour chief, said of the plan.", "Ann Lee"),
        # "and" between two descriptions of one speaker opens no clause
        ("“The ferry will run again,” the harbour chief and Liberal candidate said in a statement.",
         "Liberal candidate"),
    ],
)
def test_the_speaker_after_a_quote_with_its_description(sentence: str, expected: str) -> None:
    assert speakers(sentence)[-1][1] == expected


def test_a_name_inside_the_apposition_is_not_the_speaker() -> None:
    found = speakers("“The ferry will run again,” Ann Lee, director of research at Norvale University, said.")
    assert found == [("The ferry will run again,", "Ann Lee")]


def test_calls_after_a_subject_is_a_speech_verb() -> None:
    # "calls" may be a noun ("the phone calls"), but after a name it is the verb that labels
    assert speakers("Tom Reed spoke.", "Halloran calls the old pier “a disgrace to the whole town.”")[-1][1] == "Halloran"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # a quote opening its sentence with its own comma, "?" or "!" is the words of the subject after it
        ("“Go back to your seat,” Tom Reed barked.", "Tom Reed"),
        ("“Why would we ever sell the pier?” Ann Lee shot back.", "Ann Lee"),
        ("“Not in this town!” the harbour chief roared from the stage.", "the harbour chief"),
        # set in the reporter's own sentence, or with a noun after it, it is no dialogue
        ("The pier was “a ruin,” Tom Reed grinned.", None),
        ("“Go back to your seat,” Reed's aides waved.", None),
    ],
)
def test_a_quote_opening_its_sentence_is_the_words_of_the_subject_after_it(paragraph: str, expected: str | None) -> None:
    assert speakers("Ann Lee and Tom Reed debated on Monday.", paragraph)[-1][1] == expected


def test_it_goes_on_from_a_writing_quoted_before() -> None:
    found = speakers("“The harbour needs a new pier,” the newspaper wrote on Sunday.",
                     "“Without one the ferries will stop for good,” it added.")
    assert found[-1] == ("Without one the ferries will stop for good,", "the newspaper")


def test_it_never_goes_on_from_a_person() -> None:
    found = speakers("“The harbour needs a new pier,” Tom Reed said on Sunday.",
                     "“Without one the ferries will stop for good,” it added.")
    assert found[-1] == ("Without one the ferries will stop for good,", None)


@pytest.mark.parametrize(
    ("signature", "kind"),
    [("- Ann Lee.", "paragraph"), ("Ann Lee, speaking at the harbour.", "list_item"), ("—Ann Lee", "paragraph")],
)
def test_a_paragraph_signing_the_quote_above_it(signature: str, kind: str) -> None:
    blocks = (Block("paragraph", "Tom Reed and Ann Lee debated the pier."),
              Block("paragraph", "“We will never sell the pier to anybody.”"), Block(kind, signature))
    assert find_quotes(blocks)[-1].speaker == "Ann Lee"


def test_a_list_after_a_quote_in_the_reporters_words_signs_nothing() -> None:
    blocks = (Block("paragraph", "Ann Lee spoke first."), Block("paragraph", "The pier is “the oldest in the county.”"),
              Block("list_item", "Ann Lee."))
    assert find_quotes(blocks)[-1].speaker is None


def test_an_owner_before_a_name_is_no_part_of_it() -> None:
    found = speakers("The Beacon’s Ann Lee covered the vote on Monday.", "“It was a very long night,” Lee said.")
    assert found == [("It was a very long night,", "Ann Lee")]


def test_a_sentence_adverb_is_no_part_of_the_name_after_it() -> None:
    found = speakers("Maybe Tom Reed is right about the pier after all.", "“We can still fix it,” he said.")
    assert found == [("We can still fix it,", "Tom Reed")]


def test_a_name_and_its_home_state_name_the_person() -> None:
    found = speakers("“The pier is a waste of money,” Rep. Ann Lee of Ohio, a harbour ally, said.")
    assert found == [("The pier is a waste of money,", "Ann Lee")]


def test_a_relative_pronoun_with_a_subject_of_its_own_is_no_speaker() -> None:
    # "which" is the object of "claims" here: the place before it is no speaker; Reed, who claims it, is
    found = speakers("The board met in Norvale, which Tom Reed claims is “beyond any repair.”")
    assert found == [("beyond any repair.", "Tom Reed")]


def test_a_label_in_capitals_the_article_never_names_is_no_transcript_speaker() -> None:
    found = speakers("Ann Lee debated Tom Reed on Friday.", "“VIDEO: The pier collapses into the sea at dawn.”",
                     "“LEE: We will rebuild it because the town needs it.”")
    assert [speaker for _, speaker in found] == [None, "Ann Lee"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Busy times - More from Halloran: “The harbour is busier than it was ten years ago.”", "Halloran"),
        ("Why it matters - From the report: “The harbour is busier than it was ten years ago.”", "the report"),
    ],
)
def test_a_round_up_credits_the_source_after_from(line: str, expected: str) -> None:
    assert speakers("Tom Reed spoke first.", line)[-1][1] == expected
