"""Parts of a text dump that belong to the story whatever their prose: its lists, tables and structured tail.

The line classifier (clean/plaintext.py) finds the story by its prose; these features find what it would miss:
- story lists: blocks of several lines that are neither furniture, prose, one template, a link list nor a list of
  lines the page repeats elsewhere (a "trending" box); inside the story they are kept whatever their class;
- figure tables: story lists whose rows mostly open with a figure or hold several (standings, calendars, tour
  dates, ingredients), with a few words a row (not an archive of months); their rows count as good lines when the
  story is looked for, so a page whose story is a table is found by it, and a table right after the prose joins;
- the numbered tail: a list numbered 1, 2, 3 ... starting right after the story (a listicle's points);
- the structured tail: the paragraph blocks after the story's last good line (an interview's short questions and
  answers, a recipe's steps, a spec list), up to the first sign of page furniture: a furniture or navigation line,
  a block of several lines that is not a figure table (menus, related links, tags, comments), or a line the page
  also shows before the story (a menu entry). A lone trailing line is not a tail: a subscription pitch or a credit
  is as likely.
"""

from __future__ import annotations

from collections import Counter

from . import furniture as F
from .lines import Line, LineClass


def is_template(texts: list[str]) -> bool:
    """Lines cut from one template: most open with the same words ("Click to share ...", "Share on ...").

    Two words, not one: table rows often repeat their first cell ("CB Denzel Ward 74", "CB Greedy Williams 73").
    """
    firsts = Counter(" ".join(text.lower().split()[:F.TEMPLATE_WORDS]) for text in texts if text.split())
    return len(texts) >= 2 and firsts.most_common(1)[0][1] >= F.TEMPLATE_SHARE * len(texts)


def is_figure_row(text: str) -> bool:
    """A table row: it opens with a figure ("3 Kevin Harvick 5033", "June 9 - Tampa") or holds two or more.

    One figure at the end is not enough: headline lists end in comment counts ("Vikings win (145)").
    """
    return bool(F.FIGURE_ROW.search(text))


def is_link_list(group: list[Line]) -> bool:
    """Mostly short capitalised lines without closing punctuation: tags, section links, related headlines.

    Rows of figures are not links, however short and capitalised ("July 2 - Uncasville, CT @ Mohegan Sun Arena").
    """
    linky = sum(1 for line in group
                if line.n_words <= F.LINK_MAX_WORDS and line.cap_share >= 0.5 and not line.ends_sentence
                and not is_figure_row(line.text))
    return linky >= F.LINK_LIST_SHARE * len(group)


def echoed(lines: list[Line]) -> set[str]:
    """Keys of the lines that occur in more than one block: headlines a page repeats in its menus and teasers."""
    blocks: dict[str, set[int]] = {}
    for line in lines:
        blocks.setdefault(line.key, set()).add(line.block)
    return {key for key, found in blocks.items() if len(found) > 1}


def is_echo_list(group: list[Line], echoes: set[str]) -> bool:
    """Most lines repeated elsewhere on the page: a "trending" or "most read" list, not the story's own."""
    return sum(1 for line in group if line.key in echoes) >= F.ECHO_LIST_SHARE * len(group)


def _multi_line_blocks(lines: list[Line]) -> dict[int, list[int]]:
    """The indexes of the lines of each block that holds more than one line."""
    members: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if not line.alone:
            members.setdefault(line.block, []).append(i)
    return members


def story_lists(lines: list[Line], classes: list[LineClass]) -> set[int]:
    """Blocks of several lines that may be a list or table of the story.

    Not when a line is furniture or prose (a block mixing paragraphs with titles and dates is a teaser list or a
    comment thread), nor when the lines are one template repeated, a link list or headlines found elsewhere too.
    """
    echoes = echoed(lines)
    return {block for block, group in _multi_line_blocks(lines).items()
            if not any(lines[i].furniture or lines[i].nav or classes[i] == "good" for i in group)
            and not is_template([lines[i].text for i in group]) and not is_link_list([lines[i] for i in group])
            and not is_echo_list([lines[i] for i in group], echoes)}


def _is_figure_table(group: list[Line]) -> bool:
    """Enough rows, most of them figure rows, with a few words each (not an archive of months or a tag cloud)."""
    figures = sum(1 for line in group if is_figure_row(line.text))
    words = sum(line.n_words for line in group)
    return (len(group) >= F.TABLE_MIN_ROWS and figures >= F.TABLE_FIGURE_SHARE * len(group)
            and words >= F.TABLE_MIN_ROW_WORDS * len(group))


def figure_tables(lines: list[Line], lists: set[int]) -> set[int]:
    """The story lists that are tables of figures: standings, calendars, tour dates, ingredients."""
    members = _multi_line_blocks(lines)
    return {block for block in lists if _is_figure_table([lines[i] for i in members[block]])}


def with_tables(classes: list[LineClass], lines: list[Line], tables: set[int]) -> list[LineClass]:
    """The classes with the rows of figure tables as good lines: a table is as much the story as prose is."""
    return ["good" if line.block in tables else c for c, line in zip(classes, lines)]


def _list_number(line: Line) -> int | None:
    """The number a numbered point opens with ("3) ...", "3. ..."), None for other lines."""
    match = F.LIST_NUMBER.match(line.text)
    return int(match["n"]) if match else None


def numbered_tail(lines: list[Line], end: int) -> int:
    """The last line of a numbered list (1, 2, 3 ...) that starts right after the story, or `end` when none does.

    Listicles and how-tos put their points after a short introduction; the points, with their lines between
    (a link, a price), are as much the story as the prose. The last point keeps as many lines as the others had.
    """
    items: list[int] = []
    i = end
    while True:
        window = range(i + 1, min(len(lines), i + 1 + F.LIST_MAX_STRIDE))
        found = next((j for j in window if _list_number(lines[j]) == len(items) + 1), None)
        if found is None:
            break
        items.append(found)
        i = found
    if len(items) < F.LIST_MIN_ITEMS:
        return end
    stride = items[-1] - items[-2]
    return min(len(lines) - 1, items[-1] + stride - 1)


def _ends_story(line: Line, tables: set[int], before: set[str]) -> bool:
    """A sign that the page furniture has begun: furniture, a menu-like block, a line repeated from the header."""
    return (line.furniture or line.nav or line.key in before
            or (not line.alone and line.block not in tables))


def structured_tail(lines: list[Line], start: int, end: int, tables: set[int]) -> int:
    """The last line of the paragraph blocks that follow the story up to the first sign of furniture; `end` if few.

    Interviews, recipes and spec lists end in short questions and answers, steps and items that are not prose;
    a dump still writes them as paragraphs of the story's own container, until the footer's lists begin.
    """
    before = {line.key for line in lines[:start]}
    last = end
    while last + 1 < len(lines) and not _ends_story(lines[last + 1], tables, before):
        last += 1
    return last if last - end >= F.TAIL_MIN_LINES else end
