"""People, places, organisations and keywords of one article, from its clean blocks and its quotes.

People (mentions resolved to the fullest name, with their roles) are found here (for speaker attribution alone,
speaker_mentions.py adds the one-word names an article has speak without ever naming them in full); places and
organisations come from places.py (organisations here merged under one name per body), keywords from keywords.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

from ..models import Block, Quote
from ..names import TITLE_WORDS, is_person_name, name_handles, name_key, same_person, strip_title
from . import speech
from .keywords import find_keywords
from .name_runs import PARTIES, office_before, split_lead, without_suffix
from .places import capital_runs, find_organizations, find_places, geo_inside, looks_like_org, ranked
from .speaker_gender import GIVEN_NAME_GENDER

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_ROLE_PREFIX = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}(?:[a-z][\w-]*\s+){0,2}([a-z]+))\s+$")
_ROLE_REACH = 120  # characters: six words of a role prefix fit with room to spare
_NOT_ROLE_OPENINGS = speech.NP_STOP | speech.DETERMINERS | speech.CAPITAL_STOP  # joined once, not at every call
# What a named tuple's __new__ does, called directly: its own __new__ is a Python function over tuple.__new__, and
# the call takes as long as the rest of the work (mentions are built for every person run, twice when resolved).
_new_tuple = tuple.__new__
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady madam mister".split())


@dataclass(frozen=True)
class Entities:
    """What an article is about: each tuple ordered by salience."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


class Mention(NamedTuple):
    """One place a person is named, with what the article says about them there. A named tuple, not a frozen
    dataclass: every capitalised run of every article may make one, twice over, and a frozen dataclass takes five
    times as long to build."""

    block: int
    start: int  # offset of the mention (role prefix and title included) in the block text
    end: int
    name: str  # without title: "Kim", "Kim Kye-gwan"
    title: str | None  # "Vice Foreign Minister", "Mr."
    role: str | None  # the role given here: title, role prefix ("US envoy") or apposition
    subject: bool  # opens its sentence, so a following "he" most likely means this person
    person: str = ""  # the fullest name of the person it resolves to


# ---- people -----------------------------------------------------------------------------------------------------


def plain_name(tokens: Sequence[str]) -> bool:
    """A name shape that is no place, demonym, organisation or date."""
    return _plain_name(" ".join(tokens))


@lru_cache(maxsize=8192)  # pure, and asked for every capitalised run of every article
def _plain_name(name: str) -> bool:
    tokens = name.split()
    return (
        is_person_name(name)
        and not geo_inside(tokens)
        and not looks_like_org(tokens)
        and not any(t.lower() in speech.MONTHS_DAYS for t in tokens)
    )


def _last_lowercase_word(before: str) -> str:
    """The run of a-z letters that ends `before` just ahead of its trailing whitespace ('' without whitespace):
    the word _ROLE_PREFIX's group 2 can only be."""
    stripped = before.rstrip()
    if len(stripped) == len(before):
        return ""
    word = stripped[stripped.rfind(" ") + 1 :]
    if word.isascii() and word.isalpha() and word.islower():
        return word  # most often a whole lower-case word: no need to walk back letter by letter
    start = len(stripped)
    while start and "a" <= stripped[start - 1] <= "z":
        start -= 1
    return stripped[start:]


def _role_prefix(before: str, last_word: str | None = None) -> tuple[str | None, int]:
    """A description right before a name ("US envoy ", "North Korean leader "): the role and its length.
    `last_word` is `_last_lowercase_word(before)` when the caller has it already."""
    before = before[-_ROLE_REACH:]  # the pattern is anchored at the end: searching the whole block is quadratic
    if (_last_lowercase_word(before) if last_word is None else last_word) not in speech.ROLE_NOUNS:
        return None, 0  # what the pattern's group 2 would be is no role: skip its slow search (most names)
    found = _ROLE_PREFIX.search(before)
    if not found or found.group(2) not in speech.ROLE_NOUNS:
        return None, 0
    tokens = list(re.finditer(r"\S+", found.group(1)))
    while tokens and tokens[0].group().lower() in _NOT_ROLE_OPENINGS:
        tokens = tokens[1:]
    if not tokens:
        return None, 0
    begin = found.start(1) + tokens[0].start()
    return " ".join(t.group() for t in tokens), len(before) - begin


