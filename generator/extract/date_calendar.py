"""Calendar and number arithmetic for the temporal tagger: ISO values, unit shifts and TIMEX3 periods."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import date_patterns as P


def ymd(d: date) -> str:
    """A day as a TIMEX3 value: "2006-11-28"."""
    return d.isoformat()


def ym(year: int, month: int) -> str:
    """A month as a TIMEX3 value: "2006-11"."""
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by delta months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    """The ISO week holding a day: "2006-W48"."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when no such day exists."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_year(text: str | None) -> int | None:
    """A four-digit year, or a two-digit one read as 1950-2049."""
    if not text:
        return None
    value = int(text)
    return value if len(text) == 4 else (1900 + value if value >= 50 else 2000 + value)


def cardinal(text: str) -> int | None:
    """A cardinal in digits or words; None for vague amounts ("several")."""
    text = text.lower().replace("-", " ")
    if text in P.VAGUE_NUMBERS or text.startswith("hundreds"):
        return None
    if text.replace(".", "", 1).isdigit():
        return int(float(text)) if float(text).is_integer() else None
    if text in ("a couple of", "couple of"):
        return 2
    total = 0
    for part in text.split():
        # "a hundred", "two hundred": a multiplier, not one more number to add
        total = max(total, 1) * 100 if part == "hundred" else total + P.NUMBERS.get(part, 0)
    return total or None


def unit_of(m: re.Match[str]) -> str:
    """The singular unit a match names ("years" -> "year", "centuries" -> "century")."""
    unit = m["unit"].lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s") if unit != "s" else unit


def unit_value(d: date, unit: str) -> str | None:
    """The DCT-shifted date written at the granularity of its unit."""
    if unit in ("day", "night"):
        return ymd(d)
    if unit in ("week", "fortnight"):
        return iso_week(d)
    if unit == "weekend":
        return iso_week(d) + "-WE"
    if unit == "month":
        return ym(d.year, d.month)
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year:04d}"[:3]
    if unit == "century":
        return f"{d.year:04d}"[:2]
    return None


def shift_date(dct: date, unit: str, n: int) -> date:
    """The DCT moved by n units (negative: back), clamping the day so month arithmetic never fails."""
    if unit in ("day", "night"):
        return dct + timedelta(days=n)
    if unit in ("week", "weekend", "fortnight"):
        return dct + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    year, month = shift_month(dct.year, dct.month, months)
    return date(year, month, min(dct.day, 28))


def period(n: int | None, unit: str) -> str:
    """A TIMEX3 duration: "P2D", "PT3H", "PXY" when the amount is vague."""
    if unit in P.YEARS_IN:  # TimeBank writes decades and centuries as years: "two decades" -> P20Y
        n, unit = (None if n is None else n * P.YEARS_IN[unit]), "year"
    amount = "X" if n is None else str(n)
    letter = P.UNIT_LETTERS[unit]
    return f"PT{amount}{letter}" if unit in P.TIME_UNITS else f"P{amount}{letter}"
