"""Post-processing shared by the cleaners: drop the furniture an extractor lets through between story blocks.

An extractor keeps what looks like prose; what it lets through has shapes of its own, the same on every site:
- the headline repeated as the first block (the page states it apart, as Stated.title);
- promotion and credit lines: "Read more: ...", "Related: ...", newsletter and subscription pitches,
  "Follow us on ...", "X contributed reporting", "Reporting by ...; Editing by ...", "Citation: ...";
- the tail after the story: headlines of related stories (short, no full stop) and headings with nothing
  under them, cut from the end back to the last prose block.
"""

from __future__ import annotations

from ..models import Block
from ..text import match_key
from . import furniture as F


def is_promo(text: str) -> bool:
    """A promotion, credit or sharing line that no story paragraph is made of."""
    if len(text.split()) > F.PROMO_MAX_WORDS:
        return False
    return F.is_furniture_line(text) or bool(F.SHARE_ROW.match(text)) or F.is_promo_block(text)


def _is_headline_shaped(block: Block) -> bool:
    """A heading, or a short block without closing punctuation: a related story's title, a section label."""
    if block.kind == "heading":
        return True
    n_words = len(block.text.split())
    return n_words <= F.TAIL_HEADLINE_MAX_WORDS and (not F.SENTENCE_END.search(block.text)
                                                     or bool(F.TRUNCATED.search(block.text)))


def drop_repeated_title(blocks: list[Block], title: str | None) -> list[Block]:
    """Without the first blocks that repeat the headline (the page states it apart)."""
    if not title:
        return blocks
    key = match_key(title)
    head = 0
    while head < min(len(blocks), F.TITLE_REPEAT_WINDOW) and match_key(blocks[head].text) == key:
        head += 1
    return blocks[head:]


def trim_tail(blocks: list[Block]) -> list[Block]:
    """Without the trailing run of headline-shaped blocks; lists are kept (a story may end on one)."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].kind != "list_item" and _is_headline_shaped(blocks[end - 1]):
        end -= 1
    return blocks[:end]


def tidy_blocks(blocks: list[Block], title: str | None = None) -> list[Block]:
    """The story blocks without repeated headline, promotion lines and a tail of related headlines."""
    kept = [block for block in drop_repeated_title(blocks, title) if not is_promo(block.text)]
    return trim_tail(kept)
