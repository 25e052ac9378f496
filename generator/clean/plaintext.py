"""Plain text -> Document: the story as blocks, the page furniture dropped, the header read as Stated.

Plain text has no markup, so lines are classified in the spirit of jusText, from features of each line:
- length in words, and the density of English stop words (prose is dense in them, menus are not); a page where
  they are rare is in another language and is judged without them;
- terminal sentence punctuation (paragraphs end in . ! ? or a closing quote; headlines and captions do not);
- the share of capitalised words and separators ("Home | News | Sport", "Americas Africa Europe") for nav rows;
- known furniture patterns (furniture.FURNITURE_LINE: SSI errors, "Last Updated:", watch/listen promos,
  share/print rows, cookie notices, "Related stories", external-site disclaimers, copyright, "Advertisement");
- blank-line structure: a dump puts a blank line after paragraph-like blocks only, so a line alone in its block is a
  paragraph and lines sharing a block are list items, table rows or menu entries; where most of the good prose is
  in blocks of its own, a long line among single-spaced ones only counts as near-good (teasers, comments);
- repeated shape: blocks whose heads repeat one dated template (name line, date line, text) three times or more are
  comments or teasers and are bad, whatever their prose; a list or table block that is neither furniture, prose,
  one template (most lines start with one word) nor a link list (short capitalised lines) counts as one line when
  measuring the gap between story paragraphs, so a story's list does not split the story in two;
- position and context: each line is good, near-good, short or bad; near-good and short lines take their class
  from their neighbours; good lines form runs that break at long gaps (of any lines, crosshead-sized ones
  included), and the story is the run with the most good words times its density squared (good words over all
  words in the run), discounted by position: a teaser list or comment thread interleaves titles, names and dates.
Blocks are then tidied like HTML ones (clean/blocks.py: promotion lines, a tail of related headlines).
Lines before the story are read for the headline, publication name, dateline and byline (never the body);
short lines inside the story are crossheads; everything after the last good line is dropped.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from ..errors import SourceError
from ..models import Block, Document, Source
from . import furniture as F
from .blocks import tidy_blocks
from .lines import Line, line_features, paragraphs, unquote
from .stated import has_date, read_header

LineClass = Literal["good", "near", "short", "bad"]
NO_STORY = "no article text found (only page furniture)"


def is_english(lines: list[Line]) -> bool:
    """Whether the page's prose uses English function words; other languages are judged without them."""
    total = sum(line.n_words for line in lines)
    stops = sum(line.stop_density * line.n_words for line in lines)
    return total > 0 and stops / total >= F.ENGLISH_MIN_STOP_SHARE


def initial_class(line: Line, has_stop_words: bool = True) -> LineClass:
    """Context-free class of one line; a page not in English is judged without stop-word density."""
    if line.furniture or line.nav or line.n_words == 0:
        return "bad"
    if line.n_words <= F.SHORT_MAX_WORDS:
        return "short"
    good_density, near_density = (F.GOOD_STOP_DENSITY, F.NEAR_STOP_DENSITY) if has_stop_words else (0.0, 0.0)
    if line.stop_density >= good_density and (line.ends_sentence or line.n_words >= 40):
        return "good" if line.n_words >= F.GOOD_MIN_WORDS else "near"
    if line.stop_density >= near_density and (line.ends_sentence or line.n_words >= F.GOOD_MIN_WORDS):
        return "near"
    return "bad"


def _head_shape(group: list[Line]) -> tuple[str, ...] | None:
    """The shape of a block's head: its first lines as short/long/date, and the first line's last word."""
    if len(group) < 2:
        return None
    marks = tuple("D" if has_date(line.text) else "S" if line.n_words <= F.SHORT_MAX_WORDS else "L"
                  for line in group[:F.HEAD_LINES])
    if "D" not in marks:
        return None
    return marks + (group[0].text.split()[-1].lower(),)


def demote_templates(classes: list[LineClass], lines: list[Line]) -> list[LineClass]:
    """Lines of blocks that repeat one dated head (name line, date line, text: comments, teasers) become bad."""
    members: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        members.setdefault(line.block, []).append(i)
    shapes = {block: _head_shape([lines[i] for i in group]) for block, group in members.items()}
    counts = Counter(shape for shape in shapes.values() if shape)
    out = list(classes)
    for block, group in members.items():
        if shapes[block] and counts[shapes[block]] >= F.TEMPLATE_REPEATS:
            for i in group:
                out[i] = "bad"
    return out


def demote_unblocked(classes: list[LineClass], lines: list[Line]) -> list[LineClass]:
    """Good lines outside paragraph blocks become near-good, on a page whose good prose is mostly in blocks.

    A dump puts a blank line after each paragraph; where the story is written that way, a long line among
    single-spaced ones is a teaser, a list item or a comment, and needs a good neighbour to count.
    """
    good = [line for line, c in zip(lines, classes) if c == "good"]
    blocked = sum(line.n_words for line in good if line.alone)
    if blocked < F.BLOCKED_GOOD_SHARE * sum(line.n_words for line in good):
        return classes
    return ["near" if c == "good" and not line.alone else c for c, line in zip(classes, lines)]


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


