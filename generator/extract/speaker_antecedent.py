"""Who "he" and "she" in an attribution stand for: the latest person of the right gender that the text put in focus.

Newsrooms write "Tom Reed ... he said" with Reed as the subject of a recent sentence or as the last quoted speaker;
a name deeper in a sentence ("asked Reed about it") is no antecedent. Gender (speaker_gender.py) keeps "she said"
off the latest man; a person of unknown gender fits both pronouns unless only a few words of description put them
in focus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping, Sequence

from . import speech
from .entities import Mention
from .speaker_gender import PRONOUN_GENDER, person_genders

SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_REACH = 3  # paragraphs back: a pronoun further from any name is left unresolved rather than guessed
# An inverted speech verb before the name makes it the subject: "That will hold, said Tom Reed", '"...," says Lee'.
_INVERTED_SAYER = re.compile(r"[,\"”]\s*(?:said|says|added|adds|wrote|writes|explained|continued|recalled)"
                             r"\s+(?:(?:the|former|[A-Z][a-z]*\.)\s+){0,3}$")  # a title between: "said former Gov."
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ary")  # lower-case words of a description: "presidential"
# A sentence about a man the text has put in focus, past an opening phrase: "He ...", "Dismayed by it, he ..."
_OPENING_HE = re.compile(r"(?:^|[.!?]\s+)(?:He|[A-Z][^.!?,\"“”]{0,80},\s+he)\b")
_OPENING_SHE = re.compile(r"(?:^|[.!?]\s+)(?:She|[A-Z][^.!?,\"“”]{0,80},\s+she)\b")
# The word after a name, past an adverb: a speech verb there makes the name an attribution's subject ("Lee said")
_SAYS_AFTER = re.compile(r"\s+(?:also\s+|later\s+|[a-z]+ly\s+)?([a-z]+)\b")
_ASKING = frozenset("ask asks asked".split())
_TOLD_BY = re.compile(r"\b(?:he|she|they)\s+(?:said|says|recalled|recalls)\b")
# Words after which a capitalised name is no clause's subject: a reported clause's, an organisation's name.
_NOT_BEFORE_SUBJECT = speech.DETERMINERS | frozenset("that of on at for by with from to in into about".split())
_PRONOUN_OPENINGS = (["He"], ["She"], ["They"])  # "I" is the reporter, no rival for "he"
# Words opening a phrase that sets the scene before a sentence's subject: "Throughout his remarks, Trump ..."
_SCENE_PREPOSITIONS = frozenset("throughout amid amidst across around inside outside beyond".split())
_INTRO = speech.INTRO_WORDS | speech.TIME_WORDS | speech.MONTHS_DAYS | _SCENE_PREPOSITIONS


@dataclass(frozen=True)
class Candidate:
    """A place a person is named, and how much the sentence there is about them."""

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
        focus = self._focus_memo
        near = []
        for i, m in enumerate(self.mentions):
            if block - _REACH <= m.block and (m.block, m.start) < (block, pos) and not _common_word(m.person):
                if i not in focus:
                    focus[i] = _focus(self.texts[m.block], m.start, m.subject, m.end)
                near.append(Candidate(m.block, m.start, m.person, m.name, focus[i]))
        return near

    @cached_property
    def _focus_memo(self) -> dict[int, int]:
        return {}

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
        return max(focus)[2] if focus else self._sole_fit(block, pos, near, want) or self._taken_up(block, pos, near,
                                                                                                     want)

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
        others = {m.person for m in self.mentions if m.person.split()[-1] == c.written
                  and self.genders.get(m.person) == want}
        return others.pop() if len(others) == 1 else None


def _inverted_subject(text: str, start: int, end: int) -> bool:
    """Whether the name at start:end is the subject of an inverted speech verb, its clause ending after the name
    (or an apposition): "That will hold, said Tom Reed." but not "..., said the Pentagon's Cyber Command should"."""
    return bool(_INVERTED_SAYER.search(text, max(0, start - 60), start)) and text[end : end + 1] in ",.:;"


def _says_after(text: str, start: int, end: int) -> bool:
    """Whether a finite speech verb follows the name, making it the subject of an attribution ("..., Ann Lee said,
    and"); not one asking, as the one asked answers ("Lee asked Reed whether ..."), nor the subject of a reported
    clause ("said Reed continued to ..."), nor a name inside an organisation's ("the Harbour Review agreed")."""
    found = _SAYS_AFTER.match(text, end)
    if not found or found.group(1) not in speech.SPEECH_VERBS or found.group(1).endswith("ing"):
        return False
    before = text[max(0, start - 30) : start].split()[-1:]
    # "said Reed continued", "the Harbour Review agreed", "the Board of Harbour Pilots announced"
    inside = bool(before) and before[0].lower() in speech.SPEECH_VERBS | _NOT_BEFORE_SUBJECT
    return found.group(1) not in _ASKING and not inside


def _asked(text: str, start: int) -> bool:
    """Whether the name is the one a question is put to, who answers next: "Lee asked Reed whether ..."; not in a
    sentence someone tells ("It upset her, she said, when a man asked Reed why"): the teller goes on speaking."""
    before = text[max(0, start - 20) : start].split()[-1:]
    if not (before and before[0] in _ASKING):
        return False
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, start - 300), start)]
    sentence = text[ends[-1] if ends else max(0, start - 300) : start]
    return not _TOLD_BY.search(sentence)


