"""What a date resolver may look at: the DCT, the sentence, and the tense around an expression."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from typing import Literal

from . import date_patterns as P

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Resolved = tuple[TimexType, str] | None
Tense = Literal["past", "future"] | None
_TOKEN = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Context:
    """What a resolver may look at besides its own match."""

    dct: date | None
    sentence: str
    start: int
    end: int
    quarterly: bool = False  # the document reports quarterly results: "a year ago" is that quarter a year back

    def before(self, n: int = 1) -> list[str]:
        return [w.lower() for w in _TOKEN.findall(self.sentence[: self.start])][-n:]

    def after(self, n: int = 1) -> list[str]:
        return [w.lower() for w in _TOKEN.findall(self.sentence[self.end:], 0, 80)][:n]

    def tense(self) -> Tense:
        return sentence_tense(self.sentence, self.start, self.end)


def sentence_tense(sentence: str, start: int, end: int) -> Tense:
    """The tense nearest an expression: the closest cue before it, else the closest after it."""
    words = _TOKEN.findall(sentence[:start])
    before = [w.lower() for w in words]
    after = [w.lower() for w in _TOKEN.findall(sentence[end:])]
    reported: Tense = None
    for i in range(len(before) - 1, -1, -1):
        cue = _cue(before[i])
        # "set to resume Monday", "planned to leave on Thursday": an infinitive looks ahead.
        if before[i] == "to" and 0 < i < len(words) - 1 and before[i - 1] in P.INFINITIVE_HEADS \
                and words[i + 1].islower() and words[i + 1] not in P.NOT_VERBS:
            cue = "future"
        # "will be held": a participle after a future auxiliary is future.
        if cue == "past" and any(_cue(w) == "future" for w in before[max(0, i - 3):i]):
            return "future"
        if cue is not None and before[i] in P.REPORTING_VERBS:
            if i >= len(before) - 2:
                return cue  # "said Thursday": the date is when it was said
            reported = reported or cue
        elif cue is not None:
            return cue
    for word in after:
        if (cue := _cue(word)) is not None and word not in P.REPORTING_VERBS:
            return cue
    return reported or ("past" if any(w in P.REPORTING_VERBS for w in after) else None)


def _cue(word: str) -> Tense:
    if word in P.FUTURE_CUES:
        return "future"
    if word in P.PAST_CUES or (len(word) > 4 and word.endswith("ed") and word not in P.NOT_PAST):
        return "past"
    return None


def pick_year(month: int, day: int, ctx: Context, use_tense: bool) -> int | None:
    """The year of a month (and day) given without one: past tense -> on or before the DCT, future -> on or
    after, no cue -> the occurrence nearest the DCT."""
    if ctx.dct is None:
        return None
    tense = ctx.tense() if use_tense else None
    this, now = (month, day), (ctx.dct.month, ctx.dct.day)
    if tense == "past":
        year = ctx.dct.year if this <= now else ctx.dct.year - 1
    elif tense == "future":
        year = ctx.dct.year if this >= now else ctx.dct.year + 1
    else:
        # a DCT in year 1 or 9999 (a typo'd date) has no year on one side: Python's dates end there
        years = [y for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) if MINYEAR <= y <= MAXYEAR]
        year = min(years, key=lambda y: abs((date(y, month, min(day, 28)) - ctx.dct).days))
    return year if MINYEAR <= year <= MAXYEAR else None
