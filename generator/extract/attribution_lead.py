"""The subject opening a clause ("On Sunday, Nora Brandt issued ..."), for quotes no speech verb attributes and for
participles that hang on the clause before them; the other noun phrases of an attribution are attribution_np.py's."""

from __future__ import annotations

import re
from typing import Sequence

from . import speech
from .attribution_credit import credit_names
from .attribution_np import MASK, TAG, Attribution, comma_chunks, describes_person

# Heads of a description that may open a clause and speak: people, and writings that speak for their authors.
_SPEAKING_HEADS = speech.PERSON_HEADS | speech.SOURCE_NOUNS
_SETTINGS = (["during"], ["in"], ["at"], ["on"])  # first words of ", during an interview," between subject and verb
_DESCRIPTION_OPENINGS = speech.DETERMINERS | {"another"}  # "Another critic, Laurence H. Tribe, likened"
_VERB_LIKE = re.compile(r"^[a-z]+(?:ed|ing)$")  # a verb after a quote opens a clause of its own
_TOKEN = re.compile(r"\S+")  # compiled once: re's own cache is looked up at every call
_PARTY_TAG = re.compile(r"^\([RDI]-[A-Z][\w.-]*\)$")  # "(R-Pa.)" between a name and its verb
# Lexicon sets joined once here, not at every call (a union of these sets costs microseconds each time):
_NOT_ADVERBIAL_OPENINGS = speech.DETERMINERS | speech.PRONOUNS
_PRONOUNS_AND_IT = speech.PRONOUNS | {"it"}
_CAPITAL_STOP_OR_DATE = speech.CAPITAL_STOP | speech.MONTHS_DAYS
_SCENE_PREPOSITIONS = frozenset("on in at from to into across".split())  # "back on American soil"
_RELATIVE_ASIDE = re.compile(r"^\s*(?:who|whose)\s")  # ", who signed the bill as governor,": an aside on the subject


def leading_subject(text: str, base: int) -> Attribution | None:
    """The subject opening a clause, past introductory phrases: "On Sunday, Nora Brandt issued ..." -> "Nora
    Brandt"; a pronoun, a run of capitalised words, or a description ending in a person noun ("the retired judge")."""
    chunks = comma_chunks(text, base)
    for k, (offset, chunk) in enumerate(chunks):
        if MASK in chunk:
            # 'Kerpen needled the CNN "reporter," saying': the subject and its verb may come before a quote in the
            # last clause; with more words after it ('One sign read "X," a site called "Y"') they are another clause's
            after = chunk[chunk.rindex(MASK) + 1 :].split() + [w for _, c in chunks[k + 1 :] for w in c.split()]
            if any(_VERB_LIKE.match(w) or w.lower() in speech.SPEECH_VERBS for w in after):
                return None
            chunk = chunk[: chunk.index(MASK)]
        tokens = list(_TOKEN.finditer(chunk))
        if not tokens:
            return None
        apposition = chunk.split()[0].lower() in speech.DETERMINERS and describes_person(chunk)
        if k and _names_someone(chunks[k - 1][1]) and apposition and k + 1 < len(chunks):
            continue  # "Preceded by Joe Arpaio, the Arizona sheriff, Trump ...": the apposition of a name passed over
        if tokens[0].group().lower() in {"but", "and", "so", "yet"}:
            tokens = tokens[1:]  # "But Tom Reed issued ...": the conjunction is no part of the subject
        if not tokens:
            return None
        words = [t.group() for t in tokens]
        first = words[0].lower()
        if first in speech.INTRO_WORDS or first in speech.MONTHS_DAYS or first in speech.TIME_WORDS or TAG.match(chunk):
            continue
        if first in {"here", "there"} and k + 1 < len(chunks):
            continue  # "Here in Columbia, Tom Reed stepped up ...": a place phrase
        if k + 1 < len(chunks) and _adverbial(words):
            continue  # "But back home, he returned to ...", "Back on home soil, ...": no subject of their own
        if words[-1].lower() in {"ago", "later", "earlier"}:
            continue  # "Eight years ago, he ...": a time phrase
        past_participle = first.endswith("ed") and len(words) > 1 and words[1].islower()  # "Reached by phone,"
        if (first.endswith("ing") or past_participle) and k + 1 < len(chunks):
            continue  # "Weighing in on the discussion, Mike Huckabee agreed": a participle phrase
        if words[0].lower() in speech.PRONOUNS:
            end = 1
        elif words[0].lower() in _DESCRIPTION_OPENINGS:
            heads = [j for j, w in enumerate(words[1:5], 1) if w.lower().rstrip("’'s,") in _SPEAKING_HEADS]
            end = heads[0] + 1 if heads else _named_body(words)
        else:
            # a name and the words describing it: "Republican presidential front-runner Tom Reed"
            end = next((j for j, w in enumerate(words) if not (w[0].isupper() or w.lower() in speech.PERSON_HEADS
                                                               or _describing(w))), len(words))
            while end and _describing(words[end - 1]) and words[end - 1].lower() not in speech.PERSON_HEADS:
                end -= 1
            end = end if any(w[0].isupper() for w in words[:end]) and words[0].lower() not in speech.CAPITAL_STOP else 0
        # "Tom Reed, the harbour chief, stressed ...": the whole chunk is the subject, its verb after the apposition
        before_apposition = 0 < end == len(words) <= 8 and _verb_after_apposition(chunks[k + 1 :])
        verb = end + 1 if end < len(words) and _PARTY_TAG.match(words[end]) else end  # "Tom Reed (R-Ohio) said"
        if not before_apposition and (not end or end > 8 or verb >= len(words) or not words[verb][0].islower()):
            return None  # no subject followed by its verb
        named = _name_after_description(words[0], chunks[k + 1 :]) if before_apposition else None
        if named:
            return named  # "Another critic, Laurence H. Tribe, likened ...": the name says who
        return offset + tokens[0].start(), chunk[tokens[0].start() : tokens[end - 1].end()].rstrip(","), None
    return None


