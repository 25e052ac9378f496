"""Infer when an article was published from what it says, for pages that state no date.

The story's absolute dates (``find_dates(blocks, None)``) are the anchors. Each becomes a *clue*: a likelihood
over candidate publication years, shaped by how its sentence speaks of it:

- a past-tense year ("escalated sharply in 2010", "since 2005") says the article is from that year or later,
  most often a year or two later, with a long flat tail because news recalls history; a past date written with
  its month or day ("on Aug. 7, 1998") most often lies in an earlier year, since newsrooms drop this year's year;
- a forward-looking one ("will resume in 2012", "due 2011", "until 1994", "its 1990 earnings projection") says
  that year or earlier, most often the year before;
- a year beside "a year ago" or "this year" is the current period, and so is one compared with last year's figure
  ("1989 profit ..., up from ... last year"); "up from $252 million in 1988" is last year's figure; "last year"
  beside an older year says the article is at least a year after it;
- a company's reporting period ("results for 1989", "In fiscal 1989") is the current year or the one just ended,
  unless a forecast is spoken of ("predicting 1990 earnings");
- spans pair with anchors: "since 1993" with "the last five years", "N years ago", "the 50th anniversary"; an
  anniversary still to come ("will mark its 75th anniversary") puts the article at most a few years before it;
- a weekday written with a day of the month ("Monday, Oct. 26") fits only some years.

The year with the highest summed log-likelihood wins. A month is added only when the text pins one in that year (a
weekday with its day of the month, or "this month" beside a month and day), a day only when "today" is written
beside such a date. With no year-bearing anchor the answer is None: tense alone never makes a date.

Once a period is inferred, ``dates_within`` re-reads the story against it and keeps only the values that hold
wherever in the period the article was written ("last year" in an article from 2011 is 2010; "Tuesday" is unknown).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from ..models import Block, DateMention
from ..text import split_sentences
from .dates import find_dates

# --- the shapes of the clues: the likelihood of publication year A given an anchor year Y --------------------------

# Past anchors by precision: weights for A - Y = 0, 1, 2, ...; beyond the table a flat tail (history is common).
PAST_CURVE: dict[str, tuple[float, ...]] = {
    "day": (0.10, 0.35, 0.15, 0.07, 0.05),
    "month": (0.10, 0.32, 0.20, 0.08, 0.05),
    "year": (0.16, 0.20, 0.16, 0.09, 0.07, 0.06, 0.05),
}
FUTURE_CURVE = (0.15, 0.35, 0.20, 0.08, 0.05)  # weights for Y - A = 0, 1, 2, ...
OPEN_CURVE = {-1: 0.10, 0: 0.25, 1: 0.22, 2: 0.12}  # no tense cue: near the anchor, a little later
OPEN_BEFORE = 0.006  # no tense cue, and the anchor lies years after the article: forecasts and bonds, rarer
TAIL = 0.012  # far from the anchor on the side the tense allows
WRONG_SIDE = 0.004  # against the tense: kept above zero because a tense cue can be misread
EXACT = (0.70, 0.12, 0.01)  # the sentence names the year itself: A == target, one off, further
PAIRED = (0.60, 0.15, 0.01)  # a span lands on one of the targets, one off, neither
AHEAD = (0.30, 0.30, 0.30, 0.30, 0.01)  # an anniversary still to come: in year A or a few years on, not behind it
PINNED = (0.60, 0.03)  # every weekday + day of month fits year A, or not
BOUND = 0.5  # an older past (later future) anchor: any year on its side is as good as another
CANDIDATE_SPAN = 45  # candidate years reach this far past the latest anchor

# --- tense cues; kept apart from the tagger's, which answer another question ("which Tuesday?") -----------------
FUTURE_CUES = frozenset({
    "will", "'ll", "’ll", "shall", "won't", "won’t", "wo", "would", "next", "expect", "expects", "expected",
    "plans", "planned", "scheduled", "due", "projected", "forecast", "projection", "projections", "estimate",
    "estimates", "hope", "hopes", "intends", "likely", "could", "might", "predicting", "future",
    "outlook", "beyond", "target", "budget",
})
PAST_CUES = frozenset({
    "was", "were", "had", "did", "ago", "came", "took", "made", "began", "won", "lost", "fell",
    "rose", "left", "met", "held", "struck", "led", "became", "wasn't", "weren't", "didn't", "hadn't", "born",
    "shot", "hit", "went", "got", "saw", "gave", "sold", "bought", "paid", "cut", "ran", "fled", "grew", "broke",
    "fought", "spent", "sent", "built", "founded",
})
PERFECT_MODALS = frozenset({"could", "would", "might", "should", "must", "may"})
# Reporting verbs say when something was said, not when what was said happens.
REPORTING = frozenset({"said", "says", "told", "tells", "reported", "added", "noted", "announced", "stated"})
NOT_PAST = frozenset({"need", "indeed", "seed", "speed", "bed", "hundred", "proceed", "succeed", "exceed", "feed",
                      "red", "shed", "based", "limited", "united", "related", "unrelated", "interested"})
FORWARD_WORDS = frozenset({"until", "till", "due", "through", "into", "before", "maturing"})
SOFT_FORWARD_WORDS = frozenset({"by", "after"})  # forward unless the clause is in the past: "after its 1990 invasion"

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_NUM = r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
_MONTH = (r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|Aug(?:ust|\.)?"
          r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WORD = re.compile(r"[\w'’-]+")
ISO_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
CURRENT_PERIOD = re.compile(r"(?i)\b(?:a year (?:ago|earlier)|year-(?:ago|earlier)|(?:so far )?this year)\b")
LAST_YEAR = re.compile(r"(?i)\blast year\b")
# After the year, a comparison with last year's figure: "1989 profit is likely to be X, up from Y last year".
VERSUS_LAST_YEAR = re.compile(r"(?i)^[^;]{0,120}\b(?:up from|down from|compared with|versus)\b[^;]{0,40}\blast year\b")
# A reporting period: "results for 1989", "its 1989 operating results", "In fiscal 1989, it had sales".
PERIOD_BEFORE = re.compile(r"(?i)\b(?:(?:results|earnings|profits?|sales|revenues?|expectations) (?:for|in)|fiscal)"
                           r"\s*$")
PERIOD_AFTER = re.compile(r"(?i)^(?:\s+[\w-]+){0,2}?\s+(?:results|earnings|profits?|sales|revenues?|net income)\b")
FISCAL = re.compile(r"(?i)fiscal\b")
FORECASTS = frozenset({"projection", "projections", "forecast", "forecasts", "estimate", "estimates", "predicting",
                       "predicted", "predict", "projected", "target", "budget", "outlook"})
COMPARED_FROM = re.compile(r"(?i)\b(?:up|down|rose|fell|increased|decreased|compared with|versus)\b[^;]{0,60}"
                           r"\bfrom\b[^;]{0,40}$")
YEARS_AGO = re.compile(rf"(?i)\b{_NUM}[ -]years? ago\b")
ANNIVERSARY = re.compile(r"(?i)\b(\d{1,3})(?:st|nd|rd|th) anniversary\b")
LAST_YEARS = re.compile(rf"(?i)\b(?:the )?(?:last|past) {_NUM} years\b")
WEEKDAY_DATE = re.compile(rf"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? {_MONTH} (\d{{1,2}})\b"
                          r"(?!,? \d{4})")
MONTH_DAY = re.compile(_MONTH + r" \d{1,2}\b")
THIS_MONTH = re.compile(r"(?i)\b(?:earlier |later )?this month\b")
TODAY = re.compile(r"(?i)\btoday\b")


@dataclass(frozen=True)
class Anchor:
    """An absolute date the story mentions, with how its sentence speaks of it."""

    year: int
    grain: str  # "year", "month" or "day"
    tense: str  # "past", "future" or "open"
    sentence: str
    before: str  # the sentence up to the expression
    after: str  # the sentence after the expression
    text: str  # the expression itself


@dataclass(frozen=True)
class Clue:
    """One piece of evidence about the publication year; equal clues count once."""

    kind: str  # "past", "future", "open", "after", "before", "exact", "paired", "ahead" or "pinned"
    years: frozenset[int]  # the anchor year (one), or the years a span or a weekday points at
    grain: str = "year"


def infer_published(blocks: Sequence[Block], dates: Sequence[DateMention]) -> str | None:
    """The publication date the content supports ("2011", "2011-10", rarely a day), or None without evidence."""
    anchors = anchors_of(dates)
    if not anchors:
        return None
    sentences = [s for b in blocks if b.kind != "heading" for s in split_sentences(b.text)]
    clues = bounds_for_older(tensed_first({anchor_clue(a) for a in anchors})) | set(span_clues(sentences, anchors))
    low = min(a.year for a in anchors) - len(FUTURE_CURVE)
    # Up to a span past the latest anchor, and every year a span lands on ("the 75th anniversary" of 1921).
    high = max([a.year + CANDIDATE_SPAN for a in anchors] + [y + 1 for c in clues for y in c.years])
    candidates = range(low, high)
    pins = weekday_pins(sentences)
    if pins:
        clues.add(Clue("pinned", frozenset(y for y in candidates if all(fits_weekday(y, *p) for p in pins))))
    scores = {y: sum(math.log(likelihood(c, y)) for c in clues) for y in candidates}
    year = max(scores, key=lambda y: (scores[y], -y))  # ties go to the earlier year
    return refine(year, sentences)


TENSE_WINDOW = 300  # characters either side of a date searched for its tense


def anchors_of(dates: Sequence[DateMention]) -> list[Anchor]:
    """The year-bearing absolute dates among the mentions (decades and relative values carry no year)."""
    anchors: list[Anchor] = []
    for mention in dates:
        match = ISO_VALUE.fullmatch(mention.value)
        if mention.type != "DATE" or not match:
            continue
        start = max(mention.sentence.find(mention.text), 0)
        end = start + len(mention.text)
        grain = "day" if match[3] else "month" if match[2] else "year"
        tense = mention_tense(mention.sentence, start, end)
        anchors.append(Anchor(int(match[1]), grain, tense, mention.sentence, mention.sentence[:start],
                              mention.sentence[end:], mention.text))
    return anchors


def mention_tense(sentence: str, start: int, end: int) -> str:
    """How a sentence speaks of a date: "since 1993" is past, "until 1994" and "due 2011" look ahead."""
    # Tense cues sit near the date; a bounded window keeps a runaway sentence from costing quadratic time.
    head, tail = sentence[max(0, start - TENSE_WINDOW):start], sentence[end:end + TENSE_WINDOW]
    before = _WORD.findall(head.lower())[::-1]
    clause = _WORD.findall(re.split(r"[,;:.!?]", tail, maxsplit=1)[0].lower())
    after = _WORD.findall(tail.lower())
    if "since" in before[:2]:
        return "past"
    tense = word_tense(before)
    # "by 1994" looks ahead unless its own clause is in the past ("sanctions imposed after its 1990 invasion").
    own_clause = _WORD.findall(re.split(r"[,;:.!?]", head)[-1].lower())[::-1]
    if FORWARD_WORDS & set(before[:2]) or (SOFT_FORWARD_WORDS & set(before[:2]) and word_tense(own_clause) != "past"):
        return "future"
    # The words right after the year first ("its 1990 earnings projection"), then the nearest cue before it.
    return (word_tense(clause[:3], strict=True) or tense or word_tense(clause)
            or word_tense(after) or "open")


def word_tense(words: Sequence[str], strict: bool = False) -> str | None:
    """The tense of the first cue among the words; `strict` skips the -ed guess ("1989 unconsolidated profit")."""
    for i, word in enumerate(words):
        if word in PERFECT_MODALS and "have" in words[max(0, i - 1):i + 2]:
            return "past"  # "could have used ... in 1979": a past that did not happen is still past
        if word in FUTURE_CUES:
            return "future"
        if word in PAST_CUES or (not strict and len(word) > 4 and word.endswith("ed") and "-" not in word
                                 and word not in NOT_PAST and word not in REPORTING):
            return "past"
    return None


def anchor_clue(anchor: Anchor) -> Clue:
    """What one anchor says: its tense's clue, or the year itself when the sentence fixes the relation."""
    y = anchor.year
    if COMPARED_FROM.search(anchor.before):
        # "up from $252 million in 1988": last year's figure; "last year, down from 1996": the year before that.
        return Clue("exact", frozenset({y + (2 if LAST_YEAR.search(anchor.sentence) else 1)}))
    if CURRENT_PERIOD.search(anchor.sentence) or VERSUS_LAST_YEAR.search(anchor.after):
        return Clue("exact", frozenset({y}))
    if reporting_period(anchor):
        return Clue("open", frozenset({y}), anchor.grain)  # a company's year is reported during it or just after
    if LAST_YEAR.search(anchor.sentence) and anchor.tense == "past":
        return Clue("past", frozenset({y + 1}))  # "indicted last year in the 1998 shooting"
    return Clue(anchor.tense, frozenset({y}), anchor.grain)


