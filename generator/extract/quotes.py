"""Direct quotes: the words inside quotation marks, who said them, and which ones a digest should show."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..models import Block, Quote
from ..names import is_person_name, strip_title
from ..text import ABBREVIATIONS, words
from . import speech
from .entities import Mention, is_place_or_org, person_mentions, person_roles

MASK = "\x00"  # stands for quoted words, so attribution never reads inside a quote
_BOUNDARY = re.compile(r"[.!?]+[)\]]*\s+(?=[A-Z\x00“‘\"(])")
_VERB = re.compile(r"\b[A-Za-z]+\b")
_CHUNK = re.compile(r"[^,;:—–]+")
_LY = re.compile(r"^[a-z]+ly$")
_PAREN = re.compile(r"^\(.*\)$")  # "(D)", "(R-Texas)" between a name and its verb


@dataclass(frozen=True)
class Span:
    """Where one top-level quote sits in its block."""

    block: int
    open: int  # offset of the opening mark
    start: int  # the quoted words: text[start:end]
    end: int
    close: int  # just past the closing mark (the block's end when the quote runs on)
    closed: bool


@dataclass(frozen=True)
class Speaker:
    """Who an attribution names, and the role it gives them."""

    name: str
    role: str | None = None
    named: bool = True  # a person's name, not a description such as "American officials"


# ---- quote spans ----------------------------------------------------------------------------------------------


def _opens_single(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in "“\"([—–-/") and nxt.isalpha()


def _mark_spans(text: str) -> list[tuple[int, int, bool]]:
    """(opening mark, past closing mark, closed) of every top-level quote; apostrophes are not marks."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, bool]] = []
    for i, ch in enumerate(text):
        prev, nxt = (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")
        has_double = any(kind == "d" for kind, _ in stack)
        if ch in "“„«" or (ch == '"' and not (has_double and not prev.isspace()) and not nxt.isspace()):
            stack.append(("d", i))
        elif ch in "”»" or ch == '"':
            while has_double and stack:
                kind, pos = stack.pop()
                if kind == "d":
                    if not stack:
                        found.append((pos, i + 1, True))
                    break
        elif ch in "‘'" and _opens_single(prev, nxt):
            stack.append(("s", i))
        elif ch in "’'" and stack and stack[-1][0] == "s" and not prev.isspace() and not nxt.isalnum():
            pos = stack.pop()[1]
            if not stack:
                found.append((pos, i + 1, True))
    if stack and stack[0][0] == "d":
        found.append((stack[0][1], len(text), False))
    return found


def quote_spans(text: str, block: int = 0) -> list[Span]:
    """Top-level quotes of one block, the words inside the marks trimmed of spaces."""
    spans = []
    for open_, close, closed in _mark_spans(text):
        inner_end = close - 1 if closed else len(text)
        start = open_ + 1 + (len(text[open_ + 1 : inner_end]) - len(text[open_ + 1 : inner_end].lstrip()))
        end = inner_end - (len(text[:inner_end]) - len(text[:inner_end].rstrip()))
        if end > start:
            spans.append(Span(block, open_, start, end, close, closed))
    return spans


def _is_label(words_inside: str, before: str) -> bool:
    """Scare quotes, titles and names in quotes: one word, Title Case, 'the New York channel', 'dubbed "X"'."""
    tokens = words(words_inside)
    if speech.LABEL_CUES.search(before) or not tokens:
        return True
    ends_sentence = words_inside.rstrip()[-1:] in "!?"
    if len(tokens) == 1:
        return not ends_sentence
    minor = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "or"}
    if all(t[0].isupper() or t.lower() in minor for t in tokens) and tokens[0][0].isupper() and not ends_sentence:
        return words_inside.rstrip()[-1:] not in ".,"
    has_name = any(t[0].isupper() for t in tokens[1:])
    return tokens[0].lower() in {"the", "a", "an"} and has_name and len(tokens) <= 5 and words_inside[-1:].isalnum()


# ---- sentences and the text around a quote --------------------------------------------------------------------


def _masked(text: str, spans: Sequence[Span]) -> str:
    for s in spans:
        text = text[: s.open] + MASK * (s.close - s.open) + text[s.close :]
    return text


def _sentence_starts(text: str, masked: str, spans: Sequence[Span]) -> list[int]:
    """Offsets where sentences begin; a quote ending in . ! ? ends its sentence when a capital follows."""
    starts = [0]
    for m in _BOUNDARY.finditer(masked):
        before = masked[: m.start()].rsplit(None, 1)[-1] if masked[: m.start()].strip() else ""
        if before.lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", before):
            continue
        starts.append(m.end())
    for s in spans:
        rest = text[s.close :]
        nxt = rest.lstrip()[:1]
        # "?" and "!" may end a quote inside its sentence: '"Why?" he asked.'
        if s.closed and text[s.end - 1] == "." and (not nxt or nxt.isupper() or nxt in "“‘\""):
            starts.append(s.close + len(rest) - len(rest.lstrip()))
    return sorted(set(starts))


def _frame(span: Span, starts: Sequence[int], length: int) -> tuple[int, int]:
    first = max(s for s in starts if s <= span.open)
    last = min([s for s in starts if s >= span.close] + [length])
    return first, last


# ---- attribution --------------------------------------------------------------------------------------------------


def _speech_verbs(text: str) -> list[re.Match[str]]:
    """Speech verbs ("said", "told", "according to"), leaving out "called for" and the like."""
    found = []
    for m in _VERB.finditer(text):
        word = m.group().lower()
        nxt = text[m.end() :].split(None, 1)
        if word in speech.SPEECH_VERBS and not (nxt and nxt[0].lower() in speech.NOT_SPEECH_AFTER.get(word, ())):
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


