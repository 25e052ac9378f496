"""How much a sentence is about the person a name there stands for: the subject of its sentence or of an
attribution is in focus for a later "he" or "she" (speaker_antecedent.py); a name deeper in its sentence is not.
"""

from __future__ import annotations

import re

from . import speech

# Not the dot of a month's abbreviation: "In a Jan. 17 email, Clinton asks" is one sentence, Clinton its subject.
# The stop comes first and the month is looked for behind it: a pattern opening with a lookbehind has the search try
# every character, one opening with [.!?] lets it skip from stop to stop.
SENTENCE_END = re.compile(r"[.!?](?<!\b(?:Jan|Feb|Aug|Sep|Oct|Nov|Dec)[.!?])(?<!\bSept[.!?])[\"”’)]*\s+")
_DATE_COMMA = re.compile(r"(?<=\d),(?=\s\d{4}\b)")  # "Jan. 17, 2013"
_CLAUSE_MARK = re.compile(r"[,;:—–]")  # compiled once: re's own cache is looked up at every call
# An inverted speech verb before the name makes it the subject: "That will hold, said Tom Reed", '"...," says Lee'.
_INVERTED_SAYER = re.compile(r"[,\"”]\s*(?:said|says|added|adds|wrote|writes|explained|continued|recalled)"
                             r"\s+(?:(?:the|former|[A-Z][a-z]*\.)\s+){0,3}$")  # a title between: "said former Gov."
# A sentence opening with where or who else before its verb, then "was" and the name: "Among the speakers was Lee",
# "Joining him on the quay was Tom Reed": the name is the subject, after its verb.
_INVERTED_BE = re.compile(r"\b(?:is|was)\s+$")
_OPENING_SUBORDINATORS = frozenset("though although when while because after before since once if".split())
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ary")  # lower-case words of a description: "presidential"
# The word after a name, past an adverb: a speech verb there makes the name an attribution's subject ("Lee said")
_SAYS_AFTER = re.compile(r"\s+(?:also\s+|later\s+|[a-z]+ly\s+)?([a-z]+)\b")
_ASKING = frozenset("ask asks asked".split())
_TOLD_BY = re.compile(r"\b(?:he|she|they)\s+(?:said|says|recalled|recalls)\b")
# Words after which a capitalised name is no clause's subject: a reported clause's, an organisation's name.
_NOT_BEFORE_SUBJECT = speech.DETERMINERS | frozenset("that of on at for by with from to in into about".split())
_INSIDE_AFTER = speech.SPEECH_VERBS | _NOT_BEFORE_SUBJECT  # joined once, not at every call
# Words opening a phrase that sets the scene before a sentence's subject: "Throughout his remarks, Trump ..."
_SCENE_PREPOSITIONS = frozenset("throughout amid amidst across around inside outside beyond".split())
_INTRO = speech.INTRO_WORDS | speech.TIME_WORDS | speech.MONTHS_DAYS | _SCENE_PREPOSITIONS


def _inverted_subject(text: str, start: int, end: int) -> bool:
    """Whether the name at start:end is the subject of an inverted speech verb, its clause ending after the name
    (or an apposition): "That will hold, said Tom Reed." but not "..., said the Pentagon's Cyber Command should"."""
    return bool(_INVERTED_SAYER.search(text, max(0, start - 60), start)) and text[end : end + 1] in ",.:;"


def _inverted_be(text: str, start: int) -> bool:
    """Whether the name follows "is"/"was" in a sentence that opens with a phrase of place or a participle and has
    no subject before the verb: "Across town, knocking on doors, is Tom Reed, a retired welder"."""
    if not _INVERTED_BE.search(text, max(0, start - 10), start):
        return False
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, start - 300), start)]
    first = text[ends[-1] if ends else max(0, start - 300) : start].split()[:1]
    return bool(first) and (first[0].lower() in _INTRO or first[0].lower().endswith("ing"))


def _says_after(text: str, start: int, end: int) -> bool:
    """Whether a finite speech verb follows the name, making it the subject of an attribution ("..., Ann Lee said,
    and"); not one asking, as the one asked answers ("Lee asked Reed whether ..."), nor the subject of a reported
    clause ("said Reed continued to ..."), nor a name inside an organisation's ("the Harbour Review agreed")."""
    found = _SAYS_AFTER.match(text, end)
    if not found or found.group(1) not in speech.SPEECH_VERBS or found.group(1).endswith("ing"):
        return False
    before = text[max(0, start - 30) : start].split()[-1:]
    # "said Reed continued", "the Harbour Review agreed", "the Board of Harbour Pilots announced"
    inside = bool(before) and before[0].lower() in _INSIDE_AFTER
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


def focus(text: str, start: int, subject: bool, end: int) -> int:
    """2 when the mention is its sentence's subject, says something ("..., Lee said, and ...") or is asked; 1 when only
    a few words of description come before it in its sentence, past an introductory phrase ("On Friday, Democratic
    front-runner Hillary Clinton"); else 0."""
    if subject or _inverted_subject(text, start, end) or _says_after(text, start, end) or _asked(text, start) or (
            _inverted_be(text, start)):
        return 2
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, start - 200), start)]
    # the comma of a date is no clause's: "In a Jan. 17, 2013 email, Clinton" opens with one phrase
    chunks = _CLAUSE_MARK.split(_DATE_COMMA.sub(" ", text[ends[-1] if ends else max(0, start - 200) : start]))
    if len(chunks) == 2 and not chunks[1].strip() and _opening_description(chunks[0]) and text[end : end + 1] == ",":
        return 2  # "The group's executive director, Betty Bradley, said": the name of the subject
    if len(chunks) > 2 or (len(chunks) == 2 and chunks[0].split()[:1] and chunks[0].split()[0].lower() not in _INTRO):
        return 0
    lead = chunks[-1].split()
    if lead and lead[0].lower() in {"but", "and", "so", "yet", "then"}:
        lead = lead[1:]
    if len(chunks) == 1 and lead and lead[0].lower() in _OPENING_SUBORDINATORS:
        lead = lead[1:]  # the subject of a clause opening the sentence: "Though Reed was not willing to say, ..."
    # Only words of a title or description: "Obama blasted Trump" has a verb first, and Trump is its object.
    described = all(w[:1].isupper() or "-" in w or w.lower() in speech.ROLE_NOUNS or w.endswith(_ADJECTIVE_ENDINGS)
                    for w in lead)  # "Democratic presidential front-runner"
    return 1 if len(lead) <= 3 and described and not any(w.lower() in speech.CAPITAL_STOP for w in lead) else 0


def _opening_description(chunk: str) -> bool:
    """A description opening a sentence, a name in apposition after it: "The group's executive director", "Its
    founder", "The alleged arsonist" - any head noun, as the name between commas after it is the sentence's subject."""
    words = chunk.split()
    owned = bool(words) and (words[0].lower() in speech.DETERMINERS or words[0].endswith(("’s", "'s")))
    return owned and len(words) <= 6 and words[-1][:1].islower()
