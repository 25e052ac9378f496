"""Plain text -> Document: the story as blocks, the page furniture dropped, the header read as Stated.

Plain text has no markup, so lines are classified in the spirit of jusText, from features of each line:
- length in words, and the density of stop words (prose is dense in them, menus are not): English ones, or on a
  page where they are rare, those of the jusText list densest over the whole page (clean/lines.py:page_language);
  a page in none of those languages (Chinese, Japanese) is judged without them;
- terminal sentence punctuation (paragraphs end in . ! ? or a closing quote; headlines and captions do not);
- the share of capitalised words and separators ("Home | News | Sport", "Americas Africa Europe") for nav rows;
- known furniture patterns (furniture.is_furniture_line: SSI errors, "Last Updated:", watch/listen promos,
  share/print rows, cookie notices, "Related stories", "More business news", external-site disclaimers, copyright,
  "Advertisement"), and photo captions and credits by the credit they open or end with (furniture.CAPTION_*:
  "FILE PHOTO: ...", "... (AP Photo/Jane Doe)", "... [File: Reuters]", "Jane Doe/Getty Images");
- blank-line structure: a dump puts a blank line after paragraph-like blocks only, so a line alone in its block is a
  paragraph and lines sharing a block are list items, table rows or menu entries; where most of the good prose is
  in blocks of its own, a long line among single-spaced ones only counts as near-good (teasers, comments);
- repeated shape: blocks whose heads repeat one dated template (name line, date line, text) three times or more are
  comments or teasers and are bad, whatever their prose;
- repetition across the page: prose lines the page prints twice with the same neighbour (a teaser box shown
  twice) are bad, unless that would leave no good line (the whole story printed twice);
- story lists and tables (clean/lists.py): a block of several lines that is neither furniture, prose, one
  template (most lines open with the same two words), a link list (short capitalised lines that are not rows of
  figures) nor mostly lines found in other blocks too (a "trending" list) is a list or table of the story: inside
  the story it is kept whatever its lines' class, and it counts as one line when measuring the gap between story
  paragraphs;
- tables of figures: a story list whose rows mostly open with a figure or hold two (standings, calendars, tour
  dates, ingredients), with a few words a row, counts as good lines: a page whose story is a table is found by it,
  near-good lines beside it (its introduction, its footnotes) are promoted, and a table after the prose joins it;
- numbering: a line opening "3. " or "3) " is a point of a numbered list, kept inside the story; a list numbered
  1, 2, 3 ... that starts right after the story (a listicle after its introduction) extends the story to its end;
- position and context (neighbour similarity): each line is good, near-good, short or bad; near-good lines next
  to a good one become good, in chains (a run of short news paragraphs), and short lines between good ones too;
  good lines form runs that break at long gaps (near-good paragraphs do not count towards a gap; crosshead-sized
  lines do), and the story is the run with the most good words times its density squared (good words over all
  words in the run), discounted by position: a teaser list or comment thread interleaves titles, names and dates.
  A dense, sizeable run just before the story (further before than after: what follows a story in dense prose is
  mostly disclaimers and forms) is the same story cut by a gallery or embedded posts, and joins it;
- the structured tail (clean/lists.py): paragraph blocks right after the story's last good line (an interview's
  short questions and answers, a recipe's steps) are kept, three or more of them, up to the first sign of
  furniture: a furniture or navigation line, a block of several lines that is not a table of figures, or a line
  the page also shows before the story (a menu entry).
Blocks are then tidied like HTML ones (clean/blocks.py: promotion lines, a tail of related headlines, teasers cut
short with "...").
Lines before the story are read for the headline, publication name, dateline and byline (never the body);
short lines inside the story are crossheads; everything after the story (and its structured tail) is dropped.
"""

from __future__ import annotations

from collections import Counter

from ..errors import SourceError
from ..models import Block, Document, Source
from . import furniture as F
from .blocks import tidy_blocks
from .lines import Line, LineClass, line_features, page_language, paragraphs, unquote, with_stop_words
from .lists import figure_tables, numbered_tail, story_lists, structured_tail, with_tables
from .stated import has_date, read_header

NO_STORY = "no article text found (only page furniture)"


Thresholds = tuple[float, float]  # stop-word density of a good line, of a near-good one
NO_STOP_WORDS: Thresholds = (0.0, 0.0)


def is_english(lines: list[Line]) -> bool:
    """Whether the page's prose uses English function words; other languages are judged with their own."""
    total = sum(line.n_words for line in lines)
    stops = sum(line.stop_density * line.n_words for line in lines)
    return total > 0 and stops / total >= F.ENGLISH_MIN_STOP_SHARE


