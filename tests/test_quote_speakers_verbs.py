"""Speakers named by reporting verbs and clauses beyond the plain "X said": base forms after a plural subject or a
modal, nouns of people and writings beyond jobs, the owner of a remark ("her claim that ..."), a passive label's agent,
titles and appositions around a name, and a quote whose sentence has a subject of its own. One row a rule, its id
saying the rule; every sentence is written for these tests."""

from __future__ import annotations

import pytest

from generator.extract.quotes import find_quotes
from generator.models import Block

# (paragraphs, the speaker of each quote in order)
CASES = [
    pytest.param(
        ['Harbour master Tom Reed - who once said he would "sink the ferry" himself - spoke on Monday.'],
        ["Tom Reed"],
        id="a relative clause set off by a dash speaks for the name before it",
    ),
    pytest.param(
        ['Harbour master Tom Reed -- who once said he would "sink the ferry" himself -- spoke on Monday.'],
        ["Tom Reed"],
        id="a relative clause set off by a double hyphen speaks for the name before it",
    ),
    pytest.param(
        ["“The quay will reopen in spring,” the harbour workers state in their newsletter."],
        ["the harbour workers"],
        id="a base form after a plural subject is the reporting verb",
    ),
    pytest.param(
        ["Asked about the closed bridge, a ferry spokesman could only quip: “Bring a boat.”"],
        ["a ferry spokesman"],
        id="a base form after a subject and a modal is the reporting verb",
    ),
    pytest.param(
        ["“Bring a boat,” a ferry spokesman could only quip."],
        ["a ferry spokesman"],
        id="a subject and a modal after the quote name its speaker",
    ),
    pytest.param(
        ["Tom Reed spoke for an hour, stating that the town should formally declare war on the gulls that have "
         "“taken the quay.”"],
        ["Tom Reed"],
        id="a verb after a modal in a reported clause is no cue",
    ),
    pytest.param(
        ["Tom Will runs the ferry. “The quay is lost,” Will wrote."],
        ["Tom Will"],
        id="a capitalised will is a surname not a modal",
    ),
    pytest.param(
        ["“The quay stays closed,” which would answer the question, Tom Reed wrote in a memo."],
        ["Tom Reed"],
        id="a base form after a relative and a modal names nobody",
    ),
    pytest.param(
        ["Most voters polled back the plan, while 31 percent call it “a waste of harbour money.”"],
        ["31 percent"],
        id="a share of those polled speaks with a base form",
    ),
    pytest.param(
        ["One operative inside the campaign played down the row, saying it was “nothing to worry about.”"],
        ["one operative"],
        id="a person noun beyond jobs heads a speaker",
    ),
    pytest.param(
        ["Analysts agree - Nora Brandt: “The harbour vote was decided by the ferry workers.”"],
        ["Nora Brandt"],
        id="a credit line after a headings verb names the speaker",
    ),
    pytest.param(
        ["Introduced by Ann Lee, the harbour master and a ferry owner, Tom Reed opened with a plea for “calmer "
         "waters in the bay.”"],
        ["Tom Reed"],
        id="the apposition of a name in an opening phrase is no subject",
    ),
    pytest.param(
        ["But Sen. Tom Reed (R-Ohio) refused to back the plan, responding that it is “a gift to the gulls.”"],
        ["Tom Reed"],
        id="a party tag between a name and its verb leaves the name the subject",
    ),
    pytest.param(
        ["Ann Lee has since apologized for the delay: “I should have told the ferry crews sooner.”"],
        ["Ann Lee"],
        id="since after has is an adverb not a subordinate clause",
    ),
    pytest.param(
        ["But as the Harbour Gazette tabloid noted in an editorial, the new quay “has drawn few boats.”"],
        ["the Harbour Gazette tabloid"],
        id="as a writing noted credits the clause after it",
    ),
    pytest.param(
        ["Another harbour source speaking to Radio Nine said, “The quay will close in May.”"],
        ["Another harbour source"],
        id="a source speaking to an outlet speaks not the outlet",
    ),
    pytest.param(
        ["Tom Reed runs the ferry.",
         "Critics seized on Ann Lee’s claim that the quay is “safe for any boat.”"],
        ["Ann Lee"],
        id="the owner of a claim that frames the quote said it",
    ),
    pytest.param(
        ["Ann Lee chairs the harbour trust.",
         "The union was angered by her remark that the ferry crews were “paid to sit around.”"],
        ["Ann Lee"],
        id="a possessive pronoun owns the remark it frames",
    ),
    pytest.param(
        ["Tom Reed’s “quay for all” promise won him the harbour vote."],
        ["Tom Reed"],
        id="a quote between its owner and a speech noun is the owners",
    ),
    pytest.param(
        ["Ann Lee’s response was: “The quay stays open.”"],
        ["Ann Lee"],
        id="a response its owner gave after a copula and a colon",
    ),
    pytest.param(
        ["Tom Reed sells boats.",
         "Voters liked Tom Reed’s boat that was painted “harbour blue.”"],
        [None],
        id="a noun that is no speech frames no owner",
    ),
    pytest.param(
        ["“Nobody wanted the quay back then,” remembered Tom Reed, the old harbour master."],
        ["Tom Reed"],
        id="remembered after a quote is an inverted reporting verb",
    ),
    pytest.param(
        ["Ann Lee pondered who, without the ferry, might “speak for the harbour.”"],
        ["Ann Lee"],
        id="pondering aloud is a reporting verb past its question word",
    ),
    pytest.param(
        ["“The quay is lost,” Tom Reed said. Gallup found in March that the ferry is “running at a loss.”"],
        ["Tom Reed", None],
        id="a sentence with a subject of its own does not carry the paragraphs speaker",
    ),
    pytest.param(
        ["“The quay is lost,” Tom Reed said. Later he argued for a plan to “bring the boats back.”"],
        ["Tom Reed", "Tom Reed"],
        id="a sentence with the pronoun of the speaker carries the paragraphs speaker",
    ),
    pytest.param(
        ["Tom Reed met Ann Lee, who told the board when asked about the quay: “It will reopen in May.”"],
        ["Ann Lee"],
        id="when asked has no subject so the verb before it attributes",
    ),
    pytest.param(
        ["“The quay is sinking,” harbour engineers Ann Lee and Nora Brandt of the Institute for Tides and Coastal "
         "Works wrote in March."],
        ["Nora Brandt"],
        id="a lower case title before the names leaves room for their home",
    ),
    pytest.param(
        ["“Welcome to the harbour,” said master of ceremonies Tom Reed, a retired ferry captain."],
        ["Tom Reed"],
        id="a title with of before a name after an inverted verb",
    ),
    pytest.param(
        ["Another critic, Nora Brandt, likened the plan to “sinking the harbour on purpose.”"],
        ["Nora Brandt"],
        id="a name in apposition after a description is the subject",
    ),
    pytest.param(
        ["The ferry plan has been called “a folly” by Nora Brandt, a harbour engineer, and few defend it."],
        ["Nora Brandt"],
        id="the agent of a passive label gave it",
    ),
    pytest.param(
        ["Tom Reed was asked by the harbour board whether he would “sell the ferry.”"],
        [None],
        id="a passive question names no asker as its speaker",
    ),
    pytest.param(
        ["In an interview, the justice sounded off on the plan, saying she did not “want to contemplate” a new "
         "quay.",
         "The harbour master further related that the storm had come early. “We lost three boats in an hour.”"],
        ["the justice", "the harbour master"],
        id="a justice heads a speaker and related reports",
    ),
    pytest.param(
        ["Tom Reed shared a syllabus for a class called “Tides” on his page, writing “Allow me to explain the "
         "course.”"],
        ["Tom Reed"],
        id="a quoted word after the verb leaves the clause its subject",
    ),
    pytest.param(
        ["One sign read “No quay,” a slogan printed on shirts worn by “harbour friends.”"],
        [None, None],
        id="a subject before another clauses quote is no subject of this one",
    ),
    pytest.param(
        ["Ann Lee responds to Tom Reed with, “Why now? Why the quay?” Reed then writes back, “Because the boats "
         "are gone.”"],
        ["Ann Lee", "Tom Reed"],
        id="a question introduced by a comma ends its sentence",
    ),
    pytest.param(
        ["Ferry owners have gone quiet, Tom Reed suggested at a harbour dinner Tuesday, musing why they are not "
         "“out in the bay.”"],
        ["Tom Reed"],
        id="a participle hangs on the attribution before it past its setting",
    ),
    pytest.param(
        ["“Somebody is having a bad day,” Tom Reed said as the heckler yelled: “Sink the quay!”"],
        ["Tom Reed", "the heckler"],
        id="a heckler speaks in the clause after as",
    ),
    pytest.param(
        ["Tom Reed tried to tie the mayor to the closure, with one of his ads asking, “Who sank the quay?”"],
        ["one of his ads"],
        id="with and a noun phrase give a participle its own subject",
    ),
    pytest.param(
        ["Tom Reed chairs the panel. “The report is plain,”\xa0added Reed."],
        ["Tom Reed"],
        id="a no break space after the quote keeps the inverted verb next to it",
    ),
    pytest.param(
        ["Tom Reed criticized the ferry plan, which a state inquiry said was “badly rushed.”",
         "However, Ann Lee's brief said the reports were “misread statements.”"],
        ["a state inquiry", "Ann Lee's brief"],
        id="a writing speaks as a relative's subject and with an owner",
    ),
    pytest.param(
        ["The Gazette made the same claims in May, and Radio Nine responded:", "“The quay was never closed.”"],
        ["Radio Nine"],
        id="a paragraph's last clause after and introduces the quote below",
    ),
    pytest.param(
        ["Of course, as Nora Brandt of the Harbour Trust observed, the winner was the ferry itself:",
         "“Nobody came for the speeches.”"],
        ["Nora Brandt"],
        id="as and a name introduce the quote below",
    ),
    pytest.param(
        ["When the board yielded to temptation—and how tempting it was!— Tom Reed called them on it:",
         "“You have sold the quay.”"],
        ["Tom Reed"],
        id="a subject after a dash introduces the quote below",
    ),
]


