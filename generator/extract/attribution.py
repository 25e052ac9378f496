"""Who said a quote: the speech verb and subject around it, resolved to a person or kept as a description.

Attribution reads the text with every quote masked (MASK), so words inside a quote are never taken for a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..names import is_person_name, strip_title
from . import speech
from .entities import Mention
from .places import is_place_or_org

MASK = "\x00"  # stands for quoted words, so attribution never reads inside a quote
_VERB = re.compile(r"\b[A-Za-z]+\b")
_CHUNK = re.compile(r"[^,;:—–]+")
_LY = re.compile(r"^[a-z]+ly$")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)[.!?]+\s*$")  # not "Mr." nor "J."
_AGE = re.compile(r"^\s*\d{1,3}\s*$")  # "Ki Hong, 33, said"
_AGE_NOUN = re.compile(r"^\d{1,3}-year-old$")  # "said the 52-year-old": a person
_PAREN = re.compile(r"^\(.*\)$")  # "(D)", "(R-Texas)" between a name and its verb
Attribution = tuple[int, str, str | None]  # (offset in the block, the speaker's noun phrase, an apposition role)


@dataclass(frozen=True)
class Speaker:
    """Who an attribution names, and the role it gives them."""

    name: str
    role: str | None = None
    named: bool = True  # a person's name, not a description such as "American officials"
    evidence: tuple[int, int, int] | None = None  # (block, start, end) of the words naming them in the attribution


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
    first = tokens[0].lower()
    return (first in speech.DETERMINERS or tokens[0].islower()) and len(tokens) <= 14 and not (
        set(t.lower() for t in tokens) & speech.CLAUSE_WORDS - {"and"})


def _subject(text: str, base: int, strict: bool) -> Attribution | None:
    """(offset, noun phrase, apposition role) of the subject ending `text`, the words before a speech verb."""
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
    role = None
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
        is_description = np.split()[0].lower() in speech.DETERMINERS
        if (any(t[0].isupper() for t in np.split()) and not is_description) or np.lower() in speech.PRONOUNS:
            return offset + found[0], np, role
        if role is None and np.split()[0].lower() in speech.DETERMINERS:
            role = np
            continue
        return offset + found[0], np, None
    return None


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
    if not tokens or len(tokens) > 8 or not (starts_np or tokens[-1][0].isupper()):
        return None
    found = _trailing_np(chunk, strict=False)
    if not found or found[1].lower() in {"reporters", "journalists"}:
        return None
    following = chunks[1][1].split() if len(chunks) > 1 else []
    role = " ".join(following).rstrip(".") if following and following[0].lower() in speech.DETERMINERS else None
    return offset + found[0], found[1], role


def _word_limit(before: str) -> int:
    """How far after a quote its speech verb may be: further when a name and its apposition come first."""
    first = before.lstrip(" ,—–-").split(None, 1)
    return 24 if first and (first[0][0].isupper() or first[0].lower() in speech.DETERMINERS) else 12


def _leading_subject(text: str, base: int) -> Attribution | None:
    """The subject opening a clause, past introductory phrases: "On Sunday, Nora Brandt issued ..." -> "Nora
    Brandt"; a pronoun, a run of capitalised words, or a description ending in a person noun ("the retired judge")."""
    for offset, chunk in _chunks(text, base):
        tokens = list(re.finditer(r"\S+", chunk))
        if not tokens or MASK in chunk:
            return None
        words = [t.group() for t in tokens]
        first = words[0].lower()
        if first in speech.INTRO_WORDS or first in speech.MONTHS_DAYS or first in speech.TIME_WORDS or _AGE.match(chunk):
            continue
        if words[0].lower() in speech.PRONOUNS:
            end = 1
        elif words[0].lower() in speech.DETERMINERS:
            heads = [j for j, w in enumerate(words[1:5], 1) if w.lower().rstrip("’'s,") in speech.PERSON_HEADS]
            end = heads[0] + 1 if heads else 0
        else:
            end = next((j for j, w in enumerate(words) if not (w[0].isupper() or w.lower() in speech.PERSON_HEADS)), len(words))
            end = end if any(w[0].isupper() for w in words[:end]) and words[0].lower() not in speech.CAPITAL_STOP else 0
        if not end or end > 8 or end >= len(words) or not words[end][0].islower():
            return None  # no subject followed by its verb
        return offset + tokens[0].start(), chunk[tokens[0].start() : tokens[end - 1].end()].rstrip(","), None
    return None


