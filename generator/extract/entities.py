"""People, places, organisations and keywords of one article, from its clean blocks and its quotes.

People (mentions resolved to the fullest name, with their roles) are found here; places and organisations come
from places.py (organisations here merged under one name per body), keywords from keywords.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from ..models import Block, Quote
from ..names import TITLE_MODIFIERS, TITLES, is_person_name, name_key, same_person, strip_title
from . import speech
from .keywords import find_keywords
from .places import capital_runs, find_organizations, find_places, geo_inside, looks_like_org, place_of, ranked

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|^")
_ROLE_PREFIX = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}(?:[a-z][\w-]*\s+){0,2}([a-z]+))\s+$")
_ROLE_REACH = 120  # characters: six words of a role prefix fit with room to spare
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady madam mister".split())


@dataclass(frozen=True)
class Entities:
    """What an article is about: each tuple ordered by salience."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One place a person is named, with what the article says about them there."""

    block: int
    start: int  # offset of the mention (role prefix and title included) in the block text
    end: int
    name: str  # without title: "Kim", "Kim Kye-gwan"
    title: str | None  # "Vice Foreign Minister", "Mr."
    role: str | None  # the role given here: title, role prefix ("US envoy") or apposition
    subject: bool  # opens its sentence, so a following "he" most likely means this person
    person: str = ""  # the fullest name of the person it resolves to


# ---- people -----------------------------------------------------------------------------------------------------


def _plain_name(tokens: Sequence[str]) -> bool:
    """A name shape that is no place, demonym, organisation or date."""
    return (
        is_person_name(" ".join(tokens))
        and not geo_inside(tokens)
        and not looks_like_org(tokens)
        and not any(t.lower() in speech.MONTHS_DAYS for t in tokens)
    )


def _role_prefix(before: str) -> tuple[str | None, int]:
    """A description right before a name ("US envoy ", "North Korean leader "): the role and its length."""
    before = before[-_ROLE_REACH:]  # the pattern is anchored at the end: searching the whole block is quadratic
    found = _ROLE_PREFIX.search(before)
    if not found or found.group(2) not in speech.ROLE_NOUNS:
        return None, 0
    tokens = list(re.finditer(r"\S+", found.group(1)))
    while tokens and tokens[0].group().lower() in speech.NP_STOP | speech.DETERMINERS | speech.CAPITAL_STOP:
        tokens = tokens[1:]
    if not tokens:
        return None, 0
    begin = found.start(1) + tokens[0].start()
    return " ".join(t.group() for t in tokens), len(before) - begin


def _apposition(after: str) -> str | None:
    """", the American special envoy," right after a name."""
    found = re.match(r",\s+([^,.;:“”\"]{3,80}?)(?:,|\.|$)", after)
    if not found:
        return None
    phrase = found.group(1).strip()
    tokens = phrase.split()
    if tokens[0].lower() in speech.INTRO_WORDS or tokens[0].endswith("ing") or len(tokens) > 9:
        return None
    heads = {t.lower().rstrip("’'s") for t in tokens} | {t.lower() for t in tokens}
    return phrase if heads & speech.ROLE_NOUNS and not heads & {"said", "says", "who", "which"} else None


def _is_subject(sentence_so_far: str) -> bool:
    """Nothing but an introductory phrase ("Of the two negotiators,") stands before the mention."""
    text = sentence_so_far.strip()
    if not text or text.lower() in {"but", "and", "so", "yet", "however,", "still,"}:
        return True
    first = text.split()[0].lower()
    return text.endswith(",") and (first in speech.INTRO_WORDS or first.endswith(("ing", "ed")))


def _split_lead(tokens: list[str]) -> tuple[list[str], list[str]]:
    """A place or demonym in front of a title: "Chinese Vice Premier Lee Keqiang" -> (["Chinese"], [...])."""
    for n in (2, 1):
        if len(tokens) > n + 1 and place_of(tokens[:n]) and tokens[n].lower().rstrip(".") in TITLES | TITLE_MODIFIERS:
            return tokens[:n], tokens[n:]
    return [], tokens


def _mention_at(text: str, block: int, start: int, end: int, tokens: list[str], known: set[str]) -> Mention | None:
    """A person mention from one capitalised run, or None when the run is no person."""
    role, prefix_len = _role_prefix(text[:start])
    lead, tokens = _split_lead(tokens)
    name, title = strip_title(" ".join(tokens))
    if not is_person_name(name) or looks_like_org(name.split()):
        return None
    is_titled = title is not None or role is not None
    if len(name.split()) == 1 and not is_titled and name not in known:
        return None
    if not is_titled and not _plain_name(name.split()):
        return None
    if title and title.lower().rstrip(".") not in HONORIFICS:
        role = role or " ".join(lead + [title])
    role = _apposition(text[end:]) or role
    begin = start - prefix_len
    sentence = text[: begin][[m.end() for m in _SENTENCE_END.finditer(text[:begin])][-1]:]
    return Mention(block, begin, end, name, title, role, _is_subject(sentence))


