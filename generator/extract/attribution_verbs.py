"""Which words of an attribution are its reporting verb: the lexicon's forms (reporting_verbs.py), a present form
that may be a noun only after a subject ("Lee notes", not "the notes"), a base form only after a plural subject or a
subject and a modal ("the Saudis state", "NBC will accuse"), and never a verb in a clause another verb governs."""

from __future__ import annotations

import re
from functools import lru_cache

from . import speech
from .attribution_np import MASK

# A word of letters a-z, \b[A-Za-z]+\b written to open with its first letter: a pattern opening with \b has the
# search try every character, one opening with a letter lets it skip to the next letter (twice as fast).
_VERB = re.compile(r"[A-Za-z](?<!\w[A-Za-z])[A-Za-z]*\b")
# Words after which a verb has no subject of its own: "anybody who complains", "but said", "when asked".
NO_SUBJECT = frozenset("who which that but and or to when if once while".split())
_REPORTED_OPENINGS = frozenset("who which whether if".split())  # words opening a clause another verb governs
# Lexicon sets joined once here, not at every call (a union of these sets costs microseconds each time):
_SUBJECT_WORDS = speech.PRONOUNS | speech.PERSON_HEADS | speech.SOURCE_NOUNS
_PLURAL_SUBJECT_HEADS = speech.PERSON_HEADS | speech.SOURCE_NOUNS
_REPORTING_WORDS = speech.SPEECH_VERBS | _REPORTED_OPENINGS
_NO_MODAL_SUBJECT = speech.CLAUSE_WORDS | NO_SUBJECT
_ADVERBS_NOT_MODALS = speech.SKIP_ADVERBS - speech.MODALS
_ADVERB_LY = re.compile(r"^[a-z]+ly$")
_NEXT_WORD = re.compile(r"\s*(\S+)")  # the word after a verb, read in place


def speech_verbs(text: str, lexicon: frozenset[str] = speech.SPEECH_VERBS) -> list[re.Match[str]]:
    """Speech verbs ("said", "told", "according to"), leaving out "called for" and the like."""
    return list(_speech_verbs(text, lexicon))


@lru_cache(maxsize=512)  # pure; the rules read the same words around a quote again (a third of all calls)
def _speech_verbs(text: str, lexicon: frozenset[str]) -> tuple[re.Match[str], ...]:
    found = []
    for m in _VERB.finditer(text):
        word = m.group().lower()
        if word not in lexicon and word != "calls" and word not in speech.SPEECH_BASE_FORMS:
            continue  # no reporting verb in any form: most words, so the checks below (which copy text) are skipped
        if m.group()[0].isupper() and word not in speech.SPEECH_VERBS:
            continue  # "the United States": a capitalised noun-like verb form is a name
        nxt = _NEXT_WORD.match(text, m.end())
        # A present-tense form that is also a plural noun ("states", "emails", "calls") is a verb only after a subject
        noun_like = word == "calls" or (word in lexicon and word not in speech.SPEECH_VERBS and word.endswith("s"))
        known = (word in lexicon or word == "calls") and (not noun_like or _after_subject(text[: m.start()]))
        known = known or (word in speech.SPEECH_BASE_FORMS and _after_plural_or_modal(text[: m.start()]))
        if known and _after_modal(text[: m.start()]) is False:
            continue  # "stating that the town should declare war": the modal's clause is reported, its verb no cue
        if known and not (nxt and nxt.group(1).lower() in speech.NOT_SPEECH_AFTER.get(word, ())):
            found.append(m)
    if "ccord" in text.lower():  # a quick look first: the case-blind ACCORDING_TO tries every character
        found += list(speech.ACCORDING_TO.finditer(text))
    return tuple(sorted(found, key=lambda m: m.start()))


def _after_subject(before: str) -> bool:
    """Whether the words before a present-tense form that may be a noun ("calls", "notes") end like a subject, so
    that it is the verb: "Ann Lee calls it", "he notes", "the chief, calls"; not "the phone calls"."""
    last = before[-40:].split()[-1:]
    word = last[0] if last else ""
    if not word.strip(",\"“”’'" + MASK):
        return True  # right after a quote, its verb before the subject: '"...," reads the editorial'
    return bool(word) and (word.endswith(",") or (word[0].isupper() and not word.endswith(("’s", "'s")))
                           or word.lower() in _SUBJECT_WORDS
                           or MASK in word)


def _after_plural_or_modal(before: str) -> bool:
    """Whether a base form ("state", "call") is the verb: after a plural subject ("the Saudis", "they", "31
    percent") or a subject and a modal ("NBC will accuse", "a spokesman could only quip"), adverbs between."""
    modal = _after_modal(before)
    if modal is not None:
        return modal
    words = _without_adverbs(before[-60:].split())
    word = words[-1] if words else ""
    low = word.lower()
    if low in {"they", "we", "i", "you", "percent"} or word.endswith("%"):
        return True
    plural = low.endswith("s") and not low.endswith(("ss", "’s", "'s"))
    return plural and (word[0].isupper() or low in _PLURAL_SUBJECT_HEADS)


def _after_modal(before: str) -> bool | None:
    """None when no modal comes right before a verb; else whether the modal's clause reports the quote: a main
    clause with a subject ("NBC will accuse"), not a clause another verb governs ("stating that the town should
    declare", "critics who say he should condemn")."""
    words = _without_adverbs(before[-60:].split())
    if not words or words[-1] not in speech.MODALS:  # case kept: "Will wrote" names George Will
        return None
    words = _without_adverbs(words[:-1])
    word = words[-1] if words else ""
    clause = re.split(r"[,;:—–]|\band\b|\bbut\b", before)[-1]
    reported = {w.lower() for w in clause.split()} & _REPORTING_WORDS
    return bool(word) and _after_subject(word) and word.lower() not in _NO_MODAL_SUBJECT and (
        not reported)


def _without_adverbs(words: list[str]) -> list[str]:
    while words and (words[-1].lower() in _ADVERBS_NOT_MODALS or _ADVERB_LY.match(words[-1])):
        words = words[:-1]
    return words


# Present forms the lexicon keeps for after a quote ("claims", "describes", "proclaims"): read before a quote only
# right after a name or "he"/"she", where nothing else can be their subject; not those most often plural nouns.
_PRESENT_FORMS = speech.SPEECH_VERBS_AFTER_QUOTE - speech.SPEECH_VERBS - frozenset(
    # plural nouns a name may qualify: "22 Clinton emails", "the Tax Foundation estimates", "Trump remarks"
    """reads read emails texts posts tweets reports comments questions charges cheers thanks notes estimates
    references quotes points states labels counters chants cries answers demands promises protests remarks
    pledges vows""".split())


def present_after_name(text: str) -> list[re.Match[str]]:
    """Present-tense speech verbs the lexicon keeps for after a quote, right after a name or "he"/"she" before
    one: "While Will acknowledges ...", "Sullivan proclaims the article a "..."", "whom he describes as "...""."""
    found = []
    for m in _VERB.finditer(text):
        if m.group() not in _PRESENT_FORMS:
            continue
        last = text[max(0, m.start() - 40) : m.start()].split()[-2:]
        word = last[-1] if last else ""
        name = word[:1].isupper() and word.isalpha() and word.lower() not in speech.CAPITAL_STOP
        reported = len(last) == 2 and last[0] == "that"  # "told ABC that he agrees": the telling is the cue
        if (name or word in ("he", "she", "He", "She")) and not reported:
            found.append(m)
    return found
