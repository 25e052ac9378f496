"""Named days: "Thanksgiving", "Christmas Eve", "Easter" resolved to the occurrence nearest the DCT (by tense).

Fixed-date holidays carry a (month, day); moving ones a function of the year (the nth weekday of a month, or
Easter by the Gregorian computus). "last Thanksgiving" is the one before the DCT, "next Easter" the one after.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from .date_calendar import ymd
from .date_context import Context, Resolved


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The nth (1-based; -1 for the last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    n = h + l - 7 * m + 114
    return date(year, n // 31, n % 31 + 1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24), "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25), "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1), "independence day": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31), "valentine's day": lambda y: date(y, 2, 14),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4), "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1), "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "easter sunday": easter, "easter": easter, "good friday": lambda y: easter(y) - timedelta(days=2),
}


def holiday(m: re.Match[str], ctx: Context) -> Resolved:
    """A named day, in the year the relative word or the tense points to."""
    if ctx.dct is None:
        return None
    day_of = HOLIDAYS[" ".join(m["name"].lower().replace("’", "'").split())]
    rel = (m["rel"] or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or ctx.tense()
    before = [day_of(y) for y in (ctx.dct.year - 1, ctx.dct.year) if day_of(y) <= ctx.dct]
    after = [day_of(y) for y in (ctx.dct.year, ctx.dct.year + 1) if day_of(y) >= ctx.dct]
    if rel == "this":
        found = day_of(ctx.dct.year)
    elif tense == "past" or (tense is None and ctx.dct - before[-1] <= after[0] - ctx.dct):
        found = before[-1]
    else:
        found = after[0]
    return "DATE", ymd(found)