def reporting_period(anchor: Anchor) -> bool:
    """Whether the year names a reporting period ("results for 1989") rather than a forecast of one."""
    near = _WORD.findall(anchor.before.lower())[-4:] + _WORD.findall(anchor.after.lower())[:4]
    named = PERIOD_BEFORE.search(anchor.before) or PERIOD_AFTER.search(anchor.after) or FISCAL.match(anchor.text)
    return bool(named) and not FORECASTS & set(near)


def tensed_first(clues: set[Clue]) -> set[Clue]:
    """A year read once with a tense and once without keeps only the tensed readings."""
    tensed = {y for c in clues if c.kind != "open" for y in c.years}
    return {c for c in clues if c.kind != "open" or not c.years & tensed}


def bounds_for_older(clues: set[Clue]) -> set[Clue]:
    """Only the latest past and the earliest future anchor say how near the article is; the others are bounds.

    Fifty years of history in one story must not outvote the one recent event it reports.
    """
    past = [max(c.years) for c in clues if c.kind == "past"]
    future = [min(c.years) for c in clues if c.kind == "future"]
    out = set()
    for clue in clues:
        if clue.kind == "past" and max(clue.years) < max(past):
            clue = Clue("after", clue.years)
        elif clue.kind == "future" and min(clue.years) > min(future):
            clue = Clue("before", clue.years)
        out.add(clue)
    return out


