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