def _focus(text: str, start: int, subject: bool, end: int) -> int:
    """2 when the mention is its sentence's subject or says something ("..., Lee said, and ..."); 1 when only a few words of description come before it in its
    sentence, past an introductory phrase ("On Friday, Democratic front-runner Hillary Clinton"); else 0."""
    if subject or _inverted_subject(text, start, end) or _says_after(text, start, end) or _asked(text, start):
        return 2
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, start - 200), start)]
    chunks = re.split(r"[,;:—–]", text[ends[-1] if ends else max(0, start - 200) : start])
    if len(chunks) == 2 and not chunks[1].strip() and _opening_description(chunks[0]) and text[end : end + 1] == ",":
        return 2  # "The group's executive director, Betty Bradley, said": the name of the subject
    if len(chunks) > 2 or (len(chunks) == 2 and chunks[0].split()[:1] and chunks[0].split()[0].lower() not in _INTRO):
        return 0
    lead = chunks[-1].split()
    if lead and lead[0].lower() in {"but", "and", "so", "yet", "then"}:
        lead = lead[1:]
    # Only words of a title or description: "Obama blasted Trump" has a verb first, and Trump is its object.
    described = all(w[:1].isupper() or "-" in w or w.lower() in speech.ROLE_NOUNS or w.endswith(_ADJECTIVE_ENDINGS)
                    for w in lead)  # "Democratic presidential front-runner"
    return 1 if len(lead) <= 3 and described and not any(w.lower() in speech.CAPITAL_STOP for w in lead) else 0


def _opening_description(chunk: str) -> bool:
    """A description opening a sentence and naming a role: "The group's executive director", "Its founder"."""
    words = chunk.split()
    owned = bool(words) and (words[0].lower() in speech.DETERMINERS or words[0].endswith(("’s", "'s")))
    return owned and len(words) <= 6 and words[-1].lower() in speech.ROLE_NOUNS


def _common_word(person: str) -> bool:
    """A one-word "person" that is an ordinary word capitalised at a sentence's start: "Continuing", "State"."""
    word = person.lower()
    return " " not in word and (word.endswith("ing") or word in speech.NEWS_COMMON or word in speech.KEYWORD_STOP)


def antecedents(texts: Sequence[str], mentions: Sequence[Mention]) -> Antecedents:
    """Every mention outside quotes as a candidate antecedent, with the genders the article gives its people."""
    return Antecedents(texts, mentions)
