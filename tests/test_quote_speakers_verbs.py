"""Speakers named by reporting verbs and clauses beyond the plain "X said": base forms after a plural subject or a
modal, people named by nouns other than a job, a credit line after a heading's verb, and the apposition of a name in
an opening phrase, which is no subject."""

from __future__ import annotations

from generator.extract.quotes import find_quotes
from generator.models import Block


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_a_base_form_after_a_plural_subject_is_the_reporting_verb() -> None:
    found = speakers("“The quay will reopen in spring,” the harbour workers state in their newsletter.")
    assert found == [("The quay will reopen in spring,", "the harbour workers")]


def test_a_base_form_after_a_subject_and_a_modal_is_the_reporting_verb() -> None:
    found = speakers("Asked about the closed bridge, a ferry spokesman could only quip: “Bring a boat.”")
    assert found == [("Bring a boat.", "a ferry spokesman")]


def test_a_subject_and_a_modal_after_the_quote_name_its_speaker() -> None:
    found = speakers("“Bring a boat,” a ferry spokesman could only quip.")
    assert found == [("Bring a boat,", "a ferry spokesman")]


def test_a_verb_after_a_modal_in_a_reported_clause_is_no_cue() -> None:
    found = speakers("Tom Reed spoke for an hour, stating that the town should formally declare war on the gulls that "
                     "have “taken the quay.”")
    assert found == [("taken the quay.", "Tom Reed")]


def test_a_capitalised_will_is_a_surname_not_a_modal() -> None:
    found = speakers("Tom Will runs the ferry. “The quay is lost,” Will wrote.")
    assert found == [("The quay is lost,", "Tom Will")]


def test_a_base_form_after_a_relative_and_a_modal_names_nobody() -> None:
    found = speakers("“The quay stays closed,” which would answer the question, Tom Reed wrote in a memo.")
    assert found == [("The quay stays closed,", "Tom Reed")]


def test_a_share_of_those_polled_speaks_with_a_base_form() -> None:
    found = speakers("Most voters polled back the plan, while 31 percent call it “a waste of harbour money.”")
    assert found == [("a waste of harbour money.", "31 percent")]


def test_a_person_noun_beyond_jobs_heads_a_speaker() -> None:
    found = speakers("One operative inside the campaign played down the row, saying it was “nothing to worry about.”")
    assert found == [("nothing to worry about.", "one operative")]


def test_a_credit_line_after_a_headings_verb_names_the_speaker() -> None:
    found = speakers("Analysts agree - Nora Brandt: “The harbour vote was decided by the ferry workers.”")
    assert found == [("The harbour vote was decided by the ferry workers.", "Nora Brandt")]


def test_the_apposition_of_a_name_in_an_opening_phrase_is_no_subject() -> None:
    found = speakers("Introduced by Ann Lee, the harbour master and a ferry owner, Tom Reed opened with a plea for "
                     "“calmer waters in the bay.”")
    assert found == [("calmer waters in the bay.", "Tom Reed")]


def test_a_party_tag_between_a_name_and_its_verb_leaves_the_name_the_subject() -> None:
    found = speakers("But Sen. Tom Reed (R-Ohio) refused to back the plan, responding that it is “a gift to the gulls.”")
    assert found == [("a gift to the gulls.", "Tom Reed")]


def test_since_after_has_is_an_adverb_not_a_subordinate_clause() -> None:
    found = speakers("Ann Lee has since apologized for the delay: “I should have told the ferry crews sooner.”")
    assert found == [("I should have told the ferry crews sooner.", "Ann Lee")]


def test_as_a_writing_noted_credits_the_clause_after_it() -> None:
    found = speakers("But as the Harbour Gazette tabloid noted in an editorial, the new quay “has drawn few boats.”")
    assert found == [("has drawn few boats.", "the Harbour Gazette tabloid")]


def test_a_source_speaking_to_an_outlet_speaks_not_the_outlet() -> None:
    found = speakers("Another harbour source speaking to Radio Nine said, “The quay will close in May.”")
    assert found == [("The quay will close in May.", "Another harbour source")]


def test_the_owner_of_a_claim_that_frames_the_quote_said_it() -> None:
    found = speakers("Tom Reed runs the ferry.", "Critics seized on Ann Lee’s claim that the quay is “safe for any boat.”")
    assert found == [("safe for any boat.", "Ann Lee")]


def test_a_possessive_pronoun_owns_the_remark_it_frames() -> None:
    found = speakers("Ann Lee chairs the harbour trust.",
                     "The union was angered by her remark that the ferry crews were “paid to sit around.”")
    assert found == [("paid to sit around.", "Ann Lee")]


def test_a_quote_between_its_owner_and_a_speech_noun_is_the_owners() -> None:
    found = speakers("Tom Reed’s “quay for all” promise won him the harbour vote.")
    assert found == [("quay for all", "Tom Reed")]


def test_a_response_its_owner_gave_after_a_copula_and_a_colon() -> None:
    found = speakers("Ann Lee’s response was: “The quay stays open.”")
    assert found == [("The quay stays open.", "Ann Lee")]


def test_a_noun_that_is_no_speech_frames_no_owner() -> None:
    found = speakers("Tom Reed sells boats.", "Voters liked Tom Reed’s boat that was painted “harbour blue.”")
    assert found == [("harbour blue.", None)]


