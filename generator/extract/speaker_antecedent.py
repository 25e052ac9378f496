"""Who "he" and "she" in an attribution stand for: the latest person of the right gender that the text put in focus.

Newsrooms write "Tom Reed ... he said" with Reed as the subject of a recent sentence or as the last quoted speaker;
a name deeper in a sentence ("the plan Reed opposed") is no antecedent. Gender (speaker_gender.py) keeps "she said"
off the latest man; a person of unknown gender fits both pronouns unless only a few words of description put them
in focus.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping, NamedTuple, Sequence

from . import speech
from .entities import Mention
from .speaker_focus import SENTENCE_END, focus
from .speaker_gender import PRONOUN_GENDER, person_genders

_REACH = 3  # paragraphs back: a pronoun further from any name is left unresolved rather than guessed
# A sentence about a man the text has put in focus, past an opening phrase: "He ...", "Dismayed by it, he ..."
_OPENING_HE = re.compile(r"(?:^|[.!?]\s+)(?:He|[A-Z][^.!?,\"“”]{0,80},\s+he)\b")
_OPENING_SHE = re.compile(r"(?:^|[.!?]\s+)(?:She|[A-Z][^.!?,\"“”]{0,80},\s+she)\b")
_PRONOUN_OPENINGS = (["He"], ["She"], ["They"])  # "I" is the reporter, no rival for "he"


class Candidate(NamedTuple):
    """A place a person is named, and how much the sentence there is about them. A named tuple, not a frozen
    dataclass: one is made for every mention in reach of every pronoun, and a frozen dataclass takes several times
    as long to build."""

    block: int
    start: int
    person: str
    written: str  # the name as written there: "Clinton" may be either Clinton when only gender tells them apart
    focus: int  # 2: the subject of its sentence; 1: nearly ("Democratic front-runner Hillary Clinton caused"); 0: deeper


@dataclass(frozen=True)
class Antecedents:
    """The people a pronoun may stand for, in reading order, and the genders the article gives them; worked out
    on the first pronoun, as most articles' quotes name their speakers outright."""

    texts: Sequence[str]
    mentions: Sequence[Mention]

    def _near(self, block: int, pos: int) -> list[Candidate]:
        """The candidates named in the _REACH paragraphs up to (block, pos); the focus of a mention is read only
        when a pronoun near it asks."""
        memo, nested, blocks = self._focus_memo, self._nested, self._blocks
        near = []
        # mentions come in reading order: only those of the paragraphs in reach are looked at
        for i in range(bisect_left(blocks, block - _REACH), bisect_right(blocks, block)):
            m = self.mentions[i]
            if (m.block, m.start) < (block, pos) and not _common_word(m.person) and i not in nested:
                if i not in memo:
                    memo[i] = focus(self.texts[m.block], m.start, m.subject, m.end)
                near.append(Candidate(m.block, m.start, m.person, m.name, memo[i]))
        return near

    @cached_property
    def _blocks(self) -> list[int]:
        return [m.block for m in self.mentions]

    @cached_property
    def _focus_memo(self) -> dict[int, int]:
        return {}

    @cached_property
    def _nested(self) -> frozenset[int]:
        """Mentions inside another's title ("Cruz" in "Cruz spokesman Rick Tyler"): the one named there modifies
        the title and is no subject a pronoun may stand for; they start where the longer mention does, so a tie
        in reading order would otherwise go to either."""
        ms = self.mentions
        return frozenset(i for i, m in enumerate(ms) for j in (i - 1, i + 1) if 0 <= j < len(ms)
                         and ms[j].block == m.block and ms[j].start <= m.start and m.end <= ms[j].end
                         and ms[j].end - ms[j].start > m.end - m.start and ms[j].person != m.person)

    @cached_property
    def genders(self) -> Mapping[str, str]:
        return person_genders((m.person, m.title, m.role) for m in self.mentions)

    def resolve(self, pronoun: str, block: int, pos: int, speakers: Sequence[tuple[int, int, str]]) -> str | None:
        """The person "he"/"she" at (block, pos) stands for; `speakers` are earlier quotes' named speakers.

        A subject or a quoted speaker of unknown gender fits; a name less in focus must be of the pronoun's gender.
        A name deep in its sentence ("with Hillary Clinton lambasting the plan") is no candidate: where a pronoun
        means such a name, the text has as often put someone unnamed in focus since ("The actress said"), and a
        wrong speaker is worse than none."""
        want = PRONOUN_GENDER[pronoun.lower()]
        focus = []
        near = self._near(block, pos)
        for c in near:
            person = self._agreeing(c, want)
            known = bool(person) and self.genders.get(person) == want
            if person and (c.focus == 2 or (known and c.focus == 1)):
                focus.append((c.block, c.start, person))
        focus += [(b, o, p) for b, o, p in speakers
                  if block - _REACH <= b and (b, o) < (block, pos) and self.genders.get(p, want) == want]
        if focus:
            return max(focus)[2]
        return (self._sole_fit(block, pos, near, want) or self._taken_up(block, pos, near, want)
                or self._paragraph_fit(block, near, want))

    def _paragraph_fit(self, block: int, near: Sequence[Candidate], want: str) -> str | None:
        """With nobody in focus, the one person the pronoun's own paragraph has named before it, when of the
        pronoun's gender: "It shaped the life of Ann Lee. '...,' she said." - the paragraph brought her in to speak."""
        here = {c.person for c in near if c.block == block}
        person = here.pop() if len(here) == 1 else None
        return person if person and self.genders.get(person) == want else None

    def _taken_up(self, block: int, pos: int, near: Sequence[Candidate], want: str) -> str | None:
        """With nobody in focus, the latest person of the pronoun's gender when a sentence since opens with that
        pronoun: "I met Tom Reed in his office. He plans to run. ... he told me" - the text took him up."""
        known = [c for c in near if self.genders.get(c.person) == want]
        if not known:
            return None
        last = known[-1]
        text = self.texts[last.block]
        ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, last.start - 300), last.start)]
        if text[ends[-1] if ends else max(0, last.start - 300) : last.start].split()[:1] in _PRONOUN_OPENINGS:
            return None  # "He counts himself a Tom Reed supporter.": the sentence's "he" is someone else
        opening = _OPENING_HE if want == "m" else _OPENING_SHE
        for b in range(last.block, block + 1):
            start, end = (last.start if b == last.block else 0), (pos if b == block else len(self.texts[b]))
            if opening.search(self.texts[b], start, end):
                return last.person
        return None

    def _sole_fit(self, block: int, pos: int, near: Sequence[Candidate], want: str) -> str | None:
        """With nobody in focus, the one person of the pronoun's gender the article has named so far, when everyone
        named within reach is of that person or known to be of the other gender: "Tom Reed praised Ann Lee's plan.
        ... she said" can only mean Lee. Someone of unknown gender near, or a second person of the gender anywhere
        before, leaves the pronoun unresolved."""
        fitting = {c.person for c in near if self.genders.get(c.person, want) == want}
        fitting |= {m.person for m in self.mentions if (m.block, m.start) < (block, pos)
                    and self.genders.get(m.person) == want}
        if len(fitting) != 1:
            return None
        person = fitting.pop()
        return person if self.genders.get(person) == want and any(c.person == person for c in near) else None

    def _agreeing(self, c: Candidate, want: str) -> str | None:
        """The person a mention names if their gender fits; a bare surname of the wrong gender may be the other
        person of that name ("Clinton ... she said" when the article has both Clintons)."""
        gender = self.genders.get(c.person)
        if gender in (None, want):
            return c.person
        if len(c.written.split()) != 1:
            return None
        others = {person for person in self._by_surname.get(c.written, ()) if self.genders.get(person) == want}
        return others.pop() if len(others) == 1 else None

    @cached_property
    def _by_surname(self) -> dict[str, list[str]]:
        """The people of the mentions under the last word of their name, for _agreeing: its bare surnames would
        otherwise split every mention's name again."""
        people: dict[str, list[str]] = {}
        for m in self.mentions:
            people.setdefault(m.person.split()[-1], []).append(m.person)
        return people


def _common_word(person: str) -> bool:
    """A one-word "person" that is an ordinary word capitalised at a sentence's start: "Continuing", "State"."""
    word = person.lower()
    return " " not in word and (word.endswith("ing") or word in speech.NEWS_COMMON or word in speech.KEYWORD_STOP)


def antecedents(texts: Sequence[str], mentions: Sequence[Mention]) -> Antecedents:
    """Every mention outside quotes as a candidate antecedent, with the genders the article gives its people."""
    return Antecedents(texts, mentions)