def _subject(text: str, base: int, strict: bool) -> tuple[int, str, str | None] | None:
    """(offset, noun phrase, apposition role) of the subject ending `text`, the words before a speech verb."""
    chunks = _chunks(text, base)
    if not chunks:
        return None
    if text.rstrip()[-1:] not in ",;:—–" and chunks[-1][1].strip():
        offset, chunk = chunks[-1]
        np = _trailing_np(chunk, strict)
        return (offset + np[0], np[1], None) if np else None
    role = None
    for offset, chunk in reversed(chunks[-4:]):
        first = chunk.split()[0].lower() if chunk.split() else ""
        if not first or MASK in chunk or first in speech.INTRO_WORDS or first.endswith("ing"):
            continue
        found = _trailing_np(chunk, strict)
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


def _np_after(text: str, base: int) -> tuple[int, str, str | None] | None:
    """The subject after an inverted verb: '"X," said Mr Bosworth, the envoy.'"""
    chunks = _chunks(text, base)
    if not chunks or not chunks[0][1].strip() or MASK in chunks[0][1]:
        return None
    offset, chunk = chunks[0]
    tokens = chunk.split()
    if not tokens or len(tokens) > 8 or not (tokens[0][0].isupper() or tokens[0].lower() in {"the", "a", "an"}):
        return None
    found = _trailing_np(chunk, strict=False)
    if not found or found[1].lower() in {"reporters", "journalists"}:
        return None
    following = chunks[1][1].split() if len(chunks) > 1 else []
    role = " ".join(following) if following and following[0].lower() in speech.DETERMINERS else None
    return offset + found[0], found[1], role


def _attribution(masked: str, frame: tuple[int, int], span: Span) -> tuple[int, str, str | None] | None:
    """The speaker phrase of the clause holding a quote: after it first, then before it."""
    post_start = span.close
    post = masked[post_start : frame[1]]
    for i, verb in enumerate(_speech_verbs(post)):
        before = post[: verb.start()]
        last_chunk = re.split(r"[,;:—–]", before)[-1].lower().split()
        if MASK in before or len(before.split()) > 10 or set(last_chunk) & speech.CLAUSE_WORDS:
            break
        if not before.strip(" ,—–-"):
            if verb.group().lower() not in speech.INVERTED_VERBS:
                break
            found = _np_after(post[verb.end() :], post_start + verb.end())
        else:
            found = _subject(before.lstrip(" ,—–-"), post_start + len(before) - len(before.lstrip(" ,—–-")), False)
        if found:
            return found
    pre = masked[frame[0] : span.open]
    verbs = _speech_verbs(pre)
    if not verbs:
        return None
    verb = verbs[-1]
    found = _subject(pre[: verb.start()], frame[0], True)
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


def _speaker(
    found: tuple[int, str, str | None],
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


# ---- which quotes to show -----------------------------------------------------------------------------------------


def quote_score(text: str) -> float:
    """Complete, informative sentences over fragments and phatic replies."""
    tokens = words(text)
    content = [t for t in tokens if t.lower() not in speech.KEYWORD_STOP]
    score = min(len(tokens), 25) / 5 + 2 * len(content) / max(len(tokens), 1)
    if text[:1].isupper():
        score += 2
    if len(tokens) < 5:
        score -= 3
    if speech.PHATIC.match(text.strip()):
        score -= 4
    return score


def _mark_key(quotes: list[Quote], key_count: int) -> list[Quote]:
    """The top quotes by score, spread across speakers; never an unattributed one or a fragment of a few words."""
    pool = [i for i, q in enumerate(quotes) if q.speaker and len(words(q.text)) >= 4 and not speech.PHATIC.match(q.text)]
    chosen: list[int] = []
    while pool and len(chosen) < key_count:
        def spread(i: int) -> float:
            return quote_score(quotes[i].text) - 2.5 * sum(quotes[j].speaker == quotes[i].speaker for j in chosen)
        best = max(pool, key=spread)
        chosen.append(best)
        pool.remove(best)
    return [replace(q, key=i in chosen) for i, q in enumerate(quotes)]


# ---- the whole article ------------------------------------------------------------------------------------------


def _fallback(span: Span, text: str, same_block: Speaker | None, previous_block: Speaker | None) -> Speaker | None:
    """No attribution: the paragraph's earlier speaker, or the previous paragraph's for a quote opening its own."""
    if same_block:
        return same_block
    return previous_block if not text[: span.open].strip() else None


def find_quotes(blocks: Sequence[Block], key_count: int = 3) -> tuple[Quote, ...]:
    """Every direct quote with its speaker and role; the best `key_count` marked key."""
    mentions = person_mentions(blocks)
    roles = person_roles(mentions)
    history: list[tuple[int, int, Speaker]] = []
    quotes: list[Quote] = []
    previous_block: Speaker | None = None
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        text = block.text
        spans = quote_spans(text, i)
        masked = _masked(text, spans)
        starts = _sentence_starts(text, masked, spans)
        same_block: Speaker | None = None
        for span in spans:
            frame = _frame(span, starts, len(text))
            if _is_label(text[span.start : span.end], text[frame[0] : span.open]):
                continue
            found = _attribution(masked, frame, span)
            speaker = _speaker(found, i, mentions, roles, history) if found else None
            speaker = speaker or _fallback(span, text, same_block, previous_block)
            if speaker:
                history.append((i, span.open, speaker))
                same_block = speaker
            quotes.append(Quote(text[span.start : span.end], speaker.name if speaker else None,
                                speaker.role if speaker else None, paragraph=i))
        previous_block = same_block if spans else None
    return tuple(_mark_key(quotes, key_count))
