"""Where quotes sit: the top-level spans between quotation marks, which of them are labels (scare quotes, titles),
and the sentences around them."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from typing import NamedTuple, Sequence

from ..models import Block
from ..text import ABBREVIATIONS, words
from . import speech
from .attribution import MASK

_MARK = re.compile("[“”„«»\"‘’']")
_SINGLE_MARKS = "‘’'"
_TYPED_DOUBLE = re.compile(r"(?<![\w'])''(?=[A-Za-z])")  # a double mark typed as two apostrophes: ''We won,'' she said
_SHOW_CUE = re.compile(r"(?:[’']s|\b(?:on|of|with))\s*$")  # right before a title: "NBC's", "appeared on", "author of"
# A work named by its kind right before its title: 'the book "Tough Choices"', 'his podcast, "On the Road."'
_WORK_KIND = re.compile(r"\b(?:book|novel|memoir|biography|film|movie|documentary|play|musical|opera|song|album|show"
                        r"|series|sitcom|podcast|column|op-ed|editorial|essay|article|poem|ad|commercial|video|episode"
                        r"|slogan)s?,?\s*$", re.I)
_BYLINE = re.compile(r",?\s*by\s+(?:the\s+)?[A-Z]")  # after a cited headline: '"...," by the Times' Ann Lee'
_LEAD_IN = re.compile(r"(?:^|[.!?]\s)[^a-z.!?]*$")  # nothing in lower case since the sentence began: "NOW OPEN—"
_CLAUSE_BREAK = re.compile(r"[,;:()—–]")
_WORDS = re.compile(r"[A-Za-z’'-]+")
_VERB_REACH = 5  # words before a quote a speech verb may stand and still govern it: 'called the whole plan "odd"'
_ONE_CAPITAL = re.compile(r"[A-Z]")  # an initial before a full stop: "J. Smith"
_SPACES = re.compile(r"\s*")
_TAG_SENTENCE = re.compile(r"\s*([^.!?\x00]*?)[.!?](?:\s|$)")
_BOUNDARY = re.compile(r"[.!?]+[)\]]*\s+(?=[A-Z\x00“‘\"(])")


class Span(NamedTuple):
    """Where one top-level quote sits in its block. A named tuple, not a frozen dataclass: every quote of every
    article makes one, and a frozen dataclass takes several times as long to build."""

    block: int
    open: int  # offset of the opening mark
    start: int  # the quoted words: text[start:end]
    end: int
    close: int  # just past the closing mark (the block's end when the quote runs on)
    closed: bool


# ---- quote spans ----------------------------------------------------------------------------------------------


def _opens_single(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in "“\"([—–-/") and nxt.isalpha()


def _starts_block(text: str, i: int) -> bool:
    """Whether only spaces and invisible format characters come before offset i, and a closing mark comes later: a
    closing mark there closes nothing, so it opens ('” … and so it ended,” she said.')."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text[:i]) and "”" in text[i + 1 :]


def _reopens(text: str, i: int) -> bool:
    """Whether an opening mark met inside an open quote starts a new paragraph of it: a quote running on over a
    paragraph break has no closing mark there, and the next paragraph opens again after the sentence's stop."""
    return text[i - 1 : i].isspace() and text[:i].rstrip()[-1:] in ".!?…"


def _mark_spans(text: str) -> list[tuple[int, int, bool]]:
    """(opening mark, past closing mark, closed) of every top-level quote; apostrophes are not marks."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, bool]] = []
    for mark in _MARK.finditer(text):  # only the marks matter: no need to walk every character
        i, ch = mark.start(), mark.group()
        prev, nxt = (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")
        if ch in "’'" and nxt.isalnum() and not _opens_single(prev, "a"):
            # an apostrophe inside a word ("don't", "Lee’s"; two marks in five) opens nothing (no space or opening
            # mark before it, see _opens_single) and closes nothing (a letter follows): skip the cases below
            continue
        has_double = bool(stack) and any(kind == "d" for kind, _ in stack)
        # A curly mark typed the wrong way round reads by its place: 'so,“ said' closes, ' ”Yes' opens.
        if ch == "“" and has_double and not prev.isspace() and (nxt.isspace() or nxt in ",.;:!?)—–"):
            ch = "”"
        elif ch == "”" and not has_double and ((prev.isspace() and nxt.isalnum()) or _starts_block(text, i)):
            ch = "“"
        if ch in "“„«" or (ch == '"' and not (has_double and not prev.isspace()) and not nxt.isspace()):
            if stack and stack[0][0] == "d" and _reopens(text, i):
                found.append((stack[0][1], i, False))
                stack.clear()
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
        inner_end = close - 1 if closed else close
        start = open_ + 1 + (len(text[open_ + 1 : inner_end]) - len(text[open_ + 1 : inner_end].lstrip()))
        end = inner_end - (len(text[:inner_end]) - len(text[:inner_end].rstrip()))
        in_markup = text[open_ - 1 : open_] == "="  # an attribute's value left in the text: <a href="...">
        if end > start and not in_markup and not _cites_a_piece(text, open_, close):
            spans.append(Span(block, open_, start, end, close, closed))
    return spans


def _cites_a_piece(text: str, open_: int, close: int) -> bool:
    """A headline cited with its byline at the start of its sentence, as a round-up lists its reading:
    'NOW OPEN—"Museum reopens its doors," by the Herald's Ann Lee: ...'."""
    return bool(_BYLINE.match(text, close)) and bool(_LEAD_IN.search(text, 0, open_))