def _adverbial(words: Sequence[str]) -> bool:
    """A few words before a comma that set the scene, not a subject: lower case up to a preposition, if any
    ("back home", "back on American soil", "once again"); "former Gov. Jeb Bush" has a name with no preposition."""
    if len(words) > 5 or words[0].lower() in _NOT_ADVERBIAL_OPENINGS:
        return False
    for w in words:
        if w in _SCENE_PREPOSITIONS:
            return True
        if not w.islower():
            return False
    return True


def _name_after_description(first: str, rest: Sequence[tuple[int, str]]) -> Attribution | None:
    """The name in apposition right after a description opening the clause: "Another critic, Laurence H. Tribe,"."""
    if first.lower() not in _DESCRIPTION_OPENINGS or not rest or not credit_names(rest[0][1].split(), 2):
        return None
    offset, chunk = rest[0]
    return offset + len(chunk) - len(chunk.lstrip()), chunk.strip(), None


def names_another_subject(text: str, name: str) -> bool:
    """Whether the clause before a quote opens with a subject other than the person `name`: 'The critic sees it as
    "..."' or 'It continued: "..."' after Tom Reed spoke; "he" or "she" may well be that person again."""
    found = leading_subject(text, 0)
    if not found or found[1].lower() in speech.SINGULAR_PRONOUNS:
        return False
    capitals = {w.rstrip(",").removesuffix("’s").removesuffix("'s") for w in found[1].split() if w[:1].isupper()}
    return found[1].lower() in _PRONOUNS_AND_IT or not capitals & set(name.split())


def _names_someone(chunk: str) -> bool:
    """Whether a chunk ends in a capitalised word, a name an apposition after it may describe."""
    last = chunk.split()[-1:]
    word = last[0].lower() if last else ""
    return bool(last) and last[0][:1].isupper() and word not in _CAPITAL_STOP_OR_DATE


def _named_body(words: Sequence[str]) -> int:
    """How many words a determiner and the capitalised name of a body after it span ("The Harbour Board", "the
    Daily Planet"), 0 when no name follows: an organisation named as the subject of its clause speaks for itself.
    Its verb must follow: in "The Archie Bunker stereotype ignored" the name only describes a common noun."""
    end = 1
    while end < min(len(words), 7) and words[end][0].isupper() and not words[end].endswith(("’s", "'s")):
        end += 1
    if end == 1:
        return 0
    if end == len(words):
        return end  # the whole chunk: its verb may come after an aside ("The Board, in its bulletin, said")
    verb = words[end].lower()
    return end if verb.endswith(("ed", "s")) or verb in speech.AUXILIARIES else 0


def _describing(word: str) -> bool:
    """A lower-case word of a description before a name: "presidential", "front-runner"."""
    return word.islower() and ("-" in word.strip("-") or word.endswith(("al", "ic", "ive", "ary")))


def _verb_after_apposition(rest: Sequence[tuple[int, str]]) -> bool:
    """Whether the chunks after a subject are an apposition, an age, a party tag, a relative aside or a setting
    ("the harbour chief", "Norvale’s harbour chief", "co-founder of the trust", "66", "R-Ohio", "who chairs the
    board", "during an interview"), then a clause opening with a lowercase word."""
    k = 1 if rest and credit_names(rest[0][1].split(), 2) else 0  # "Another critic, Laurence H. Tribe, likened"
    while k < min(len(rest), 3) and (TAG.match(rest[k][1]) or describes_person(rest[k][1]) or _RELATIVE_ASIDE.match(
            rest[k][1]) or rest[k][1].split()[:1] in _SETTINGS):
        k += 1
    return 0 < k < len(rest) and rest[k][1].strip()[:1].islower()
