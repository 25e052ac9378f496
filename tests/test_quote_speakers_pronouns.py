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
