"""A plain-text page as measured lines: units to classify and the features the classifier reads from each."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import justext

from ..text import match_key, words
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


LineClass = Literal["good", "near", "short", "bad"]  # jusText's classes of a line, before and after context


@dataclass(frozen=True)
class Unit:
    """One unit of text, the block it belongs to (lines between two blank lines) and whether it is alone in it."""

    text: str
    block: int
    alone: bool


def paragraphs(text: str) -> list[Unit]:
    """Units to classify: one per line, hard-wrapped lines joined; blank lines are not units but end blocks.

    A dump writes paragraph-like blocks (paragraphs, headings, whole lists and tables) with a blank line after
    them and list items, table rows and other blocks with a single line break: a line alone in its block is a
    paragraph, lines sharing one are a list, a table or a menu. In a text without blank lines each line is a block.
    """
    lines = [normalise_line(line) for line in text.split("\n")]
    width = _wrap_width(lines)
    structured = sum(1 for line in lines if not line) >= F.MIN_BLANK_SHARE * sum(1 for line in lines if line)
    units: list[list[str]] = []
    blocks: list[int] = []
    block, joining = 0, False
    for line in lines:
        if not line:
            block += 1 if units and blocks[-1] == block else 0
            joining = False
            continue
        if joining:
            units[-1].append(line)
        else:
            units.append([line])
            blocks.append(block if structured else len(blocks))
        joining = bool(width) and len(line) >= width - 20
    sizes = Counter(blocks)
    return [Unit(" ".join(parts), b, sizes[b] == 1) for parts, b in zip(units, blocks)]


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
    block: int = 0  # lines of one block (no blank line between them) share this number
    alone: bool = True  # the only line of its block: a paragraph, not a list item or table row
    key: str = ""  # the text case- and quote-folded, to find the lines a page repeats


def is_caption(text: str) -> bool:
    """A photo caption or credit line, by the credit it opens or ends with."""
    if F.CAPTION_HEAD.match(text):
        return True
    # Plain string tests first: a regex searched over every line's end cost a tenth of the whole line pass.
    tail = text[-F.CAPTION_TAIL_CHARS:].rstrip(F.CAPTION_END_PUNCTUATION)
    if tail.endswith((")", "]")):
        return bool(F.CAPTION_BRACKET.search(tail))
    lower = tail.lower()
    return lower.endswith(F.CAPTION_AGENCY) or ("photograph" in lower and bool(F.CAPTION_BY.search(tail)))


def line_features(text: str, block: int = 0, alone: bool = True) -> Line:
    """Measure one line; stop-word density is over word tokens (CJK characters count towards length only)."""
    tokens = words(text)
    n = len(tokens) + len(F.CJK_CHAR.findall(text)) // F.CJK_CHARS_PER_WORD
    stops = sum(1 for t in tokens if t.lower() in F.STOP_WORDS)
    caps = sum(1 for t in tokens if t[:1].isupper())
    furniture = (F.is_furniture_line(text)
                 or any(pattern.match(text) for pattern in (F.FOREIGN_FURNITURE_LINE, F.SHARE_ROW, F.STATED_DATE_LINE,
                                                            F.BYLINE))
                 or is_caption(text))
    nav = len(F.NAV_SEPARATORS.findall(text)) >= 2 or (n >= 5 and stops == 0 and caps == n)
    return Line(text, n, stops / len(tokens) if tokens else 0.0, bool(F.SENTENCE_END.search(text)), caps / n if n else 0.0, furniture, nav,
                block, alone, match_key(text))


def page_language(lines: list[Line]) -> tuple[str, frozenset[str]] | None:
    """The jusText language whose stop words are densest in the page's words, with its list; None below the floor.

    The page as a whole, not line by line: menus and captions carry few function words in any language, but the
    story's prose decides which list fits best. English is judged with F.STOP_WORDS before this is asked.
    """
    counts = Counter(token.lower() for line in lines for token in words(line.text))
    total = sum(counts.values())
    # Each list is intersected with the page's few hundred distinct words (a C loop over the smaller set): about
    # 0.3 ms for all candidates, where an inverted index over their ~80,000 words took 0.2-0.5 s to build.
    distinct = set(counts)
    hits = {name: sum(counts[word] for word in distinct & stoplist(name)) for name in F.STOPLIST_LANGUAGES}
    name = max(hits, key=hits.__getitem__)
    if hits[name] < F.LANGUAGE_MIN_STOP_SHARE * total:
        return None
    return name, stoplist(name)


@lru_cache(maxsize=None)
def stoplist(name: str) -> frozenset[str]:
    """jusText's stop words for one language, loaded once."""
    return frozenset(justext.get_stoplist(name))


def with_stop_words(lines: list[Line], stop_words: frozenset[str]) -> list[Line]:
    """The lines with their stop-word density measured against another language's list."""
    out = []
    for line in lines:
        tokens = words(line.text)
        stops = sum(1 for t in tokens if t.lower() in stop_words)
        out.append(replace(line, stop_density=stops / len(tokens) if tokens else 0.0))
    return out


def unquote(text: str) -> str:
    """"'Defensive measures'" -> 'Defensive measures'."""
    match = F.CROSSHEAD_QUOTES.match(text)
    return match["inner"].strip() if match else text