@pytest.mark.parametrize("paragraphs,expected", CASES)
def test_the_speaker_of_each_quote(paragraphs: list[str], expected: list[str | None]) -> None:
    assert [q.speaker for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))] == expected


def test_a_preposition_opening_the_sentence_is_no_part_of_a_name() -> None:
    blocks = [Block("paragraph", "Alongside NPA calls for action, even a senior party strategist said Ann Lee must "
                                 "choose, saying, “At some point, she is going to have to come out.”")]
    assert [q.speaker for q in find_quotes(blocks)] == ["a senior party strategist"]


def test_a_sentence_ending_in_a_described_name_and_a_colon_hands_over_to_that_name() -> None:
    blocks = [Block("paragraph", "The surge does not surprise harbour pollster Dan Shaw: “Late swings are the rule "
                                 "in this town.”")]
    assert [q.speaker for q in find_quotes(blocks)] == ["Dan Shaw"]


def test_one_word_after_a_run_in_headings_dash_credits_the_quote() -> None:
    blocks = [Block("paragraph", "Polls overhyped in the harbour race - Pollwatch: “Pollsters are taking a lot of heat "
                                 "for the upset.”")]
    assert [q.speaker for q in find_quotes(blocks)] == ["Pollwatch"]


def test_a_participle_after_a_quote_ending_in_its_comma_hangs_on_the_clause() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((Block(
        "paragraph", "Tom Reed said the plan reminds him of the old song “Harbour Lights,” explaining, “It never "
                     "ends well for the boats.”"),))]
    assert found[-1] == ("It never ends well for the boats.", "Tom Reed")


