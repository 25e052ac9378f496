"""Attribution rules for quotes no speech verb right beside them attributes, on invented sentences (issue 4)."""

from __future__ import annotations

import pytest

from generator.extract.quotes import find_quotes
from generator.models import Block

CONTEXT = Block("paragraph", "Jane Smith, the mayor, spoke on Monday about the city.")


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in find_quotes((CONTEXT, *(Block("paragraph", p) for p in paragraphs)))]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # "told" is followed by the listener, never by the speaker
        ("“The ferry runs late every second Tuesday,” Ann Lee, 57, told a cyclist passing by.", "Ann Lee"),
        ("Tom Reed later told Radio Nine: “The bridge will be finished before the winter.”", "Tom Reed"),
        # the words after an inverted verb name a place or a topic when they open with a preposition
        ("“The gulls have taken over the old pier,” Tom Reed, 66, said on Morning Call.", "Tom Reed"),
        # more verbs come before their subject right after a quote
        ("“The lighthouse needs a new coat of paint,” declared Ann Lee, 29, of Meridian.", "Ann Lee"),
        ("“The tide tables were printed wrong,” said former governor Tom Reed (D), a Smith ally.", "Tom Reed"),
        ("“The bridge has been a long story for the town,” Tom Reed and Ann Lee wrote.", "Ann Lee"),
        # a description opening the sentence is the subject, a relative clause between it and its verb
        ("The Harbour Trust, which is airing an ad, argues that “only a new bridge can save the harbour.”",
         "the Harbour Trust"),
        # a second verb of the same subject: "X did this and said ..."
        ("Tom Reed, the harbour chief, stressed his record and said he has what the job needs: “Patience, and "
         "a good boat.”", "Tom Reed"),
        # a name that qualifies a noun is not the speaker
        ("A Reed campaign aide said the regatta was “cancelled for the third year running.”", "a Reed campaign aide"),
        # a verb before its subject only right before the quote: "said Tom Reed:", not "said the loss was"
        ("The first page said the regatta was “cancelled for the third year running.”", None),
    ],
)
def test_speech_verb_attributions(text: str, speaker: str) -> None:
    assert speakers("Tom Reed, the harbour chief, came too.", text)[-1] == speaker


@pytest.mark.parametrize(
    "text,speaker",
    [
        # newsrooms credit a quote to the subject of its clause even when the verb is no speech verb
        ("Tom Reed bemoaned the “hate and anger that fill the town these days.”", "Tom Reed"),
        ("The retired judge pondered the “slow death of the harbour and of its trade.”", "the retired judge"),
        ("But Tom Reed issued a note saying the ferry is late “on most mornings of the week.”", "Tom Reed"),
        # the subject is not the speaker when it only owns the subject, or the quote sits in another clause
        ("Tom Reed's latest plan unleashed a wave of letters, from hopes he will lift the harbour “out of its slump.”",
         None),
        ("Ann Lee met Tom Reed, who dismissed the bridge as “a disaster waiting to happen.”", None),
        # a capitalised word as subject is no person
        ("Bridges remain “the ultimate public works headache” for the council.", None),
    ],
)
def test_clause_subject(text: str, speaker: str | None) -> None:
    assert speakers("Tom Reed, the harbour chief, came too. Ann Lee came later.", text)[-1] == speaker


def test_attribution_sentence_after_a_quote_ending_in_a_full_stop() -> None:
    assert speakers("“The nets were full by noon, and the boats came home early.” Tom Reed said.") == ["Tom Reed"]
    assert speakers("“The nets were full.” Tom Reed said on Monday.") == ["Tom Reed"]


@pytest.mark.parametrize(
    "introduction,speaker",
    [
        ("Tom Reed said the bridge would not be finished before the end of the year.", "Tom Reed"),
        ("The Daily Planet reports:", "Daily Planet"),
        ("If anything, Tom Reed argued in his email, the delay shows why the rules must change.", "Tom Reed"),
        # no speech verb, no speaker: the quote standing alone stays unattributed
        ("The council met on Friday to discuss the bridge.", None),
    ],
)
def test_quote_standing_alone_after_a_paragraph_introducing_its_speaker(introduction: str, speaker: str | None) -> None:
    assert speakers(introduction, "“We have run out of money, and the river keeps rising.”") == [speaker]


