"""Who said a quote: the speech verb and the words naming its subject around it (speaker_resolve.py says who
they are).

Attribution reads the text with every quote masked (MASK), so words inside a quote are never taken for a speaker.
"""

from __future__ import annotations

import re
from typing import Sequence

from . import speech

MASK = "\x00"  # stands for quoted words, so attribution never reads inside a quote
_VERB = re.compile(r"\b[A-Za-z]+\b")
_WORDS = re.compile(r"[a-z]+")
_CHUNK = re.compile(r"[^,;:—–]+")
_LY = re.compile(r"^[a-z]+ly$")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)[.!?]+\s*$")  # not "Mr." nor "J."
_AGE = re.compile(r"^\s*\d{1,3}\s*$")  # "Ki Hong, 33, said"
_AGE_NOUN = re.compile(r"^\d{1,3}-year-old$")  # "said the 52-year-old": a person
_PAREN = re.compile(r"^\(.*\)$")  # "(D)", "(R-Texas)" between a name and its verb
_INITIAL = re.compile(r"^[A-Z]\.$")
# A time or a setting between a subject and its verb: "on Wednesday morning", "last week", "in a statement".
_ADJUNCT = re.compile(
    r"(?:\s+(?:(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|weekend|month|year)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"in\s+(?:an?|the|his|her|their)\s+(?:[a-z-]+\s+)?(?:interview|statement|speech)))+"
    r"(?:\s+(?:also|then|later|again))*\s*$")
Attribution = tuple[int, str, str | None]  # (offset in the block, the speaker's noun phrase, an apposition role)


# ---- the speaker phrase ---------------------------------------------------------------------------------------


def _speech_verbs(text: str, lexicon: frozenset[str] = speech.SPEECH_VERBS) -> list[re.Match[str]]:
    """Speech verbs ("said", "told", "according to"), leaving out "called for" and the like."""
    found = []
    for m in _VERB.finditer(text):
        word = m.group().lower()
        if m.group()[0].isupper() and word not in speech.SPEECH_VERBS:
            continue  # "the United States": a capitalised noun-like verb form is a name
        nxt = text[m.end() :].split(None, 1)
        if word in lexicon and not (nxt and nxt[0].lower() in speech.NOT_SPEECH_AFTER.get(word, ())):
            found.append(m)
    found += list(speech.ACCORDING_TO.finditer(text))
    return sorted(found, key=lambda m: m.start())


def _trailing_np(chunk: str, strict: bool) -> tuple[int, str] | None:
    """(offset, words) of the noun phrase a chunk ends with ("... where American officials later" -> "American
    officials"); strict asks for a name, pronoun or person noun as its head."""
    tokens = [t for t in re.finditer(r"\S+", chunk) if not _PAREN.match(t.group())]
    while tokens and (tokens[-1].group().lower() in speech.SKIP_ADVERBS or _LY.match(tokens[-1].group())):
        tokens.pop()
    if not tokens or MASK in tokens[-1].group():
        return None
    head = tokens[-1].group()
    if head.lower() in speech.PRONOUNS:
        return tokens[-1].start(), head
    if _AGE_NOUN.match(head) and len(tokens) > 1 and tokens[-2].group().lower() in speech.DETERMINERS:
        return tokens[-2].start(), chunk[tokens[-2].start() : tokens[-1].end()]
    if not (head[0].isupper() or head.lower() in speech.PERSON_HEADS or (not strict and head.isalpha())):
        return None
    if head[0].isupper() and head.lower() in speech.CAPITAL_STOP | speech.MONTHS_DAYS:
        return None
    if head.lower() in speech.NP_STOP or head.lower() in speech.DETERMINERS:
        return None
    i = len(tokens) - 1
    while i > 0 and len(tokens) - i < 8:
        word = tokens[i - 1].group().lower()
        joins = word in {"of", "for", "at", "from"} and i > 1 and tokens[i - 2].group().lower() in speech.PERSON_HEADS
        capital_stop = tokens[i - 1].group()[0].isupper() and word in speech.CAPITAL_STOP - speech.DETERMINERS
        if MASK in word or word in speech.PRONOUNS or (word in speech.NP_STOP and not joins) or capital_stop:
            break
        i -= 1
        if word in speech.DETERMINERS:
            break
    bare_word = not (head[0].isupper() or head.lower() in speech.PERSON_HEADS)
    if bare_word and tokens[i].group().lower() not in speech.DETERMINERS:
        return None  # a bare lowercase word is no speaker: "including", "showed"
    return tokens[i].start(), chunk[tokens[i].start() : tokens[-1].end()]


