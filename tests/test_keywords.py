"""Keywords: tags an editor would use, one per thing, most salient first."""

from __future__ import annotations

import pytest

from generator.extract.keywords import find_keywords, is_clause, is_generic, singular
from generator.models import Block

STORY = (
    Block("heading", "Reactor news"),
    Block("paragraph", "Iran said on Monday it had resumed uranium enrichment at its Natanz plant, defying the UN."),
    Block("paragraph", "Officials said the talks would go on. The uranium enrichment programme worries Western "
                       "governments, and the IAEA will send inspectors to Natanz next week."),
    Block("paragraph", "Talks between Iran and the EU broke down in August. U.N. diplomats said further talks were "
                       "possible, and the meeting ended without a statement on enrichment."),
)


def test_tags_are_entities_and_key_phrases_never_stop_phrases() -> None:
    keywords = find_keywords(STORY, organizations={"UN": "United Nations", "U.N.": "United Nations"})
    assert 3 <= len(keywords) <= 8
    assert {"Iran", "uranium enrichment", "Natanz", "United Nations"} <= set(keywords)
    assert not {"talks", "Talks", "meeting", "officials", "statement", "enrichment"} & set(keywords)


def test_one_tag_per_thing_across_forms() -> None:
    blocks = (Block("paragraph", "N Korea tested a missile. North Korea said the North Korean test was a success, "
                                 "and the US and the U.S. Navy watched. North Korea's missile tests continue."),)
    keywords = find_keywords(blocks)
    assert keywords[0] == "North Korea"
    assert keywords.count("North Korea") == 1 and "N Korea" not in keywords and "US" not in keywords
    assert "United States" in keywords
    assert len([k for k in keywords if k.lower().startswith("missile")]) <= 1  # "missile" and "missiles" are one


def test_people_are_tagged_by_their_fullest_name() -> None:
    blocks = (Block("paragraph", "Gordon Brown defended the budget. Mr Brown said the budget was fair."),
              Block("paragraph", "Critics of Brown said the budget favoured the rich."))
    keywords = find_keywords(blocks, people=("Gordon Brown",))
    assert keywords[0] == "Gordon Brown" and "Brown" not in keywords and "budget" in keywords


def test_names_keep_capitals_sentence_openers_do_not() -> None:
    blocks = (Block("paragraph", "Broadband prices fell. Sales of broadband rose at Ofcom's urging, and Ofcom "
                                 "welcomed cheaper broadband."),)
    keywords = find_keywords(blocks)
    assert "broadband" in keywords and "Ofcom" in keywords and "Broadband" not in keywords


def test_empty_article_has_no_keywords() -> None:
    assert find_keywords(()) == ()
    assert find_keywords((Block("paragraph", "It was said that they had been there."),)) == ()


@pytest.mark.parametrize("word,expected", [("talks", "talk"), ("parties", "party"), ("crisis", "crisis"),
                                           ("news", "news"), ("politics", "politics"), ("gas", "gas")])
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize("key,generic", [("talk", True), ("equal level", True), ("six-party talk", False),
                                         ("nuclear test", False), ("korean official", True)])
def test_is_generic(key: str, generic: bool) -> None:
    assert is_generic(key) is generic


@pytest.mark.parametrize("key,clause", [("engineers reopened", True), ("injuring nine", True), ("cracked", True),
                                        ("enriched uranium", False), ("death toll", False), ("speed", False)])
def test_is_clause(key: str, clause: bool) -> None:
    assert is_clause(key) is clause
