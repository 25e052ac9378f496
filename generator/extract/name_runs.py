"""Which words of a capitalised run are a person's name: a place, party, owner or body in front of it ("Chinese",
"Democrat", "Fox News'", "RNC"), an office's domain after "of" ("Secretary of State ..."), a generational suffix."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..names import SUFFIXES, TITLE_MODIFIERS, TITLE_WORDS, TITLES
from . import speech
from .places import looks_like_org, place_of
from .speaker_gender import GIVEN_NAME_GENDER


# A party in front of a name describes the person: "Democrat Hillary Clinton", "Republican Sen. Ted Cruz".
PARTIES = frozenset("Democrat Democratic Republican GOP Libertarian Independent".split())


def split_lead(tokens: list[str]) -> tuple[list[str], list[str]]:
    """A place, demonym, party or owner in front of a title or name: "Chinese Vice Premier Lee Keqiang" ->
    (["Chinese"], [...]), "Democrat Hillary Clinton" -> (["Democrat"], ["Hillary", "Clinton"]), "Fox News’ Bret
    Baier" -> (["Fox", "News’"], ["Bret", "Baier"])."""
    lead, rest = _split_lead(tuple(tokens))
    return list(lead), list(rest)


@lru_cache(maxsize=8192)  # pure, and asked twice for every capitalised run of every article
def _split_lead(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    owned = [i for i, t in enumerate(tokens[:-2]) if t.endswith(("’", "'", "’s", "'s"))]
    if owned:
        return tokens[: owned[-1] + 1], tokens[owned[-1] + 1 :]
    for n in (2, 1):
        if len(tokens) > n + 1 and place_of(tokens[:n]) and tokens[n].lower().rstrip(".") in TITLE_WORDS:
            return tokens[:n], tokens[n:]
    # An acronym names a body, and a body's officer follows it: "RNC Chairman Reince Priebus", "CIA Director ...".
    if len(tokens) > 2 and speech.ACRONYM.fullmatch(tokens[0]) and tokens[1].lower().rstrip(".") in TITLES:
        return tokens[:1], tokens[1:]
    # Only before a title or a given name: "Democratic National Convention" is no person behind its party.
    if len(tokens) > 2 and tokens[0] in PARTIES and (
            tokens[1].lower().rstrip(".") in TITLES or tokens[1].lower() in GIVEN_NAME_GENDER):
        return tokens[:1], tokens[1:]
    return (), tokens


_OFFICE_OF = re.compile(r"\b((?:[A-Z][a-z]+\.? ){0,3}[A-Z][a-z]+ of(?: the)?) $")


def office_before(before: str, tokens: Sequence[str]) -> tuple[str, list[str]] | None:
    """The office a run of words completes: after "Secretary of" the run "State Hillary Clinton" opens with the
    office's domain, words of titles or bodies ("State", "Defense", "House" after "Speaker of the"), and the name
    follows. Returns the words before it ("Secretary of") and the domain's tokens, or None."""
    if not before.endswith((" of ", " of the ")):
        return None  # what _OFFICE_OF ends with: most runs are not after "of", and the search costs more than this
    found = _OFFICE_OF.search(before[-60:])
    if not found:
        return None
    head = found.group(1).split()
    title_words = [w for w in head if w not in ("of", "the")]
    if title_words[-1].lower().rstrip(".") not in TITLES:
        return None
    domain = []
    for token in tokens[:-1]:  # the last word is the name's
        if token.lower() not in TITLE_MODIFIERS and not looks_like_org([token]):
            break
        domain.append(token)
    return (found.group(1), domain) if domain else None


def without_suffix(tokens: list[str]) -> list[str]:
    """A name's tokens without "Jr.", "III": "Luther Pate IV" is "Pate" where the article names him again."""
    while len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:
        tokens = tokens[:-1]
    return tokens