def _chunks(text: str, base: int) -> list[tuple[int, str]]:
    return [(base + m.start(), m.group()) for m in _CHUNK.finditer(text)]


def _is_apposition(chunk: str) -> bool:
    """A comma chunk that describes the person before it: "an analyst at X", "legal director for Y"."""
    tokens = chunk.split()
    if not tokens:
        return False  # "GENEVA — , the talks": nothing between two marks
    first = tokens[0].lower()
    owned = first.endswith(("’s", "'s")) and len(tokens) > 1 and tokens[1].islower()  # "Twitter’s director of ..."
    return (first in speech.DETERMINERS or tokens[0].islower() or owned) and len(tokens) <= 14 and not (
        set(t.lower() for t in tokens) & speech.CLAUSE_WORDS - {"and"})


def _owned_role(np: str) -> bool:
    """A person noun after an owner's name: "Norvale’s harbour chief"."""
    tokens = np.split()
    return len(tokens) > 1 and tokens[0].endswith(("’s", "'s")) and tokens[-1].islower()


def _subject(text: str, base: int, strict: bool) -> Attribution | None:
    """(offset, noun phrase, apposition role) of the subject ending `text`, the words before a speech verb."""
    adjunct = _ADJUNCT.search(text, max(0, len(text) - 60))  # anchored at the end: only the tail can hold it
    if adjunct and text[: adjunct.start()].strip():
        text = text[: adjunct.start()]  # "Feinstein (D-Calif.) last week said": the time is no part of the subject
    chunks = _chunks(text, base)
    if chunks and set(chunks[-1][1].lower().split()) <= speech.SKIP_ADVERBS:
        chunks = chunks[:-1]  # "X, for his part, is labeling": the auxiliary alone is no subject
        text = text[: chunks[-1][0] - base + len(chunks[-1][1]) + 1] if chunks else ""
    if not chunks:
        return None
    if text.rstrip()[-1:] not in ",;:—–" and chunks[-1][1].strip():
        offset, chunk = chunks[-1]
        np = _trailing_np(chunk, strict)
        return (offset + np[0], np[1], None) if np else None
    role, opening = None, None
    for offset, chunk in reversed(chunks[-5:]):
        first = chunk.split()[0] if chunk.split() else ""
        if not first or MASK in chunk or first.lower() in speech.INTRO_WORDS or first.endswith("ing") or _AGE.match(chunk):
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


def _described(before: str, base: int) -> Attribution | None:
    """A description right before the speech verb headed by a writing that speaks for its authors: "the statement
    said", "The lawsuit contends" (person nouns are found already). Only with a determiner first."""
    found = _subject(before, base, False)
    if not found or found[1].split()[0].lower() not in speech.DETERMINERS | {"multiple", "other"}:
        return None
    if found[1].split()[-1].lower() not in speech.SOURCE_NOUNS | speech.PERSON_HEADS:
        return None
    # It must open its clause: in "X issued a statement saying" the description is an object, not the speaker.
    lead = before[: found[0] - base].rstrip()
    return found if not lead or lead[-1] in ",;:—–" else None


def _leading_np(chunk: str) -> str:
    """The chunk up to the first word that cannot be inside a noun phrase: "Durbin (D-Ill.) in an interview" ->
    "Durbin (D-Ill.)"; a preposition after a person noun stays: "director of the FBI"."""
    tokens = list(re.finditer(r"\S+", chunk))
    for i, token in enumerate(tokens):
        word = token.group().lower()
        after_head = i and tokens[i - 1].group().lower() in speech.PERSON_HEADS and word in {"of", "for", "at"}
        if i and word in speech.NP_STOP and not after_head:
            return chunk[: tokens[i - 1].end()]
    return chunk


def _np_after(text: str, base: int) -> Attribution | None:
    """The subject after an inverted verb: '"X," said Mr Bosworth, the envoy.'"""
    chunks = _chunks(text, base)
    if not chunks or not chunks[0][1].strip() or MASK in chunks[0][1]:
        return None
    offset, chunk = chunks[0]
    chunk = _leading_np(_SENTENCE_END.sub("", chunk))
    tokens = chunk.split()
    starts_np = tokens and (tokens[0][0].isupper() or tokens[0].lower() in speech.DETERMINERS)
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


