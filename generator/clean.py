"""Source -> Document: the story as blocks, the page furniture dropped, what the page states kept as Stated.

Plain text has no markup, so lines are classified in the spirit of jusText, from features of each line:
- length in words, and the density of English stop words (prose is dense in them, menus are not);
- terminal sentence punctuation (paragraphs end in . ! ? or a closing quote; headlines and captions do not);
- the share of capitalised words and separators ("Home | News | Sport", "Americas Africa Europe") for nav rows;
- known furniture patterns (furniture.FURNITURE_LINE: SSI errors, "Last Updated:", watch/listen promos,
  share/print rows, cookie notices, "Related stories", external-site disclaimers, copyright, "Advertisement");
- position and context: each line is good, near-good, short or bad; near-good and short lines take their class
  from their neighbours, and the story is the run of good lines with the most words whose gaps stay small.
Lines before the story are read for the headline, publication name, dateline and byline (never the body);
short lines inside the story are crossheads; everything after the last good line is dropped.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from . import furniture as F
from .errors import SourceError
from .models import Block, Document, Source, Stated
from .text import words

log = logging.getLogger(__name__)

LineClass = Literal["good", "near", "short", "bad"]
NO_STORY = "no article text found (only page furniture)"


# ---------------------------------------------------------------- normalising


def unescape_all(text: str) -> str:
    """Decode HTML entities, also double-escaped ones ('&amp;mdash;'), a bounded number of times."""
    for _ in range(F.MAX_UNESCAPE_ROUNDS):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def normalise_line(line: str) -> str:
    """One line with entities decoded, zero-width characters gone and runs of spaces collapsed."""
    line = F.ZERO_WIDTH.sub("", unescape_all(line))
    return F.SPACES.sub(" ", line).strip()


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text breaks at, or 0 when lines are whole paragraphs."""
    lengths = [len(line) for line in lines if len(line) > 30]
    if len(lengths) < 5 or max(lengths) > 100:
        return 0
    width = max(lengths)
    near_full = sum(1 for n in lengths if n >= width - 20)
    return width if near_full >= 0.6 * len(lengths) else 0


def paragraphs(text: str) -> list[str]:
    """Units to classify: one per line, hard-wrapped lines joined; blank lines are not units."""
    lines = [normalise_line(line) for line in text.split("\n")]
    width = _wrap_width(lines)
    units: list[str] = []
    joining = False
    for line in lines:
        if not line:
            joining = False
            continue
        if joining:
            units[-1] += " " + line
        else:
            units.append(line)
        joining = bool(width) and len(line) >= width - 20
    return units


# ---------------------------------------------------------------- classifying lines


@dataclass(frozen=True)
class Line:
    """One unit of a text page with the features the classifier uses."""

    text: str
    n_words: int
    stop_density: float
    ends_sentence: bool
    cap_share: float
    furniture: bool
    nav: bool


def line_features(text: str) -> Line:
    """Measure one line."""
    tokens = words(text)
    n = len(tokens) + len(F.CJK_CHAR.findall(text)) // F.CJK_CHARS_PER_WORD
    stops = sum(1 for t in tokens if t.lower() in F.STOP_WORDS)
    caps = sum(1 for t in tokens if t[:1].isupper())
    furniture = bool(F.FURNITURE_LINE.match(text) or F.SHARE_ROW.match(text) or F.STATED_DATE_LINE.match(text) or F.BYLINE.match(text))
    nav = len(F.NAV_SEPARATORS.findall(text)) >= 2 or (n >= 5 and stops == 0 and caps == n)
    return Line(text, n, stops / n if n else 0.0, bool(F.SENTENCE_END.search(text)), caps / n if n else 0.0, furniture, nav)


def is_english(lines: list[Line]) -> bool:
    """Whether the page's prose uses English function words; other languages are judged without them."""
    total = sum(line.n_words for line in lines)
    stops = sum(line.stop_density * line.n_words for line in lines)
    return total > 0 and stops / total >= F.ENGLISH_MIN_STOP_SHARE


