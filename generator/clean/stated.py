"""What a plain-text page states above its story: headline, publication, dateline and byline."""

from __future__ import annotations

from datetime import date, datetime

from ..models import Stated
from . import furniture as F
from .lines import Line, unquote


def _zone_offset(zone: str | None) -> str | None:
    """'+00:00' for 'GMT', '+05:30' for '+0530'; None for unknown or ambiguous zones."""
    if not zone:
        return None
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        return f"{zone[0]}{digits[:2]}:{digits[2:4]}"
    return F.ZONE_OFFSETS.get(zone.upper())


def _find_date(text: str) -> tuple[date, int] | None:
    """The first full calendar date in text and where it ends."""
    for pattern in (F.ISO_DATE, F.DAY_MONTH_YEAR, F.MONTH_DAY_YEAR):
        match = pattern.search(text)
        if not match:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else F.MONTHS[month.lower()]
        try:
            return date(int(match["year"]), number, int(match["day"])), match.end()
        except ValueError:
            continue
    return None


def has_date(text: str) -> bool:
    """Whether text holds a full calendar date."""
    return _find_date(text) is not None


def parse_stated_date(text: str) -> str | None:
    """ISO 8601 for a date line: '28 November 2006, 10:45 GMT' -> '2006-11-28T10:45:00+00:00'."""
    found = _find_date(text)
    if found is None:
        return None
    day, end = found
    clock = F.CLOCK.search(text, end)
    if clock is None:
        return day.isoformat()
    hour, minute = int(clock["hour"]), int(clock["minute"])
    ampm = (clock["ampm"] or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day.isoformat()
    stamp = datetime(day.year, day.month, day.day, hour, minute, int(clock["second"] or 0))
    return stamp.isoformat() + (_zone_offset(clock["zone"]) or "")


def _is_bare_date(line: Line) -> bool:
    """A line that is nothing but a date and time: 'Tuesday, 28 November 2006'."""
    return line.n_words <= 9 and _find_date(line.text) is not None and line.stop_density < 0.3


def _is_title_like(line: Line) -> bool:
    """Headline shape: a few words, no full stop at the end, not furniture."""
    return (
        3 <= line.n_words <= 25
        and not line.furniture
        and not line.nav
        and not line.text.endswith((".", ",", ":", ";"))
        and F.BRAND_LINE.match(line.text) is None
    )


def read_header(lines: list[Line]) -> Stated:
    """Headline, publication, dateline and byline from the lines above the story."""
    facts: dict[str, str] = {}
    for line in lines:
        dated = F.STATED_DATE_LINE.match(line.text)
        byline = F.BYLINE.match(line.text)
        if (dated or _is_bare_date(line)) and "published" not in facts:
            when = parse_stated_date(dated["when"] if dated else line.text)
            if when:
                facts["published"] = when
        elif byline and "author" not in facts:
            facts["author"] = byline["name"]
        elif line.n_words <= 5 and F.BRAND_LINE.match(line.text) and "source" not in facts:
            facts["source"] = line.text
        elif _is_title_like(line) and "title" not in facts:
            facts["title"] = unquote(line.text)
    basis = "stated" if "published" in facts else None
    return Stated(
        title=facts.get("title"), source=facts.get("source"), author=facts.get("author"),
        published=facts.get("published"), published_basis=basis,
    )
