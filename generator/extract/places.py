"""Places and organisations: capitalised runs of words, read against the gazetteers in speech.py."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator, Sequence

from ..models import Block
from . import speech

_HONORIFIC_DOT = r"(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Prof|Jr|Sr|Lt|Col|Capt|Sgt)\."
_CAP = rf"(?:{_HONORIFIC_DOT}|(?:[A-Z]\.)+|[A-Z][\w’'-]*)"
_PARTICLE = r"(?:de|da|van|von|bin|al|del|der|le|la|du)"
# A run of capitalised words: the raw material of names, places and organisations. The lookahead lets the scan pass
# over every other character at once instead of trying each alternative of _CAP there (2.6x faster).
CAPITAL_RUN = re.compile(rf"(?=[A-Z]){_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP})*")
ORG_RUN = re.compile(rf"{CAPITAL_RUN.pattern}(?:\s+(?:of|for|on)\s+(?:the\s+)?{CAPITAL_RUN.pattern})?")
POSSESSIVE = re.compile(r"[’']s?$")  # "Korea's", "Jesus'"


def capital_runs(text: str, pattern: re.Pattern[str] = CAPITAL_RUN) -> Iterator[tuple[int, int, list[str]]]:
    """Capitalised runs without leading sentence words ("But", "The") and possessive endings."""
    for match in pattern.finditer(text):
        tokens, start = match.group().split(), match.start()
        while tokens and tokens[0].lower() in speech.CAPITAL_STOP and len(tokens[0]) > 1:
            start = text.index(tokens[1], start + len(tokens[0])) if len(tokens) > 1 else match.end()
            tokens = tokens[1:]
        if tokens:
            last = tokens[-1]
            if len(last) > 2 and ("’" in last or "'" in last):  # what POSSESSIVE needs, looked for without it
                tokens[-1] = POSSESSIVE.sub("", last)
            yield start, match.end(), tokens


def place_of(tokens: Sequence[str]) -> str | None:
    """The canonical place a run of words names, or its demonym's country: "North Korean" -> "North Korea"."""
    text = " ".join(tokens)
    for table in (speech.PLACES, speech.PLACE_ALIASES, speech.DEMONYMS):
        if text in table:
            return table[text]
    return None


def _place_names() -> frozenset[str]:
    """The words place_of gives a place for (the first table holding them gives it, and it may not be empty)."""
    first: dict[str, str] = {}
    for table in (speech.PLACES, speech.PLACE_ALIASES, speech.DEMONYMS):
        for name, place in table.items():
            first.setdefault(name, place)
    return frozenset(name for name, place in first.items() if place)


_PLACE_NAMES = _place_names()  # place_of(tokens) is a place exactly when " ".join(tokens) is one of these
_PLACE_WORDS = frozenset(word for name in _PLACE_NAMES for word in name.split(" "))  # every word of one


def geo_inside(tokens: Sequence[str]) -> bool:
    """Whether one to three consecutive words of the run name a place or a people (looked up in _PLACE_NAMES, not
    through place_of: every capitalised run of every article asks this, up to nine times). Words joined into a
    place name are all words of it (tokens hold no spaces, as every caller splits): a run with none of
    _PLACE_WORDS (most names) needs no joins at all."""
    if _PLACE_WORDS.isdisjoint(tokens):
        return False
    n = len(tokens)
    return any(" ".join(tokens[i:j]) in _PLACE_NAMES for i in range(n) for j in range(i + 1, min(n, i + 3) + 1))


def is_place_or_org(tokens: Sequence[str]) -> bool:
    """Whether capitalised words name a place, a people or an organisation rather than a person."""
    return geo_inside(tokens) or looks_like_org(tokens)


def looks_like_org(tokens: Sequence[str]) -> bool:
    """Whether the words hold an organisation word ("Ministry", "Council") or are a known body."""
    return _looks_like_org(" ".join(tokens))


@lru_cache(maxsize=8192)  # pure, and asked for every capitalised run of every article
def _looks_like_org(name: str) -> bool:
    return any(t.lower() in speech.ORG_WORDS for t in name.split()) or name.lower() in speech.KNOWN_ORGS


def _geo_words() -> frozenset[str]:
    names = list(speech.PLACES) + list(speech.DEMONYMS) + list(speech.PLACE_ALIASES)
    return frozenset(w.lower() for n in names if " " in n or n in speech.DEMONYMS for w in n.split())


GEO_WORDS = _geo_words()  # "north", "korean", "united": fragments of places, not keywords on their own


def ranked(counts: Counter[str], first: dict[str, int]) -> tuple[str, ...]:
    """Most counted first, ties by first appearance."""
    return tuple(sorted(counts, key=lambda k: (-counts[k], first[k])))


def find_places(blocks: Sequence[Block]) -> tuple[str, ...]:
    """Countries, capitals, cities and regions named or implied by a demonym, most mentioned first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, block in enumerate(blocks):
        for start, _, tokens in capital_runs(block.text):
            for j in range(len(tokens)):
                for k in range(min(len(tokens), j + 3), j, -1):
                    place = place_of(tokens[j:k]) or place_of([t.title() for t in tokens[j:k]])
                    if place:
                        counts[place] += 1
                        first.setdefault(place, i * 100000 + start)
                        break
    return ranked(counts, first)


def find_organizations(blocks: Sequence[Block]) -> tuple[str, ...]:
    """Capitalised names with an organisation word, known bodies and acronyms, most mentioned first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, block in enumerate(blocks):
        for start, _, tokens in capital_runs(block.text, ORG_RUN):
            name = " ".join(tokens)
            is_acronym = len(tokens) == 1 and speech.ACRONYM.fullmatch(name) and len(name) <= 5
            if is_acronym and (name in speech.ACRONYM_STOP or place_of(tokens) or place_of([name.title()])):
                continue
            if (len(tokens) >= 2 and looks_like_org(tokens)) or name.lower() in speech.KNOWN_ORGS or is_acronym:
                counts[name] += 1
                first.setdefault(name, i * 100000 + start)
    return ranked(counts, first)