# ", who has long" / ", which": a relative clause whose verb is the speech verb, adverbs and auxiliaries between.
_RELATIVE = re.compile(r",\s*(who|which)((?:\s+[a-z]+){0,4})\s*$")


def _relative_subject(before: str, base: int) -> Attribution | None:
    """The noun phrase a relative pronoun right before the speech verb stands for: 'Ann Lee, who told the paper that
    "..."' quotes Ann Lee; the words run up to the pronoun, the words that name the speaker there."""
    found = _RELATIVE.search(before, max(0, len(before) - 60))
    if not found or set(found.group(2).split()) & (speech.NP_STOP - speech.AUXILIARIES - {"has", "have", "had"}):
        return None  # "who went to Ohio and said": the verb is not the relative clause's own
    chunk = _chunks(before[: found.start()], base)[-1:] if before[: found.start()].strip() else []
    np = _trailing_np(chunk[0][1], strict=True) if chunk else None
    if not np:
        return None
    home = re.search(r"(\S+)\s+(?:of|from)\s+$", chunk[0][1][: np[0]])  # "Tom Reed of Ohio, who": Reed, not Ohio
    person = _trailing_np(chunk[0][1][: home.end(1)], strict=True) if home and home.group(1)[0].isupper() else None
    start = chunk[0][0] + (person or np)[0]
    return start, before[start - base : found.end(1)], None


def _word_limit(before: str) -> int:
    """How far after a quote its speech verb may be: further when a name and its apposition come first."""
    first = before.lstrip(" ,—–-").split(None, 1)
    return 24 if first and (first[0][0].isupper() or first[0].lower() in speech.DETERMINERS) else 12


def _leading_subject(text: str, base: int) -> Attribution | None:
    """The subject opening a clause, past introductory phrases: "On Sunday, Nora Brandt issued ..." -> "Nora
    Brandt"; a pronoun, a run of capitalised words, or a description ending in a person noun ("the retired judge")."""
    chunks = _chunks(text, base)
    for k, (offset, chunk) in enumerate(chunks):
        tokens = list(re.finditer(r"\S+", chunk))
        if not tokens or MASK in chunk:
            return None
        if tokens[0].group().lower() in {"but", "and", "so", "yet"}:
            tokens = tokens[1:]  # "But Tom Reed issued ...": the conjunction is no part of the subject
        if not tokens:
            return None
        words = [t.group() for t in tokens]
        first = words[0].lower()
        if first in speech.INTRO_WORDS or first in speech.MONTHS_DAYS or first in speech.TIME_WORDS or _AGE.match(chunk):
            continue
        if words[-1].lower() in {"ago", "later", "earlier"}:
            continue  # "Eight years ago, he ...": a time phrase
        if first.endswith("ing") and k + 1 < len(chunks):
            continue  # "Weighing in on the discussion, Mike Huckabee agreed": a participle phrase
        if words[0].lower() in speech.PRONOUNS:
            end = 1
        elif words[0].lower() in speech.DETERMINERS:
            heads = [j for j, w in enumerate(words[1:5], 1) if w.lower().rstrip("’'s,") in speech.PERSON_HEADS]
            end = heads[0] + 1 if heads else 0
        else:
            end = next((j for j, w in enumerate(words) if not (w[0].isupper() or w.lower() in speech.PERSON_HEADS)), len(words))
            end = end if any(w[0].isupper() for w in words[:end]) and words[0].lower() not in speech.CAPITAL_STOP else 0
        # "Tom Reed, the harbour chief, stressed ...": the whole chunk is the subject, its verb after the apposition
        before_apposition = 0 < end == len(words) <= 8 and _verb_after_apposition(chunks[k + 1 :])
        if not before_apposition and (not end or end > 8 or end >= len(words) or not words[end][0].islower()):
            return None  # no subject followed by its verb
        return offset + tokens[0].start(), chunk[tokens[0].start() : tokens[end - 1].end()].rstrip(","), None
    return None


def _verb_after_apposition(rest: Sequence[tuple[int, str]]) -> bool:
    """Whether the chunks after a subject are an apposition then a clause opening with a lowercase word."""
    return len(rest) >= 2 and _is_apposition(rest[0][1]) and rest[0][1].split()[0].lower() in speech.DETERMINERS \
        and rest[1][1].strip()[:1].islower()


