"""Infer when an article was published from what it says, for pages that state no date.

The story's absolute dates (``find_dates(blocks, None)``) are the anchors. Each becomes a *clue*: a likelihood
over candidate publication years, shaped by how its sentence speaks of it (``date_infer_tense``):

- a past-tense year ("escalated sharply in 2010", "since 2005") says the article is from that year or later,
  most often a year or two later, with a long flat tail because news recalls history; a past date written with
  its month or day ("on Aug. 7, 1998") most often lies in an earlier year, since newsrooms drop this year's year;
- a forward-looking one ("will resume in 2012", "until 1994", "is set to begin in 1991", "its 1990 earnings
  projection") says that year or earlier, most often the year before;
- a security's maturity or option date ("debentures due March 1, 2011", "notes puttable in 1999") says only
  "before then": bonds run for decades, so it is a bound and never chooses a year by itself;
- a year beside "a year ago" or "this year" is the current period, and so is one compared with last year's figure
  ("1989 profit ..., up from ... last year"); "up from $252 million in 1988" is last year's figure; "last year"
  beside an older year says the article is at least a year after it;
- a year in the present perfect ("has not met our expectations for 1989") is still under way: the current year;
- a company's reporting period ("results for 1989", "In fiscal 1989", "as of 1998") is the current year or the
  one just ended, unless a forecast is spoken of ("predicting 1990 earnings");
- spans measured from the writing time pair with anchors (``date_infer_spans``): "N years ago", "four decades
  ago", "the 50th anniversary", "since 1993 ... the last five years", an age with a birth or founding year, a
  deadline with the time left to it ("by 1994 ... within five years"), "one year after he was killed";
- a weekday written with a day of the month ("Monday, Oct. 26"), or a dated dateline with a weekday in its lead,
  fits only some years (``date_infer_pins``).

Only the latest past and the earliest future anchor say how near the article is; older past and later future
anchors are bounds. The year with the highest summed log-likelihood wins (ties to the earlier year). When no clue
says how near the article is (no anchor but maturities, say) the answer is None, and so it is with no year-bearing
anchor at all: tense alone never makes a date. A month or a day is added only when the text pins one.

Once a period is inferred, ``dates_within`` resolves the story's phrases (found by the one scan ``find_dates``
already made, ``date_scan``) at both ends of the period and keeps only the values that hold wherever in it the
article was written ("last year" in an article from 2011 is 2010; "Tuesday" is unknown).
"""

from __future__ import annotations

import math
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Sequence

from ..models import Block, DateMention
from .date_infer_pins import fits_weekday, refine, weekday_pins
from .date_infer_spans import Anchor, Clue, span_clues
from .date_infer_tense import mention_tense
from .date_scan import block_sentences
from .dates import find_dates_across

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
PAIRED = (0.60, 0.15, 0.01)  # a span lands on its target, one off, neither; averaged over the possible targets
# A span that names its anchor ("Ms. Ruiz, 33, was born in 1967"): misread far more rarely than a loose pairing.
MEASURED = (0.80, 0.15, 0.004)
AHEAD = (0.30, 0.30, 0.30, 0.30, 0.01)  # an anniversary still to come: in year A or a few years on, not behind it
PINNED = (0.60, 0.03)  # every weekday + day of month fits year A, or not
BOUND = 0.5  # an older past (later future) anchor: any year on its side is as good as another
CANDIDATE_SPAN = 45  # candidate years reach this far past the latest anchor
# Clues that say how near the article is to a year; "after" and "before" only say on which side it lies.
NEAR = frozenset({"past", "future", "open", "exact", "paired", "measured", "ahead"})
# Clues that tie a year to the time of writing, rather than placing an event before or after it.
TIES = frozenset({"exact", "paired", "measured", "ahead", "pinned"})

_WORD = re.compile(r"[\w'’-]+")
ISO_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
CURRENT_PERIOD = re.compile(r"(?i)\b(?:a year (?:ago|earlier)|year-(?:ago|earlier)|(?:so far )?this year)\b")
LAST_YEAR = re.compile(r"(?i)\blast year\b")
# After the year, a comparison with last year's figure: "1989 profit is likely to be X, up from Y last year".
VERSUS_LAST_YEAR = re.compile(r"(?i)^[^;]{0,120}\b(?:up from|down from|compared with|versus)\b[^;]{0,40}\blast year\b")
# A reporting period: "results for 1989", "its 1989 operating results", "In fiscal 1989, it had sales", "as of 1998".
PERIOD_BEFORE = re.compile(r"(?i)\b(?:(?:results|earnings|profits?|sales|revenues?|expectations) (?:for|in)|fiscal"
                           r"|as of)\s*$")
