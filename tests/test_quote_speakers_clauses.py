"""Speakers named before their speech verb across long appositions and reported clauses: the subject, not a name
inside the apposition or the reported clause."""

from __future__ import annotations

from generator.extract.quotes import find_quotes
from generator.models import Block


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(tuple(Block("paragraph", p) for p in paragraphs))]


def test_an_apposition_with_a_relative_clause_still_leads_to_its_name() -> None:
    found = speakers("Nora Brandt, a port engineer who worked for Mayor Tom Reed and later ran the dredging board, "
                     "said the new quay is “a gift to the whole valley.”")
    assert found == [("a gift to the whole valley.", "Nora Brandt")]


def test_a_relative_clause_on_an_organisation_in_the_apposition() -> None:
    found = speakers("Quinn Harlow, head of the Harbour Pilots Guild which represents 300 pilots, said the pilots "
                     "would “refuse every night shift.”")
    assert found == [("refuse every night shift.", "Quinn Harlow")]


def test_the_subject_of_an_inverted_speech_verb_is_the_antecedent_of_he() -> None:
    found = speakers("Tom Reed opened the harbour on Monday.",
                     "The quay will pay for itself within a decade, said Quinn Harlow, a port engineer at the "
                     "harbour. “We checked every figure twice,” he said.")
    assert found == [("We checked every figure twice,", "Quinn Harlow")]


def test_a_name_that_opens_a_reported_clause_after_said_is_no_antecedent() -> None:
    found = speakers("Quinn Harlow, a port engineer, said the city's Tom Reed should resign at once. “He never "
                     "read the plans,” he said.")
    assert found == [("He never read the plans,", "Quinn Harlow")]


def test_an_attribution_closing_the_sentence_credits_the_quotes_inside_its_paraphrase() -> None:
    found = speakers("Nora Brandt runs the ferry company. Bookings were “flat for a month or so” as tourists "
                     "waited to see how the “stormy summer” would end, she said.")
    assert found == [("flat for a month or so", "Nora Brandt"), ("stormy summer", "Nora Brandt")]


def test_an_inverted_attribution_closing_the_sentence_names_its_speaker() -> None:
    found = speakers("The toll would bring “years of misery” to the valley's small farms, said Quinn Harlow, an "
                     "economist at the port.")
    assert found == [("years of misery", "Quinn Harlow")]


def test_a_closing_attribution_with_a_clause_of_its_own_credits_nobody_else() -> None:
    found = speakers("Bookings were “flat and slow” as tourists waited to see how the summer would end for the many small "
                     "farms and shops of the valley, Quinn Harlow said that the port would close.")
    assert found == [("flat and slow", None)]


def test_the_state_after_a_town_is_no_speaker() -> None:
    found = speakers("Dana Whitfield, 41, of Dayton, Ohio, said the plant was “the heart of the town.”",
                     "Quinn Harlow, at a union hall in Lansing, Mich., said the strike would “go on for weeks.”")
    assert found == [("the heart of the town.", "Dana Whitfield"), ("go on for weeks.", "Quinn Harlow")]


def test_a_comma_inside_a_number_splits_no_apposition() -> None:
    found = speakers("Tom Reed, later claiming that the port had turned away 250,000 Canadians, said the harbour was "
                     "“half empty.”")
    assert found == [("half empty.", "Tom Reed")]


def test_a_plural_noun_that_is_also_a_speech_verb_names_no_speaker() -> None:
    found = speakers("The ferry company also released two posters it described as “summer promises” to tourists in "
                     "several coastal states, including one drawn by a local painter.")
    assert found == [("summer promises", "the ferry company")]


def test_a_present_tense_verb_right_after_a_quote_still_comes_before_its_subject() -> None:
    found = speakers("“The quay has more cracks than a dry riverbed,” reads an editorial in the Harbour Gazette.")
    assert found == [("The quay has more cracks than a dry riverbed,", "an editorial")]


def test_an_ad_speaks_for_its_makers() -> None:
    found = speakers("The union released a radio spot on Monday.", "The ad says “the night shift keeps the port alive.”")
    assert found == [("the night shift keeps the port alive.", "the ad")]


def test_a_name_after_a_preposition_is_no_subject_of_the_speech_verb() -> None:
    found = speakers("Another harbour official speaking to Channel Nine said, “The cranes have not moved in a week.”",
                     "Tom Reed answered the question on Facebook writing, “The quay will open in May.”")
    # the official speaks, never the channel spoken to
    assert found == [("The cranes have not moved in a week.", "Another harbour official"),
                     ("The quay will open in May.", "Tom Reed")]


