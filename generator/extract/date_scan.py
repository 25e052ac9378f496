"""Find the temporal phrases of a block of text before any is resolved: the tagger's costly half, done once.

Every rule in ``date_patterns.RULES`` is run over each sentence that holds a trigger word of each of the rule's
groups (``date_patterns.TRIGGERS``: most sentences hold no date, and regex scanning is the cost). A scan reads no
DCT, so its hits can be resolved against any number of them: an undated article is read with none (to infer its
date), then at both ends of the inferred period (``date_infer.dates_within``), all from one scan.

Scans are memoised per block text (a bounded LRU of immutable tuples, so a hit can only save time, never change
a result): ``extract`` tags a story, infers its date and re-reads it from the same blocks, and a repeated block
(a standard sign-off, a wire's boilerplate) is scanned once. Benchmarks call ``scan_block.cache_clear()`` between
runs so every run pays for its scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from typing import Iterable

from ..text import split_sentences
from . import date_patterns as P

# One candidate phrase: (start, -length, rule rank, rule name, match); sorted, this is the order hits are settled in.
Hit = tuple[int, int, int, str, re.Match[str]]
SCAN_MEMO = 4096  # block texts remembered: a few articles' worth, a few MB at most


@dataclass(frozen=True)
class Scanned:
    """One sentence and every rule's hit in it, longest first at each position, then by rule rank."""

    sentence: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class ScannedBlock:
    """A block's sentences with their hits, and whether it speaks of quarterly results."""

    sentences: tuple[Scanned, ...]
    quarterly: bool


@lru_cache(maxsize=SCAN_MEMO)
def scan_block(text: str) -> ScannedBlock:
    """The sentences of one block, each with the candidate phrases every rule finds in it."""
    sentences = tuple(Scanned(sentence, scan_sentence(sentence)) for sentence in split_sentences(text))
    lower = text.lower()
    # Speed: the pattern is a slow scan, and each of its phrases holds one of these words.
    quarterly = ("quarter" in lower or "period" in lower or "nine months" in lower) and bool(P.QUARTERLY.search(text))
    return ScannedBlock(sentences, quarterly)


def block_sentences(text: str) -> tuple[str, ...]:
    """The sentences of one block, as the tagger split them (from the memo when it was scanned)."""
    return tuple(scanned.sentence for scanned in scan_block(text).sentences)


def scan_sentence(sentence: str) -> tuple[Hit, ...]:
    """Every triggered rule's matches in one sentence, in settling order."""
    return tuple(sorted(
        (m.start(), m.start() - m.end(), rank, name, m)
        for rank, name, pattern in _triggered(sentence.lower())
        for m in pattern.finditer(sentence)
    ))


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


def _union(masks: Iterable[int]) -> int:
    """The bitwise OR of the masks (a sum would carry where two share a bit)."""
    return reduce(or_, masks, 0)


# Speed: one scan of the lower-cased sentence finds every trigger word it holds (a lookahead, so overlapping ones
# too), instead of testing each rule's words in turn. Each (rule, trigger group) has a bit; at one position only the
# longest trigger is reported, so each trigger's mask also holds the bits of the triggers it starts with.
_GROUPS = [(rank, group) for rank, (name, _) in enumerate(P.RULES) for group in P.TRIGGERS[name]]
_KEYS = {key for _, group in _GROUPS for key in group}
_TRIGGER_SCAN = re.compile("(?=(" + _trie(_KEYS) + "))")
_KEY_BITS: dict[str, int] = {}
for _bit, (_, _group) in enumerate(_GROUPS):
    for _key in _group:
        _KEY_BITS[_key] = _KEY_BITS.get(_key, 0) | 1 << _bit
_BITS_OF = {key: _union(_KEY_BITS.get(key[:end], 0) for end in range(1, len(key) + 1)) for key in _KEYS}
# A rule runs when every one of its groups' bits is set.
_NEEDS = [(rank, name, pattern, _union(1 << i for i, (r, _) in enumerate(_GROUPS) if r == rank))
          for rank, (name, pattern) in enumerate(P.RULES)]


def _triggered(lower: str) -> list[tuple[int, str, re.Pattern[str]]]:
    """The rules (rank, name, pattern) with a trigger word of each of their groups in the lower-cased sentence."""
    bits = 0
    for key in set(_TRIGGER_SCAN.findall(lower)):
        bits |= _BITS_OF[key]
    if not bits:
        return []
    return [(rank, name, pattern) for rank, name, pattern, needs in _NEEDS if bits & needs == needs]
