"""How a sentence speaks of a dated event: in the past, ahead, or neither, for publication-date inference.

These cues are kept apart from the tagger's (``date_context``), which answer another question ("which Tuesday?"):
here the question is on which side of the writing time a year lies. The rules, nearest evidence first:

- "since 1993" is past; "until 1994", "due 2011", "through 1999" look ahead ("by" and "after" too, unless their
  own clause is in the past: "sanctions imposed after its 1990 invasion");
- an intention or a schedule ("is set to begin in 1991", "intended to reach 50% by 1992") looks ahead, even when
  the intention was voiced in the past, since it was voiced about the writing time's future;
- otherwise the words right after the year ("its 1990 earnings projection"), then the nearest cue before it, then
  the rest of its clause and sentence.
"""

from __future__ import annotations

import re
from typing import Sequence

FUTURE_CUES = frozenset({
    "will", "'ll", "’ll", "shall", "won't", "won’t", "wo", "would", "next", "expect", "expects", "expected",
    "plans", "planned", "scheduled", "due", "projected", "forecast", "projection", "projections", "estimate",
    "estimates", "hope", "hopes", "intends", "likely", "could", "might", "predicting", "future",
    "outlook", "beyond", "target", "budget",
    # Options on a security are exercised later: "puttable back to the company in 1999".
    "puttable", "callable", "redeemable", "exercisable",
})
PAST_CUES = frozenset({
    "was", "were", "had", "did", "ago", "came", "took", "made", "began", "won", "lost", "fell",
    "rose", "left", "met", "held", "struck", "led", "became", "wasn't", "weren't", "didn't", "hadn't", "born",
    "shot", "hit", "went", "got", "saw", "gave", "sold", "bought", "paid", "cut", "ran", "fled", "grew", "broke",
    "fought", "spent", "sent", "built", "founded",
})
PERFECT_MODALS = frozenset({"could", "would", "might", "should", "must", "may"})
# Reporting verbs say when something was said, not when what was said happens.
REPORTING = frozenset({"said", "says", "told", "tells", "reported", "added", "noted", "announced", "stated"})
NOT_PAST = frozenset({"need", "indeed", "seed", "speed", "bed", "hundred", "proceed", "succeed", "exceed", "feed",
                      "red", "shed", "based", "limited", "united", "related", "unrelated", "interested"})
FORWARD_WORDS = frozenset({"until", "till", "due", "into", "before", "maturing"})
# Forward unless the clause is in the past: "after its 1990 invasion", "from 1991 through 1997".
SOFT_FORWARD_WORDS = frozenset({"by", "after", "through"})
# "set to begin in", "intended to achieve ... by": an intention is about its speaker's future, even in past tense.
INTENTION = re.compile(r"(?i)\b(?:set|slated|poised|scheduled|planned|plans|plan|intended|intends|aims?|aimed"
                       r"|hopes?|hoped|wants?|wanted|going|expected|expects)\s+to\s+\w+(?:\s+[\w'’-]+){0,4}\s*$")
INTENTION_AFTER = re.compile(r"(?i)^\W*(?:\w+\s+){0,2}(?:intended|intends|aims|aimed|hoped|hopes|planned|plans"
                             r"|wanted|wants)\s+to\b")
# A clause ends at punctuation or where a reported clause begins: "had been telling Wall Street that by 1992 ...".
FRONTING = frozenset({"in", "on", "during", "early", "late"})  # "In July 1997, ...": a date fronted before its clause
CLAUSE_END = re.compile(r"[,;:.!?]|\bthat\b")
_WORD = re.compile(r"[\w'’-]+")

TENSE_WINDOW = 300  # characters either side of a date searched for its tense


def mention_tense(sentence: str, start: int, end: int) -> str:
    """How a sentence speaks of a date: "since 1993" is past, "until 1994" and "due 2011" look ahead."""
    # Tense cues sit near the date; a bounded window keeps a runaway sentence from costing quadratic time.
    head, tail = sentence[max(0, start - TENSE_WINDOW):start], sentence[end:end + TENSE_WINDOW]
    before = _WORD.findall(head.lower())[::-1]
    clause = _WORD.findall(re.split(r"[,;:.!?]", tail, maxsplit=1)[0].lower())
    after = _WORD.findall(tail.lower())
    if "since" in before[:2]:
        return "past"
    own_head = CLAUSE_END.split(head)[-1]
    own_clause = _WORD.findall(own_head.lower())[::-1]
    if INTENTION.search(own_head) or (SOFT_FORWARD_WORDS & set(before[:2]) and INTENTION_AFTER.match(tail)):
        return "future"
    tense = word_tense(before)
    if FORWARD_WORDS & set(before[:2]) or (SOFT_FORWARD_WORDS & set(before[:2]) and word_tense(own_clause) != "past"):
        return "future"
    if len(before) <= 2 and (not before or before[-1] in FRONTING) and tail.lstrip().startswith(","):
        # A date fronted before its clause ("In July 1997, at a summit, the alliance announced ...") belongs to the
        # clause's main verb, reporting verbs included: the announcing is what happened then.
        return word_tense(after, reporting=True) or "open"
    # The words right after the year first ("its 1990 earnings projection"), then the nearest cue before it.
    return (word_tense(clause[:3], strict=True) or tense or word_tense(clause)
            or word_tense(after) or "open")


def word_tense(words: Sequence[str], strict: bool = False, reporting: bool = False) -> str | None:
    """The tense of the first cue among the words; `strict` skips the -ed guess ("1989 unconsolidated profit"),
    `reporting` counts a past reporting verb ("announced") as past."""
    for i, word in enumerate(words):
        if word in PERFECT_MODALS and "have" in words[max(0, i - 1):i + 2]:
            return "past"  # "could have used ... in 1979": a past that did not happen is still past
        if word in FUTURE_CUES:
            return "future"
        if word in PAST_CUES or (not strict and len(word) > 4 and word.endswith("ed") and "-" not in word
                                 and word not in NOT_PAST and (reporting or word not in REPORTING)):
            return "past"
    return None
