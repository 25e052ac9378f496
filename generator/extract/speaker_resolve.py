"""Who the words an attribution names are: "he" or "she" resolved to the person it stands for (speaker_antecedent.py)
or to the unnamed speaker just quoted, "it" and "they" to the writing, body or group named before (speaker_bodies.py),
a name to the fullest form the article gives (a transcript's "PENCE" too), a description ("the envoy") to the person
given that role or kept as written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, Sequence

from ..names import is_person_name, same_person, strip_title
from . import speech
from .attribution import Attribution
from .entities import Mention
from .places import is_place_or_org
from .speaker_antecedent import Antecedents, antecedents
from .speaker_bodies import group_of_people, writing_or_body
from .speaker_gender import PRONOUN_GENDER, description_gender

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]")
_RELATIVE_END = re.compile(r",?\s*\b(?:who|which)$")
_HOME = re.compile(r"^\s+(?:of|from)(?:\s+[A-Z][\w.’'-]*)+")  # " of New Hampshire" after a name


class Speaker(NamedTuple):
    """Who an attribution names, and the role it gives them. A named tuple, not a frozen dataclass: each quote makes
    one or more, and each again with its evidence, which a frozen dataclass takes two to four times as long to do."""

    name: str
    role: str | None = None
    named: bool = True  # a person's name, not a description such as "American officials"
    evidence: tuple[int, int, int] | None = None  # (block, start, end) of the words naming them in the attribution

    def with_evidence(self, block: int, start: int, end: int) -> Speaker:
        """The same speaker named by the words at start:end of the block (built anew: _replace is slower)."""
        return Speaker(self.name, self.role, self.named, (block, start, end))


_SUBJECT_HEADS = speech.PERSON_HEADS | speech.SOURCE_NOUNS  # joined once, not at every call


@dataclass(frozen=True)
class Cast:
    """The people of one article as attribution meets them: mentions outside quotes, roles, pronoun antecedents."""

    mentions: Sequence[Mention]
    roles: dict[str, str]
    antecedents: Antecedents
    masked: Sequence[str] = ()  # the block texts with their quotes masked: where "it" and "they" find their nouns


def cast_of(texts: Sequence[str], mentions: Sequence[Mention], roles: dict[str, str],
            masked: Sequence[str] = ()) -> Cast:
    """The cast of an article from its block texts (and the same with quotes masked) and the person mentions outside
    its quotes."""
    return Cast(mentions, roles, antecedents(texts, mentions), masked)


def _description(np: str, block: int, pos: int, mentions: Sequence[Mention]) -> Speaker:
    """An unnamed speaker keeps the article's words; "the envoy" resolves to a person given that role."""
    tokens = np.split()
    if tokens[0].lower() in speech.DETERMINERS:
        tokens[0] = tokens[0].lower()
    head = tokens[-1].lower()
    if tokens[0] == "the" and head in speech.PERSON_HEADS and not head.endswith("s"):
        earlier = [m for m in mentions if (m.block, m.start) < (block, pos) and m.role and head in m.role.lower()]
        if earlier:
            return Speaker(earlier[-1].person, earlier[-1].role)
    return Speaker(" ".join(tokens), None, named=False)


def _one_of_several(word: str, block: int, history: Sequence[tuple[int, int, Speaker]]) -> Speaker | None:
    """An unnamed speaker standing for one of several ("one", "another"). "Another" goes on from an unnamed speaker
    just quoted and takes their noun: '"...," one voter said. "...," another said.' quotes "another voter", never
    the first voter again; after a named speaker it is another of something else ('another sign read')."""
    last = history[-1][2] if history and history[-1][0] >= block - 1 else None
    words = last.name.split() if last and not last.named else []
    if word == "one":
        return Speaker(word, None, named=False)
    if not words:
        return None
    rest = words[1:] if len(words) > 1 and words[0] in speech.INDEFINITE_SPEAKERS else []
    return Speaker(" ".join(["another", *rest]), None, named=False)


def _possessor(np: str, end: int) -> bool:
    """Whether the name ending at `end` qualifies a noun after it: "Reed's campaign manager", "a Reed campaign memo"
    are not Reed; "Reed of Ohio" is."""
    return bool(_LOWER_WORD.search(_HOME.sub("", re.sub(r"\(.*?\)", "", np[end:]))))