_APPOSITION = re.compile(r",\s+([^,.;:“”\"]{3,80}?)(?:,|\.|$)")


def _apposition(text: str, end: int) -> str | None:
    """", the American special envoy," right after a name ending at `end` (matched in place: no copy of the rest)."""
    found = _APPOSITION.match(text, end)
    if not found:
        return None
    phrase = found.group(1).strip()
    tokens = phrase.split()
    if tokens[0].lower() in speech.INTRO_WORDS or tokens[0].endswith("ing") or len(tokens) > 9:
        return None
    heads = {t.lower().rstrip("’'s") for t in tokens} | {t.lower() for t in tokens}
    return phrase if heads & speech.ROLE_NOUNS and not heads & {"said", "says", "who", "which"} else None


_CONJUNCTIONS = frozenset("but and so yet however, still,".split())
# Lower-case words of a description before a name: "But state Rep. Gilda Cobb-Hunter", "former Gov. Jeb Bush".
_MODIFIERS = frozenset("""state former then longtime veteran retired fellow freshman local top senior outgoing
    incoming acting interim deputy assistant vice""".split())


def _is_subject(sentence_so_far: str) -> bool:
    """Nothing but an introductory phrase ("Of the two negotiators,") or a few words describing the person
    ("But Democratic front-runner", "state") stands before the mention."""
    text = sentence_so_far.strip()
    tokens = text.split(None, 4)  # five parts or more: too many words before the mention, the rest need not be split
    first = tokens[0].lower() if tokens else ""
    if first in _CONJUNCTIONS:
        tokens = tokens[1:]
    if not tokens:
        return True
    if len(tokens) <= 3:  # most mentions stand further into their sentence: no need to read every word before them
        described = [t.lower() in _MODIFIERS or t.lower() in speech.ROLE_NOUNS or "-" in t.strip("-") for t in tokens]
        if any(described) and all(d or (t[:1].isupper() and t.isalpha() and t.lower() not in speech.CAPITAL_STOP)
                                  for t, d in zip(tokens, described)):
            return True
    return text.endswith(",") and (first in speech.INTRO_WORDS or first.endswith(("ing", "ed")))


class _RunReading(NamedTuple):
    """What the words of a capitalised run say on their own, whatever stands around them (see mention_at)."""

    lead: tuple[str, ...]  # a place, party or owner in front of the name: "Chinese", "Democrat"
    tokens: tuple[str, ...]  # the words after it
    titles_only: bool  # nothing but title words and parties: "Former Secretary", "Former Democratic"
    name: str  # the words without their title
    title: str | None
    person: bool  # the name has a person's shape and is no body or day


@lru_cache(maxsize=8192)  # pure; the same runs come back in an article and across articles ("Mr. Kim", "Obama")
def _read_run(tokens: tuple[str, ...]) -> _RunReading:
    """A run's lead, name and title, read once for all the places it stands: each of the cached steps asked in
    turn costs more in calls and joins than the reading itself."""
    lead, rest = split_lead(list(tokens))
    titles_only = all(t.lower().rstrip(".") in TITLE_WORDS or t in PARTIES for t in rest)
    name, title = strip_title(" ".join(rest))
    return _RunReading(tuple(lead), tuple(rest), titles_only, name, title, _person_shaped(name))


def _person_shaped(name: str) -> bool:
    return is_person_name(name) and not looks_like_org(name.split()) and name.lower() not in speech.MONTHS_DAYS