def test_a_credit_line_with_a_title_in_lower_case_before_the_name() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "Harbour master Tom Reed:“Who told you that the quay was safe?”"),
        Block("paragraph", "Former chief of staff Ann Lee:“We learned that from the board.”")))]
    assert found == [("Who told you that the quay was safe?", "Tom Reed"),
                     ("We learned that from the board.", "Ann Lee")]


def test_a_person_noun_joined_by_in_to_the_words_describing_it_speaks() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "“You pay your harbour dues. So why didn’t Tom Reed pay his?” a narrator in the ad asks."),))]
    assert found == [("You pay your harbour dues. So why didn’t Tom Reed pay his?", "a narrator in the ad")]


def test_a_present_form_kept_for_after_quotes_is_a_verb_right_after_a_name_before_one() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "Tom Reed wrote a column on the harbour."),
        Block("paragraph", "While Reed proclaims the plan a “bold step for the town,” Ann Lee worries about its "
                           "cost."),))]
    assert found == [("bold step for the town,", "Tom Reed")]


def test_a_plural_noun_after_a_name_is_no_speech_verb() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "The board has marked 22 Reed emails as “secret” and will not release them."),))]
    assert found == []


def test_a_speech_verb_before_an_earlier_quote_and_a_new_clause_is_not_the_later_quotes() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "While Tom Reed proclaims the plan a “bold and clever idea,” Ann Lee fixates on the "
                           "“cost” of it."),))]
    assert found == [("bold and clever idea,", "Tom Reed")]


def test_a_credit_line_from_an_owned_writing() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "Aides say the mayor plans to back Tom Reed. From Lee's Facebook post: “For the sake of our "
                           "town, we must move on.”"),))]
    assert found == [("For the sake of our town, we must move on.", "Lee's Facebook post")]


def test_people_after_an_inverted_verb_described_by_the_quoted_title_of_their_work() -> None:
    found = [(q.text, q.speaker) for q in find_quotes((
        Block("paragraph", "Tom Reed spoke at the harbour."),
        Block("paragraph", "“If we want the boats back, we have to pay,” wrote the authors of the “Harbour Plan,” "
                           "giving the example of the ferry."),))]
    assert found[0] == ("If we want the boats back, we have to pay,", "the authors")
