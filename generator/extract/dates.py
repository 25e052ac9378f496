"""A rule-based temporal tagger for English news: find TIMEX3 expressions and normalise them against the DCT.

Two steps, so each can grow on its own:

1. **Find** (here). Every rule in ``date_patterns.RULES`` is run over each sentence that holds one of the rule's
   trigger words (``date_patterns.TRIGGERS``: most sentences hold no date, and regex scanning is the cost);
   overlapping hits are settled by keeping the longest (then the earliest rule), so "the end of last month"
   beats "last month". One fact is read from the whole story first: whether it reports quarterly results.
2. **Resolve** (``date_resolve``). One resolver per rule turns a hit into (TIMEX3 type, value) given the document
   creation time (DCT, the page's publication date) and the tense around the expression.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

from ..models import Block, DateMention
from ..text import split_sentences, window
from . import date_patterns as P
from .date_context import Context
from .date_resolve import RESOLVERS, SKIPPABLE


def find_dates(blocks: Sequence[Block], published: str | None) -> tuple[DateMention, ...]:
    """Every temporal expression in the story, with its TIMEX3 type and value, in reading order."""
    dct = parse_dct(published)
    story = [block.text for block in blocks if block.kind != "heading"]
    quarterly = any(P.QUARTERLY.search(text) for text in story)
    mentions: list[DateMention] = []
    for text in story:
        for sentence in split_sentences(text):
            mentions.extend(_tag_sentence(sentence, dct, quarterly))
    return tuple(mentions)


def parse_dct(published: str | None) -> date | None:
    """The calendar date of an ISO publication stamp, or None when it is missing or not a full date."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


SENTENCE_LIMIT = 1000  # characters of context kept around a date in a runaway sentence


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of `words`, factored as a trie so each position costs one path, longest word first."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def alternation(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + alternation(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return alternation(tree)


# Speed: one scan of the lower-cased sentence finds every trigger word it holds (a lookahead, so overlapping ones
# too), instead of testing each rule's words in turn. At one position only the longest trigger is reported, so each
# trigger's bit mask of rules (bit i: P.RULES[i]) also holds the rules of the triggers it starts with.
_TRIGGER_SCAN = re.compile("(?=(" + _trie({key for keys in P.TRIGGERS.values() for key in keys}) + "))")
_RULE_BITS = {key: sum(1 << i for i, (name, _) in enumerate(P.RULES) if key in P.TRIGGERS[name])
              for keys in P.TRIGGERS.values() for key in keys}
_RULES_OF = {key: sum(bits for short, bits in _RULE_BITS.items() if key.startswith(short)) for key in _RULE_BITS}


def _triggered(lower: str) -> list[tuple[int, str, re.Pattern[str]]]:
    """The rules (rank, name, pattern) one of whose trigger words the lower-cased sentence holds."""
    bits = 0
    for key in set(_TRIGGER_SCAN.findall(lower)):
        bits |= _RULES_OF[key]
    return [(rank, name, pattern) for rank, (name, pattern) in enumerate(P.RULES) if bits >> rank & 1]


def _tag_sentence(sentence: str, dct: date | None, quarterly: bool) -> list[DateMention]:
    hits = sorted(
        ((m.start(), -(m.end() - m.start()), rank, name, m)
         for rank, name, pattern in _triggered(sentence.lower())
         for m in pattern.finditer(sentence)),
        key=lambda h: (h[0], h[1], h[2]),
    )
    out: list[DateMention] = []
    taken_until = -1
    # Longest first at each position; an unresolvable hit still claims its span so a shorter rule cannot
    # re-read part of it ("in July" must not become a bare year or a duration).
    for start, _, _, name, match in hits:
        if start < taken_until:
            continue
        text = match.group(0).rstrip(" ,")
        end = start + len(text)
        try:
            resolved = RESOLVERS[name](match, Context(dct, sentence, start, end, quarterly))
        except OverflowError:  # arithmetic past year 1 or 9999 from an absurd DCT: no value, not a crash
            resolved = None
        if name in SKIPPABLE and resolved is None:
            continue
        taken_until = end
        if resolved is not None:
            context = window(sentence, start, end, SENTENCE_LIMIT)
            out.append(DateMention(text=text, value=resolved[1], sentence=context, type=resolved[0]))
    return out