def resolve_speaker(found: Attribution, block: int, cast: Cast,
                    history: Sequence[tuple[int, int, Speaker]]) -> Speaker | None:
    """Resolve an attribution's noun phrase to the fullest name the article gives, or keep its description."""
    offset, np, apposition = found
    np = _RELATIVE_END.sub("", np)  # "Tom Reed, who" names Tom Reed
    mentions, roles = cast.mentions, cast.roles
    low = np.lower()
    if low in speech.SINGULAR_PRONOUNS:
        speakers = [(b, o, s.name) for b, o, s in history if s.named]
        person = cast.antecedents.resolve(low, block, offset, speakers)
        return Speaker(person, roles.get(person)) if person else _described_speaker(low, block, history)
    if low in speech.INDEFINITE_SPEAKERS:
        return _one_of_several(low, block, history)
    if low in speech.PRONOUNS or low == "it":
        last = history[-1][2] if history and history[-1][0] >= block - 1 else None
        # "they" goes on from a plural description ("the officials"), "it" from any that is no person's name
        # ("the newspaper", "the email", "Fox News"): a writing or a body quoted on
        if last and not last.named and (low == "it" or last.name.endswith("s")):
            return last
        return _thing_or_group(low, block, offset, cast.masked)
    hits = [m for m in mentions if m.block == block and m.start < offset + len(np) and m.end > offset
            and not _possessor(np, m.end - offset)]
    if hits:
        return Speaker(hits[-1].person, apposition or hits[-1].role or roles.get(hits[-1].person))
    name, title = strip_title(np)
    if np[0].isupper() and is_person_name(name) and not is_place_or_org(name.split()):
        if name.lower() in speech.CAPITAL_STOP:
            return _surname_of(name, block, offset, mentions)
        # A capitalised word as the subject of a speech verb is a surname ("Durbin said").
        return Speaker(name, apposition or (title if title and len(title) > 4 else None))
    return _description(np, block, offset, mentions)


def _described_speaker(pronoun: str, block: int, history: Sequence[tuple[int, int, Speaker]]) -> Speaker | None:
    """With no named person in focus, the unnamed speaker just quoted whose description gives the pronoun's gender:
    '"...," said the woman. ... "...," she said.'"""
    last = history[-1][2] if history and history[-1][0] >= block - 2 else None
    if last and not last.named and description_gender(last.name) == PRONOUN_GENDER[pronoun]:
        return last
    return None


def _thing_or_group(pronoun: str, block: int, pos: int, masked: Sequence[str]) -> Speaker | None:
    """The writing or body an "it" speaking stands for, the group a "they" does, named in the text just before."""
    if pronoun not in ("it", "they") or not masked:
        return None
    found = (writing_or_body if pronoun == "it" else group_of_people)(masked, block, pos)
    return Speaker(found[2], None, named=False) if found else None


def _surname_of(word: str, block: int, pos: int, mentions: Sequence[Mention]) -> Speaker | None:
    """A speaker's surname that is also an ordinary word ("Will", "From"): the person the article named before
    with that surname ("George Will"), else nobody, as the word may be just a word."""
    earlier = [m for m in mentions if (m.block, m.start) < (block, pos) and " " in m.person
               and m.person.split()[-1] == word]
    return Speaker(earlier[-1].person, earlier[-1].role) if earlier else None


def resolve_subject(found: Attribution, block: int, cast: Cast,
                    history: Sequence[tuple[int, int, Speaker]]) -> Speaker | None:
    """A clause subject taken as speaker only when it surely is one: a person the article names, a pronoun, or a
    description headed by a person noun ("the retired judge"); a capitalised word alone may be "Guns" or "Critics"."""
    offset, np, _ = found
    low = np.lower()
    named = any(m.block == block and m.start < offset + len(np) and m.end > offset for m in cast.mentions)
    # "the retired judge", and a writing that speaks for its authors: "The ad targets a "rigged system""
    described = low.split()[0] in speech.DETERMINERS and low.split()[-1] in _SUBJECT_HEADS
    if not (named or described or low in speech.PRONOUNS):
        return None
    return resolve_speaker(found, block, cast, history)


def resolve_name(name: str, block: int, pos: int, cast: Cast) -> Speaker | None:
    """A bare name, as a transcript prints it ("PENCE"), to the person of that name the article gave last before it,
    else to the name itself when it has a name's shape."""
    bare = strip_title(" ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split()))[0]
    if not bare or not is_person_name(bare) or bare.lower() in speech.CAPITAL_STOP:
        return None
    known = [m for m in cast.mentions if same_person(m.person, bare)]
    earlier = [m for m in known if (m.block, m.start) < (block, pos)] or known
    if earlier:
        return Speaker(earlier[-1].person, cast.roles.get(earlier[-1].person))
    # one word the article never gives as a person's is a label in capitals ("VIDEO:", "UPDATE:"), not a speaker
    return Speaker(bare, None) if len(bare.split()) > 1 else None
