"""Subjects read by their head noun: one followed by words describing it, so that the noun phrase before a speech verb
does not end in its head ("a source familiar with the talks said", "two officials close to the mayor told"), and a
description headed by a writing that speaks for its authors ("the statement said", "Ann Lee's brief said").
"""

from __future__ import annotations

import re

from . import speech
from .attribution_np import Attribution, subject

# A determiner, up to three words, the head, then a phrase newsrooms use to say how a source knows: the head speaks.
_POSTMODIFIED = re.compile(
    r"(?:^|(?<=[\s,;:—–]))(?P<np>(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?P<head>[a-z]+))\s+"
    r"(?:familiar with|close to|briefed on|involved in|knowledgeable about|with (?:direct )?knowledge of|"
    r"speaking (?:to|with|on)|"  # "an intelligence source speaking to Fox News said": the source speaks
    r"who\s+[a-z]+)\b[^,;:—–\x00]*$")  # "an official who spoke on condition of anonymity said": the head speaks


def postmodified_subject(before: str, base: int) -> Attribution | None:
    """The person-headed noun phrase a describing phrase follows, right before the speech verb: "Another source
    familiar with Reed's thinking said" -> "Another source"."""
    found = _POSTMODIFIED.search(before, max(0, len(before) - 120))
    if not found or found.group("head") not in speech.PERSON_HEADS:
        return None
    return base + found.start("np"), found.group("np"), None


# A participle aside between the subject and its verb that ends in a quote of its own, whose closing comma sits inside
# the quote marks: 'Tom Reed, noting that the port was "half empty," added: "..."'; or a relative clause, which may
# hold commas of its own: 'Ann Lee, who waved a flag bearing the words, "Save the Quay," shouted: "..."'.
_QUOTING_ASIDE = re.compile(r",\s+(?:(?:[a-z]+ly\s+)?[a-z]+ing\b[^,;:—–\x00]*|(?:who|whose)\b[^;:—–\x00]*)\x00+[\s,]*$")


def subject_before_aside(before: str, base: int) -> Attribution | None:
    """The subject before a participle aside that ends in a quote, right before the speech verb."""
    found = _QUOTING_ASIDE.search(before)
    if not found:
        return None
    head = before[: found.start()]
    return subject(head + ",", base, True) if head.strip() else None


# Lexicon sets joined once here, not at every call (a union of these sets costs microseconds each time):
_DESCRIBED_OPENINGS = speech.DETERMINERS | {"multiple", "other"}
_DESCRIBED_HEADS = speech.SOURCE_NOUNS | speech.PERSON_HEADS


def described(before: str, base: int) -> Attribution | None:
    """A description right before the speech verb headed by a writing that speaks for its authors: "the statement
    said", "The lawsuit contends", "Ann Lee's brief said" (person nouns are found already). Only with a determiner or
    an owner first."""
    found = subject(before, base, False)
    words = found[1].split() if found else []
    owned = any(w.endswith(("’s", "'s")) for w in words[:-1])
    if not words or not (owned or words[0].lower() in _DESCRIBED_OPENINGS):
        return None
    if words[-1].lower() not in _DESCRIBED_HEADS:
        return None
    # It must open its clause (a relative's object before it: "which an FBI inquiry said was"): in "X issued a
    # statement saying" the description is an object, not the speaker.
    lead = before[: found[0] - base].rstrip()
    return found if not lead or lead[-1] in ",;:—–" or lead.endswith((" which", " that")) else None