def is_template(texts: list[str]) -> bool:
    """Lines cut from one template: most start with the same word ("Click to share ...", "Share on ...")."""
    firsts = Counter(text.split()[0].lower() for text in texts if text.split())
    return len(texts) >= 2 and firsts.most_common(1)[0][1] >= F.TEMPLATE_SHARE * len(texts)


def is_link_list(group: list[Line]) -> bool:
    """Mostly short capitalised lines without closing punctuation: tags, section links, related headlines."""
    linky = sum(1 for line in group
                if line.n_words <= F.LINK_MAX_WORDS and line.cap_share >= 0.5 and not line.ends_sentence)
    return linky >= F.LINK_LIST_SHARE * len(group)


def story_lists(lines: list[Line], classes: list[LineClass]) -> set[int]:
    """Blocks of several lines that may be a list or table of the story.

    Not when a line is furniture or prose (a block mixing paragraphs with titles and dates is a teaser list or a
    comment thread), nor when the lines are one template repeated.
    """
    members: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if not line.alone:
            members.setdefault(line.block, []).append(i)
    return {block for block, group in members.items()
            if not any(lines[i].furniture or lines[i].nav or classes[i] == "good" for i in group)
            and not is_template([lines[i].text for i in group]) and not is_link_list([lines[i] for i in group])}


def _gap(classes: list[LineClass], lines: list[Line], start: int, end: int, lists: set[int]) -> tuple[int, int]:
    """Items between two good lines, and those not crosshead-sized; a story list or table counts as one item."""
    items, not_short = set(), set()
    for k in range(start, end):
        item = lines[k].block if lines[k].block in lists else -1 - k
        items.add(item)
        if classes[k] != "short":
            not_short.add(item)
    return len(not_short), len(items)


def _runs(classes: list[LineClass], lines: list[Line]) -> list[list[int]]:
    """Good lines grouped into runs: a run breaks at a long gap of other lines, short ones included."""
    goods = [i for i, c in enumerate(classes) if c == "good"]
    lists = story_lists(lines, classes)
    runs: list[list[int]] = [[goods[0]]] if goods else []
    for prev, i in zip(goods, goods[1:]):
        not_short, items = _gap(classes, lines, prev + 1, i, lists)
        if not_short > F.MAX_STORY_GAP or items > F.MAX_GAP_LINES:
            runs.append([i])
        else:
            runs[-1].append(i)
    return runs


def _run_weight(run: list[int], lines: list[Line]) -> float:
    """Words of the run's good lines, times its density squared, discounted by position.

    Density (good words over all words between the run's ends) tells a story from a teaser list, where each
    good line sits among titles, names and dates; later runs weigh less: stories come before comments and footers.
    """
    good = sum(lines[i].n_words for i in run)
    total = sum(line.n_words for line in lines[run[0]:run[-1] + 1])
    return good * (good / total) ** F.RUN_DENSITY_POWER * (1 - F.POSITION_DISCOUNT * run[0] / len(lines))


def story_span(classes: list[LineClass], lines: list[Line]) -> tuple[int, int] | None:
    """First and last index of the heaviest run of good lines; None when there is none."""
    runs = _runs(classes, lines)
    if not runs:
        return None
    best = max(runs, key=lambda run: _run_weight(run, lines))
    return best[0], best[-1]


def _is_crosshead(line: Line) -> bool:
    """A short heading line inside the story; a quoted one ("'Defensive measures'") too, but not a quoted sentence."""
    return 1 <= line.n_words <= 12 and not F.SENTENCE_END.search(unquote(line.text))


def story_block(line: Line, first: LineClass, final: LineClass) -> Block | None:
    """The block a line inside the story span becomes, or None when it is furniture."""
    if line.furniture or line.nav:
        return None
    if first == "short" and _is_crosshead(line):
        return Block("heading", unquote(line.text), 2)
    if final == "good" or first == "near" or (first == "short" and line.ends_sentence):
        return Block("paragraph", line.text)
    return None


def classify(lines: list[Line]) -> tuple[list[LineClass], list[LineClass]]:
    """Each line's class before and after the context pass."""
    english = is_english(lines)
    first = demote_unblocked(demote_templates([initial_class(line, english) for line in lines], lines), lines)
    return first, revise(first)


def clean_text(source: Source) -> Document:
    """A plain-text page: classify lines, keep the story run, read the header above it."""
    lines = [line_features(unit.text, unit.block, unit.alone) for unit in paragraphs(source.text)]
    first, final = classify(lines)
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
    tidy = tidy_blocks(blocks, stated.title)
    removed.extend(block.text for block in blocks if block not in tidy)
    return Document(source, tuple(tidy), stated, tuple(removed))
