"""Spans that tie a year the story names to the time of writing, for publication-date inference.

A year alone says little about when it was written about; a span measured from the writing time says exactly
how far back (or ahead) it lies. Each rule pairs one kind of span with the anchors it can be measured from:

- "N years ago", "four decades ago", "the 50th anniversary": from any year-bearing anchor of the story;
- "since 1993" with "the last five years" anywhere, or "for eight years" in the same sentence;
- an age with a birth or a founding year: "Ms. Ruiz, 33, was born in 1967" (same sentence), or "the 50-year-old
  alliance" with "founded in 1949" (anywhere, when the age is an institution's, not a person's);
- a deadline with the time left to it: "must sell them by 1994" then "within five years" (the deadline's sentence
  or the next two);
- "one year after he was killed" with "was killed on Oct. 23, 1998": the span names the anchor's event.

The first kind could be measured from any anchor, so it gives a "paired" clue: a mixture over every anchor + span.
The others name their anchor and give a "measured" clue, trusted more; that anchor's own tense then says nothing
more about how near the article is. An anniversary still to come ("will mark its 75th anniversary") is an "ahead"
clue: the article is at most a few years before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .date_infer_tense import mention_tense


@dataclass(frozen=True)
class Anchor:
    """An absolute date the story mentions, with how its sentence speaks of it."""

    year: int
    grain: str  # "year", "month" or "day"
    tense: str  # "past", "future" or "open"
    sentence: str
    before: str  # the sentence up to the expression
    after: str  # the sentence after the expression
    text: str  # the expression itself


@dataclass(frozen=True)
class Clue:
    """One piece of evidence about the publication year; equal clues count once."""

    kind: str  # "past", "future", "open", "after", "before", "exact", "paired", "measured", "ahead" or "pinned"
    years: frozenset[int]  # the anchor year (one), or the years a span or a weekday points at
    grain: str = "year"


Pairs = dict[int, set[int]]  # an anchor year -> the publication years its spans measure

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
# "a" and "an" count only where a span needs them ("a year after"); "a year ago" is the current-period rule's.
_NUM = r"(\d{1,3}|" + "|".join(w for w in NUMBER_WORDS if w not in ("a", "an")) + r")"
_NUM_OR_A = r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"

YEARS_AGO = re.compile(rf"(?i)\b{_NUM}[ -](years?|decades?) ago\b")
ANNIVERSARY = re.compile(r"(?i)\b(\d{1,3})(?:st|nd|rd|th) anniversary\b")
LAST_YEARS = re.compile(rf"(?i)\b(?:the )?(?:last|past) {_NUM} years\b")
FOR_YEARS = re.compile(rf"(?i)\bfor (?:the (?:last|past) )?{_NUM} years\b")
SINCE = re.compile(r"(?i)\bsince\b")
TODAY = re.compile(r"(?i)\btoday\b")
# Time left before a deadline: "within five years", "over the next two years", "in three years' time".
YEARS_LEFT = re.compile(rf"(?i)\b(?:within|in|over|during)(?: the next)? {_NUM} years?\b(?!\s+ago)")
YEARS_AFTER = re.compile(rf"(?i)\b{_NUM_OR_A} years? after\b((?:\W+[\w'’-]+){{1,5}})")
# A birth or a founding governs the year: "born in Cuba in 1967", "since its founding in 1949".
BIRTH = re.compile(r"(?i)\bborn\b(?:\W+[\w'’-]+){0,3}?\W+(?:in|on)\W*$")
FOUNDING = re.compile(r"(?i)\b(?:founded|founding|established|formed|created|incorporated|launched|opened)\b"
                      r"(?:\W+[\w'’-]+){0,3}?\W+(?:in|on)\W*$")
# An age written beside a name or a noun: "Ms. Ruiz, 33,", "a 33-year-old", "aged 33", "33 years old".
AGE = re.compile(rf"(?i)(?:, (\d{{1,3}}),|\b{_NUM}-years?-old\b|\baged? (\d{{1,3}})\b|\b{_NUM} years old\b)")
# An institution's age, not a person's: "the 50-year-old alliance", "its 75-year-old charter".
INSTITUTION_AGE = re.compile(
    rf"(?i)\b{_NUM}-year-old (?:[\w-]+ ){{0,2}}?(?:alliance|organi[sz]ation|company|firm|group|party|union|treaty"
    r"|pact|agreement|accord|law|institution|club|league|bank|church|school|college|university|festival|tradition"
    r"|program|programme|band|magazine|newspaper|paper|business|empire|dynasty|regime|republic|movement|state"
    r"|federation|bloc|partnership|embargo|charter|constitution|museum|orchestra|theater|theatre|company)\b")
# Words of an event that say nothing about which event it is.
EVENT_STOP = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
                        "was", "were", "is", "are", "been", "be", "had", "has", "have", "that", "this", "of", "in",
                        "on", "at", "to", "by", "for", "with", "and", "first", "last"})


def span_clues(sentences: Sequence[str], anchors: Sequence[Anchor]) -> tuple[list[Clue], set[int]]:
    """Every span that pairs with an anchor (empty clues dropped), and the anchor years a span measured.

    A span that could be measured from any anchor ("four years ago") gives a "paired" clue over all of them; one that
    names its anchor (an age beside a birth year, a deadline's time left) gives a "measured" clue, and its anchor's
    own tense then says nothing more about how near the article is.
    """
    years = {a.year for a in anchors}
    spans: dict[str, set[int]] = {"paired": set(), "ahead": set()}
    # Speed: most stories hold no span at all; one look at the whole text spares a regex scan per sentence.
    lower = "\n".join(sentences).lower()
    if " ago" in lower:
        spans["paired"] |= {number(m[1]) * (10 if m[2].lower().startswith("decade") else 1)
                            for sentence in sentences if " ago" in sentence.lower()
                            for m in YEARS_AGO.finditer(sentence)}
    for sentence in sentences if "anniversary" in lower else ():
        for m in ANNIVERSARY.finditer(sentence):
            # An anniversary still to come ("will celebrate its 50th anniversary") is this year's or a later one;
            # "would fail today, the 39th anniversary" is today's.
            ahead = not TODAY.search(sentence) and mention_tense(sentence, m.start(), m.end()) == "future"
            spans["ahead" if ahead else "paired"].add(number(m[1]))
    clues = [Clue(kind, frozenset(y + n for y in years for n in found if n)) for kind, found in spans.items()]
    measured: dict[int, set[int]] = {}
    for pairs, needs in ((since_pairs, ("since",)), (age_pairs, ("born", "old", "aged")),
                         (deadline_pairs, ("year",)), (event_pairs, (" after",))):
        if not any(word in lower for word in needs):
            continue
        for year, targets in pairs(sentences, anchors).items():
            measured.setdefault(year, set()).update(targets)
    clues.append(Clue("measured", frozenset(t for targets in measured.values() for t in targets)))
    return [clue for clue in clues if clue.years], set(measured)


def since_pairs(sentences: Sequence[str], anchors: Sequence[Anchor]) -> Pairs:
    """"since 1993" with "the last five years" anywhere in the story, or "for five years" in its own sentence."""
    since = [a for a in anchors if SINCE.search(a.before[-12:])]
    if not since:
        return {}
    anywhere = {number(m[1]) for sentence in sentences if " years" in sentence.lower()
                for m in LAST_YEARS.finditer(sentence)}
    out: Pairs = {}
    for a in since:
        spans = anywhere | {number(m[1]) for m in FOR_YEARS.finditer(a.sentence)}
        add(out, a.year, {a.year + n for n in spans if n})
    return out


def age_pairs(sentences: Sequence[str], anchors: Sequence[Anchor]) -> Pairs:
    """Birth or founding year + age; a birthday may still be ahead, so the next year too."""
    out: Pairs = {}
    founded = [a for a in anchors if FOUNDING.search(a.before[-60:])]
    # An institution's age may sit in another sentence than its founding ("the 50-year-old alliance").
    institution = {number(m[1]) for m in INSTITUTION_AGE.finditer("\n".join(sentences))} if founded else set()
    for anchor in anchors:
        if BIRTH.search(anchor.before[-60:]) or anchor in founded:
            found = ages(anchor.sentence) | (institution if anchor in founded else set())
            add(out, anchor.year, {anchor.year + n + d for n in found if n for d in (0, 1)})
    return out


def ages(sentence: str) -> set[int]:
    """The ages a sentence states (0 < age < 120)."""
    found = {number(next(g for g in m.groups() if g)) for m in AGE.finditer(sentence)}
    return {n for n in found if 0 < n < 120}


DEADLINE_REACH = 2  # a deadline's time left is stated in its own sentence or one of the next two


def deadline_pairs(sentences: Sequence[str], anchors: Sequence[Anchor]) -> Pairs:
    """A deadline year minus the time left to it: "divest them by 1994" ... "sell the bonds within five years"."""
    position = {s: i for i, s in enumerate(sentences)}
    out: Pairs = {}
    for anchor in anchors:
        i = position.get(anchor.sentence)
        if anchor.tense != "future" or i is None:
            continue
        for sentence in sentences[i:i + DEADLINE_REACH + 1]:
            add(out, anchor.year, {anchor.year - number(m[1]) for m in YEARS_LEFT.finditer(sentence) if number(m[1])})
    return out


def event_pairs(sentences: Sequence[str], anchors: Sequence[Anchor]) -> Pairs:
    """"N years after <event>" with the anchor whose sentence names the same event just before its date."""
    out: Pairs = {}
    for sentence in sentences:
        for m in YEARS_AFTER.finditer(sentence) if " after" in sentence else ():
            words = {w.lower() for w in re.findall(r"[\w'’-]+", m[2])} - EVENT_STOP
            for anchor in anchors:
                near = set(re.findall(r"[\w'’-]+", anchor.before[-40:].lower()))
                if anchor.sentence != sentence and words & near and number(m[1]):
                    add(out, anchor.year, {anchor.year + number(m[1])})
    return out


def add(pairs: Pairs, year: int, targets: set[int]) -> None:
    """Record the targets an anchor year was measured to (nothing when there are none)."""
    if targets:
        pairs.setdefault(year, set()).update(targets)


def number(word: str) -> int:
    """A small cardinal in digits or words (0 when unknown)."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 0)