def initial_class(line: Line, english: bool = True) -> LineClass:
    """Context-free class of one line."""
    if line.furniture or line.nav or line.n_words == 0:
        return "bad"
    if line.n_words <= F.SHORT_MAX_WORDS:
        return "short"
    good_density, near_density = (F.GOOD_STOP_DENSITY, F.NEAR_STOP_DENSITY) if english else (0.0, 0.0)
    if line.stop_density >= good_density and (line.ends_sentence or line.n_words >= 40):
        return "good" if line.n_words >= F.GOOD_MIN_WORDS else "near"
    if line.stop_density >= near_density and (line.ends_sentence or line.n_words >= F.GOOD_MIN_WORDS):
        return "near"
    return "bad"


def _neighbour(classes: list[LineClass], i: int, step: int) -> LineClass:
    """The class of the nearest line that is not short, a few lines away at most; 'bad' past that."""
    for distance in range(1, F.CONTEXT_LINES + 1):
        j = i + step * distance
        if not 0 <= j < len(classes):
            break
        if classes[j] != "short":
            return classes[j]
    return "bad"


def revise(classes: list[LineClass]) -> list[LineClass]:
    """jusText's context pass: near-good next to good becomes good; short between good lines is kept."""
    out = list(classes)
    for i, c in enumerate(classes):
        if c == "near" and "good" in (_neighbour(classes, i, -1), _neighbour(classes, i, 1)):
            out[i] = "good"
    final = list(out)
    for i, c in enumerate(out):
        if c == "short" and _neighbour(out, i, -1) == _neighbour(out, i, 1) == "good":
            final[i] = "good"
    return final


def story_span(classes: list[LineClass], lines: list[Line]) -> tuple[int, int] | None:
    """First and last index of the run of good lines with the most words; None when there is none."""
    goods = [i for i, c in enumerate(classes) if c == "good"]
    if not goods:
        return None
    runs = [[goods[0]]]
    for prev, i in zip(goods, goods[1:]):
        gap = sum(1 for k in range(prev + 1, i) if classes[k] != "short")
        if gap > F.MAX_STORY_GAP:
            runs.append([i])
        else:
            runs[-1].append(i)
    # Later runs weigh less: stories come before comments, related links and footers.
    def weight(run: list[int]) -> float:
        return sum(lines[i].n_words for i in run) * (1 - F.POSITION_DISCOUNT * run[0] / len(classes))

    best = max(runs, key=weight)
    return best[0], best[-1]


# ---------------------------------------------------------------- what the page states


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
            facts["title"] = _unquote(line.text)
    basis = "stated" if "published" in facts else None
    return Stated(
        title=facts.get("title"), source=facts.get("source"), author=facts.get("author"),
        published=facts.get("published"), published_basis=basis,
    )


# ---------------------------------------------------------------- plain text


def _unquote(text: str) -> str:
    """"'Defensive measures'" -> 'Defensive measures'."""
    match = F.CROSSHEAD_QUOTES.match(text)
    return match["inner"].strip() if match else text


def _is_crosshead(line: Line) -> bool:
    """A short heading line inside the story."""
    return 1 <= line.n_words <= 12 and not line.ends_sentence or F.CROSSHEAD_QUOTES.match(line.text) is not None


def story_block(line: Line, first: LineClass, final: LineClass) -> Block | None:
    """The block a line inside the story span becomes, or None when it is furniture."""
    if line.furniture or line.nav:
        return None
    if first == "short" and _is_crosshead(line):
        return Block("heading", _unquote(line.text), 2)
    if final == "good" or first == "near" or (first == "short" and line.ends_sentence):
        return Block("paragraph", line.text)
    return None


def clean_text(source: Source) -> Document:
    """A plain-text page: classify lines, keep the story run, read the header above it."""
    lines = [line_features(unit) for unit in paragraphs(source.text)]
    english = is_english(lines)
    first = [initial_class(line, english) for line in lines]
    final = revise(first)
    span = story_span(final, lines)
    if span is None:
        raise SourceError(source.source_path, NO_STORY)
    start, end = span
    stated = read_header(lines[:start])
    blocks: list[Block] = []
    removed: list[str] = [line.text for line in lines[:start] if line.text != stated.title]
    for i in range(start, end + 1):
        block = story_block(lines[i], first[i], final[i])
        if block is None:
            removed.append(lines[i].text)
        else:
            blocks.append(block)
    removed.extend(line.text for line in lines[end + 1:])
    return Document(source, tuple(blocks), stated, tuple(removed))
