"""The noun phrases of an attribution: the subject before a speech verb ("Tom Reed, the harbour chief,"), the one
after an inverted verb ("said Tom Reed") and a relative pronoun's antecedent; the subject opening a clause is
attribution_lead.py's, the speech verbs and the constructions around them attribution.py's.

Attribution reads the text with every quote masked (MASK), so words inside a quote are never taken for a speaker.
"""

from __future__ import annotations

import re
from typing import Sequence

from . import speech
from .places import is_place_or_org

MASK = "\x00"  # stands for quoted words, so attribution never reads inside a quote
# A comma in "250,000" or a colon in "9:30" splits nothing. The other characters taken as runs, not one by one
# through the alternation (a third faster; the same chunks, as nothing follows the repeat).
_CHUNK = re.compile(r"(?:[^,;:—–]+|(?<=\d)[,:](?=\d))+")
_LY = re.compile(r"^[a-z]+ly$")
_TOKEN = re.compile(r"\S+")  # compiled once: re's own cache is looked up at every call
_RELATIVE_CLAUSE = re.compile(r"\s(?:who|which|that)\s")
# A pronoun with its auxiliary run on: "He’s", "they're", "she'd"
_PRONOUN_CONTRACTION = re.compile(r"^([A-Za-z]+)[’'](?:s|re|ve|ll|d)$")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)[.!?]+\s*$")  # not "Mr." nor "J."
# A relative clause closing an apposition: what follows "who"/"which" describes the noun before it, and is no clause
# of the sentence's own ("an oncologist who advised the mayor and ran a clinic").
_RELATIVE_TAIL = re.compile(r"\s(?:who|whose|which)\s.*$", re.S)
TAG = re.compile(r"^\s*(?:\d{1,3}|[RDI]-[A-Z][A-Za-z.]*)\s*$")  # an age or a party and state: "33", "R-Ky."
_STATE_ABBREVIATION = re.compile(r"^\s*[A-Z][a-z]{1,4}\.\s*$")  # "Mich.", "Pa.", "Calif."
_AGE_NOUN = re.compile(r"^\d{1,3}-year-old$")  # "said the 52-year-old": a person
_PAREN = re.compile(r"^\(.*\)$")  # "(D)", "(R-Texas)" between a name and its verb
# A time or a setting between a subject and its verb: "on Wednesday morning", "last week", "in a statement".
_ADJUNCT = re.compile(
    r"(?:\s+(?:(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|weekend|month|year)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"in\s+(?:an?|the|his|her|their)\s+(?:[a-z-]+\s+)?(?:interview|statement|speech)))+"
    r"(?:\s+(?:also|then|later|again))*\s*$")
Attribution = tuple[int, str, str | None]  # (offset in the block, the speaker's noun phrase, an apposition role)
# ", who has long" / ", which": a relative clause whose verb is the speech verb, adverbs and auxiliaries between.
# "Ann Lee, who", "Ann Lee -- who", "Ann Lee — who": a relative clause set off as an aside
_RELATIVE = re.compile(r"(,\s*|\s*(?:--|[—–]|\s-)\s*|\s+)(who|which)((?:\s+[^\s,;:—–]+){0,6})\s*$")

# Lexicon sets joined once here, not at every call (a union of these sets costs microseconds each time):
_MONTHS_DAYS_NAMES = speech.MONTHS_DAYS - speech.CAPITAL_STOP  # months that are names too: "May"
_NOT_GIVEN_NAMES = speech.CAPITAL_STOP | speech.MONTHS_DAYS | speech.TIME_WORDS
_CAPITAL_STOP_OR_DATE = speech.CAPITAL_STOP | speech.MONTHS_DAYS
_CAPITAL_STOP_NOT_DETERMINERS = speech.CAPITAL_STOP - speech.DETERMINERS
_CLAUSE_WORDS_BUT_AND = speech.CLAUSE_WORDS - {"and"}
_NP_AFTER_OPENINGS = speech.DETERMINERS | speech.INDEFINITE_SPEAKERS  # "said the envoy", "said another"
_NOT_RELATIVES_OWN = speech.CLAUSE_WORDS | {"to"}  # words showing a verb after "who" is not the relative's