def by_language(lines: list[Line]) -> tuple[list[Line], Thresholds, str | None]:
    """The lines measured against the stop words of the page's language, the thresholds to use, and the language.

    English keeps F.STOP_WORDS and its thresholds; a page in another language jusText has a list for is measured
    with that list and jusText's thresholds (an English list says nothing about Portuguese prose); a page in none
    (Chinese, Japanese) is judged without stop words.
    """
    if is_english(lines):
        return lines, (F.GOOD_STOP_DENSITY, F.NEAR_STOP_DENSITY), "English"
    found = page_language(lines)
    if found is None:
        return lines, NO_STOP_WORDS, None
    name, stop_words = found
    return with_stop_words(lines, stop_words), (F.OTHER_GOOD_STOP_DENSITY, F.OTHER_NEAR_STOP_DENSITY), name


def initial_class(line: Line, thresholds: Thresholds = (F.GOOD_STOP_DENSITY, F.NEAR_STOP_DENSITY)) -> LineClass:
    """Context-free class of one line, with the stop-word densities of the page's language."""
    if line.furniture or line.nav or line.n_words == 0:
        return "bad"
    if line.n_words <= F.SHORT_MAX_WORDS:
        return "short"
    good_density, near_density = thresholds
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


def echoed_runs(lines: list[Line]) -> set[int]:
    """Indexes of lines that repeat elsewhere on the page together with the line after or before them.

    A pair, not a line: a box of teasers printed twice repeats as a whole, while an interview repeats one
    question ("What inspired you?") before different answers, and a story may repeat its lede once.
    """
    seen: dict[tuple[str, str], list[int]] = {}
    for i in range(len(lines) - 1):
        seen.setdefault((lines[i].key, lines[i + 1].key), []).append(i)
    out: set[int] = set()
    for starts in seen.values():
        if len(starts) > 1:
            for i in starts:
                out.update((i, i + 1))
    return out


def demote_echoes(classes: list[LineClass], lines: list[Line]) -> list[LineClass]:
    """Prose lines the page prints twice in the same company are teasers (a "latest news" box shown twice): bad.

    Not when no good line would be left: then the story itself is printed twice (a print or app copy).
    """
    echoes = echoed_runs(lines)
    if all(i in echoes for i, c in enumerate(classes) if c == "good"):
        return classes
    return ["bad" if i in echoes and c in ("good", "near") else c for i, c in enumerate(classes)]


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
    """jusText's context pass: near-good next to good becomes good, repeatedly; short between good lines is kept."""
    out = list(classes)
    # A sweep each way, updating as it goes: a chain of near-good lines (short paragraphs of news) grows out
    # from a good one in either direction, in linear time.
    for order in (range(len(out)), range(len(out) - 1, -1, -1)):
        for i in order:
            if out[i] == "near" and "good" in (_neighbour(out, i, -1), _neighbour(out, i, 1)):
                out[i] = "good"
    final = list(out)
    for i, c in enumerate(out):
        if c == "short" and _neighbour(out, i, -1) == _neighbour(out, i, 1) == "good":
            final[i] = "good"
    return final


def _gap(classes: list[LineClass], lines: list[Line], start: int, end: int, lists: set[int]) -> tuple[int, int]:
    """Items between two good lines, and those not crosshead-sized; a story list or table counts as one item."""
    items, not_short = set(), set()
    for k in range(start, end):
        if classes[k] == "near" and lines[k].alone:
            continue
        item = lines[k].block if lines[k].block in lists else -1 - k
        items.add(item)
        if classes[k] != "short":
            not_short.add(item)
    return len(not_short), len(items)


def _runs(classes: list[LineClass], lines: list[Line], lists: set[int]) -> list[list[int]]:
    """Good lines grouped into runs: a run breaks at a long gap of other lines, short ones included."""
    goods = [i for i, c in enumerate(classes) if c == "good"]
    runs: list[list[int]] = [[goods[0]]] if goods else []
    for prev, i in zip(goods, goods[1:]):
        not_short, items = _gap(classes, lines, prev + 1, i, lists)
        if not_short > F.MAX_STORY_GAP or items > F.MAX_GAP_LINES:
            runs.append([i])
        else:
            runs[-1].append(i)
    return runs


def _density(run: list[int], lines: list[Line]) -> float:
    """Good words over all words between the run's ends."""
    return sum(lines[i].n_words for i in run) / sum(line.n_words for line in lines[run[0]:run[-1] + 1])


def _run_weight(run: list[int], lines: list[Line]) -> float:
    """Words of the run's good lines, times its density squared, discounted by position.

    Density (good words over all words between the run's ends) tells a story from a teaser list, where each
    good line sits among titles, names and dates; later runs weigh less: stories come before comments and footers.
    """
    good = sum(lines[i].n_words for i in run)
    return good * _density(run, lines) ** F.RUN_DENSITY_POWER * (1 - F.POSITION_DISCOUNT * run[0] / len(lines))