def span_clues(sentences: Sequence[str], anchors: Sequence[Anchor]) -> list[Clue]:
    """Spans that pair with an anchor: "N years ago", "the Nth anniversary", "since Y ... the last N years"."""
    years = {a.year for a in anchors}
    since = {a.year for a in anchors if re.search(r"(?i)\bsince\b", a.before[-12:])}
    spans: dict[str, set[int]] = {"paired": set(), "ahead": set()}
    for pattern in (YEARS_AGO, ANNIVERSARY):
        for sentence in sentences:
            for m in pattern.finditer(sentence):
                # An anniversary still to come ("will celebrate its 50th anniversary") is this year's or a later one;
                # "would fail today, the 39th anniversary" is today's.
                ahead = (pattern is ANNIVERSARY and not TODAY.search(sentence)
                         and mention_tense(sentence, m.start(), m.end()) == "future")
                spans["ahead" if ahead else "paired"].add(number(m[1]))
    clues = [Clue(kind, frozenset(y + n for y in years for n in found if n)) for kind, found in spans.items()]
    since_spans = {number(m[1]) for s in sentences for m in LAST_YEARS.finditer(s)}
    clues.append(Clue("paired", frozenset(y + n for y in since for n in since_spans if n)))
    return [clue for clue in clues if clue.years]


