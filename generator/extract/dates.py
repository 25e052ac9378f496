"""A rule-based temporal tagger for English news: find TIMEX3 expressions and normalise them against the DCT.

Two steps, so each can grow on its own:

1. **Find** (``date_scan``). Every rule in ``date_patterns.RULES`` is run over each sentence that holds one of the
   rule's trigger words; the scan reads no DCT and is memoised per block, so a story read against several DCTs
   is scanned once. One fact is read from the whole story: whether it reports quarterly results.
2. **Resolve** (here and ``date_resolve``). Overlapping hits are settled by keeping the longest (then the earliest
   rule), so "the end of last month" beats "last month"; one resolver per rule turns a hit into (TIMEX3 type,
   value) given the document creation time (DCT, the page's publication date) and the tense around the expression.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator, Sequence

from ..models import Block, DateMention
from ..text import window
from .date_context import Context, Resolved
from .date_resolve import RESOLVERS, SKIPPABLE
from .date_scan import Scanned, scan_block


def find_dates(blocks: Sequence[Block], published: str | None) -> tuple[DateMention, ...]:
    """Every temporal expression in the story, with its TIMEX3 type and value, in reading order."""
    return tuple(mention for mention, _ in _resolve(blocks, parse_dct(published), None))


def find_dates_across(blocks: Sequence[Block], first: date, last: date) -> tuple[DateMention, ...]:
    """The expressions whose value is the same whether the story was written on `first` or on `last` (both read
    from one scan): "last year" for any day of 2011, not "Tuesday"."""
    return tuple(mention for mention, same in _resolve(blocks, first, last) if same)


def parse_dct(published: str | None) -> date | None:
    """The calendar date of an ISO publication stamp, or None when it is missing or not a full date."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


SENTENCE_LIMIT = 1000  # characters of context kept around a date in a runaway sentence


def _resolve(blocks: Sequence[Block], dct: date | None, other: date | None) -> Iterator[tuple[DateMention, bool]]:
    """Each expression resolved against `dct`, with whether it resolves the same against `other` (when given)."""
    story = [scan_block(block.text) for block in blocks if block.kind != "heading"]
    quarterly = any(block.quarterly for block in story)
    for block in story:
        for scanned in block.sentences:
            if scanned.hits:
                yield from _resolve_sentence(scanned, dct, other, quarterly)


def _resolve_sentence(
    scanned: Scanned, dct: date | None, other: date | None, quarterly: bool
) -> Iterator[tuple[DateMention, bool]]:
    sentence = scanned.sentence
    taken_until = -1
    # Longest first at each position; an unresolvable hit still claims its span so a shorter rule cannot
    # re-read part of it ("in July" must not become a bare year or a duration). Which hits are kept depends on
    # `dct` alone: with any DCT, a skippable rule fails (an impossible date, the verb "may") whatever the DCT.
    for start, _, _, name, match in scanned.hits:
        if start < taken_until:
            continue
        text = match.group(0).rstrip(" ,")
        end = start + len(text)
        resolved = _resolve_hit(name, match, Context(dct, sentence, start, end, quarterly))
        if name in SKIPPABLE and resolved is None:
            continue
        taken_until = end
        if resolved is not None:
            again = _resolve_hit(name, match, Context(other, sentence, start, end, quarterly)) if other else None
            context = window(sentence, start, end, SENTENCE_LIMIT)
            yield DateMention(text=text, value=resolved[1], sentence=context, type=resolved[0]), \
                other is None or again == resolved


# A value whose year is past 9999 or before 1 ("next March" after a DCT of 9999-12-31): calendars stop there
_OUT_OF_RANGE = re.compile(r"\d{5}|0000")


def _resolve_hit(name: str, match: re.Match[str], ctx: Context) -> Resolved:
    try:
        resolved = RESOLVERS[name](match, ctx)
    except OverflowError:  # arithmetic past year 1 or 9999 from an absurd DCT: no value, not a crash
        return None
    return None if resolved is not None and _OUT_OF_RANGE.match(resolved[1]) else resolved
