"""Direct quotes: the words inside quotation marks, who said them (attribution.py), and which ones to show."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..models import Block, Quote
from ..text import ABBREVIATIONS, words
from . import speech
from .attribution import MASK, find_attribution, find_clause_subject, find_colon_subject, find_introduction
from .speaker_resolve import Cast, Speaker, cast_of, resolve_name, resolve_speaker, resolve_subject
from .entities import Mention, person_mentions, person_roles, speaker_mentions

_WORD = re.compile(r"[A-Za-z]{2,}")  # a word of the reporter's own beside a quote (the quote itself masked)
_MARK = re.compile("[“”„«»\"‘’']")
_OPENING_MARKS = "“„«\"‘'"
_TRANSCRIPT = re.compile(r"((?:[A-Z][A-Za-z]*\.\s)?[A-Z][A-Z’'-]+(?:\s[A-Z][A-Z’'-]+){0,2}):\s")  # "MR. O'NEILL: "
_SHOW_CUE = re.compile(r"(?:[’']s|\bon)\s*$")  # right before a title in marks: "NBC's", "appeared on"
_BOUNDARY = re.compile(r"[.!?]+[)\]]*\s+(?=[A-Z\x00“‘\"(])")


@dataclass(frozen=True)
class Span:
    """Where one top-level quote sits in its block."""

    block: int
    open: int  # offset of the opening mark
    start: int  # the quoted words: text[start:end]
    end: int
    close: int  # just past the closing mark (the block's end when the quote runs on)
    closed: bool


# ---- quote spans ----------------------------------------------------------------------------------------------


def _opens_single(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in "“\"([—–-/") and nxt.isalpha()


def _mark_spans(text: str) -> list[tuple[int, int, bool]]:
    """(opening mark, past closing mark, closed) of every top-level quote; apostrophes are not marks."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, bool]] = []
    for mark in _MARK.finditer(text):  # only the marks matter: no need to walk every character
        i, ch = mark.start(), mark.group()
        prev, nxt = (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")
        has_double = any(kind == "d" for kind, _ in stack)
        # A curly mark typed the wrong way round reads by its place: 'so,“ said' closes, ' ”Yes' opens.
        if ch == "“" and has_double and not prev.isspace() and (nxt.isspace() or nxt in ",.;:!?)—–"):
            ch = "”"
        elif ch == "”" and not has_double and (prev.isspace() or not i) and nxt.isalnum():
            ch = "“"
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
    if tokens[0].lower() in speech.MONTHS_DAYS and all(t.isdigit() for t in tokens[1:]):
        return True  # "March 9, 2016": the date line of an embedded post
    ends_sentence = words_inside.rstrip()[-1:] in "!?"
    if len(tokens) == 1:
        return not ends_sentence
    minor = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "or"}
    if all(t[0].isupper() or t.lower() in minor for t in tokens) and tokens[0][0].isupper() and not ends_sentence:
        # 'told CBS's "Face the Nation."', 'said on "Meet the Press,"': a show's name keeps the sentence's stop
        return words_inside.rstrip()[-1:] not in ".," or bool(_SHOW_CUE.search(before))
    has_name = any(t[0].isupper() for t in tokens[1:])
    return tokens[0].lower() in {"the", "a", "an"} and has_name and len(tokens) <= 5 and words_inside[-1:].isalnum()


def _single_word(words_inside: str, before: str) -> bool:
    """One lowercase word (or a one-word sentence, "Neither.") in quotes with no label cue before it: a scare quote,
    or a speaker's one word."""
    tokens = words(words_inside)
    # "Neither." or '"Safety," said Grimm' - a one-word answer; a title in marks keeps only a speaker-less comma
    sentence = words_inside.rstrip()[-1:] in ".!?,"
    return len(tokens) == 1 and (tokens[0].islower() or sentence) and not speech.LABEL_CUES.search(before)


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
            if not _is_tag(masked[s.close :]):
                starts.append(s.close + len(rest) - len(rest.lstrip()))
    return sorted(set(starts))


def _is_tag(rest: str) -> bool:
    """Whether the words after a quote ending in "." are its attribution, a sentence of its own: '"...end." Tom Reed
    said.' A few words ending in a speech verb (and maybe a day), then the full stop."""
    sentence = re.match(r"\s*([^.!?\x00]*?)[.!?](?:\s|$)", rest)
    if not sentence:
        return False
    tokens = sentence.group(1).split()
    verbs = [i for i, t in enumerate(tokens) if t.lower() in speech.SPEECH_VERBS_AFTER_QUOTE]
    return 0 < len(tokens) <= 8 and bool(verbs) and tokens[0][0].isupper() and len(tokens) - verbs[-1] <= 3


def _frame(span: Span, starts: Sequence[int], length: int) -> tuple[int, int]:
    first = max(s for s in starts if s <= span.open)
    last = min([s for s in starts if s >= span.close] + [length])
    return first, last


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


def _fallback(span: Span, text: str, frame: str, same_block: Speaker | None, previous_block: Speaker | None) -> Speaker | None:
    """No attribution: the paragraph's earlier speaker, or the previous paragraph's for a quote standing alone.

    A quote carries the previous paragraph's speaker only when its sentence holds no words of the reporter's own:
    words there name someone this code could not read ('"X," Hollis notes'), most often not the speaker before."""
    if same_block:
        return same_block
    return previous_block if not text[: span.open].strip() and not _WORD.search(frame) else None