def _continues(run: list[int], best: list[int], gap: int, max_gap: int, lines: list[Line]) -> bool:
    """Whether a run beside the story is more of it, cut off by a gallery or embedded posts: near, dense, sizeable."""
    good = sum(lines[i].n_words for i in run)
    return (gap <= max_gap and _density(run, lines) >= F.JOIN_MIN_DENSITY
            and good >= F.JOIN_MIN_SHARE * sum(lines[i].n_words for i in best))


def story_spans(classes: list[LineClass], lines: list[Line], lists: set[int]) -> list[tuple[int, int]]:
    """First and last index of the heaviest run of good lines and of the runs beside it that continue it.

    A run may join from further before the story than after it: what follows a story in dense prose is more
    often a disclaimer, a comment form or a footer than the rest of the story.
    """
    runs = _runs(classes, lines, lists)
    if not runs:
        return []
    at = max(range(len(runs)), key=lambda k: _run_weight(runs[k], lines))
    first = last = at
    while first > 0 and _continues(runs[first - 1], runs[at], runs[first][0] - runs[first - 1][-1] - 1,
                                   F.JOIN_GAP_BEFORE, lines):
        first -= 1
    while last + 1 < len(runs) and _continues(runs[last + 1], runs[at], runs[last + 1][0] - runs[last][-1] - 1,
                                              F.JOIN_GAP_AFTER, lines):
        last += 1
    spans = [(run[0], run[-1]) for run in runs[first:last + 1]]
    spans[-1] = (spans[-1][0], numbered_tail(lines, spans[-1][1]))
    return spans


def _is_crosshead(line: Line) -> bool:
    """A short heading line inside the story; a quoted one ("'Defensive measures'") too, but not a quoted sentence."""
    return 1 <= line.n_words <= 12 and not F.SENTENCE_END.search(unquote(line.text))


def story_block(line: Line, first: LineClass, final: LineClass, in_list: bool = False,
                in_tail: bool = False) -> Block | None:
    """The block a line inside the story span becomes, or None when it is furniture.

    A line of a story list or table is kept whatever its class: rows of figures and list items are not prose;
    so is a line of the structured tail (questions and answers, steps), a heading when it is crosshead-sized.
    """
    if line.furniture or line.nav:
        return None
    if in_list:
        return Block("list_item", line.text)
    if (first == "short" or in_tail) and _is_crosshead(line):
        return Block("heading", unquote(line.text), 2)
    if F.LIST_NUMBER.match(line.text):
        return Block("list_item", line.text)
    if in_tail or final == "good" or first == "near" or (first == "short" and line.ends_sentence):
        return Block("paragraph", line.text)
    return None


def classify(lines: list[Line], thresholds: Thresholds) -> tuple[list[LineClass], list[LineClass]]:
    """Each line's class before and after the context pass."""
    first = demote_unblocked(demote_templates([initial_class(line, thresholds) for line in lines], lines), lines)
    first = demote_echoes(first, lines)
    return first, revise(first)


def clean_text(source: Source) -> Document:
    """A plain-text page: classify lines, keep the story's runs (not the gallery between them), read the header."""
    lines = [line_features(unit.text, unit.block, unit.alone) for unit in paragraphs(source.text)]
    lines, thresholds, _language = by_language(lines)
    first, final = classify(lines, thresholds)
    lists = story_lists(lines, first)
    tables = figure_tables(lines, lists)
    if tables:  # rows of figures count as good lines, and near-good lines beside a table are promoted
        final = revise(with_tables(first, lines, tables))
    spans = story_spans(final, lines, lists)
    if not spans:
        raise SourceError(source.source_path, NO_STORY)
    start, end = spans[0][0], spans[-1][1]
    last = structured_tail(lines, start, end, tables)
    inside = {i for a, b in spans for i in range(a, b + 1)} | set(range(end + 1, last + 1))
    stated = read_header(lines[:start])
    blocks: list[Block] = []
    removed: list[str] = [line.text for line in lines[:start] if line.text != stated.title]
    for i in range(start, last + 1):
        in_list = lines[i].block in lists
        block = story_block(lines[i], first[i], final[i], in_list, i > end) if i in inside else None
        if block is None:
            removed.append(lines[i].text)
        else:
            blocks.append(block)
    removed.extend(line.text for line in lines[last + 1:])
    tidy = tidy_blocks(blocks, stated.title)
    removed.extend(block.text for block in blocks if block not in tidy)
    return Document(source, tuple(tidy), stated, tuple(removed))
