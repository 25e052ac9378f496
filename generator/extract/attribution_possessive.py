"""Who said a quote that a noun of speech owned by someone frames: "her remark that "...", "Romney's "47 percent"
comment", "Clinton's response was: "..."". The owner of the words is their speaker, whoever the clause's subject is
("Critics seized on Reed's claim that the quay "..."" quotes Reed); the speech verbs' attributions are
attribution.py's."""

from __future__ import annotations

import re

from .attribution_np import MASK, Attribution

# Nouns that name words someone said, whose content a "that" clause or the quote itself gives.
_SPEECH_NOUNS = (r"(?:claims?|remarks?|comments?|statements?|words|assertions?|accusations?|allegations?|promises?|"
                 r"pledges?|vows?|warnings?|insistence|declarations?|quips?|slogans?|mantra|motto|refrain|catchphrase|"
                 r"dictum|retort|reply|response|answer|argument|suggestion|plea|demand|admission|boast|complaint|"
                 r"contention|message)")
# The owner: a pronoun, or a name or a description ending in "'s" ("Tom Reed's", "the harbour chief's").
_OWNER = (r"(?P<owner>\b(?:his|her|their)|(?:(?:[Tt]he\s+)?(?:[\w.-]+\s+){0,3}?[\w.-]+)(?:’s|'s))\s+"
          r"(?:[\w-]+\s+){0,3}?")
_WORDS_BETWEEN = r"[^,;:\x00—–.!?]{0,60}?"  # "her comments before the committee", no new clause nor quote
# "Reed's claim that ...", "her March comment that, ...": the quote inside the content clause.
_CONTENT = re.compile(_OWNER + _SPEECH_NOUNS + r"\b" + _WORDS_BETWEEN + r"\bthat\b[\s,]*(?:[^;:\x00—–]{0,80})$")
# "Clinton's response was: ...", "The senator's answer was that ...", "Reed's claim is that the quay is a ...".
_COPULA = re.compile(_OWNER + _SPEECH_NOUNS + r"\b" + _WORDS_BETWEEN + r"\b(?:is|was)\b(?:\s+that\b[^;:\x00—–]{0,80}|"
                     r"[\s,:]*)$")
# "Romney's "47 percent" comment": the owner right before the quote, the noun right after it.
_OWNER_BEFORE = re.compile(r"(?P<owner>\b(?:his|her|their)|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:’s|'s))\s*$")
_NOUN_AFTER = re.compile(r"^\s*" + _SPEECH_NOUNS + r"\b")
_ANY_NOUN = re.compile(r"\b" + _SPEECH_NOUNS + r"\b")  # what both clause patterns need: far cheaper to look for alone
_PRONOUN_OWNERS = {"his": "he", "her": "she", "their": "they"}


def find_owner(masked: str, frame: tuple[int, int], marks: tuple[int, int]) -> tuple[Attribution, int] | None:
    """The owner of the speech noun framing the quote whose marks span `marks`, as an attribution to resolve ("he"
    for "his") and the length of the words naming them as written."""
    opening, close = marks
    pre = masked[frame[0] : opening]
    found = (_CONTENT.search(pre) or _COPULA.search(pre)) if _ANY_NOUN.search(pre) else None
    if not found and _NOUN_AFTER.match(masked[close : frame[1]]):
        found = _OWNER_BEFORE.search(pre)
    if not found or MASK in found.group():
        return None
    owner = found.group("owner")
    start = frame[0] + found.start("owner")
    if owner.lower() in _PRONOUN_OWNERS:
        return (start, _PRONOUN_OWNERS[owner.lower()], None), len(owner)
    name = re.sub(r"(?:’s|'s)$", "", owner)
    return (start, name, None), len(name)
