"""For speaker attribution alone: the one-word names an article has say something ("Murphy said") but never gives
in full, as mentions beside the people entities.py finds; one word is too little to list a person by, but enough
for a later "he said" to stand for."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Sequence

from ..models import Block
from . import speech
from .entities import Mention, mention_at, plain_name, resolved_mentions
from .places import is_place_or_org

# Verbs a person speaks with ("reported", "wrote" and "noted" are as often a newspaper's), as whole words: no
# letter a-z before, no word character after.
_SPEECH_VERB_FORMS = tuple("""said says told tells added adds recalled recalls explained explains insisted insists
    replied replies answered asked asks testified acknowledged admitted argued argues continued stated""".split())
_SAYER = re.compile(r"([A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?)(?:\s+(?:also|later))?$")  # "Murphy", "Murphy also"
_APPOSITION_END = re.compile(r"[,.;:“”\"\x00]")
_CLAUSE_OPEN = frozenset("and but so then while as when because that yet".split())
# "the Council of Economic Advisers", "the Bureau of Labor Statistics": the words after an organisation's head word
# and "of" end its name, though entities.py may read them as a person's.
_ORG_OF = re.compile(r"\b([A-Z][a-z]+) of $")


def _opens_clause(before: str) -> bool:
    """Whether a word after `before` opens a clause: "Murphy said" is no subject after "the", "from" or "website"."""
    text = before.rstrip()
    return not text or text[-1] in ".!?,;:\"”’)\x00" or text.rsplit(None, 1)[-1].lower() in _CLAUSE_OPEN


def _in_longer_name(before: str) -> bool:
    """Whether a capitalised word right before makes the name a longer one ("Mayor Don Guardian")."""
    last = before[-30:].rsplit(None, 1)[-1] if before[-30:].strip() and before[-1:].isspace() else ""
    return last[:1].isupper() and last.lower() not in speech.CAPITAL_STOP


def _sayer(before: str) -> tuple[str, str] | None:
    """(the words before it, the name) when `before` ends in a one-word name, maybe followed by an apposition
    between commas: "... Murphy", "... Murphy, the head of the PAC,"."""
    tail = before.rstrip()
    if tail.endswith(","):
        marks = list(_APPOSITION_END.finditer(tail, max(0, len(tail) - 82), len(tail) - 1))
        if not marks or marks[-1].group() != "," or len(tail) - marks[-1].end() < 4:
            return None
        tail = tail[: marks[-1].start()]
    found = _SAYER.search(tail, max(0, len(tail) - 40))
    glued = tail[found.start() - 1 : found.start()] if found else ""
    if not found or (glued and (glued in "’'.-" or glued.isalnum())):
        return None
    return tail[: found.start()], found.group(1)


def _speech_verb_places(text: str, blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """(block, offset) of every speech verb of _SPEECH_VERB_FORMS, in reading order (`text`: the blocks' texts
    joined by line breaks, which are neither a-z nor a word character, as a block's ends read). Each form is looked
    for with str.find over the whole text, which scans in C: a pattern for them all (its first letter preceded by
    none a-z) has no quick scan, and trying it at every character of every block took a twentieth of find_quotes.
    Two forms never overlap: a form is whole letters a-z, so no other can start inside it."""
    found = []
    for form in _SPEECH_VERB_FORMS:
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            after = text[end : end + 1]
            if not (at and "a" <= text[at - 1] <= "z") and not (after.isalnum() or after == "_"):  # as \b reads
                found.append(at)
            at = text.find(form, end)
    starts = list(accumulate((len(b.text) + 1 for b in blocks[:-1]), initial=0))  # each block's offset in text
    places = []
    for at in sorted(found):
        block = bisect_right(starts, at) - 1
        places.append((block, at - starts[block]))
    return places


def _said_surnames(blocks: Sequence[Block], known: set[str],
                   surnames: set[str]) -> tuple[set[str], list[tuple[int, int, str]]]:
    """One-word names the article makes the subject of a speech verb: a person even when never given in full.
    Not a word the article also writes in lower case ("Prosecutors said"), nor a body or a people. Second, where
    the word is the surname of someone the article names in full, the places (block, start, name): the sayers."""
    found = set()
    sayers: list[tuple[int, int, str]] = []
    text = "\n".join(b.text for b in blocks)
    for i, verb in _speech_verb_places(text, blocks):
        window = max(0, verb - 120)
        name = _sayer(blocks[i].text[window:verb])
        if name and name[1] not in known and _opens_clause(name[0]):
            found.add(name[1])
        elif name and name[1] in surnames and _opens_clause(name[0]):
            sayers.append((i, window + len(name[0]), name[1]))
    names = {w for w in found if w.lower() not in speech.CAPITAL_STOP and w.lower() not in speech.ROLE_NOUNS
             and w.lower().rstrip("s") not in speech.ROLE_NOUNS and plain_name([w]) and not is_place_or_org([w])
             and not _written_as_word(w.lower(), text)}
    return names, sayers


def _is_word_character(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \b reads as a word's


def _written_as_word(word: str, text: str) -> bool:
    """Whether `word` (a letter first and last) stands in the text as a whole word, as \bword\b finds it: looked for
    with str.find, as a pattern opening with \b has no quick scan (and would be compiled for every name)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _is_word_character(text[at - 1])) and not (end < len(text) and _is_word_character(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _titled_surnames(mentions: Sequence[Mention]) -> set[str]:
    """One-word names the article gives only with a title ("President Reed", "Mr. Lee"): the same name bare later
    ("Reed said") is that person, though entities.py lists it only where the title stands."""
    full = {w for m in mentions if len(m.name.split()) > 1 for w in m.name.split()}
    return {m.name for m in mentions if m.title and " " not in m.name and m.name not in full and m.name[:1].isupper()}


def _in_org_name(blocks: Sequence[Block], m: Mention) -> bool:
    """Whether the mention ends an organisation's name after its head word and "of": "the Council of Economic
    Advisers" names no one whom a later "she said" could mean."""
    text, reach = blocks[m.block].text, max(0, m.start - 20)
    if text.find(" of ", reach, m.start) < 0:
        return False  # what _ORG_OF needs, looked for first: a pattern opening with \b tries every character
    found = _ORG_OF.search(text, reach, m.start)
    return bool(found) and found.group(1).lower() in speech.ORG_WORDS


def speaker_mentions(blocks: Sequence[Block], mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """`mentions` and every mention of a one-word name the article has say something ("Murphy said") but never
    gives in full: candidates for a later "he said". Kept apart from the people lists, where one word is too
    little to name a person by."""
    mentions = [m for m in mentions if not _in_org_name(blocks, m)]
    surnames = {m.name.split()[-1] for m in mentions if len(m.name.split()) > 1}
    said, sayers = _said_surnames(blocks, {w for m in mentions for w in m.name.split()}, surnames)
    said |= _titled_surnames(mentions)
    # A surname that is also a word ("Cuban said", "Price says"): entities.py passes it over as a word, but as the
    # subject of a speech verb, with the full name given in the article, it is that person
    extra: list[Mention | None] = [
        Mention(b, start, start + len(name), name, None, None, True) for b, start, name in sayers
        if not any(m.block == b and m.start < start + len(name) and start < m.end for m in mentions)]
    if not said and not extra:
        return tuple(mentions)
    if not said:
        return resolved_mentions(sorted([*mentions, *(m for m in extra if m)], key=lambda m: (m.block, m.start)))
    # the names' first letters looked ahead for first: a pattern opening with a lookbehind is tried at every
    # character, the lookahead lets the scan pass over the others at once
    firsts = "".join(sorted({re.escape(name[0]) for name in said}))
    pattern = re.compile(rf"(?=[{firsts}])(?<![\w’'.-])(?:" + "|".join(map(re.escape, said)) + r")\b(?!\s+[A-Z])")
    taken: dict[int, list[tuple[int, int]]] = {}  # block -> where its mentions stand
    for m in mentions:
        taken.setdefault(m.block, []).append((m.start, m.end))
    for i, b in enumerate(blocks):
        taken_here = taken.get(i, [])
        for m in pattern.finditer(b.text) if b.kind != "heading" else ():
            if not any(s < m.end() and m.start() < e for s, e in taken_here) and not _in_longer_name(b.text[: m.start()]):
                extra.append(mention_at(b.text, i, m.start(), m.end(), [m.group()], said))
    merged = sorted([*mentions, *(m for m in extra if m is not None)], key=lambda m: (m.block, m.start))
    return resolved_mentions(merged)
