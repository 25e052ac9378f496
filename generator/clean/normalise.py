"""Entities and whitespace: every cleaner decodes text the same way before it reads it."""

from __future__ import annotations

import html

from . import furniture as F


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