_NUMBER = (r"(?:\d[\d.,]*|(?:[A-Za-z]+-)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))")
# The share opens its clause ("which 21 percent said"), else it is a figure in another ("rose 40 percent, said X")
_SHARE_OPENING = re.compile(r"(?:^|\b(?:and|but|while|whereas|which|yet))\s*$", re.I)
_SHARE = re.compile(r"(?<![\w-])" + _NUMBER + r"(?:\s+percent|%)$", re.I)  # "21 percent", "Forty-one percent", "49%"


def _month_surname(tokens: list[re.Match[str]]) -> bool:
    """A month's name after a first name is a surname: "Theresa May", "columnist Ai Jun"; not "Last May"."""
    head, before = tokens[-1].group(), tokens[-2].group() if len(tokens) > 1 else ""
    return (head.lower() in _MONTHS_DAYS_NAMES and before[:1].isupper() and before.isalpha()
            and before.lower() not in _NOT_GIVEN_NAMES)


# Prepositions that join a person noun to the words describing it in one noun phrase: "the owner of a shop", "a
# narrator in the ad", "an aide to Tom Reed".
_JOINING = frozenset("of for at from in to".split())


def _trailing_np(chunk: str, strict: bool) -> tuple[int, str] | None:
    """(offset, words) of the noun phrase a chunk ends with ("... where American officials later" -> "American
    officials"); strict asks for a name, pronoun or person noun as its head."""
    tokens = [t for t in _TOKEN.finditer(chunk) if not _PAREN.match(t.group())]
    while tokens and (tokens[-1].group().lower() in speech.SKIP_ADVERBS or _LY.match(tokens[-1].group())):
        tokens.pop()
    if not tokens or MASK in tokens[-1].group():
        return None
    tokens = tokens[: _home_start(tokens)]
    head = tokens[-1].group()
    contracted = _PRONOUN_CONTRACTION.match(head)
    if contracted and contracted.group(1).lower() in speech.PRONOUNS:
        return tokens[-1].start(), contracted.group(1)  # "He’s claiming", "They're saying": the pronoun speaks
    if head.lower() in speech.PRONOUNS or (head.lower() == "it" and len(tokens) == 1):
        return tokens[-1].start(), head  # "it" only alone: '"...," it added' (the statement, the paper)
    if head.lower() in speech.INDEFINITE_SPEAKERS and len(tokens) == 1:
        return tokens[-1].start(), head  # '"...," another said': a speaker among several, unnamed
    if len(tokens) == 2 and tokens[0].group().lower() == "the" and re.fullmatch(_NUMBER, head) and head.isalpha():
        # '"...," the two wrote': the pair or group the text has just named
        return tokens[0].start(), chunk[tokens[0].start() : tokens[-1].end()]
    # what _SHARE ends with, looked for first: a pattern opening with a lookbehind has the search try every character
    share = _SHARE.search(chunk[: tokens[-1].end()]) if head.lower().endswith(("percent", "%")) else None
    if share and _SHARE_OPENING.search(chunk[: share.start()]):
        return share.start(), share.group()  # '21 percent said "not likely"': a poll's share of those asked
    if _AGE_NOUN.match(head) and len(tokens) > 1 and tokens[-2].group().lower() in speech.DETERMINERS:
        return tokens[-2].start(), chunk[tokens[-2].start() : tokens[-1].end()]
    if not (head[0].isupper() or head.lower() in speech.PERSON_HEADS or (not strict and head.isalpha())):
        return None
    if head[0].isupper() and head.lower() in _CAPITAL_STOP_OR_DATE and not _month_surname(tokens):
        return None
    if head.lower() in speech.NP_STOP or head.lower() in speech.DETERMINERS:
        return None
    i = len(tokens) - 1
    while i > 0 and len(tokens) - i < 8:
        word = tokens[i - 1].group().lower()
        joins = word in _JOINING and i > 1 and (
            tokens[i - 2].group().lower() in speech.PERSON_HEADS or _names_home(tokens, i))
        capital_stop = tokens[i - 1].group()[0].isupper() and word in _CAPITAL_STOP_NOT_DETERMINERS
        if MASK in word or word in speech.PRONOUNS or (word in speech.NP_STOP and not joins) or capital_stop:
            break
        i -= 1
        owner_of = i >= 2 and tokens[i - 1].group().lower() in _JOINING and (
            tokens[i - 2].group().lower() in speech.PERSON_HEADS)  # "the owner of a shop": the owner speaks
        if word in speech.DETERMINERS and not owner_of:
            break
    bare_word = not (head[0].isupper() or head.lower() in speech.PERSON_HEADS)
    named_outlet = head.lower() in speech.SOURCE_NOUNS and tokens[i].group()[0].isupper()  # "Time magazine"
    if bare_word and tokens[i].group().lower() not in speech.DETERMINERS and not named_outlet:
        return None  # a bare lowercase word is no speaker: "including", "showed"
    return tokens[i].start(), chunk[tokens[i].start() : tokens[-1].end()]


