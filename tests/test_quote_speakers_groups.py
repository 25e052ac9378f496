"""Speakers a newsroom names without a plain name and speech verb: bodies, poll shares, "one" and "another", surnames
that are ordinary words, a subordinate clause before the main one, a paraphrase or a put question before the quote."""

from __future__ import annotations

from generator.extract.quotes import find_quotes
from generator.models import Block


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_a_named_body_after_a_determiner_speaks_through_a_participle() -> None:
    found = speakers("The Harbour Board released a statement on Friday, saying the dredging plan is “a danger to "
                     "every boat in the bay.”")
    assert found == [("a danger to every boat in the bay.", "the Harbour Board")]


def test_a_name_describing_a_common_noun_is_no_body_that_speaks() -> None:
    found = speakers("The Gold Coast ferry brought more tourists, calling the summer “the best in a decade.”")
    assert found == [("the best in a decade.", None)]


def test_a_surname_that_is_an_ordinary_word_names_the_person_given_it() -> None:
    found = speakers("Ann Still founded the harbour trust in 1990.",
                     "“Nobody wanted the quay back then,” Still said. “Now everyone claims it.”")
    assert [s for _, s in found] == ["Ann Still", "Ann Still"]


def test_an_ordinary_word_nobody_is_named_by_gives_no_speaker() -> None:
    found = speakers("Tom Reed runs the ferry.", "“The quay is closed for the winter,” Still said.")
    assert found == [("The quay is closed for the winter,", None)]


def test_another_after_one_voter_is_another_voter() -> None:
    found = speakers("Voters on the quay were split. “The harbour is dying,” one voter said. “The quay is a joke "
                     "and always was,” another said.")
    assert found == [("The harbour is dying,", "one voter"), ("The quay is a joke and always was,", "another voter")]


def test_one_and_another_alone_are_unnamed_speakers() -> None:
    found = speakers("Fishermen at the harbour disagreed. “I like the new quay,” said one. “I will take advice "
                     "from Nora Brandt,” said another.")
    assert [s for _, s in found] == ["one", "another"]


def test_another_after_a_named_speaker_is_no_speaker() -> None:
    found = speakers("Nora Brandt said, “The quay is ours.”", "Another wrote, “Not for long.”")
    assert found == [("The quay is ours.", "Nora Brandt"), ("Not for long.", None)]


def test_one_of_several_does_not_speak_on_where_the_reporter_names_someone_else() -> None:
    found = speakers("Banners lined the quay. “Save our harbour,” read one. “No more tolls,” was the next.")
    assert found == [("Save our harbour,", "one"), ("No more tolls,", None)]


def test_a_participle_after_a_closing_speech_verb_is_that_speakers() -> None:
    found = speakers("Tom Reed and Ann Lee will meet at the harbour next week, Nora Brandt said, adding, “It is a "
                     "good start for the quay.”")
    assert found == [("It is a good start for the quay.", "Nora Brandt")]


def test_a_polls_share_of_those_asked_speaks() -> None:
    found = speakers("Asked whether the quay would reopen, 21 percent said “not too likely” and 14 percent said "
                     "“not at all likely.”")
    assert found == [("not too likely", "21 percent"), ("not at all likely.", "14 percent")]


def test_a_figure_in_another_clause_is_no_share_that_speaks() -> None:
    found = speakers("The harbour fee rose 40 percent, said Nora Brandt, calling it “a waste of money.”")
    assert found == [("a waste of money.", "Nora Brandt")]


def test_an_outlet_named_before_its_kind_speaks_after_an_inverted_verb() -> None:
    found = speakers("“The ferry has already left the quay,” wrote Harbour magazine.")
    assert found == [("The ferry has already left the quay,", "Harbour magazine")]


def test_a_month_after_a_first_name_is_a_surname() -> None:
    found = speakers("“The quay is far from finished,” columnist Mei Jun wrote in the Gazette.")
    assert found == [("The quay is far from finished,", "Mei Jun")]


def test_a_quote_broken_by_a_dashed_aside_has_one_speaker() -> None:
    found = speakers("Tom Reed spoke first. “The quay” — the one that burned in May — “will be rebuilt by spring,” "
                     "Nora Brandt said.")
    assert found == [("The quay", "Nora Brandt"), ("will be rebuilt by spring,", "Nora Brandt")]


def test_a_paraphrase_closed_by_its_attribution_speaks_on_in_the_next_sentence() -> None:
    found = speakers("Nora Brandt runs the ferry. The old quay is lost for good, she said. Only a new one will bring "
                     "“the boats back to Norvale.”")
    assert found == [("the boats back to Norvale.", "Nora Brandt")]


def test_a_sentence_with_a_speech_verb_of_its_own_takes_no_paraphrase_speaker() -> None:
    found = speakers("Nora Brandt runs the ferry. The old quay is lost for good, she said. The harbour trust issued "
                     "a statement saying it was “a sad day.”")
    assert found == [("a sad day.", None)]


def test_a_speech_verb_in_a_subordinate_clause_leaves_the_quote_to_the_main_clause() -> None:
    found = speakers("When Gov. Tom Reed criticized the ferry plan during a debate, Nora Brandt shot back, “I will not "
                     "take that from you.”")
    assert found == [("I will not take that from you.", "Nora Brandt")]


def test_a_pronoun_after_a_subordinate_clause_is_its_subject_again() -> None:
    found = speakers("When Tom Reed announced his plan in June, he referred to the quay as “a ruin.”")
    assert found == [("a ruin.", "Tom Reed")]


def test_a_quote_in_the_question_put_to_the_subject_is_nobodys_it_names() -> None:
    found = speakers("Asked whether the quay is “fit to serve the town for another decade,” 75 percent of voters "
                     "said yes.")
    assert found == [("fit to serve the town for another decade,", None)]


def test_the_two_named_before_speak_together() -> None:
    found = speakers("Tom Reed and Nora Brandt wrote to the board. “The quay must stay open,” the two write.")
    assert found == [("The quay must stay open,", "the two")]


def test_an_inverted_attribution_inside_brackets_names_its_speaker() -> None:
    found = speakers("The vote went on. (“I do not want a fight over the quay,” said one harbour activist.)")
    assert found == [("I do not want a fight over the quay,", "one harbour activist")]


def test_a_pronoun_taken_up_past_an_opening_phrase_resolves_to_the_latest_person_of_its_gender() -> None:
    found = speakers("I met with Ed Harlow and Senator Tom Reed in his office to discuss the harbour.",
                     "Dismayed by the long delays, he plans to back a new ferry line this year.",
                     "“What matters is that we keep the quay alive,” he told me.")
    assert found == [("What matters is that we keep the quay alive,", "Tom Reed")]


def test_branding_something_is_a_speech_act_of_its_subject() -> None:
    found = speakers("Norway branded the new quay an “outlaw harbour.”")
    assert found == [("outlaw harbour.", "Norway")]