def article_spans(blocks: Sequence[Block]) -> list[list[Span]]:
    """Each block's top-level quotes (none in a heading). House style keeps one kind of mark for quotes and the other
    for quotes within them: where an article quotes in double marks, a span in single marks at the top level is a
    headline's quote ('Smith: ‘We will win’') or a term, not a quote of the story. Double marks typed as two
    apostrophes are not read as marks, but they show the house style all the same: single marks there quote within
    a quote."""
    spans = [quote_spans(b.text, i) if b.kind != "heading" else [] for i, b in enumerate(blocks)]
    in_double = [[s for s in found if blocks[s.block].text[s.open] not in _SINGLE_MARKS] for found in spans]
    quotes_in_double = any(in_double) or any(_TYPED_DOUBLE.search(b.text) for b in blocks)
    return in_double if quotes_in_double else spans


def is_label(words_inside: str, before: str, tokens: list[str] | None = None) -> bool:
    """Scare quotes, titles and names in quotes: one word, Title Case, 'the New York channel', 'dubbed "X"'
    (`tokens`: words(words_inside), when the caller has them already)."""
    tokens = words(words_inside) if tokens is None else tokens
    if _label_cue(before) or not tokens:
        return True
    if _title_like(tokens) and _WORK_KIND.search(before):
        return True
    if tokens[0].lower() in speech.MONTHS_DAYS and all(t.isdigit() for t in tokens[1:]):
        return True  # "March 9, 2016": the date line of an embedded post
    ends_sentence = words_inside.rstrip()[-1:] in "!?"
    if len(tokens) == 1:
        return not ends_sentence
    minor = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "or", "with", "from", "vs"}
    if all(t[0].isupper() or t.lower() in minor for t in tokens) and tokens[0][0].isupper() and not ends_sentence:
        # 'told CBS's "Face the Nation."', 'said on "Meet the Press,"': a show's name keeps the sentence's stop
        return words_inside.rstrip()[-1:] not in ".," or bool(_SHOW_CUE.search(before))
    return (tokens[0].lower() in {"the", "a", "an"} and len(tokens) <= 5 and words_inside[-1:].isalnum()
            and any(t[0].isupper() for t in tokens[1:]))  # a name in it: read last, as most quotes fail before


# Further back than the longest of speech.LABEL_CUES' words ("so-called") from the end of the words before a quote.
_LABEL_CUE_REACH = 30


# What the last letter of a label cue may be, as LABEL_CUES reads it without case: "d" ("dubbed") or "s" ("known
# as"), the long s "ſ" included.
_LABEL_CUE_ENDS = frozenset("dDsSſ")


def _label_cue(before: str) -> bool:
    """Whether a label cue ends the words before a quote ('dubbed', 'known as'). LABEL_CUES is anchored at the end,
    and case-insensitive, which leaves the search no quick scan: it is started only within reach of the end, and
    only when the words end in a letter a cue can end in (most often they end in a comma, "said," or a verb)."""
    end = before.rstrip()
    if end[-1:] not in _LABEL_CUE_ENDS:
        return False
    return bool(speech.LABEL_CUES.search(before, max(0, len(end) - _LABEL_CUE_REACH)))


def _title_like(tokens: Sequence[str]) -> bool:
    """A capital first and most words capitalised, or few words: a title, not a sentence quoted from the work."""
    if not tokens[0][0].isupper():
        return False  # most quotes: no need to count the capitals
    capitalised = sum(t[0].isupper() for t in tokens)
    return 2 * capitalised >= len(tokens) or len(tokens) <= 5


