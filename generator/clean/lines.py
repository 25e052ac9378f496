"""A plain-text page as measured lines: units to classify and the features the classifier reads from each."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import words
from . import furniture as F
from .normalise import normalise_line


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
    """Measure one line; stop-word density is over word tokens (CJK characters count towards length only)."""
    tokens = words(text)
    n = len(tokens) + len(F.CJK_CHAR.findall(text)) // F.CJK_CHARS_PER_WORD
    stops = sum(1 for t in tokens if t.lower() in F.STOP_WORDS)
    caps = sum(1 for t in tokens if t[:1].isupper())
    furniture = bool(F.FURNITURE_LINE.match(text) or F.SHARE_ROW.match(text) or F.STATED_DATE_LINE.match(text) or F.BYLINE.match(text))
    nav = len(F.NAV_SEPARATORS.findall(text)) >= 2 or (n >= 5 and stops == 0 and caps == n)
    return Line(text, n, stops / len(tokens) if tokens else 0.0, bool(F.SENTENCE_END.search(text)), caps / n if n else 0.0, furniture, nav)


def unquote(text: str) -> str:
    """"'Defensive measures'" -> 'Defensive measures'."""
    match = F.CROSSHEAD_QUOTES.match(text)
    return match["inner"].strip() if match else text