def _credit_line(text: str, base: int) -> Attribution | None:
    """A name introducing a quote with a colon, as round-ups print them: "Lena Ortiz, Radio Nine: " or after a
    heading run in: "BETTER THAN EXPECTED - Rhea Castillo: "."""
    if not text.rstrip().endswith(":"):
        return None
    lead = re.split(r"\s[-–—―]\s", text.rstrip()[:-1])[-1]
    name = lead.split(",")[0]
    tokens = name.split()
    if not 1 < len(tokens) <= 4 or not all(t[0].isupper() and not t.isupper() for t in tokens):
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


def find_attribution(masked: str, frame: tuple[int, int], marks: tuple[int, int]) -> Attribution | None:
    """The speaker phrase of the clause holding a quote whose marks span `marks`: after it first, then before it."""
    opening, post_start = marks
    post = masked[post_start : frame[1]]
    for verb in _speech_verbs(post, speech.SPEECH_VERBS_AFTER_QUOTE):
        before = post[: verb.start()]
        last_chunk = re.split(r"[,;:—–]", before)[-1].lower().split()
        if MASK in before or len(before.split()) > _word_limit(before) or set(last_chunk) & speech.CLAUSE_WORDS:
            break
        inverted = verb.group().lower() in speech.INVERTED_VERBS
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
    verbs = _speech_verbs(pre)
    if not verbs:
        return _credit_line(pre, frame[0])
    verb = verbs[-1]
    before = pre[: verb.start()]
    if verb.group().lower().endswith("ing") and before.rstrip().endswith(","):
        # A participle hangs on the clause before it: "X denied it, saying ..." quotes X.
        return _leading_subject(before, frame[0])
    found = _subject(before, frame[0], True)
    if found or verb.group().lower() not in speech.INVERTED_VERBS:
        return found
    return _np_after(pre[verb.end() :], frame[0] + verb.end())


# ---- who the speaker is ---------------------------------------------------------------------------------------


def _antecedent(block: int, pos: int, mentions: Sequence[Mention], history: Sequence[tuple[int, int, Speaker]]) -> str | None:
    """"he"/"she": the latest person named in subject position or quoted, in this or the two paragraphs before."""
    near = [(m.block, m.start, m.person) for m in mentions if m.subject and block - 2 <= m.block]
    near += [(b, o, s.name) for b, o, s in history if s.named and block - 2 <= b]
    before = [c for c in near if (c[0], c[1]) < (block, pos)]
    return max(before)[2] if before else None


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


def resolve_speaker(
    found: Attribution,
    block: int,
    mentions: Sequence[Mention],
    roles: dict[str, str],
    history: Sequence[tuple[int, int, Speaker]],
) -> Speaker | None:
    """Resolve an attribution's noun phrase to the fullest name the article gives, or keep its description."""
    offset, np, apposition = found
    low = np.lower()
    if low in speech.SINGULAR_PRONOUNS:
        person = _antecedent(block, offset, mentions, history)
        return Speaker(person, roles.get(person)) if person else None
    if low in speech.PRONOUNS:
        last = history[-1][2] if history and history[-1][0] >= block - 1 else None
        return last if last and not last.named and last.name.endswith("s") else None
    hits = [m for m in mentions if m.block == block and m.start < offset + len(np) and m.end > offset]
    if hits:
        return Speaker(hits[-1].person, apposition or hits[-1].role or roles.get(hits[-1].person))
    name, title = strip_title(np)
    if np[0].isupper() and is_person_name(name) and not is_place_or_org(name.split()):
        if name.lower() in speech.CAPITAL_STOP:
            return None
        # A capitalised word as the subject of a speech verb is a surname ("Durbin said").
        return Speaker(name, apposition or (title if title and len(title) > 4 else None))
    return _description(np, block, offset, mentions)