def single_word(words_inside: str, before: str, tokens: list[str] | None = None) -> bool:
    """One lowercase word (or a one-word sentence, "Neither.") in quotes with no label cue before it: a scare quote,
    or a speaker's one word (`tokens`: words(words_inside), when the caller has them already)."""
    tokens = words(words_inside) if tokens is None else tokens
    # "Neither." or '"Safety," said Grimm' - a one-word answer; a title in marks keeps only a speaker-less comma
    sentence = words_inside.rstrip()[-1:] in ".!?,"
    return len(tokens) == 1 and (tokens[0].islower() or sentence) and not _label_cue(before)


def said_just_before(before: str) -> bool:
    """Whether a speech verb stands among the last few words before a quote, in its clause: 'X called her "odd"',
    'X described the plan as "odd"'. A word in quotes there is the clause subject's word, not a scare quote."""
    clause = _CLAUSE_BREAK.split(before.rstrip(" ,:"))[-1]  # 'saying, "done."': that comma leads into the quote
    return any(w.lower() in speech.SPEECH_VERBS_AFTER_QUOTE for w in _WORDS.findall(clause)[-_VERB_REACH:])


# ---- sentences and the text around a quote --------------------------------------------------------------------


def masked_text(text: str, spans: Sequence[Span]) -> str:
    """The text with every quote masked, but for a nickname inside a name, blanked: in 'Del. Marcia "Cia" Price
    shouted' the name is the speaker's, and a mask there would hide her."""
    for s in spans:
        if nickname(text, s):
            text = text[: s.open] + " " * (s.close - s.open) + text[s.close :]
        else:
            text = text[: s.open] + MASK * (s.close - s.open) + text[s.close :]
    return text


_NAME_BEFORE = re.compile(r"(?<![\w’'.-])[A-Z][a-z]+\s$")  # "Marcia " before the nickname's opening mark
_NAME_AFTER = re.compile(r"\s[A-Z][a-z]")


def nickname(text: str, span: Span) -> bool:
    """A nickname in quotes between a given name and a surname: Marcia "Cia" Price, Robert "Bobby" Scott."""
    words = text[span.start : span.end].split()
    return (span.closed and span.close - span.end == 1 and 1 <= len(words) <= 2
            and all(w[:1].isupper() and w[1:].isalpha() for w in words)
            and bool(_NAME_BEFORE.search(text, max(0, span.open - 30), span.open))
            and bool(_NAME_AFTER.match(text, span.close)))


def _word_before(text: str, end: int) -> str:
    """The last whitespace-separated word of text[:end] ('' when there is none), read without copying the text
    before it: a block's boundaries would otherwise copy its start once each."""
    reach = 40
    while True:
        window = text[max(0, end - reach) : end]
        words = window.rsplit(None, 1)
        if end - reach <= 0 or (len(words) == 2 or (words and window[:1].isspace())):
            return words[-1] if words else ""
        reach *= 4


def sentence_starts(text: str, masked: str, spans: Sequence[Span]) -> list[int]:
    """Offsets where sentences begin; a quote ending in . ! ? ends its sentence when a capital follows."""
    starts = [0]
    for m in _BOUNDARY.finditer(masked):
        before = _word_before(masked, m.start())
        if before.lower().rstrip(".") in ABBREVIATIONS or _ONE_CAPITAL.fullmatch(before):
            continue
        starts.append(m.end())
    for s in spans:
        nxt_at = _SPACES.match(text, s.close).end()
        nxt = text[nxt_at : nxt_at + 1]
        # "?" and "!" may end a quote inside its sentence: '"Why?" he asked.'
        if s.closed and text[s.end - 1] == "." and (not nxt or nxt.isupper() or nxt in "“‘\""):
            if not _is_tag(masked, s.close):
                starts.append(nxt_at)
    return sorted(set(starts))


def _is_tag(masked: str, close: int) -> bool:
    """Whether the words after a quote ending in "." (its closing mark at `close`) are its attribution, a sentence of
    its own: '"...end." Tom Reed said.' A few words ending in a speech verb (and maybe a day), then the full stop."""
    sentence = _TAG_SENTENCE.match(masked, close)
    if not sentence:
        return False
    tokens = sentence.group(1).split()
    verbs = [i for i, t in enumerate(tokens) if t.lower() in speech.SPEECH_VERBS_AFTER_QUOTE]
    return 0 < len(tokens) <= 8 and bool(verbs) and tokens[0][0].isupper() and len(tokens) - verbs[-1] <= 3


def frame_of(span: Span, starts: Sequence[int], length: int) -> tuple[int, int]:
    """The sentence around a quote: from the last start at or before its opening mark to the first start at or after
    its close, or the block's end. `starts` are sorted (sentence_starts), so bisect finds both without a pass over
    them all for each quote."""
    first = starts[bisect_right(starts, span.open) - 1]
    after = bisect_left(starts, span.close)
    return first, min(starts[after], length) if after < len(starts) else length
