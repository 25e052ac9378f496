"""Month and day evidence for publication-date inference: weekdays that pin a year, and what refines a year.

- "Monday, Oct. 26" (or "Monday 26 October") written without a year fits only the years in which Oct. 26 is a
  Monday.
- A dateline with a date ("BRUSSELS, February 10 (Xinhua) --") is the day of writing; a weekday in the lead
  ("said on Wednesday") is that day's, so it pins the year the same way.
- Once a year is chosen, a month is added only when the text pins one in that year (a weekday with its day of the
  month, or "this month" beside a month and day), a day only when "today" is written beside such a date or a
  dateline gives it: never more precise than the evidence.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Sequence

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|Aug(?:ust|\.)?"
          r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "Monday, Oct. 26" or the day-first "Monday 26 October", written without a year.
WEEKDAY_DATE = re.compile(rf"\b{_WEEKDAY},? (?:(?P<month>{_MONTH[1:-1]}) (?P<day>\d{{1,2}})\b(?!,? \d{{4}})"
                          rf"|(?P<day1>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month1>{_MONTH[1:-1]})"
                          r"(?!\w|\.?,? \d{4}))")
# An upper-case place, a month and day, an optional agency, then a dash: the wire's own dateline.
DATED_DATELINE = re.compile(rf"^\s*[A-Z][A-Z.'’ -]{{1,40}}(?:, [A-Z][A-Za-z.]+)?, {_MONTH} (\d{{1,2}})\b"
                            r"(?:\s*\([^)]{1,40}\))?\s*(?:—|--|–|-)\s*")
WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
MONTH_DAY = re.compile(_MONTH + r" \d{1,2}\b")
THIS_MONTH = re.compile(r"(?i)\b(?:earlier |later )?this month\b")
TODAY = re.compile(r"(?i)\btoday\b")

Pin = tuple[int, int, int]  # weekday (Monday 0), month, day


def weekday_pins(sentences: Sequence[str]) -> list[Pin]:
    """(weekday, month, day) for every "Monday, Oct. 26" written without a year, and a dated dateline's lead."""
    pins = [weekday_date(m) for sentence in sentences if "day" in sentence for m in WEEKDAY_DATE.finditer(sentence)]
    found = dateline_date(sentences)
    if found:
        month, day, lead = found
        weekday = WEEKDAY.search(lead)
        if weekday:
            pins.append((WEEKDAYS.index(weekday[1].lower()), month, day))
    return pins


def weekday_date(m: re.Match[str]) -> Pin:
    """(weekday, month, day) of a WEEKDAY_DATE match, in either order."""
    month, day = (m["month"], m["day"]) if m["month"] else (m["month1"], m["day1"])
    return WEEKDAYS.index(m["weekday"].lower()), month_number(month), int(day)


def dateline_date(sentences: Sequence[str]) -> tuple[int, int, str] | None:
    """(month, day, lead sentence) of a dateline with a date at the start of the story, else None."""
    if not sentences:
        return None
    m = DATED_DATELINE.match(sentences[0])
    if not m:
        return None
    rest = sentences[0][m.end():].strip()
    lead = rest or (sentences[1] if len(sentences) > 1 else "")
    return month_number(m[1]), int(m[2]), lead


def fits_weekday(year: int, weekday: int, month: int, day: int) -> bool:
    """Whether that day of that month falls on that weekday in the year."""
    try:
        return date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def refine(year: int, sentences: Sequence[str]) -> str:
    """The year, with a month (or a day) only when the text pins one in that year."""
    found = dateline_date(sentences)
    if found and valid(year, found[0], found[1]):
        return date(year, found[0], found[1]).isoformat()  # the dateline is the day of writing
    for sentence in sentences:
        for m in WEEKDAY_DATE.finditer(sentence) if "day" in sentence else ():
            weekday, month, day = weekday_date(m)
            if fits_weekday(year, weekday, month, day):
                return date(year, month, day).isoformat() if TODAY.search(sentence) else f"{year:04d}-{month:02d}"
    for sentence in sentences:
        if " month" not in sentence.lower() or not THIS_MONTH.search(sentence):
            continue
        months = {month_number(m[1]) for m in MONTH_DAY.finditer(sentence)}
        if len(months) == 1:
            return f"{year:04d}-{months.pop():02d}"
    return f"{year:04d}"


def valid(year: int, month: int, day: int) -> bool:
    """Whether the day exists in that month of that year (Feb. 29 only in leap years)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "October")."""
    return MONTHS.index(name[:3].lower()) + 1