def _credit_line(text: str, base: int) -> Attribution | None:
    """A name introducing a quote with a colon, as round-ups print them: "Lena Ortiz, Radio Nine: " or after a
    heading run in: "BETTER THAN EXPECTED - Rhea Castillo: "."""
    if not text.rstrip().endswith(":"):
        return None
    lead = re.split(r"\s[-–—―]\s", text.rstrip()[:-1])[-1]
    name = re.sub(r"\s*\([^()]*\)$", "", lead.split(",")[0])  # "Rep. Trey Gowdy (R-S.C.):"
    tokens = name.split()
    # Initials are capitals too ("Gerald F. Seib"); "and" joins two names ("Frank Newport and Jim Harter").
    if not 1 < len(tokens) <= 7 or not all(_INITIAL.match(t) or (t[0].isupper() and not t.isupper()) or
                                           (t == "and" and 0 < i < len(tokens) - 1) for i, t in enumerate(tokens)):
        return None
    if tokens.count("and") > 1 or (len(tokens) > 4 and "and" not in tokens):
        return None
    if tokens[0].lower() in speech.CAPITAL_STOP:
        return None
    return base + len(text.rstrip()) - 1 - len(lead) + (len(name) - len(name.lstrip())), name.strip(), None


def _dash_credit(post: str, base: int) -> Attribution | None:
    """A name after a dash right behind the quote, as a signed comment: '"X." ― Nell Grey'."""
    found = re.match(r"\s*[―—–]\s*((?:[A-Z][\w.’'-]*\s?){2,4})(?=[^\w\s]|\s*$|\s+\x00)", post)
    if not found or found.group(1).split()[0].lower() in speech.CAPITAL_STOP:
        return None
    return base + found.start(1), found.group(1).strip(), None


def _names_person(token: str) -> bool:
    return token[0].isupper() or token.lower() in speech.PERSON_HEADS


def _opens_clause(chunk: str) -> bool:
    """Whether a new clause starts in the words before a speech verb, so the verb is not the quote's; "and" between
    two names joins them: '"X," Tom Reed and Ann Lee wrote'."""
    tokens = chunk.split()
    for i, token in enumerate(tokens):
        low = token.lower()
        # "Tom Reed and Ann Lee", "the senator and Republican candidate": "and" between two nouns of people
        between_names = 0 < i < len(tokens) - 1 and _names_person(tokens[i - 1]) and (
            tokens[i + 1][0].isupper() or tokens[i + 1].lower() in speech.PERSON_HEADS)
        joins_names = low == "and" and between_names
        if low in speech.CLAUSE_WORDS and not joins_names:
            return True
    return False


def find_attribution(masked: str, frame: tuple[int, int], marks: tuple[int, int]) -> Attribution | None:
    """The speaker phrase of the clause holding a quote whose marks span `marks`: after it first, then before it."""
    opening, post_start = marks
    post = masked[post_start : frame[1]]
    for verb in _speech_verbs(post, speech.SPEECH_VERBS_AFTER_QUOTE):
        before = post[: verb.start()]
        lead = before.lstrip(" ,—–-")
        if lead[:3].lower() == "as " and verb.group().lower() not in {"saying", "telling", "adding"}:
            before = before[: len(before) - len(lead)] + "   " + lead[3:]  # '"X," as Cruz said' quotes Cruz
        last_chunk = re.split(r"[,;:—–]", before)[-1]
        if MASK in before or len(before.split()) > _word_limit(before) or _opens_clause(last_chunk):
            break
        inverted = verb.group().lower() in speech.INVERTED_AFTER_QUOTE
        if not before.strip(" ,—–-"):
            if not inverted:
                break
            found = _np_after(post[verb.end() :], post_start + verb.end())
        else:
            after = _np_after(post[verb.end() :], post_start + verb.end()) if inverted and before.rstrip()[-1:] == "," else None
            found = after or _subject(before.lstrip(" ,—–-"), post_start + len(before) - len(before.lstrip(" ,—–-")), False)
        if found:
            return found
    dash = _dash_credit(post, post_start)
    if dash:
        return dash
    pre = masked[frame[0] : opening]
    # Right before a colon and its quote a present-tense form is surely the verb: 'Wallnau continues: "..."'
    colon = re.search(r"\b[A-Za-z]+:\s*$", pre)
    verbs = _speech_verbs(pre, speech.SPEECH_VERBS_AFTER_QUOTE if colon else speech.SPEECH_VERBS)
    if not verbs:
        return _credit_line(pre, frame[0])
    verb = verbs[-1]
    # "As Tom Reed put it: ..." quotes Reed: the "as" is no part of the subject (blanked, so offsets hold)
    before = _AS_OPENING.sub(lambda m: " " * len(m.group()), pre[: verb.start()])
    if verb.group().lower().endswith("ing") and before.rstrip().endswith(","):
        # A participle hangs on the clause before it: "X denied it, saying ..." quotes X.
        return _leading_subject(before, frame[0])
    if before.rstrip().endswith(" and"):
        # A second verb of the same subject: "X stressed his record and said ..." quotes X; the subject of the
        # last clause first: "When Y was asked about it, he laughed and said ..." quotes "he".
        last = _chunks(before, frame[0])[-1]
        return _leading_subject(last[1], last[0]) or _leading_subject(before, frame[0])
    found = _subject(before, frame[0], True) or _described(before, frame[0]) or _relative_subject(before, frame[0])
    if not found and _hangs_on_clause(verb.group(), before):
        found = _leading_subject(before, frame[0])
    if found or verb.group().lower() not in speech.INVERTED_VERBS:
        return found
    found = _np_after(pre[verb.end() :], frame[0] + verb.end())
    # 'said Tom Reed: "..."', but not 'said the loss was "..."': there the noun phrase is a reported clause's subject
    following = masked[found[0] + len(found[1]) : opening].split()[:1] if found else []
    return None if following and following[0] in speech.AUXILIARIES else found