@pytest.mark.parametrize(
    "text,expected",
    [
        # one word in quotes is a quote when a speech verb gives it a speaker, else a scare quote
        ("Tom Reed insisted it was “pointless” to paint the pier.", [("pointless", "Tom Reed")]),
        ("Asked which boat he would sell, Tom Reed said, “Neither.”", [("Neither.", "Tom Reed")]),
        ("The plan drew a “backlash” from the harbour.", []),
        ("Tom Reed dismissed the so-called “deal” on Friday.", []),
    ],
)
def test_one_word_quotes(text: str, expected: list[tuple[str, str]]) -> None:
    blocks = (CONTEXT, Block("paragraph", "Tom Reed, the harbour chief, came too."), Block("paragraph", text))
    assert [(q.text, q.speaker) for q in find_quotes(blocks)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # an age or a party tag between the subject and its verb is no speaker
        "Tom Reed, R-Ohio, called the plan “a waste of public money.”",
        "“The plan is a waste of public money,” Tom Reed, R-Ohio, said.",
        "Majority Leader Tom Reed, R-Ohio, delivered a blunt message to the board: “Stop blocking the bridge.”",
        # an apposition opening with a person noun rather than a determiner
        "Tom Reed, co-founder of the harbour trust, welcomed “the end of a very long wait.”",
    ],
)
def test_the_subject_of_a_quote_without_speech_verb_past_its_apposition(text: str) -> None:
    assert speakers(text)[-1] == "Tom Reed"


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the speech verb nearest the quote is a noun ("stress tests"): the earlier one speaks
        ("Halloran says she would make every bank pass its stress tests or face “a very large fine.”", "Halloran"),
        ("Halloran said the pier would stay open, but said “the old ferry has to go.”", "Halloran"),
        # an infinitive ("to further explain") has no subject of its own either
        ("Halloran said she wants the board to further explain the plan because there is “no money left.”",
         "Halloran"),
        # the nearest one belongs to a relative clause of its own ("anybody who complains")
        ("Tom Reed mocked the plan, saying anybody who complains about the pier is “living in the past.”",
         "Tom Reed"),
        # but a verb with a subject of its own is never passed over for an earlier one: the audit speaks, not Reed
        ("Tom Reed praised the board, which the village audit said was “very badly run.”", "the village audit"),
    ],
)
def test_an_earlier_speech_verb_speaks_when_the_nearest_has_no_subject(text: str, speaker: str | None) -> None:
    assert speakers(text)[-1] == speaker


@pytest.mark.parametrize(
    "paragraphs,speaker",
    [
        # the sentence before a quote standing alone names who goes on, its verb hanging on its clause
        (("Halloran backed the plan by saying it would save the harbour.", "“We cannot wait another year.”"),
         "Halloran"),
        # or inverted after the words it reports
        (("The vote will be close, said Halloran.", "“We cannot wait another year.”"), "Halloran"),
    ],
)
def test_the_sentence_before_a_quote_standing_alone(paragraphs: tuple[str, ...], speaker: str) -> None:
    assert speakers(*paragraphs)[-1] == speaker


@pytest.mark.parametrize(
    "text,speaker",
    [
        # a relative aside between the subject and its verb
        ("Tom Reed, who chairs the harbour board, dismissed the plan as “a waste of public money.”", "Tom Reed"),
        # a passive subject undergoes what the quote names, it does not say it
        ("Tom Reed, who chairs the harbour board, was treated for a “rare lung disease” in May.", None),
    ],
)
def test_a_clause_subject_past_a_relative_aside(text: str, speaker: str | None) -> None:
    assert speakers(text)[-1] == speaker


@pytest.mark.parametrize(
    "text,speaker",
    [
        # right after a quote any finite speech verb comes before its subject
        ("“The pier is older than the town,” agrees Ann Lee, 30, of Norvale.", "Ann Lee"),
        ("“Walk along the pier at dawn,” advises harbour guide Ann Lee.", "Ann Lee"),
        # but what follows a verb that is no inverted one must be able to speak: "her record" cannot
        ("Tom Reed called the plan “terrible,” denounced her record and left.", "Tom Reed"),
    ],
)
def test_a_speech_verb_right_after_the_quote_comes_before_its_subject(text: str, speaker: str) -> None:
    assert speakers(text)[-1] == speaker


@pytest.mark.parametrize(
    "text,speaker",
    [
        # a writing opening the clause speaks for its authors
        ("The lawsuit targets a “rigged harbour board that ignores the town.”", "the lawsuit"),
        # a second clause with its own subject holds the quote, and that subject speaks
        ("Tom Reed will call it a delay and Ann Lee will accuse him of “a cover-up of the accounts.”", "Ann Lee"),
        ("Tom Reed, the harbour chief, met the board and she dismissed the plan as “a cover-up of the "
         "accounts.”", "Jane Smith"),
        ("Tom Reed and Ann Lee have dismissed the plan as “a waste of public money.”", "Tom Reed"),
    ],
)
def test_the_subject_of_the_clause_holding_the_quote(text: str, speaker: str | None) -> None:
    assert speakers(text)[-1] == speaker


def test_spoke_introduces_the_quote_standing_alone_after_it() -> None:
    assert speakers("Halloran spoke only in slogans during the interview.",
                    "“We have to be a lot tougher on the harbour board.”")[-1] == "Halloran"


def test_spoke_before_a_comma_is_a_time_not_an_attribution() -> None:
    assert speakers("As Halloran spoke, the board voted down “the whole harbour plan.”")[-1] is None


@pytest.mark.parametrize(
    "text",
    [
        "“The harbour is full,” Ann Lee, the guide who founded the harbour trust tweeted on Monday.",
        "“The harbour is full,” Ann Lee, who chairs the harbour trust said in a statement.",
    ],
)
def test_a_relative_clause_inside_the_apposition_after_a_quote(text: str) -> None:
    assert speakers(text)[-1] == "Ann Lee"


def test_quotes_joined_before_the_speech_verb_share_its_speaker() -> None:
    found = find_quotes((CONTEXT, Block("paragraph", "The pier is “a danger to every swimmer” and “a stain on the "
                                                      "town,” Halloran, the harbour chief, told the council.")))
    assert [q.speaker for q in found] == ["Halloran", "Halloran"]