def _outside_quotes(mentions: Sequence[Mention], spans: Sequence[Sequence[Span]]) -> list[Mention]:
    """The mentions that stand in the reporter's own words."""
    return [m for m in mentions if not any(s.open <= m.start < s.close for s in spans[m.block])]


Evidence = tuple[int, int, int]  # (block, start, end) of the words that name the speaker: "he", "Mr. Kim"


def find_quotes_with_evidence(
    blocks: Sequence[Block], key_count: int = 3, mentions: Sequence[Mention] | None = None
) -> tuple[tuple[Quote, Evidence | None], ...]:
    """Every direct quote, each with where its attribution names the speaker (None when it has no speaker)."""
    mentions = speaker_mentions(blocks, person_mentions(blocks) if mentions is None else mentions)
    roles = person_roles(mentions)
    every_span = [quote_spans(b.text, i) if b.kind != "heading" else [] for i, b in enumerate(blocks)]
    mentions = _outside_quotes(mentions, every_span)  # a name inside a quote is no antecedent of "he said"
    cast = cast_of([b.text for b in blocks], mentions, roles)
    history: list[tuple[int, int, Speaker]] = []
    found: list[tuple[Quote, Evidence | None]] = []
    previous_block: Speaker | None = None
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        text = block.text
        spans = every_span[i]
        masked = _masked(text, spans)
        starts = _sentence_starts(text, masked, spans)
        same_block: Speaker | None = None
        for span in spans:
            frame = _frame(span, starts, len(text))
            label = _is_label(text[span.start : span.end], text[frame[0] : span.open])
            if label and not _single_word(text[span.start : span.end], text[frame[0] : span.open]):
                continue
            speaker = _speaker(masked, frame, span, i, cast, history)
            if label and not speaker:
                continue  # one word is a quote only when a speech verb gives it a speaker: 'X called it "odd"'
            speaker = speaker or _clause_speaker(masked, frame, span, i, cast, history)
            speaker = speaker or _transcript_speaker(text, span, i, cast)
            if not speaker and frame[0] and not _WORD.search(masked[frame[0] : frame[1]]):
                # '..., Schiff said. "The other factor ..."': the sentence before names who goes on speaking
                speaker = _introduced(masked[: frame[0]], i, cast, history, max(s for s in starts if s < frame[0]))
            speaker = speaker or _fallback(span, text, masked[frame[0] : frame[1]], same_block, previous_block)
            if speaker:
                history.append((i, span.open, speaker))
                same_block = speaker
            quote = Quote(text[span.start : span.end], speaker.name if speaker else None,
                          speaker.role if speaker else None, paragraph=i)
            found.append((quote, speaker.evidence if speaker else None))
        previous_block = same_block if spans else None
        if not spans and i + 1 < len(blocks) and blocks[i + 1].text.lstrip()[:1] in _OPENING_MARKS:
            previous_block = _introduced(text, i, cast, history)  # only a quote standing alone needs it
    keyed = _mark_key([q for q, _ in found], key_count)
    return tuple((q, evidence) for q, (_, evidence) in zip(keyed, found))


def _speaker(masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
             history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The speaker the quote's own attribution names, remembering where it names them."""
    found = find_attribution(masked, frame, (span.open, span.close))
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return replace(speaker, evidence=(block, found[0], found[0] + len(found[1])))


def _introduced(text: str, block: int, cast: Cast, history: list[tuple[int, int, Speaker]],
                start: int | None = None) -> Speaker | None:
    """Who a paragraph without quotes introduces in its last sentence (starting at `start` when the caller knows),
    for a quote standing alone after it."""
    start = _sentence_starts(text, text, ())[-1] if start is None else start
    found = find_introduction(text[start:], start)
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not found:
        found = find_colon_subject(text[start:], start)  # no speech verb: the subject only when surely a person
        speaker = resolve_subject(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return replace(speaker, evidence=(block, found[0], found[0] + len(found[1])))


def _transcript_speaker(text: str, span: Span, block: int, cast: Cast) -> Speaker | None:
    """A transcript quoted line names its speaker in capitals first: '"CLINTON: I feel ..."', '"MR. O'NEILL: By the
    way ..."'."""
    found = _TRANSCRIPT.match(text, span.start, span.end)
    speaker = resolve_name(found.group(1), block, span.start, cast) if found else None
    if not (speaker and found):
        return None
    return replace(speaker, evidence=(block, found.start(1), found.end(1)))


def _clause_speaker(masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
                    history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The subject of the quote's clause, when no speech verb names a speaker."""
    found = find_clause_subject(masked, frame, span.open)
    speaker = resolve_subject(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return replace(speaker, evidence=(block, found[0], found[0] + len(found[1])))


def find_quotes(
    blocks: Sequence[Block], key_count: int = 3, mentions: Sequence[Mention] | None = None
) -> tuple[Quote, ...]:
    """Every direct quote with its speaker and role; the best `key_count` marked key.

    `mentions` (from `person_mentions(blocks)`) may be passed in when the caller already has them."""
    return tuple(q for q, _ in find_quotes_with_evidence(blocks, key_count, mentions))