def _scan(blocks: Sequence[Block]) -> list[Mention]:
    """Every person mention in reading order (headings skipped)."""
    runs = [(i, s, e, t) for i, b in enumerate(blocks) if b.kind != "heading" for s, e, t in capital_runs(b.text)]
    full_names = (strip_title(" ".join(t))[0].split() for _, _, _, t in runs)
    known = {n[i] for n in full_names if len(n) >= 2 and _plain_name(n) for i in (0, -1)}
    found = (_mention_at(blocks[i].text, i, s, e, list(t), known) for i, s, e, t in runs)
    return [m for m in found if m is not None]


def _title_fit(mention: Mention, roles: list[str]) -> int:
    words = set((mention.title or "").lower().split()) - HONORIFICS - {"mr.", "mrs.", "ms.", "dr."}
    return len(words & {w.lower() for r in roles for w in r.split()})


def _pick(mention: Mention, order: list[str], full: dict[str, str], roles: dict[str, list[str]]) -> str | None:
    """The person a one-word mention ("Mr. Kim") means: fitting title first, then the most recent."""
    fits = [k for k in order if same_person(full[k], mention.name)]
    if not fits:
        return None
    return max(fits, key=lambda k: (_title_fit(mention, roles[k]), order.index(k)))


def person_mentions(blocks: Sequence[Block]) -> tuple[Mention, ...]:
    """Person mentions resolved to the fullest name the article gives, telling apart people who share a name."""
    mentions = _scan(blocks)
    full: dict[str, str] = {}
    roles: dict[str, list[str]] = {}
    order: list[str] = []  # person keys, least recently mentioned first
    later = [name_key(m.name) for m in mentions if len(m.name.split()) >= 2]
    keys: list[str] = []
    for m in mentions:
        if len(m.name.split()) >= 2:
            key = name_key(m.name)
        else:
            ahead = next((k for k in later if same_person(k, m.name)), None)
            key = _pick(m, order, full, roles) or ahead or name_key(m.name)
        if len(m.name) > len(full.get(key, "")) and (len(m.name.split()) >= 2 or key not in full):
            full[key] = m.name
        roles.setdefault(key, [])
        if m.role:
            roles[key].append(m.role)
        order = [k for k in order if k != key] + [key]
        keys.append(key)
    return tuple(replace(m, person=full[k]) for m, k in zip(mentions, keys))


def person_roles(mentions: Iterable[Mention]) -> dict[str, str]:
    """The first role the article gives each person."""
    roles: dict[str, str] = {}
    for m in mentions:
        if m.role and m.person not in roles:
            roles[m.person] = m.role
    return roles


# ---- organisations -----------------------------------------------------------------------------------------------


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in speech.KEYWORD_STOP and w[0].isupper())


def organization_aliases(names: Sequence[str]) -> dict[str, str]:
    """Every organisation form the article uses -> one name: "UN" -> "United Nations", "IAEA" -> its expansion."""
    aliases = {n: speech.ORG_ALIASES.get(n, n) for n in names}
    expansions = {_initials(n): n for n in names if len(n.split()) >= 2}
    for name in names:
        if speech.ACRONYM.fullmatch(name) and name.replace(".", "") in expansions:
            aliases[name] = expansions[name.replace(".", "")]
    return aliases


def _merged(names: Sequence[str], aliases: Mapping[str, str]) -> tuple[str, ...]:
    """Ranked names under their canonical form, each once, at the rank of its best-ranked form."""
    return tuple(dict.fromkeys(aliases.get(n, n) for n in names))


def find_entities(
    blocks: Sequence[Block], quotes: Sequence[Quote], mentions: Sequence[Mention] | None = None
) -> Entities:
    """People (fullest names, quoted speakers weigh more), places, organisations and keywords."""
    mentions = person_mentions(blocks) if mentions is None else mentions
    counts: Counter[str] = Counter(m.person for m in mentions)
    first = {m.person: m.block * 100000 + m.start for m in reversed(mentions)}
    for quote in quotes:
        if quote.speaker in counts:
            counts[quote.speaker] += 1
    people = tuple(p for p in ranked(counts, first) if len(p.split()) >= 2 or counts[p] >= 2)
    found = find_organizations(blocks)
    aliases = organization_aliases(found)
    keywords = find_keywords(blocks, people, aliases)
    return Entities(people, find_places(blocks), _merged(found, aliases), keywords)