_PREPOSITIONS = frozenset("to on in at from about into".split())


def prepositional_object(before_np: str) -> bool:
    """Whether the words before a noun phrase end in a preposition, so it is an object: "(speaking) to Fox News",
    "(replied) on Facebook"."""
    last = before_np.split()[-1:]
    return bool(last) and last[0].lower() in _PREPOSITIONS


_HOME_WORDS = frozenset("and for of the on &".split())  # inside a body's name: "Institute for Science and Security"


def _home_start(tokens: Sequence[re.Match[str]]) -> int:
    """Where the home of named people ends their phrase: in "Ann Lee and Tom Reed of the Institute for Science and
    Security" or "Nora Brandt of the Harbour Trust" the people speak, not the body; the whole length when no such
    home follows a name."""
    if not tokens[-1].group()[:1].isupper():
        return len(tokens)
    for i in range(len(tokens) - 2, 1, -1):
        word = tokens[i].group()
        if word.lower() not in {"of", "from", "at"}:
            if not (word[0].isupper() or word.lower() in _HOME_WORDS):
                return len(tokens)
            continue
        # a full name before it ("Nora Brandt", "Mr. Morgan"), not a title ("Speaker of the House Rep. Paul Ryan")
        named = all(t.group()[0].isupper() and t.group().lower() not in speech.CAPITAL_STOP for t in tokens[i - 2 : i])
        # "... of the Harbour Trust" or "... for Science and Security": _names_home reads the plain "of Oklahoma"
        spans_words = any(t.group() == "and" for t in tokens[i + 1 :]) or tokens[i + 1].group() == "the"
        return i if named and spans_words else len(tokens)
    return len(tokens)


def _names_home(tokens: Sequence[re.Match[str]], i: int) -> bool:
    """Whether tokens[i - 1] ("of", "from") joins a name to its home: "Rep. Tom Cole of Oklahoma" is Cole, not
    Oklahoma; "Bank of America" one body."""
    before = tokens[i - 2].group()
    return before[0].isupper() and before.lower() not in speech.CAPITAL_STOP and all(
        t.group()[0].isupper() for t in tokens[i:])


def comma_chunks(text: str, base: int) -> list[tuple[int, str]]:
    return [(base + m.start(), m.group()) for m in _CHUNK.finditer(text)]


def _is_apposition(chunk: str) -> bool:
    """A comma chunk that describes the person before it: "an analyst at X", "legal director for Y", also with a
    relative clause on its noun ("an oncologist who advised the mayor", "head of a union which has 900 members")."""
    tokens = _RELATIVE_TAIL.sub("", chunk).split()
    if not tokens:
        return False  # "GENEVA — , the talks": nothing between two marks
    first = tokens[0].lower()
    owned = _owned(tokens)  # "Twitter’s director of ...", "Tom Reed’s campaign manager"
    return (first in speech.DETERMINERS or tokens[0].islower() or owned) and len(tokens) <= 14 and not (
        set(t.lower() for t in tokens) & _CLAUSE_WORDS_BUT_AND)


def _owned_role(np: str) -> bool:
    """A person noun after an owner's name: "Norvale’s harbour chief"."""
    tokens = np.split()
    return len(tokens) > 1 and tokens[0].endswith(("’s", "'s")) and tokens[-1].islower()


