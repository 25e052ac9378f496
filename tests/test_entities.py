"""People, places, organisations and keywords of the seeds and of hand-written cases."""

from __future__ import annotations

import pytest

from generator.extract.entities import find_entities, person_mentions
from generator.extract.quotes import find_quotes
from generator.models import Block

from .test_quotes import BBC, NYT


def entities_of(blocks: tuple[Block, ...]):  # type: ignore[no-untyped-def]
    return find_entities(blocks, find_quotes(blocks))


def test_nyt_people_are_full_names_never_merged() -> None:
    people = entities_of(NYT).people
    assert people[:3] == ("Stephen W. Bosworth", "Kim Kye-gwan", "Kim Jong-il")
    assert "Lee Keqiang" in people
    assert not any(p.startswith(("Mr", "Vice")) or p in {"North", "Kim"} for p in people)


def test_mr_kim_resolves_by_recency_and_role() -> None:
    by_name = {(m.block, m.name, m.title): m.person for m in person_mentions(NYT)}
    assert by_name[(4, "Kim", "Vice Foreign Minister")] == "Kim Kye-gwan"
    assert by_name[(7, "Kim", "Mr.")] == "Kim Jong-il"
    assert by_name[(5, "Bosworth", "Mr.")] == "Stephen W. Bosworth"


def test_bbc_people_places_organisations() -> None:
    found = entities_of(BBC)
    assert found.people == ("Kim Kye-gwan", "Christopher Hill")
    assert found.places[:2] == ("North Korea", "Beijing")
    assert {"China", "Japan", "South Korea", "Russia", "United States"} <= set(found.places)
    assert "United Nations" in found.organizations and "UN" not in found.organizations  # one name per body


def test_nyt_places_and_organisations() -> None:
    found = entities_of(NYT)
    assert found.places[0] == "North Korea"
    assert {"Geneva", "United States", "China", "Pyongyang", "New York"} <= set(found.places)
    assert found.organizations == ("United Nations",)


@pytest.mark.parametrize("blocks,expected", [(NYT, {"six-party talks", "nuclear program", "North Korea"}),
                                             (BBC, {"North Korea", "nuclear test", "six-party talks"})])
def test_keywords(blocks: tuple[Block, ...], expected: set[str]) -> None:
    keywords = entities_of(blocks).keywords
    assert 3 <= len(keywords) <= 8
    assert expected <= set(keywords)
    assert not {"said", "the", "Mr", "North", "Korean", "North Korean"} & set(keywords)
    # Stop-phrases no reader would tag the seeds with.
    assert not {"talks", "meeting", "parties", "differences", "mission", "equal level", "Korean officials"} & set(
        keywords)


def test_organisations_by_shape() -> None:
    blocks = (Block("paragraph", "The Bank of England and the Foreign Ministry briefed NATO and the IAEA in Vienna. "
                                 "I think OK."),)
    found = find_entities(blocks, ())
    assert {"Bank of England", "Foreign Ministry", "NATO", "International Atomic Energy Agency"} <= set(
        found.organizations)
    assert not {"I", "OK", "The Bank"} & set(found.organizations)
    assert "Vienna" in found.places
    assert found.people == ()


def test_demonyms_map_to_countries() -> None:
    blocks = (Block("paragraph", "Chinese and South Korean diplomats met their American counterparts."),)
    assert set(find_entities(blocks, ()).places) == {"China", "South Korea", "United States"}


def test_acronym_merges_with_its_expansion_in_the_article() -> None:
    blocks = (Block("paragraph", "The Karachi Stock Exchange rose again. Dealers said the KSE index would keep rising."),)
    assert find_entities(blocks, ()).organizations == ("Karachi Stock Exchange",)


def test_a_party_before_a_given_name_or_title_is_no_part_of_the_name() -> None:
    blocks = (Block("paragraph", "Democrat Mary Lopez and Republican Sen. Tom Reed met at the Democratic National "
                                 "Convention. Lopez said little. Reed said less."),)
    people = [m.person for m in person_mentions(blocks)]
    assert people[:2] == ["Mary Lopez", "Tom Reed"]
    assert "Tom Reed" in [m.person for m in person_mentions(blocks) if m.name == "Reed"]
    assert "National Convention" not in people  # a party before no given name nor title is left as it was


def test_a_bare_surname_keeps_to_the_person_it_already_names() -> None:
    # The second person of a family name comes in full inside another's sentence; "Lopez" stays the first one.
    blocks = (Block("paragraph", "Mary Lopez opened the fair on Monday. Lopez spoke for an hour."),
              Block("paragraph", "Lopez and her husband, former Mayor Tom Lopez, toured the stalls."),
              Block("paragraph", "Lopez later said the fair would return. Mrs. Lopez thanked the volunteers."))
    people = [(m.block, m.name, m.person) for m in person_mentions(blocks)]
    assert (2, "Lopez", "Mary Lopez") in people
    assert [p for b, n, p in people if b == 2 and n == "Lopez"] == ["Mary Lopez", "Mary Lopez"]


@pytest.mark.parametrize("text, person, title", [
    # The office's domain after "of" is part of the title, not of the name.
    ("Former Secretary of State Ann Lee spoke on Monday.", "Ann Lee", "Former Secretary of State"),
    ("Speaker of the House Tom Reed spoke on Monday.", "Tom Reed", "Speaker of the House"),
    # An acronym in front of a title names a body, whose officer follows.
    ("NPA Chairman Tom Reed spoke on Monday.", "Tom Reed", "Chairman"),
])
def test_office_and_body_before_a_name_are_no_part_of_it(text: str, person: str, title: str) -> None:
    mentions = person_mentions((Block("paragraph", text),))
    assert [(m.person, m.title) for m in mentions] == [(person, title)]


def test_a_name_with_a_generational_suffix_is_a_person_named_again_by_family_name() -> None:
    blocks = (Block("paragraph", "Luther Stan Pate IV, a developer, paid for the banner."),
              Block("paragraph", "Pate said on Monday that he backs nobody."))
    assert [m.person for m in person_mentions(blocks)] == ["Luther Stan Pate IV", "Luther Stan Pate IV"]


def test_words_of_title_and_party_alone_name_nobody() -> None:
    blocks = (Block("paragraph", "Former Democratic presidential candidate Tom Reed said the judge was right."),)
    assert [m.person for m in person_mentions(blocks)] == ["Tom Reed"]
