"""Who "it" and "they" in an attribution stand for when no unnamed speaker was just quoted: the writing or body, or the
group of people, the text named last.

Newsrooms write "The memo was sent on Friday. '...,' it said." and "The protesters marched downtown. '...,' they
chanted": "it" that speaks is a writing or a body (never a person), "they" a group. Only the pronoun's paragraph and
the one or two before are read, outside quotes; a pronoun further from any such noun is left unresolved, as is one
opening a clause someone else reports ("Lee said they would").
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from . import speech
from .speaker_focus import SENTENCE_END

# Writings and bodies that speak for the people behind them, beyond speech.SOURCE_NOUNS: '"Stop the dredging," the
# banner read.', '"We regret the delay," the board said.'
_WRITINGS = speech.SOURCE_NOUNS | frozenset(
    """sign banner placard poster billboard cable affidavit indictment filing spot commercial website site page
    platform manifesto note flyer leaflet mailer brochure pamphlet petition resolution bill proposal plan
    campaign committee council group party team company government administration agency ministry department office
    board panel""".split())
_SINGULAR_WRITINGS = frozenset(w for w in _WRITINGS if not w.endswith("s") or w in {"news"})
# Groups of people "they" stands for: "the protesters", "officials", "members of the board".
_GROUPS = frozenset(w for w in speech.PERSON_HEADS if w.endswith("s")) | {"people", "men", "women"}
# Plurals that name people by what they do or where they stand: "the fishermen", "the unionists", "the musicians"
_PEOPLE_PLURAL = re.compile(r"(?<![\w’'-])[a-z]+(?:men|ists|ians)\b")
# Verbs of thinking that, like speech verbs, put a reported clause after them: "Reed felt they were ..."
_THINKING = frozenset("""feel feels felt think thinks thought believe believes believed hope hopes hoped know knows knew
    fear fears feared expect expects expected""".split())
Found = tuple[int, int, str]  # (end, start, words) of a noun phrase in a block
_NAMED_PAIR = re.compile(r"(?:(?:But|And|So)\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}and\s+(?:[A-Z][\w.’'-]*\s+){1,3}")
_OWNERS = frozenset("the a an its his her their this that".split())
# Lexicon sets joined once here, not at every call (a union of these sets costs microseconds each time):
_NOT_OWNER_WORDS = speech.NP_STOP | speech.DETERMINERS
_REPORTING_WORDS = speech.SPEECH_VERBS | _THINKING | {"that"}


def _heads(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.I)


_WRITING_HEADS = _heads(_SINGULAR_WRITINGS)
_GROUP_HEADS = _heads(_GROUPS)
_ORG_HEADS = "|".join(sorted(w.capitalize() for w in speech.ORG_WORDS))
# A body by name: "the Harbour Commission", "the Quay Residents Group", "the IMF"
_BODY = re.compile(r"\b[Tt]he\s+(?:(?:[A-Z][\w&.’'-]*\s+){0,4}(?:" + _ORG_HEADS + r")\b|([A-Z]{2,6})\b)")


def _described(text: str, head: re.Match[str], bare: bool) -> Found | None:
    """(end, start, words) of the noun phrase a head word ends: from its determiner or owner, past up to three words
    of description ("the white paper", "the harbour board's memo"); a bare plural stands alone ("officials")."""
    if head.group()[0].isupper() and not bare:
        return None  # a capitalised writing word is most often part of a name: "the Daily Post"
    base = max(0, head.start() - 80)
    start = None
    for token in reversed(list(re.finditer(r"\S+", text[base : head.start()]))[-5:]):
        word = token.group()
        if word.lower() in _OWNERS:
            start = base + token.start()
            break
        if word.endswith(("’s", "'s")):
            start = base + token.start()  # an owner, maybe with its own determiner before: "the board's"
        elif not word.replace("-", "").isalpha() or word.lower() in _NOT_OWNER_WORDS:
            break
    if start is None and not bare:
        return None
    start = head.start() if start is None else start
    return head.end(), start, text[start : head.end()]


def _writings(text: str, end: int) -> list[Found]:
    found = [_described(text, m, False) for m in _WRITING_HEADS.finditer(text, 0, end)]
    found += [(m.end(), m.start(), m.group()) for m in _BODY.finditer(text, 0, end)
              if not (m.group(1) and m.group(1) in speech.ACRONYM_STOP)]
    return [f for f in found if f]


def _groups(text: str, end: int) -> list[Found]:
    found = [_described(text, m, True) for m in _GROUP_HEADS.finditer(text, 0, end)]
    found += [_described(text, m, False) for m in _PEOPLE_PLURAL.finditer(text, 0, end)]
    return [f for f in found if f]


def _as_speaker(words: str) -> str:
    """"The memo" -> "the memo": a description keeps its words, its determiner in lower case."""
    first, _, rest = " ".join(words.split()).partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in speech.DETERMINERS else f"{first} {rest}".strip()


def _nearest(masked: Sequence[str], block: int, pos: int, search: Callable[[str, int], list[Found]],
             reach: int) -> tuple[int, int, str] | None:
    """The noun phrase `search` finds in the latest sentence that has one, the pronoun's paragraph before it first,
    then up to `reach` paragraphs before; the first in that sentence, most often its subject ("The memo from the
    board said")."""
    for b in range(block, max(-1, block - reach - 1), -1):
        text = masked[b]
        found = search(text, pos if b == block else len(text))
        if found:
            ends = [m.end() for m in SENTENCE_END.finditer(text)]
            _, start, words = max(found, key=lambda f: (sum(e <= f[1] for e in ends), -f[1], f[0]))
            return b, start, _as_speaker(words)
    return None


def _reported(text: str, pos: int) -> bool:
    """Whether the pronoun at `pos` opens a clause someone else reports: "Lee said they would", "adding that they
    told him", "Reed felt they were saying": its words are the reporter's, not its own."""
    before = text[max(0, pos - 40) : pos].split()[-1:]
    return bool(before) and before[0].lower() in _REPORTING_WORDS


def writing_or_body(masked: Sequence[str], block: int, pos: int) -> tuple[int, int, str] | None:
    """(block, start, words) of the writing or body that an "it" at (block, pos) speaking stands for; two paragraphs
    back, as a writing is often quoted on over paragraphs of its own words ('"...," it said.' '"...," it read.')."""
    return None if _reported(masked[block], pos) else _nearest(masked, block, pos, _writings, 2)


def group_of_people(masked: Sequence[str], block: int, pos: int) -> tuple[int, int, str] | None:
    """(block, start, words) of the group of people that a "they" at (block, pos) speaking stands for."""
    found = None if _reported(masked[block], pos) else _nearest(masked, block, pos, _groups, 1)
    if not found:
        return None
    text = masked[found[0]]
    opening = max([m.end() for m in SENTENCE_END.finditer(text, 0, found[1])], default=0)
    # "Tom Reed and Ann Lee met the voters. '...,' they said": the two named as the subject, not the group
    return None if _NAMED_PAIR.match(text, opening) else found
