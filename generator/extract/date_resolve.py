"""Resolve one temporal expression to a TIMEX3 (type, value) against the document creation time.

One resolver per rule in ``date_patterns.RULES`` turns a hit into (TIMEX3 type, value) given the document creation
time (DCT, the page's publication date) and the tense around the expression:

- absolute dates ("28 November 2006", "Nov. 28, 2006", "2006-11-28", "28/11/2006" day-first unless
  impossible, "in 2005", "the 1990s" -> "199") need no DCT;
- underspecified dates ("9 October", "in July", "Tuesday") take the occurrence nearest the DCT in the
  direction the tense implies: past cues (said, -ed, was) -> on or before the DCT, future cues (will, next)
  -> on or after; a weekday with no cue is taken as past, as news usually reports; the DCT's own weekday is
  the DCT itself;
- relative expressions ("last year", "next month", "a year ago", "earlier this month", "the end of last
  month") shift the DCT and keep the unit's granularity ("2005", "2006-10", "2006-W47");
- durations ("two days" -> P2D), sets ("every week" -> P1W) and references ("now" -> PRESENT_REF) need no DCT;
- with no DCT, anything that needs one is left out: the tagger never invents a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Literal

from . import date_patterns as P
from .date_calendar import cardinal, parse_year, period, safe_date, shift_date, unit_of, unit_value, ym, ymd

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

    def before(self, n: int = 1) -> list[str]:
        return [w.lower() for w in _TOKEN.findall(self.sentence[: self.start])][-n:]

    def tense(self) -> Tense:
        return sentence_tense(self.sentence, self.start, self.end)


def sentence_tense(sentence: str, start: int, end: int) -> Tense:
    """The tense nearest an expression: the closest cue before it, else the closest after it."""
    before = [w.lower() for w in _TOKEN.findall(sentence[:start])]
    after = [w.lower() for w in _TOKEN.findall(sentence[end:])]
    for i in range(len(before) - 1, -1, -1):
        cue = _cue(before[i])
        # "will be held": a participle after a future auxiliary is future.
        if cue == "past" and any(_cue(w) == "future" for w in before[max(0, i - 3):i]):
            return "future"
        if cue is not None:
            return cue
    for word in after:
        if (cue := _cue(word)) is not None:
            return cue
    return None


def _cue(word: str) -> Tense:
    if word in P.FUTURE_CUES:
        return "future"
    if word in P.PAST_CUES or (len(word) > 4 and word.endswith("ed") and word not in P.NOT_PAST):
        return "past"
    return None


def _pick_year(month: int, day: int, ctx: Context, use_tense: bool) -> int | None:
    """The year of a month (and day) given without one: past tense -> on or before the DCT, future -> on or
    after, no cue -> the occurrence nearest the DCT."""
    if ctx.dct is None:
        return None
    tense = ctx.tense() if use_tense else None
    this, now = (month, day), (ctx.dct.month, ctx.dct.day)
    if tense == "past":
        return ctx.dct.year if this <= now else ctx.dct.year - 1
    if tense == "future":
        return ctx.dct.year if this >= now else ctx.dct.year + 1
    years = (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
    return min(years, key=lambda y: abs((date(y, month, min(day, 28)) - ctx.dct).days))


# --- resolvers: one per rule in date_patterns.RULES --------------------------------------------------------------

def _iso(m: re.Match[str], ctx: Context) -> Resolved:
    day = safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    if day is None:
        return None
    if m["hour"]:
        return "TIME", f"{ymd(day)}T{m['hour']}:{m['minute']}"
    return "DATE", ymd(day)


def _numeric(m: re.Match[str], ctx: Context) -> Resolved:
    a, b, year = int(m["a"]), int(m["b"]), parse_year(m["year"])
    day, month = (a, b) if b <= 12 else (b, a)  # day-first, unless only month-first is possible
    found = safe_date(year or 0, month, day) if year else None
    return ("DATE", ymd(found)) if found else None


def _day_month(m: re.Match[str], ctx: Context) -> Resolved:
    month, day = P.MONTHS[m["month"].lower()], int(m["day"])
    year = int(m["year"]) if m["year"] else _pick_year(month, day, ctx, use_tense=False)
    found = safe_date(year, month, day) if year else None
    return ("DATE", ymd(found)) if found else None


def _month_year(m: re.Match[str], ctx: Context) -> Resolved:
    return "DATE", ym(int(m["year"]), P.MONTHS[m["month"].lower()])


def _weekday(m: re.Match[str], ctx: Context) -> Resolved:
    target = P.WEEKDAYS[m["weekday"].lower()]
    if m["plural"]:
        return "SET", f"XXXX-WXX-{target + 1}"
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(rel) or ctx.tense()
    if rel == "this":
        found = ctx.dct - timedelta(days=ctx.dct.weekday()) + timedelta(days=target)
    elif tense == "future":
        ahead = (target - ctx.dct.weekday()) % 7 or (7 if rel in ("next", "coming") else 0)
        found = ctx.dct + timedelta(days=ahead)
    else:
        back = (ctx.dct.weekday() - target) % 7 or (7 if rel in ("last", "past") else 0)
        found = ctx.dct - timedelta(days=back)
    part = P.PART_OF_DAY.get((m["part"] or "").lower(), "")
    return "DATE", ymd(found) + part


def _month(m: re.Match[str], ctx: Context) -> Resolved:
    rel = (m["rel"] or "").lower()
    if m["month"] == "May" and not rel and not set(ctx.before()) & P.MAY_PREPOSITIONS:
        return None  # "May" is the modal verb more often than the month
    if ctx.dct is None:
        return None
    month = P.MONTHS[m["month"].lower()]
    if rel == "last":
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel == "next":
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = _pick_year(month, 1 if month != ctx.dct.month else ctx.dct.day, ctx, use_tense=True) or ctx.dct.year
    return "DATE", ym(year, month)


def _season(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.dct is None:
        return None
    season = P.SEASONS[m["season"].lower()]
    now = P.SEASON_ORDER[(ctx.dct.month % 12) // 3]
    rel = m["rel"].lower().split()[-1]
    order = P.SEASON_ORDER.index
    year = ctx.dct.year
    if rel == "last" and order(season) >= order(now):
        year -= 1
    elif rel == "next" and order(season) <= order(now):
        year += 1
    return "DATE", f"{year:04d}-{season}"


def _quarter(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.dct is None:
        return None
    word, unit = m["ord"].lower(), m["unit"].lower()
    letter, per_year = ("Q", 4) if unit == "quarter" else ("H", 2)
    current = (ctx.dct.month - 1) // (12 // per_year) + 1
    index = ctx.dct.year * per_year + current - 1
    if word in P.ORDINALS:
        number = P.ORDINALS[word]
        if number > per_year:
            return None
        # Reports name the latest such period: this year's if it has begun, else last year's.
        year = ctx.dct.year if number <= current else ctx.dct.year - 1
        return "DATE", f"{year:04d}-{letter}{number}"
    shift = {"latest": -1, "previous": -1, "last": -1, "next": 1}.get(word, 0)
    index += shift
    return "DATE", f"{index // per_year:04d}-{letter}{index % per_year + 1}"


def _decade(m: re.Match[str], ctx: Context) -> Resolved:
    if m["dec"]:
        return "DATE", m["dec"]
    return ("DATE", f"19{m['short']}") if ctx.dct is None or ctx.dct.year < 2000 else None


def _year_rule(m: re.Match[str], ctx: Context) -> Resolved:
    return "DATE", m["year"]


def _relative(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.dct is None:
        return None
    rel = (m.groupdict().get("rel") or "this").lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    unit = unit_of(m)
    value = unit_value(shift_date(ctx.dct, unit, step), unit)
    return ("DATE", value) if value else None


def _ago(m: re.Match[str], ctx: Context) -> Resolved:
    n, unit = cardinal(m["num"]), unit_of(m)
    direction = -1 if m["dir"].lower() in ("ago", "earlier") else 1
    if n is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    if ctx.dct is None or unit in P.TIME_UNITS:
        return None
    shifted = shift_date(ctx.dct, unit, direction * n)
    # "A year ago" points at a month people remember; "five years ago" is only as precise as the year.
    if unit == "year" and n == 1:
        return "DATE", ym(shifted.year, shifted.month)
    if unit == "decade":
        return "DATE", f"{shifted.year:04d}"
    value = unit_value(shifted, unit)
    return ("DATE", value) if value else None


def _span(m: re.Match[str], ctx: Context) -> Resolved:
    n = cardinal(m["num"]) if m["num"] else 1
    return "DURATION", period(n, unit_of(m))


def _duration(m: re.Match[str], ctx: Context) -> Resolved:
    n, unit = cardinal(m["num"]), unit_of(m)
    if ctx.before() and ctx.before()[0] in ("once", "twice", "thrice", "times"):
        return "SET", period(1, unit)
    return "DURATION", period(n, unit)


def _set(m: re.Match[str], ctx: Context) -> Resolved:
    if m["adverb"]:
        return "SET", P.SET_WORDS[m["adverb"].lower()]
    unit = m["unit"].lower()
    if unit in P.WEEKDAYS:
        return "SET", f"XXXX-WXX-{P.WEEKDAYS[unit] + 1}"
    if unit in P.PART_OF_DAY:
        return "SET", "XXXX-XX-XX" + P.PART_OF_DAY[unit]
    every = (m["every"] or "").lower()
    n = 2 if every == "other" else (cardinal(every) if every else 1)
    return "SET", period(n, unit)


def _time_value(ctx: Context, hour: int, minute: int, ampm: str | None) -> str:
    ampm = (ampm or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    day = ymd(ctx.dct) if ctx.dct else "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute:02d}"


def _clock(m: re.Match[str], ctx: Context) -> Resolved:
    minute = int(m["minute"] or m["dotmin"])
    return "TIME", _time_value(ctx, int(m["hour"]), minute, m["ampm"])


def _hour(m: re.Match[str], ctx: Context) -> Resolved:
    return "TIME", _time_value(ctx, int(m["hour"]), 0, m["ampm"])


def _deictic_day(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.dct is None:
        return None
    if m["tonight"]:
        return "TIME", ymd(ctx.dct) + "TNI"
    if m["part2"]:
        back = 1 if m.group(0).lower().startswith("last") else 0
        return "TIME", ymd(ctx.dct - timedelta(days=back)) + P.PART_OF_DAY[m["part2"].lower()]
    day = ymd(ctx.dct + timedelta(days=P.DEICTIC_DAYS[m["word"].lower()]))
    if m["part"]:
        return "TIME", day + P.PART_OF_DAY[m["part"].lower()]
    return "DATE", day


def _ref(m: re.Match[str], ctx: Context) -> Resolved:
    return "DATE", P.REFS[m["ref"].lower()]


def _edge_the(m: re.Match[str], ctx: Context) -> Resolved:
    return _relative(m, ctx)


RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved]] = {
    "iso": _iso, "numeric": _numeric, "day_month": _day_month, "month_day": _day_month,
    "month_year": _month_year, "weekday": _weekday, "month": _month, "season": _season, "quarter": _quarter,
    "decade": _decade, "year": _year_rule, "ago": _ago, "edge_the": _edge_the, "relative": _relative,
    "span": _span, "duration": _duration, "set": _set, "clock": _clock, "hour": _hour,
    "deictic_day": _deictic_day, "ref": _ref,
}
# Rules whose None means "not a temporal expression after all", so a shorter rule may still read the span.
SKIPPABLE = frozenset({"iso", "numeric", "month"})
