"""Resolve one temporal expression to a TIMEX3 (type, value) against the document creation time.

One resolver per rule in ``date_patterns.RULES`` turns a hit into (TIMEX3 type, value) given the document creation
time (DCT, the page's publication date) and the tense around the expression. The rules follow the TimeML TIMEX3
value conventions, as the TimeBank annotators applied them:

- absolute dates ("28 November 2006", "Nov. 28, 2006", "2006-11-28", "28/11/2006" day-first unless
  impossible, "in 2005", "nineteen ninety-one", "the 1990s" -> "199", "the 20th century" -> "19") need no DCT;
  "the end of 1990", "early 1991" keep the year as their value (the modifier is part of the extent);
- underspecified dates ("9 October", "in July", "Tuesday") take the occurrence nearest the DCT in the
  direction the tense implies (``date_context.sentence_tense``): the nearest cue before the expression, else
  after it; past cues (was, -ed, ago) -> on or before the DCT, future cues (will, next, expected, an infinitive
  as in "set to resume Monday") -> on or after. A reporting verb ("said") dates the report, not the event: it
  decides only when it stands right before the date ("said Thursday") or no other cue exists. A weekday with no
  cue is taken as past, as news usually reports; "Monday, April 25" takes the year in which that day is a
  Monday;
- relative expressions ("last year", "next month", "a year ago", "earlier this month", "the end of last
  month", "the past year") shift the DCT and keep the unit's granularity ("2005", "2006-10", "2006-W47");
  "a year ago" is a month ("2005-11"), or in a quarterly report that quarter a year back ("2005-Q3");
- reporting periods and anaphoric units ("the quarter", "the year-ago period", "the year", "the weekend") and
  named days ("Thanksgiving", "Easter") are resolved in ``date_periods`` and ``date_holidays``; clock times
  ("10 p.m. Wednesday") in ``date_clock``;
- durations ("two days" -> P2D, "nearly two decades" -> P20Y, "the nine months" -> P9M, "for weeks" -> PXW),
  sets ("every week" -> P1W) and references ("now", "current" -> PRESENT_REF; "recently", "recent years" ->
  PAST_REF; "the near future" -> FUTURE_REF) need no DCT;
- with no DCT, anything that needs one is left out: the tagger never invents a date.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Callable

from . import date_patterns as P
from .date_clock import clock, hour, weekday_date
from .date_context import Context, Resolved, pick_year
from .date_holidays import holiday
from .date_periods import anaphoric, report_period, vague_plural, year_ago_quarter
from .date_calendar import cardinal, parse_year, period, safe_date, shift_date, unit_of, unit_value, ym, ymd

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
    year = int(m["year"]) if m["year"] else _weekday_year(m, month, day, ctx) or pick_year(month, day, ctx, False)
    found = safe_date(year, month, day) if year else None
    return ("DATE", ymd(found)) if found else None


def _weekday_year(m: re.Match[str], month: int, day: int, ctx: Context) -> int | None:
    """The year near the DCT in which "Monday, April 25" falls on that weekday, when exactly one does."""
    if not m["weekday"] or ctx.dct is None:
        return None
    weekday = P.WEEKDAYS[m["weekday"].lower()]
    years = [y for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
             if (d := safe_date(y, month, day)) is not None and d.weekday() == weekday]
    return years[0] if len(years) == 1 else None


def _month_year(m: re.Match[str], ctx: Context) -> Resolved:
    return "DATE", ym(int(m["year"]), P.MONTHS[m["month"].lower()])


def _weekday(m: re.Match[str], ctx: Context) -> Resolved:
    target = P.WEEKDAYS[m["weekday"].lower()]
    if m["plural"]:
        return "SET", f"XXXX-WXX-{target + 1}"
    if ctx.dct is None:
        return None
    found = weekday_date(target, (m["rel"] or "").lower(), ctx)
    part = P.PART_OF_DAY.get((m["part"] or "").lower(), "")
    return "DATE", ymd(found) + part  # TimeBank types "Sunday night" a DATE


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
        year = pick_year(month, 1 if month != ctx.dct.month else ctx.dct.day, ctx, use_tense=True) or ctx.dct.year
    return "DATE", ym(year, month)


def _season(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.dct is None:
        return None
    season = P.SEASONS[m["season"].lower()]
    now = P.SEASON_ORDER[(ctx.dct.month % 12) // 3]
    rel = m["rel"].lower().split()[-1]
    rel = "last" if m["rel"].lower() == "this past" else rel
    order = P.SEASON_ORDER.index
    year = ctx.dct.year
    if rel == "last" and order(season) >= order(now):
        year -= 1
    elif rel == "next" and order(season) <= order(now):
        year += 1
    return "DATE", f"{year:04d}-{season}"


def _quarter(m: re.Match[str], ctx: Context) -> Resolved:
    word, unit = m["ord"].lower(), m["unit"].lower()
    letter, per_year = ("Q", 4) if unit == "quarter" else ("H", 2)
    year = _quarter_year(m, ctx)
    if word in ("last", "latest") and (m["year"] or m["pyear"]):
        word = {2: "second", 4: "fourth"}[per_year]  # "the last half of 1989": that year's final half
    if word in P.ORDINALS:
        number = P.ORDINALS[word]
        if number > per_year or year is None:
            return None
        return "DATE", f"{year:04d}-{letter}{number}"
    if ctx.dct is None:
        return None
    current = (ctx.dct.month - 1) // (12 // per_year) + 1
    shift = {"latest": -1, "previous": -1, "last": -1, "next": 1}.get(word, 0)
    index = ctx.dct.year * per_year + current - 1 + shift
    return "DATE", f"{index // per_year:04d}-{letter}{index % per_year + 1}"


def _quarter_year(m: re.Match[str], ctx: Context) -> int | None:
    """The year of "the third quarter": stated ("of 1990", "the 1988 third quarter", "next year's"), else the
    latest such period: this year's if it has begun by the DCT, else last year's."""
    if m["year"] or m["pyear"]:
        return int(m["year"] or m["pyear"])
    if ctx.dct is None:
        return None
    if m["prel"]:
        return ctx.dct.year + {"last": -1, "next": 1}.get(m["prel"].lower(), 0)
    per_year = 4 if m["unit"].lower() == "quarter" else 2
    current = (ctx.dct.month - 1) // (12 // per_year) + 1
    return ctx.dct.year if P.ORDINALS.get(m["ord"].lower(), 0) <= current else ctx.dct.year - 1


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
    if unit == "year" and n == 1 and direction < 0 and (quarter := year_ago_quarter(ctx)):
        return quarter
    shifted = shift_date(ctx.dct, unit, direction * n)
    # "A year ago" points at a month people remember; "five years ago" is only as precise as the year.
    if unit == "year" and n == 1:
        return "DATE", ym(shifted.year, shifted.month)
    if unit == "decade":
        return "DATE", f"{shifted.year:04d}"
    value = unit_value(shifted, unit)
    return ("DATE", value) if value else None


def _span(m: re.Match[str], ctx: Context) -> Resolved:
    plural = m.group(0).lower().endswith("s")
    word = m["span"].lower().split()[-1]
    unit = unit_of(m)
    # "the past year", "the following month": one named unit is a date, as "last year" is; a clock unit ("the last
    # minute", "the past hour") has no calendar value and stays a duration
    if not m["num"] and not plural and word in _SPAN_STEPS and ctx.dct is not None and unit not in P.TIME_UNITS:
        value = unit_value(shift_date(ctx.dct, unit, _SPAN_STEPS[word]), unit)
        return ("DATE", value) if value else None
    n = cardinal(m["num"]) if m["num"] else None if plural else 1  # "the coming years": how many is unsaid
    return "DURATION", period(n, unit)


_SPAN_STEPS = {"past": -1, "last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}


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


def _spelled_year(m: re.Match[str], ctx: Context) -> Resolved:
    if not m["tens"]:
        return "DATE", "2000"  # "the year two thousand"
    return "DATE", f"{1900 + P.NUMBERS[m['tens'].lower()] + P.NUMBERS.get((m['ones'] or '').lower(), 0)}"


def _century(m: re.Match[str], ctx: Context) -> Resolved:
    return "DATE", f"{int(m['ord']) - 1:02d}"  # "the 20th century" -> "19"


def _ref(m: re.Match[str], ctx: Context) -> Resolved:
    return "DATE", P.REFS[m["ref"].lower()]


def _edge_the(m: re.Match[str], ctx: Context) -> Resolved:
    return _relative(m, ctx)


RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved]] = {
    "iso": _iso, "numeric": _numeric, "day_month": _day_month, "month_day": _day_month,
    "month_year": _month_year, "weekday": _weekday, "month": _month, "season": _season, "quarter": _quarter,
    "decade": _decade, "year": _year_rule, "ago": _ago, "edge_the": _edge_the, "relative": _relative,
    "span": _span, "duration": _duration, "set": _set, "clock": clock, "hour": hour,
    "deictic_day": _deictic_day, "ref": _ref,
    "holiday": holiday, "spelled_year": _spelled_year, "century": _century,
    "report_period": report_period, "anaphoric": anaphoric, "vague_plural": vague_plural,
}
# Rules whose None means "not a temporal expression after all", so a shorter rule may still read the span.
SKIPPABLE = frozenset({"iso", "numeric", "month"})
