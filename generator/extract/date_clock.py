"""Clock times and weekdays: "10 p.m. Wednesday", "noon", and which day a bare "Tuesday" names."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import date_patterns as P
from .date_calendar import ymd
from .date_context import Context, Resolved


def weekday_date(target: int, rel: str, ctx: Context) -> date:
    """The day a weekday names: "this" -> in the DCT's week; future tense -> on or after the DCT; else on or before."""
    assert ctx.dct is not None
    tense = {"last": "past", "past": "past", "previous": "past", "next": "future", "coming": "future"}.get(rel)
    tense = tense or ctx.tense()
    if rel == "this":
        return ctx.dct - timedelta(days=ctx.dct.weekday()) + timedelta(days=target)
    if tense == "future":
        ahead = (target - ctx.dct.weekday()) % 7 or (7 if rel in ("next", "coming") else 0)
        return ctx.dct + timedelta(days=ahead)
    back = (ctx.dct.weekday() - target) % 7 or (7 if rel in ("last", "past", "previous") else 0)
    return ctx.dct - timedelta(days=back)


def time_value(m: re.Match[str], ctx: Context, hour: int, minute: int) -> str:
    """"T22:00" on the day of a clock time: the weekday it names ("10 p.m. Wednesday"), else the DCT."""
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    elif m["wd"]:  # "10 p.m. Wednesday": the time on that day
        day = ymd(weekday_date(P.WEEKDAYS[m["wd"].lower()], "", ctx))
    else:
        day = ymd(ctx.dct)
    return f"{day}T{hour:02d}:{minute:02d}"


def clock(m: re.Match[str], ctx: Context) -> Resolved:
    """"10:45 GMT", "7.30pm", "9:15 a.m. Tuesday"."""
    minute = int(m["minute"] or m["dotmin"])
    return "TIME", time_value(m, ctx, int(m["hour"]), minute)


def hour(m: re.Match[str], ctx: Context) -> Resolved:
    """"10 p.m.", "six o'clock", "noon Thursday"."""
    hour = {"noon": 12, "midday": 12, "midnight": 0}.get((m["word"] or "").lower())
    return "TIME", time_value(m, ctx, int(m["hour"]) if hour is None else hour, 0)