# What a speech verb follows when it takes the subject of the clause before it: "X went on to say", "X answered by
# saying", "X issued a statement Friday saying".
_HANGING = re.compile(r"(?:\b(?:to|by|while)|\ban?\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)(?:\s+[A-Z][a-z]+day)?)\s*$")
_AS_OPENING = re.compile(r"^\s*[Aa]s\s+(?=[A-Z])")


def _hangs_on_clause(verb: str, before: str) -> bool:
    """Whether a speech verb takes the subject of the clause it hangs on: an infinitive ("X went on to say"), a
    participle after "by" or "while", or one describing a writing the subject issued ("X released a statement
    saying"); after another noun the participle describes it ("comments Trump made saying", "the paper's
    editorial telling him")."""
    found = _HANGING.search(before, max(0, len(before) - 40))
    if not found:
        return False
    if found.group("noun") is None:
        return verb.lower().endswith("ing") or found.group().strip() == "to"
    return verb.lower().endswith("ing") and found.group("noun") in speech.SOURCE_NOUNS


def find_clause_subject(masked: str, frame: tuple[int, int], opening: int) -> Attribution | None:
    """The subject of the clause a quote sits in when no speech verb attributes it: 'Tom Reed bemoaned the "hate and
    anger"', 'She thanked the crew for "working through the storm"'. Newsrooms credit such quotes to the subject."""
    found = _leading_subject(masked[frame[0] : opening], frame[0])
    if not found or found[1].endswith(("'s", "’s", "s'", "s’")):
        return None  # "Reed's latest plan unleashed ...": the possessor is not the subject
    between = masked[found[0] + len(found[1]) : opening].lower()
    if set(_WORDS.findall(between)) & speech.SUBORDINATORS:
        return None  # 'X met Y, who dismissed it as "a disaster"': the quote sits in another clause, with its subject
    return found


def find_introduction(sentence: str, base: int) -> Attribution | None:
    """The speaker a paragraph's last sentence introduces for the quote standing alone after it: "Tom Reed said
    the plan would fail." or "The Daily Planet reports:"; the subject of its first speech verb."""
    colon = sentence.rstrip().endswith(":")
    verbs = _speech_verbs(sentence, speech.SPEECH_VERBS_AFTER_QUOTE if colon else speech.SPEECH_VERBS)
    if not verbs or MASK in sentence:
        return None
    before = sentence[: verbs[0].start()]
    if not before.strip() or _opens_clause(before.split(",")[-1]):
        return None
    return _subject(before, base, True)


def find_colon_subject(sentence: str, base: int) -> Attribution | None:
    """The subject of a paragraph's last sentence ending in a colon and no speech verb, for the quote standing alone
    after it: "He then listed the qualities a nominee needs:" hands the quote below to "He"."""
    if not sentence.rstrip().endswith(":") or MASK in sentence:
        return None
    found = _leading_subject(sentence, base)
    return None if not found or found[1].endswith(("'s", "’s", "s'", "s’")) else found
