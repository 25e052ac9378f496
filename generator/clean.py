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
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import lxml.html
import trafilatura
from lxml import etree

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
    """A short heading line inside the story; a quoted one ("'Defensive measures'") too, but not a quoted sentence."""
    return 1 <= line.n_words <= 12 and not F.SENTENCE_END.search(_unquote(line.text))


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


# ---------------------------------------------------------------- Markdown


def markdown_block(chunk: list[str]) -> list[Block]:
    """Blocks of one blank-line separated Markdown chunk."""
    heading = F.MD_HEADING.match(chunk[0])
    if heading:
        head = Block("heading", unescape_all(heading["text"].strip()), len(heading["hashes"]))
        return [head] + (markdown_block(chunk[1:]) if len(chunk) > 1 else [])
    if all(line.lstrip().startswith(">") for line in chunk):
        quoted = " ".join(line.lstrip()[1:].strip() for line in chunk)
        return [Block("quote", unescape_all(quoted))]
    if F.MD_LIST_ITEM.match(chunk[0]):
        items: list[str] = []
        for line in chunk:
            item = F.MD_LIST_ITEM.match(line)
            if item:
                items.append(item["text"].strip())
            else:
                items[-1] += " " + line.strip()
        return [Block("list_item", unescape_all(text)) for text in items]
    return [Block("paragraph", unescape_all(" ".join(line.strip() for line in chunk)))]


def _iso(value: object) -> str | None:
    """Front matter date/datetime (or string) as ISO 8601."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip() or None if value is not None else None


def clean_markdown(source: Source) -> Document:
    """Markdown is taken as given: split into blocks; front matter fills Stated."""
    chunks: list[list[str]] = [[]]
    for line in source.text.split("\n"):
        if line.strip():
            chunks[-1].append(line.rstrip())
        elif chunks[-1]:
            chunks.append([])
    blocks = [block for chunk in chunks if chunk for block in markdown_block(chunk)]
    meta = source.front_matter
    published = _iso(meta.get("published", meta.get("date")))
    stated = Stated(
        title=_iso(meta.get("title")), source=_iso(meta.get("source")), author=_iso(meta.get("author")),
        published=published, published_basis="metadata" if published else None, topic=_iso(meta.get("topic")),
    )
    return Document(source, tuple(blocks), stated)


# ---------------------------------------------------------------- HTML


def _inline_text(element: etree._Element) -> str:
    """Text of an element in document order; line breaks and nested blocks become spaces, inline markup not."""
    parts = [element.text or ""]
    for child in element:
        spacer = " " if child.tag in F.XML_BREAKS else ""
        parts.append(spacer + _inline_text(child) + spacer + (child.tail or ""))
    return "".join(parts)


def _flat(element: etree._Element) -> str:
    """All text under an element on one normalised line."""
    return normalise_line(_inline_text(element))


def _heading_level(element: etree._Element) -> int:
    """2 for rend="h2"; headings without a level are crossheads."""
    rend = element.get("rend", "")
    return int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2


def xml_blocks(main: etree._Element) -> list[Block]:
    """Blocks from trafilatura's XML <main>: head, p, list/item, quote."""
    blocks: list[Block] = []
    for element in main:
        if element.tag == "head":
            blocks.append(Block("heading", _flat(element), _heading_level(element)))
        elif element.tag == "list":
            blocks.extend(Block("list_item", _flat(item)) for item in element.iter("item"))
        elif element.tag == "quote":
            blocks.append(Block("quote", _flat(element)))
        elif element.tag == "table":
            blocks.extend(Block("paragraph", _flat(row)) for row in element.iter("row"))
        elif element.tag not in F.XML_SKIPPED:
            blocks.append(Block("paragraph", _flat(element)))
    return [block for block in blocks if block.text]


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    """The first non-empty <meta property|name=...> content among names."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for value in tree.xpath(f"//meta[@{attr}=$name]/@content", name=name):
                if value.strip():
                    return normalise_line(value)
    return None


def _json_ld(tree: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON-LD object on the page, @graph entries flattened."""
    found: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return found


def _ld_name(value: object) -> str | None:
    """A JSON-LD person/organisation name, from a string, a dict or a list of them."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return normalise_line(value) if isinstance(value, str) and value.strip() else None


def _iso_timestamp(value: str | None) -> str | None:
    """A machine date as ISO 8601, time zone kept: '2019-11-20T10:00:00Z' -> '2019-11-20T10:00:00+00:00'."""
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return parse_stated_date(value)
    return stamp.date().isoformat() if len(value.strip()) <= 10 else stamp.isoformat()


def _strip_site_suffix(title: str, site: str | None) -> str:
    """'Story - Site Name' -> 'Story'."""
    parts = F.TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and (site is None or match_site(parts[-1], site) or len(parts[-1].split()) <= 4):
        return " - ".join(parts[:-1]).strip()
    return title


def match_site(text: str, site: str) -> bool:
    """Whether a title suffix names the site."""
    return text.strip().casefold() == site.strip().casefold()


def html_stated(page: str) -> Stated:
    """What an HTML page states about itself in meta tags, JSON-LD and <time>."""
    tree = lxml.html.fromstring(page)
    articles = [d for d in _json_ld(tree) if str(d.get("@type", "")).endswith(F.LD_ARTICLE_TYPES)]
    ld = articles[0] if articles else {}
    site = _meta(tree, "og:site_name", "application-name") or _ld_name(ld.get("publisher"))
    h1 = [_flat(h) for h in tree.xpath("//h1")]
    titles = tree.xpath("//title")
    title = _meta(tree, "og:title", "twitter:title") or (h1[0] if h1 and h1[0] else None)
    if title is None and titles:
        title = _strip_site_suffix(_flat(titles[0]), site) or None
    author = _meta(tree, "author", "article:author", "byl", "dc.creator")
    if author is None or author.startswith("http"):
        author = _ld_name(ld.get("author"))
    published = _iso_timestamp(
        _meta(tree, *F.PUBLISHED_META) or _ld_text(ld.get("datePublished"))
        or next(iter(tree.xpath("//time/@datetime")), None)
    )
    return Stated(
        title=title, source=site, author=author, published=published,
        published_basis="metadata" if published else None,
    )


def _ld_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def clean_html(source: Source) -> Document:
    """An HTML page: trafilatura finds the main text; metadata comes from the page's markup."""
    xml = trafilatura.extract(source.text, **F.TRAFILATURA_OPTIONS)
    blocks: list[Block] = []
    if xml:
        main = etree.fromstring(xml.encode("utf-8")).find("main")
        blocks = xml_blocks(main) if main is not None else []
    try:
        stated = html_stated(source.text)
    except (etree.ParserError, ValueError):
        log.debug("%s: no metadata readable", source.source_path)
        stated = Stated()
    return Document(source, tuple(blocks), stated)


# ---------------------------------------------------------------- entry point


def clean(source: Source) -> Document:
    """Clean one decoded source into a Document; SourceError when no story text remains."""
    cleaners = {"text": clean_text, "html": clean_html, "markdown": clean_markdown}
    document = cleaners[source.kind](source)
    if not document.blocks:
        raise SourceError(source.source_path, NO_STORY)
    return document