def subject(text: str, base: int, strict: bool) -> Attribution | None:
    """(offset, noun phrase, apposition role) of the subject ending `text`, the words before a speech verb."""
    adjunct = _ADJUNCT.search(text, max(0, len(text) - 60))  # anchored at the end: only the tail can hold it
    if adjunct and text[: adjunct.start()].strip():
        text = text[: adjunct.start()]  # "Feinstein (D-Calif.) last week said": the time is no part of the subject
    chunks = comma_chunks(text, base)
    if chunks and all(w.lower() in speech.SKIP_ADVERBS or _LY.match(w) for w in chunks[-1][1].split()):
        chunks = chunks[:-1]  # "X, for his part, is labeling": the auxiliary alone is no subject
        text = text[: chunks[-1][0] - base + len(chunks[-1][1]) + 1] if chunks else ""
    if not chunks:
        return None
    if text.rstrip()[-1:] not in ",;:—–" and chunks[-1][1].strip():
        offset, chunk = chunks[-1]
        np = _trailing_np(chunk, strict)
        if np and prepositional_object(chunk[: np[0]]):
            return None  # "A source speaking to Fox News said": the name is an object, its subject further back
        return (offset + np[0], np[1], None) if np else None
    role, opening = None, None
    for offset, chunk in reversed(chunks[-5:]):
        # "also campaigning in Ohio": an adverb before the participle leaves it an aside
        first = next((w for w in chunk.split() if w.lower() not in speech.SKIP_ADVERBS), "")
        participle = first.endswith("ing") or (first.endswith("ed") and first.islower())  # "— mentioned by X as —"
        if not first or MASK in chunk or first.lower() in speech.INTRO_WORDS or participle or TAG.match(chunk):
            continue
        if offset != chunks[0][0] and place_tag(chunk):
            continue  # "Cory James, of Flint, Mich., said", "Ann Lee, in Columbus, Ohio, said": the state of a town
        if offset != chunks[0][0] and first.islower() and describes_person(chunk):
            role = role or chunk.strip()  # "director of the institute at Norvale University": the name comes before
            continue
        found = _trailing_np(chunk, strict)
        if not found and _is_apposition(chunk):
            # "legal director for the gay rights group", between the name and its verb
            role = role or (chunk.strip() if first.lower() in speech.DETERMINERS else None)
            continue
        if not found:
            return None
        np = found[1]
        # "the harbour chief", "Norvale’s harbour chief": a description, the name may come before it
        is_description = np.split()[0].lower() in speech.DETERMINERS or _owned_role(np)
        if (any(t[0].isupper() for t in np.split()) and not is_description) or np.lower() in speech.PRONOUNS:
            return offset + found[0], np, role
        if role is None and is_description:
            role = np
            opening = (offset + found[0], np, None) if offset == chunks[0][0] else None
            continue
        return offset + found[0], np, None
    # "The Harbour Trust, which runs the ad, argues": a description opening the sentence is its subject
    return opening


def place_tag(chunk: str) -> bool:
    """A chunk naming only a place, as the state after a town: "Ohio", "Mich."."""
    tokens = chunk.split()
    return bool(tokens) and (_STATE_ABBREVIATION.match(chunk) is not None or is_place_or_org(tokens))


def _leading_np(chunk: str) -> str:
    """The chunk up to the first word that cannot be inside a noun phrase: "Durbin (D-Ill.) in an interview" ->
    "Durbin (D-Ill.)"; a preposition after a person noun stays: "director of the FBI"."""
    tokens = list(_TOKEN.finditer(chunk))
    for i, token in enumerate(tokens):
        word = token.group().lower()
        after_head = i and tokens[i - 1].group().lower() in speech.PERSON_HEADS and word in {"of", "for", "at"}
        if i and word in speech.NP_STOP and not after_head:
            return chunk[: tokens[i - 1].end()]
    return chunk


# People described by a quoted title after them: "the authors of the \x00", "the makers of \x00".
_QUOTED_OWNER = re.compile(r"^(\s*(?:the|an?)\s+(?:\S+\s+){0,2}?([a-z]+))\s+(?:of|for|behind)\s+(?:the\s+)?\x00")