PERIOD_AFTER = re.compile(r"(?i)^(?:\s+[\w-]+){0,2}?\s+(?:results|earnings|profits?|sales|revenues?|net income)\b")
FISCAL = re.compile(r"(?i)fiscal\b")
FORECASTS = frozenset({"projection", "projections", "forecast", "forecasts", "estimate", "estimates", "predicting",
                       "predicted", "predict", "projected", "target", "budget", "outlook"})
COMPARED_FROM = re.compile(r"(?i)\b(?:up|down|rose|fell|increased|decreased|compared with|versus)\b[^;]{0,60}"
                           r"\bfrom\b[^;]{0,40}$")
# The present perfect cannot hold a finished period: "has not met our expectations for 1989" is this year's.
PRESENT_PERFECT = re.compile(r"(?i)(?<!could )(?<!would )(?<!should )(?<!might )(?<!must )(?<!may )(?<!to )"
                             r"\b(?:has|have|hasn't|haven't|hasn’t|haven’t)\b(?:\W+[\w'’-]+){1,6}?\W+"
                             r"(?:in|for|during|so far in)\W*$")
SINCE_OR_WILL = re.compile(r"(?i)\b(?:since|will|would|shall)\b")
# A security's term: "debentures due March 1, 2011", "notes, which will be due on", "puttable ... in 1999".
MATURITY = re.compile(r"(?i)\b(?:debentures?|notes?|bonds?|securities|debt|loans?|preferred|warrants?|certificates?"
                      r"|obligations?|issue|mortgages?|paper)\b[^.;]{0,120}\b(?:due|matur\w*|redeemable|callable"
                      r"|puttable|convertible|expir\w*)\b(?:\W+[A-Za-z'’-]+){0,5}?\W*$")


@dataclass(frozen=True)
class Inference:
    """An inferred publication date (None without evidence) and the clues it was read from."""

    value: str | None
    clues: frozenset[Clue] = frozenset()

    @property
    def tied(self) -> bool:
        """Whether some clue ties a year to the time of writing (not only tense and bounds)."""
        return any(c.kind in TIES for c in self.clues)


def infer_published(blocks: Sequence[Block], dates: Sequence[DateMention]) -> str | None:
    """The publication date the content supports ("2011", "2011-10", rarely a day), or None without evidence."""
    return explain_published(blocks, dates).value


def explain_published(blocks: Sequence[Block], dates: Sequence[DateMention]) -> Inference:
    """`infer_published` with the clues behind its answer."""
    anchors = anchors_of(dates)
    if not anchors:
        return Inference(None)
    sentences = [s for b in blocks if b.kind != "heading" for s in block_sentences(b.text)]
    spans, measured = span_clues(sentences, anchors)
    clues = bounds_for_older(tensed_first({anchor_clue(a) for a in anchors}), measured) | set(spans)
    if not any(c.kind in NEAR for c in clues):
        return Inference(None, frozenset(clues))  # only bounds: "before 2011" is no estimate of the year
    # From a little before the earliest anchor to a span past the latest, and every year a span lands on ("the 75th
    # anniversary" of 1921, "by 2004 ... within six years").
    low = min([a.year - len(FUTURE_CURVE) for a in anchors] + [y - 1 for c in clues for y in c.years])
    high = max([a.year + CANDIDATE_SPAN for a in anchors] + [y + 1 for c in clues for y in c.years])
    pins = weekday_pins(sentences)
    if pins:
        clues.add(Clue("pinned", frozenset(y for y in range(low, high) if all(fits_weekday(y, *p) for p in pins))))
    scores = {y: sum(log_likelihood(c, y) for c in clues) for y in candidates(clues, low, high)}
    year = max(scores, key=lambda y: (scores[y], -y))  # ties go to the earlier year
    return Inference(refine(year, sentences), frozenset(clues))


def candidates(clues: set[Clue], low: int, high: int) -> list[int]:
    """The years in [low, high) worth scoring: `low` and those near some clue's years. Each likelihood changes only
    within a few years of its clue's years, so a year farther from all of them scores as the year before it and
    loses the tie to it: the answer is the one scoring every year would give, at a fraction of the cost."""
    reach = max(len(curve) for curve in (*PAST_CURVE.values(), FUTURE_CURVE, AHEAD, EXACT)) + 2
    near = {y + d for c in clues for y in c.years for d in range(-reach, reach + 1)}
    return sorted({low} | {y for y in near if low <= y < high})


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


