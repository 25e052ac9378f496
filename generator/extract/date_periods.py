"""Resolvers for reporting periods and anaphoric units: "the quarter", "the year-ago period", "the weekend".

Business news reports on the period that has just closed, so a bare "the quarter" (or "the latest period") is the
last quarter completed before the DCT, and "the year-ago quarter" (or "year-earlier", "a year ago" in a quarterly
report) the same quarter a year back. "The year" is the DCT's year, or a one-year span when a fiscal year "ended"
or is "ending"; "the weekend" is the one just gone in past-tense sentences early in the week, else the coming one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import date_patterns as P
from .date_calendar import iso_week
from .date_context import Context, Resolved


def last_quarter(dct: date, years_back: int = 0) -> str:
    """The last quarter completed before the DCT, optionally that many years earlier: "1989-Q3"."""
    index = dct.year * 4 + (dct.month - 1) // 3 - 1 - 4 * years_back
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def report_period(m: re.Match[str], ctx: Context) -> Resolved:
    """"the quarter", "the latest period", "the year-ago quarter", "year-earlier"."""
    if ctx.dct is None:
        return None
    return "DATE", last_quarter(ctx.dct, 1 if m["ago"] else 0)


def anaphoric(m: re.Match[str], ctx: Context) -> Resolved:
    """"the year", "the full year", "the week", "the weekend" read against the DCT."""
    unit = m["unit"].lower()
    if unit == "year" and ctx.after() and ctx.after()[0] in ("ended", "ending"):
        return "DURATION", "P1Y"  # "for the year ended March 31": a fiscal year, not the calendar one
    if ctx.dct is None:
        return None
    if unit == "year":
        return "DATE", f"{ctx.dct.year:04d}"
    if unit == "week":
        return "DATE", f"{ctx.dct.year:04d}-WXX"  # which week is anaphoric: TimeBank keeps the year only
    return "DATE", weekend(ctx) + "-WE"


def weekend(ctx: Context) -> str:
    """The ISO week of "the weekend": last week's early in the week in a past-tense sentence, else this week's."""
    assert ctx.dct is not None
    dct = ctx.dct
    if dct.weekday() <= 2 and ctx.tense() != "future":
        return iso_week(dct - timedelta(days=7))
    return iso_week(dct)


def year_ago_quarter(ctx: Context) -> Resolved:
    """"A year ago" in a quarterly report: last year's edition of the quarter being reported."""
    return ("DATE", last_quarter(ctx.dct, 1)) if ctx.dct is not None and ctx.quarterly else None


def vague_plural(m: re.Match[str], ctx: Context) -> Resolved:
    """"recent years" (the past), "recent months", "coming weeks", "for years": spans of unknown length."""
    rel, unit = (m["rel"] or "").lower(), m["unit"].lower()
    if rel == "recent" and unit == "year":
        return "DATE", "PAST_REF"
    unit = "century" if unit.startswith("centur") else unit
    return "DURATION", f"P{'T' if unit in P.TIME_UNITS else ''}X{P.UNIT_LETTERS[unit]}"