def test_a_sentence_opening_with_a_past_participle_phrase_keeps_its_subject() -> None:
    found = speakers("Reached by phone, Tom Reed denied the plan, explaining that he had been “away all week.”")
    assert found == [("away all week.", "Tom Reed")]


def test_a_relative_without_a_comma_after_a_determined_name() -> None:
    found = speakers("They turned to the Norvale Harbour Trust which reported “forty sunken boats” in the bay.")
    assert found == [("forty sunken boats", "the Norvale Harbour Trust")]


def test_the_subject_of_a_passive_speech_verb_is_no_speaker() -> None:
    found = speakers("The vote set off a panic, and harbour chief Tom Reed was said to be “furious and tired” with "
                     "the mayor.", "Ann Lee was later asked about the “bridge to nowhere” plan.")
    assert found == [("furious and tired", None), ("bridge to nowhere", None)]


def test_a_name_in_apposition_to_an_opening_description_is_in_focus() -> None:
    found = speakers("Carly Moss and Dana Whitfield spoke first.",
                     "The club's executive director, Nora Brandt, said the dinner was booked a year ahead.",
                     "“It was a great success,” she said.")
    assert found == [("It was a great success,", "Nora Brandt")]


def test_lower_case_adjectives_of_a_description_keep_the_name_in_focus() -> None:
    found = speakers("Mary Moss and Tom Reed opened the session.",
                     "Democratic presidential front-runner Nora Brandt stretched the truth on Saturday, when she spoke "
                     "about Quinn Harlow.",
                     "“He is the best recruiter they have,” she said.")
    assert found == [("He is the best recruiter they have,", "Nora Brandt")]


def test_a_source_familiar_with_something_is_the_speaker_not_the_something() -> None:
    found = speakers("“The talks have stalled,” a harbour official familiar with the negotiations said on Monday.",
                     "Another source familiar with Reed’s thinking said, “He will try to make friends.”",
                     "A source close to Mayor Tom Reed said the plan was “dead in the water.”")
    assert found == [("The talks have stalled,", "a harbour official"), ("He will try to make friends.", "Another source"),
                     ("dead in the water.", "a source")]


def test_a_participle_aside_ending_in_a_quote_leaves_both_quotes_to_the_subject() -> None:
    found = speakers("Tom Reed, noting that the port's “quays are empty on weekdays,” added: “We need the ferries "
                     "back.”", "Quinn Harlow, warning that the “cranes are rusting,” said he was worried.")
    assert found == [("quays are empty on weekdays,", "Tom Reed"), ("We need the ferries back.", "Tom Reed"),
                     ("cranes are rusting,", "Quinn Harlow")]


def test_a_subject_with_an_owned_apposition_or_a_setting_before_its_verb() -> None:
    found = speakers("Tom Reed, Ann Lee’s former campaign manager, ripped the board for acting as “judge and jury” "
                     "in the case.", "Quinn Harlow, during a radio interview on Thursday, called the mayor “the "
                     "worst in years.”")
    assert found == [("judge and jury", "Tom Reed"), ("the worst in years.", "Quinn Harlow")]


def test_lower_case_words_of_a_description_before_a_name_belong_to_the_subject() -> None:
    found = speakers("Republican presidential front-runner Tom Reed defended his manager as a “very decent man” on "
                     "Tuesday.")
    assert found == [("very decent man", "Tom Reed")]


def test_a_question_a_colon_introduces_ends_its_sentence() -> None:
    found = speakers("Ann Lee, exasperated, famously replied: “What difference does it make?” Her critics cited it "
                     "for years.")
    assert found == [("What difference does it make?", "Ann Lee")]


def test_an_adverb_before_the_verb_after_an_aside_leaves_the_subject() -> None:
    found = speakers("Tom Reed, exasperated, famously said the quay was “beyond repair.”")
    assert found == [("beyond repair.", "Tom Reed")]


def test_a_verb_joined_by_and_inside_a_subordinate_clause_takes_that_clause_subject() -> None:
    found = speakers("Tom Reed described Mary Lopez as a “disgrace” after she attacked the harbour police and blamed "
                     "the floods on “poor planning” by the port.")
    assert found == [("disgrace", "Tom Reed"), ("poor planning", "Mary Lopez")]