def test_remembered_after_a_quote_is_an_inverted_reporting_verb() -> None:
    found = speakers("“Nobody wanted the quay back then,” remembered Tom Reed, the old harbour master.")
    assert found == [("Nobody wanted the quay back then,", "Tom Reed")]


def test_pondering_aloud_is_a_reporting_verb_past_its_question_word() -> None:
    found = speakers("Ann Lee pondered who, without the ferry, might “speak for the harbour.”")
    assert found == [("speak for the harbour.", "Ann Lee")]


def test_a_sentence_with_a_subject_of_its_own_does_not_carry_the_paragraphs_speaker() -> None:
    found = speakers("“The quay is lost,” Tom Reed said. Gallup found in March that the ferry is “running "
                     "at a loss.”")
    assert found[1] == ("running at a loss.", None)


def test_a_sentence_with_the_pronoun_of_the_speaker_carries_the_paragraphs_speaker() -> None:
    found = speakers("“The quay is lost,” Tom Reed said. Later he argued for a plan to “bring the boats back.”")
    assert found[1] == ("bring the boats back.", "Tom Reed")


def test_when_asked_has_no_subject_so_the_verb_before_it_attributes() -> None:
    found = speakers("Tom Reed met Ann Lee, who told the board when asked about the quay: “It will reopen in May.”")
    assert found == [("It will reopen in May.", "Ann Lee")]


def test_a_lower_case_title_before_the_names_leaves_room_for_their_home() -> None:
    found = speakers("“The quay is sinking,” harbour engineers Ann Lee and Nora Brandt of the Institute for Tides and "
                     "Coastal Works wrote in March.")
    assert found[0][1] in ("Ann Lee", "Nora Brandt")


def test_a_title_with_of_before_a_name_after_an_inverted_verb() -> None:
    found = speakers("“Welcome to the harbour,” said master of ceremonies Tom Reed, a retired ferry captain.")
    assert found == [("Welcome to the harbour,", "Tom Reed")]


def test_a_name_in_apposition_after_a_description_is_the_subject() -> None:
    found = speakers("Another critic, Nora Brandt, likened the plan to “sinking the harbour on purpose.”")
    assert found == [("sinking the harbour on purpose.", "Nora Brandt")]


def test_the_agent_of_a_passive_label_gave_it() -> None:
    found = speakers("The ferry plan has been called “a folly” by Nora Brandt, a harbour engineer, and few defend it.")
    assert found == [("a folly", "Nora Brandt")]


def test_a_passive_question_names_no_asker_as_its_speaker() -> None:
    found = speakers("Tom Reed was asked by the harbour board whether he would “sell the ferry.”")
    assert found == [("sell the ferry.", None)]


def test_a_justice_heads_a_speaker_and_related_reports() -> None:
    found = speakers("In an interview, the justice sounded off on the plan, saying she did not “want to contemplate” "
                     "a new quay.", "The harbour master further related that the storm had come early. “We lost three "
                     "boats in an hour.”")
    assert [s for _, s in found] == ["the justice", "the harbour master"]


def test_a_quoted_word_after_the_verb_leaves_the_clause_its_subject() -> None:
    found = speakers("Tom Reed shared a syllabus for a class called “Tides” on his page, writing “Allow me to explain "
                     "the course.”")
    assert found == [("Allow me to explain the course.", "Tom Reed")]


def test_a_subject_before_another_clauses_quote_is_no_subject_of_this_one() -> None:
    found = speakers("One sign read “No quay,” a slogan printed on shirts worn by “harbour friends.”")
    assert found == [("No quay,", None), ("harbour friends.", None)]


def test_a_question_introduced_by_a_comma_ends_its_sentence() -> None:
    found = speakers("Ann Lee responds to Tom Reed with, “Why now? Why the quay?” Reed then writes back, “Because the "
                     "boats are gone.”")
    assert found == [("Why now? Why the quay?", "Ann Lee"), ("Because the boats are gone.", "Tom Reed")]


def test_a_participle_hangs_on_the_attribution_before_it_past_its_setting() -> None:
    found = speakers("Ferry owners have gone quiet, Tom Reed suggested at a harbour dinner Tuesday, musing why they "
                     "are not “out in the bay.”")
    assert found == [("out in the bay.", "Tom Reed")]


def test_a_heckler_speaks_in_the_clause_after_as() -> None:
    found = speakers("“Somebody is having a bad day,” Tom Reed said as the heckler yelled: “Sink the quay!”")
    assert found[1] == ("Sink the quay!", "the heckler")


def test_with_and_a_noun_phrase_give_a_participle_its_own_subject() -> None:
    found = speakers("Tom Reed tried to tie the mayor to the closure, with one of his ads asking, “Who sank the quay?”")
    assert found == [("Who sank the quay?", "one of his ads")]


def test_a_no_break_space_after_the_quote_keeps_the_inverted_verb_next_to_it() -> None:
    found = speakers("Tom Reed chairs the panel. “The report is plain,”\u00a0added Reed.")
    assert found == [("The report is plain,", "Tom Reed")]


def test_a_writing_speaks_as_a_relatives_subject_and_with_an_owner() -> None:
    found = speakers("Tom Reed criticized the ferry plan, which a state inquiry said was “badly rushed.”",
                     "However, Ann Lee's brief said the reports were “misread statements.”")
    assert [s for _, s in found] == ["a state inquiry", "Ann Lee's brief"]