def anchor_clue(anchor: Anchor) -> Clue:
    """What one anchor says: its tense's clue, or the year itself when the sentence fixes the relation."""
    y = anchor.year
    # Speed: each pattern below is tried only where its key words stand, and only over the text it can reach.
    before, lower, term = anchor.before[-COMPARE_REACH:], anchor.sentence.lower(), anchor.before[-200:]
    if "from" in before.lower() and COMPARED_FROM.search(before):
        # "up from $252 million in 1988": last year's figure; "last year, down from 1996": the year before that.
        return Clue("exact", frozenset({y + (2 if LAST_YEAR.search(anchor.sentence) else 1)}))
    if "year" in lower and (CURRENT_PERIOD.search(anchor.sentence) or VERSUS_LAST_YEAR.search(anchor.after)):
        return Clue("exact", frozenset({y}))
    if PRESENT_PERFECT.search(anchor.before[-80:]) and not SINCE_OR_WILL.search(anchor.sentence):
        return Clue("exact", frozenset({y}))
    if any(word in term.lower() for word in MATURITY_WORDS) and MATURITY.search(term):
        return Clue("before", frozenset({y}))  # issued any time in the decades before it falls due
    if reporting_period(anchor):
        return Clue("open", frozenset({y}), anchor.grain)  # a company's year is reported during it or just after
    if "last year" in lower and anchor.tense == "past" and LAST_YEAR.search(anchor.sentence):
        return Clue("past", frozenset({y + 1}))  # "indicted last year in the 1998 shooting"
    return Clue(anchor.tense, frozenset({y}), anchor.grain)


COMPARE_REACH = 125  # COMPARED_FROM spans at most 117 characters before the year: a longer slice reads the same
MATURITY_WORDS = ("due", "matur", "redeemable", "callable", "puttable", "convertible", "expir")  # one is in MATURITY


def reporting_period(anchor: Anchor) -> bool:
    """Whether the year names a reporting period ("results for 1989") rather than a forecast of one."""
    before, after = anchor.before[-200:], anchor.after[:200]  # four words either side, and the period's own words
    named = PERIOD_BEFORE.search(before) or PERIOD_AFTER.search(after) or FISCAL.match(anchor.text)
    if not named:
        return False
    near = _WORD.findall(before.lower())[-4:] + _WORD.findall(after.lower())[:4]
    return not FORECASTS & set(near)


def tensed_first(clues: set[Clue]) -> set[Clue]:
    """A year read once with a tense and once without keeps only the tensed readings."""
    tensed = {y for c in clues if c.kind != "open" for y in c.years}
    return {c for c in clues if c.kind != "open" or not c.years & tensed}


def bounds_for_older(clues: set[Clue], measured: set[int] | frozenset[int] = frozenset()) -> set[Clue]:
    """Only the latest past and the earliest future anchor say how near the article is; the others are bounds.

    Fifty years of history in one story must not outvote the one recent event it reports; and an anchor a span
    measured ("by 1994 ... within five years") has said how near it is through that span.
    """
    past = [max(c.years) for c in clues if c.kind == "past" and not c.years & measured]
    future = [min(c.years) for c in clues if c.kind == "future" and not c.years & measured]
    out = set()
    for clue in clues:
        if clue.kind == "past" and (clue.years & measured or max(clue.years) < max(past)):
            clue = Clue("after", clue.years)
        elif clue.kind == "future" and (clue.years & measured or min(clue.years) > min(future)):
            clue = Clue("before", clue.years)
        out.add(clue)
    return out


def log_likelihood(clue: Clue, a: int) -> float:
    """The log of `likelihood`; a one-year tense clue's depends only on a - y, so it comes from a memo of offsets."""
    if clue.kind in OFFSET_KINDS:
        (y,) = clue.years
        return _offset_log(clue.kind, clue.grain, a - y)
    return math.log(likelihood(clue, a))


OFFSET_KINDS = frozenset({"past", "future", "open", "after", "before"})  # clues of one year, read by offset


@lru_cache(maxsize=4096)
def _offset_log(kind: str, grain: str, offset: int) -> float:
    return math.log(likelihood(Clue(kind, frozenset({0}), grain), offset))


def likelihood(clue: Clue, a: int) -> float:
    """How likely publication year `a` is under one clue."""
    if clue.kind == "ahead":
        near = min((y - a for y in clue.years if y >= a), default=99)
        return AHEAD[min(near, len(AHEAD) - 1)]
    if clue.kind in ("paired", "measured"):
        # Which anchor a span was measured from is not known: a mixture over the targets it could land on.
        weights = PAIRED if clue.kind == "paired" else MEASURED
        return sum(weights[min(abs(a - y), 2)] for y in clue.years) / len(clue.years)
    if clue.kind in ("exact", "pinned"):
        near = min(abs(a - y) for y in clue.years) if clue.years else 99
        weights = EXACT if clue.kind == "exact" else (PINNED[0], PINNED[1], PINNED[1])
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


def dates_within(blocks: Sequence[Block], inferred: str) -> tuple[DateMention, ...]:
    """The story's dates resolved against an inferred period ("2011", "2011-10"), keeping only the values that hold
    wherever in that period the article was written: "last year" is 2010 all through 2011, "Tuesday" is not."""
    return find_dates_across(blocks, *period_bounds(inferred))


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