def test_the_state_after_a_town_is_no_subject_of_a_verb_joined_by_and() -> None:
    found = speakers("A month later, Tom Reed paid a visit to the border in Laredo, Texas and explained why the "
                     "farmers were going to “love” him.")
    assert found == [("love", "Tom Reed")]


def test_an_inverted_speaker_with_a_relative_clause_holding_a_quote() -> None:
    found = speakers("Reed “was let off so lightly there is little left to do,” said a former harbour official who "
                     "led the inquiry and called the case “a lesser matter.”")
    assert found == [("was let off so lightly there is little left to do,", "a former harbour official"),
                     ("a lesser matter.", "a former harbour official")]


def test_the_owner_of_something_speaks_not_the_something() -> None:
    found = speakers("“We were fooled into coming here,” said one owner of a shop that sells shoes.")
    assert found == [("We were fooled into coming here,", "one owner of a shop")]


def test_a_paragraph_with_an_unattributed_quote_can_still_introduce_the_next() -> None:
    found = speakers("Tom Reed, who calls the plan a “fantasy,” spoke on Monday. Rather, Reed said, the harbour "
                     "needs a new board.", "“We have waited long enough for this. The ferries cannot wait.”")
    assert found[-1] == ("We have waited long enough for this. The ferries cannot wait.", "Tom Reed")


def test_a_pronoun_the_text_took_up_resolves_to_the_latest_person_of_its_gender() -> None:
    found = speakers("I met with Mary Lopez and Senator Tom Reed in his office to discuss the harbour.",
                     "He plans to back at least 100 candidates this year.",
                     "“What matters is that we keep the movement alive,” he told me.")
    assert found == [("What matters is that we keep the movement alive,", "Tom Reed")]


def test_a_name_in_a_sentence_about_he_is_not_the_he() -> None:
    found = speakers("The press met Ed Harlow on Monday.",
                     "He married last year and counts himself a devout Tom Reed supporter. He wrote a column too.",
                     "“The politics are so blatant,” he said.")
    assert found == [("The politics are so blatant,", None)]


def test_a_sentence_opening_with_here_keeps_its_subject() -> None:
    found = speakers("Here in Norvale, Tom Reed stepped up his campaign, saying, “We have to rebuild the quay.”")
    assert found == [("We have to rebuild the quay.", "Tom Reed")]


def test_a_question_put_to_someone_is_not_their_words() -> None:
    found = speakers("Tom Reed was asked, “If you had known, would you have told her?” He answered, “I have no idea.”")
    assert found == [("If you had known, would you have told her?", None), ("I have no idea.", "Tom Reed")]


def test_a_source_with_a_relative_clause_before_the_speech_verb() -> None:
    found = speakers("A harbour official who spoke anonymously to discuss the talks said Wednesday, “There are "
                     "discussions between the port and the union.”")
    assert found == [("There are discussions between the port and the union.", "a harbour official")]


def test_a_past_participle_aside_between_dashes() -> None:
    found = speakers("On Friday, Tom Reed — mentioned by the Gazette as the leading choice for harbour chief — told "
                     "the radio station that “you have to take it very seriously, of course.”")
    assert found == [("you have to take it very seriously, of course.", "Tom Reed")]


def test_a_relative_clause_ending_in_a_quote_between_the_subject_and_its_verb() -> None:
    found = speakers("Ann Lee, who waved a flag bearing the words, “Save the Quay,” shouted, “In three days we win!”")
    assert found[-1] == ("In three days we win!", "Ann Lee")


def test_an_adverbial_opening_phrase_is_passed_over_for_the_subject() -> None:
    found = speakers("Tom Reed toured the harbour on Monday.",
                     "But back on Harbour Street, he returned to his familiar lines: “The quay belongs to the boats.”",
                     "Once again, Ann Lee called the plan “a waste of money.”")
    assert found == [("The quay belongs to the boats.", "Tom Reed"), ("a waste of money.", "Ann Lee")]


def test_a_spaced_double_hyphen_sets_off_an_apposition_as_a_dash_does() -> None:
    found = speakers("A former harbour master -- Tom Reed, who lost the 2008 race to Ann Lee -- said the board "
                     "“offered no changes to its plan.”")
    assert found == [("offered no changes to its plan.", "Tom Reed")]


def test_a_description_between_an_inverted_verb_and_its_quote_is_the_reported_clauses_subject() -> None:
    found = speakers("The council voted 6-1 for the resolution which said the harbour board “ignores the fishermen "
                     "and their boats.”")
    assert found == [("ignores the fishermen and their boats.", None)]