def np_after(text: str, base: int) -> Attribution | None:
    """The subject after an inverted verb: '"X," said Mr Bosworth, the envoy.'"""
    chunks = comma_chunks(text, base)
    if not chunks or not chunks[0][1].strip():
        return None
    offset, chunk = chunks[0]
    owner = _QUOTED_OWNER.match(chunk)
    if owner and owner.group(2).lower() in speech.PERSON_HEADS:
        chunk = owner.group(1)  # 'wrote the authors of the "Harbour Plan,"': the authors, whose work is quoted
    if MASK in _RELATIVE_CLAUSE.split(chunk)[0]:
        return None  # a quote in a relative clause on the speaker is no bar: 'said an official who called it "..."'
    if chunk.rstrip().endswith(")") and "(" not in chunk:
        chunk = chunk.rstrip()[:-1]  # '("...," said an activist.)': the bracket closes an aside the quote opened
    chunk = _leading_np(_SENTENCE_END.sub("", chunk))
    tokens = chunk.split()
    starts_np = tokens and (tokens[0][0].isupper() or tokens[0].lower() in _NP_AFTER_OPENINGS)
    if not tokens or tokens[0] in speech.NP_STOP:
        return None  # "said on Fox News", "said of Smith": a place or a topic, not the speaker
    last = next((t for t in reversed(tokens) if not _PAREN.match(t)), "")  # "governor Tom Reed (D)" ends in a name
    if len(tokens) > 8 or not (starts_np or last[:1].isupper()):
        return None
    found = _trailing_np(chunk, strict=False)
    if not found or found[1].lower() in {"reporters", "journalists"}:
        return None
    following = chunks[1][1].split() if len(chunks) > 1 else []
    role = " ".join(following).rstrip(".") if following and following[0].lower() in speech.DETERMINERS else None
    return offset + found[0], found[1], role


def relative_subject(before: str, base: int) -> Attribution | None:
    """The noun phrase a relative pronoun right before the speech verb stands for: 'Ann Lee, who told the paper that
    "..."' quotes Ann Lee; the words run up to the pronoun, the words that name the speaker there."""
    found = _RELATIVE.search(before, max(0, len(before) - 80))
    between = found.group(3).split() if found else []
    if not found or set(w.lower() for w in between) & _NOT_RELATIVES_OWN or any(
            w[:1].isupper() for w in between):
        return None  # "who went to Ohio and said", "which Reed claims": the verb is not the relative's own
    chunk = comma_chunks(before[: found.start()], base)[-1:] if before[: found.start()].strip() else []
    np = _trailing_np(chunk[0][1], strict=True) if chunk else None
    named = np and all(t[:1].isupper() for t in np[1].split()[np[1].split()[0].lower() in speech.DETERMINERS :])
    if not np or (not found.group(1).strip() and not named):
        return None  # without a comma only after a name: "(the) Harbour Trust which charged", not "the critics who say"
    home = re.search(r"(\S+)\s+(?:of|from)\s+$", chunk[0][1][: np[0]])  # "Tom Reed of Ohio, who": Reed, not Ohio
    person = _trailing_np(chunk[0][1][: home.end(1)], strict=True) if home and home.group(1)[0].isupper() else None
    start = chunk[0][0] + (person or np)[0]
    return start, before[start - base : found.end(2)], None


def describes_person(chunk: str) -> bool:
    """An apposition that surely describes a person: a determiner or an owner first, or a person noun ("director of
    ...", "co-founder of ..."); a bare lowercase word may as well be the verb."""
    first = chunk.split()[0] if chunk.split() else ""
    described = first.lower() in speech.DETERMINERS or first.split("-")[-1] in speech.PERSON_HEADS
    return _is_apposition(chunk) and (described or first.endswith(("’s", "'s")) or _owned(chunk.split()))


def _owned(tokens: Sequence[str]) -> bool:
    """Whether the words open with an owner's name and go on in lower case: "Twitter’s director", "Tom Reed’s fired
    campaign manager"."""
    owner = next((i for i, t in enumerate(tokens[:4]) if t.endswith(("’s", "'s"))), None)
    return owner is not None and all(t[:1].isupper() for t in tokens[:owner + 1]) and owner + 1 < len(tokens) and (
        tokens[owner + 1].islower())