def likelihood(clue: Clue, a: int) -> float:
    """How likely publication year `a` is under one clue."""
    if clue.kind == "ahead":
        near = min((y - a for y in clue.years if y >= a), default=99)
        return AHEAD[min(near, len(AHEAD) - 1)]
    if clue.kind in ("exact", "paired", "pinned"):
        near = min(abs(a - y) for y in clue.years) if clue.years else 99
        weights = {"exact": EXACT, "paired": PAIRED, "pinned": (PINNED[0], PINNED[1], PINNED[1])}[clue.kind]
        return weights[min(near, 2)]
    (y,) = clue.years
    if clue.kind in ("after", "before"):
        return WRONG_SIDE / TAIL * BOUND if (a < y if clue.kind == "after" else a > y) else BOUND
    if clue.kind == "past":
        curve = PAST_CURVE[clue.grain]
        return WRONG_SIDE if a < y else curve[a - y] if a - y < len(curve) else TAIL
    if clue.kind == "future":
        return WRONG_SIDE if a > y else FUTURE_CURVE[y - a] if y - a < len(FUTURE_CURVE) else TAIL
    return OPEN_CURVE.get(a - y, TAIL if a > y else OPEN_BEFORE)


def number(word: str) -> int:
    """A small cardinal in digits or words (0 when unknown)."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 0)


def weekday_pins(sentences: Sequence[str]) -> list[tuple[int, int, int]]:
    """(weekday, month, day) for every "Monday, Oct. 26" written without a year."""
    return [(WEEKDAYS.index(m[1].lower()), MONTHS.index(m[2][:3].lower()) + 1, int(m[3]))
            for sentence in sentences for m in WEEKDAY_DATE.finditer(sentence)]


def fits_weekday(year: int, weekday: int, month: int, day: int) -> bool:
    """Whether that day of that month falls on that weekday in the year."""
    try:
        return date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def refine(year: int, sentences: Sequence[str]) -> str:
    """The year, with a month (or a day) only when the text pins one in that year."""
    for sentence in sentences:
        for m in WEEKDAY_DATE.finditer(sentence):
            month, day = MONTHS.index(m[2][:3].lower()) + 1, int(m[3])
            if fits_weekday(year, WEEKDAYS.index(m[1].lower()), month, day):
                return date(year, month, day).isoformat() if TODAY.search(sentence) else f"{year:04d}-{month:02d}"
    for sentence in sentences:
        months = {m[1][:3].lower() for m in MONTH_DAY.finditer(sentence)}
        if THIS_MONTH.search(sentence) and len(months) == 1:
            return f"{year:04d}-{MONTHS.index(months.pop()) + 1:02d}"
    return f"{year:04d}"


def dates_within(blocks: Sequence[Block], inferred: str) -> tuple[DateMention, ...]:
    """The story's dates resolved against an inferred period ("2011", "2011-10"), keeping only the values that hold
    wherever in that period the article was written: "last year" is 2010 all through 2011, "Tuesday" is not."""
    first, last = period_bounds(inferred)
    late = Counter(find_dates(blocks, last.isoformat()))
    kept = []
    for mention in find_dates(blocks, first.isoformat()):
        if late[mention] > 0:  # the same text in the same sentence with the same value at both ends
            late[mention] -= 1
            kept.append(mention)
    return tuple(kept)


def period_bounds(value: str) -> tuple[date, date]:
    """The first and last day of the period an ISO value names ("2011", "2011-10" or "2011-10-04")."""
    match = ISO_VALUE.fullmatch(value)
    if not match:
        raise ValueError(f"not an ISO year, month or day: {value!r}")
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return (date(year, int(month), int(day)),) * 2
    if month:
        return date(year, int(month), 1), date(year, int(month), monthrange(year, int(month))[1])
    return date(year, 1, 1), date(year, 12, 31)