def mention_at(text: str, block: int, start: int, end: int, tokens: list[str], known: set[str]) -> Mention | None:
    """A person mention from one capitalised run, or None when the run is no person."""
    before = text[max(0, start - _ROLE_REACH) : start]  # both look back a few words: no copy of the block's start
    # A lone word is a person only as a known name or after a role noun: half of all runs end here, before the
    # checks below that would come to the same answer.
    last_word = _last_lowercase_word(before)
    if len(tokens) == 1 and last_word not in speech.ROLE_NOUNS and strip_title(tokens[0])[0] not in known:
        return None
    run = _read_run(tuple(tokens))
    if run.titles_only:
        return None  # "Former Secretary" (of State ...), "Former Democratic" (candidate ...): no name in them
    lead, name, title, person = run.lead, run.name, run.title, run.person
    office = office_before(before, run.tokens)
    if office:  # "Secretary of State Hillary Clinton": the run after "of" starts with the office's domain
        name, title = strip_title(" ".join(run.tokens[len(office[1]) :]))
        title = office[0] + " " + " ".join(office[1]) if title is None else title
        person = _person_shaped(name)
    if not person:
        return None  # "a statement Friday": a role noun before a day makes no person of it
    # no role without a role noun last before the run (most runs): _role_prefix is not called for them
    role, prefix_len = _role_prefix(before, last_word) if last_word in speech.ROLE_NOUNS else (None, 0)
    is_titled = title is not None or role is not None
    if len(name.split()) == 1 and not is_titled and name not in known:
        return None
    # strip_title joins a name's words by single spaces, as plain_name(name.split()) would: asked without the copies
    if not is_titled and not _plain_name(name):
        return None
    if title and title.lower().rstrip(".") not in HONORIFICS:
        # a party is left out of the role: it would match any "the Republican" later
        role = role or " ".join([w for w in lead if w not in PARTIES] + [title])
    role = _apposition(text, end) or role
    begin = start - prefix_len
    subject = _is_subject(text[_sentence_start(text, begin) : begin])
    return _new_tuple(Mention, (block, begin, end, name, title, role, subject, ""))  # Mention(...) takes twice as long


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` begins."""
    ends = _sentence_ends(text)
    return ends[bisect_right(ends, pos) - 1]


@lru_cache(maxsize=256)  # one block's sentence ends, asked again for each of its mentions
def _sentence_ends(text: str) -> tuple[int, ...]:
    """Where each sentence of a block begins, the block's start first ("^" in the pattern would cost 2.5x more)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return tuple(ends if _SENTENCE_END.match(text) else [0, *ends])


def _scan(blocks: Sequence[Block]) -> list[Mention]:
    """Every person mention in reading order (headings skipped)."""
    # each block's runs kept with its text, in one loop below: no tuple per run to build and unpack, nor a
    # generator to step through
    runs = [(i, b.text, list(capital_runs(b.text))) for i, b in enumerate(blocks) if b.kind != "heading"]
    known = {word for _, _, found in runs for _, _, tokens in found if len(tokens) > 1
             for word in _name_ends(tuple(tokens))}
    mentions = []
    for i, text, found in runs:
        for start, end, tokens in found:
            mention = mention_at(text, i, start, end, tokens, known)
            if mention is not None:
                mentions.append(mention)
    return mentions


@lru_cache(maxsize=8192)  # pure; the same runs ("Mr. Kim", "Obama") come back in every article about them
def _name_ends(run: tuple[str, ...]) -> tuple[str, ...]:
    """The first and last word of the full name a capitalised run gives ("Kim", "Kye-gwan" of "Vice Foreign Minister
    Kim Kye-gwan"), or nothing when the run names no one in full: the words a bare "Kim" may later be."""
    name = without_suffix(strip_title(" ".join(split_lead(list(run))[1]))[0].split())
    return (name[0], name[-1]) if len(name) >= 2 and plain_name(name) else ()


def _title_fit(mention: Mention, roles: list[str]) -> int:
    words = set((mention.title or "").lower().split()) - HONORIFICS - {"mr.", "mrs.", "ms.", "dr."}
    return len(words & {w.lower() for r in roles for w in r.split()})


_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "madam": "f", "lady": "f", "lord": "m"}


def _gender_fit(mention: Mention, person: str) -> int:
    """1 when an honorific agrees with the given name's gender ("Mrs. Trump", Melania), -1 when not, else 0."""
    said = _HONORIFIC_GENDER.get((mention.title or "").lower().rstrip("."))
    given = GIVEN_NAME_GENDER.get(person.split()[0].lower()) if said and len(person.split()) > 1 else None
    return 0 if not (said and given) else (1 if said == given else -1)


def _pick(mention: Mention, recency: dict[str, int], full: dict[str, str], roles: dict[str, list[str]],
          short: Counter[str], led: set[str], by_handle: dict[str, set[str]]) -> str | None:
    """The person a one-word mention ("Mr. Kim") means: fitting title and honorific first, then the most recent;
    a bare surname passes over one the article has only named in full inside other sentences ("Clinton and her
    husband, Bill Clinton, attended") when another already goes by the bare surname. `by_handle` holds the people
    under the handles of every name they have had (names.name_handles): only those sharing one may fit."""
    candidates: set[str] = set()
    for handle in name_handles(mention.name):  # a loop, not set().union over a generator: most handles hold no one
        if handle in by_handle:
            candidates |= by_handle[handle]
    # recency values differ from person to person, so the order of the candidates cannot change the max below
    fits = [k for k in candidates if same_person(full[k], mention.name)]
    if mention.title is None and any(short[k] for k in fits):
        fits = [k for k in fits if short[k] or k in led or _gender_fit(mention, full[k]) > 0]
    if len(fits) <= 1:
        return fits[0] if fits else None  # most often one person fits: no need to weigh titles and genders
    return max(fits, key=lambda k: (_title_fit(mention, roles[k]), _gender_fit(mention, full[k]), recency[k]))


def person_mentions(blocks: Sequence[Block]) -> tuple[Mention, ...]:
    """Person mentions resolved to the fullest name the article gives, telling apart people who share a name."""
    return resolved_mentions(_scan(blocks))


def resolved_mentions(mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """Each mention with the fullest name of the person it means."""
    full: dict[str, str] = {}
    roles: dict[str, list[str]] = {}
    recency: dict[str, int] = {}  # person key -> when it was last mentioned (the mention's number)
    later = list(dict.fromkeys(name_key(m.name) for m in mentions if len(m.name.split()) >= 2))
    by_handle: dict[str, set[str]] = {}  # handle -> the people named under it so far (see _pick)
    keys: list[str] = []
    short: Counter[str] = Counter()  # one-word mentions of each person so far, without a title
    led: set[str] = set()  # people named in full as the subject of a sentence
    for m in mentions:
        named_in_full = len(m.name.split()) >= 2  # once: both tests below ask it
        if named_in_full:
            key = name_key(m.name)
            if m.subject:
                led.add(key)
        else:
            picked = _pick(m, recency, full, roles, short, led, by_handle)
            if picked and m.title is None:
                short[picked] += 1  # a name given in full only later ("ahead") is a guess, not a usage
            ahead = None if picked else next((k for k in later if same_person(k, m.name)), None)
            key = picked or ahead or name_key(m.name)
        if len(m.name) > len(full.get(key, "")) and (named_in_full or key not in full):
            full[key] = m.name
            for handle in name_handles(m.name):
                by_handle.setdefault(handle, set()).add(key)
        roles.setdefault(key, [])
        if m.role:
            roles[key].append(m.role)
        recency[key] = len(keys)
        keys.append(key)
    # all but `person` kept, built as Mention.__new__ does, without its call (half the time; _replace is slower);
    # a mention resolved before to the same person (speaker_mentions resolves them again) is kept as it is
    return tuple(m if m.person == full[k] else _new_tuple(Mention, m[:-1] + (full[k],)) for m, k in zip(mentions, keys))


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
