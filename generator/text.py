"""Shared string helpers: slugs, sentence splitting, matching keys. A leaf module: it imports nothing of ours."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt maj adm cmdr st jr sr rev hon pres supt insp
    no nos vs etc inc ltd corp co bros dept univ est approx fig jan feb mar apr jun jul aug sep sept oct nov dec
    mt ft ave blvd rd u.s u.k u.n e.g i.e a.m p.m""".split()
)

WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))]
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T)")
_SENTENCE_END = re.compile(r"""([.!?]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_SPACE = re.compile(r"[\s_-]+")
WORD_CHARACTER = r"[\w’'-]"  # what `words` reads a word of (the timeline its long words)
_WORD = re.compile(WORD_CHARACTER + "+")
_QUOTE_FOLD = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"))


def slugify(text: str, max_length: int = 80) -> str:
    """A lowercase ASCII slug: 'N Korea and US in diplomacy push' -> 'n-korea-and-us-in-diplomacy-push'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_SPACE.sub("-", _SLUG_DROP.sub("", ascii_text.lower())).strip("-")
    if len(words) > max_length:
        words = words[:max_length].rsplit("-", 1)[0] or words[:max_length]
    words = words.strip("-")
    # A folder named CON or NUL cannot be checked out on Windows.
    return f"{words}-page" if words in WINDOWS_RESERVED else words


def fold_quotes(text: str) -> str:
    """Straight quotes for curly ones, so matching is insensitive to typography."""
    # isascii() reads a flag CPython keeps on every string; str.replace scans in C, where translate() with a table
    # looks up every character in Python objects (~90 us for a 5 KB article, x10,000 articles per build).
    if text.isascii():
        return text
    for curly, straight in _QUOTE_FOLD:
        text = text.replace(curly, straight)
    return text


def match_key(text: str) -> str:
    """A key for comparing strings regardless of case, quote style and spacing."""
    return " ".join(fold_quotes(text).casefold().split())


def words(text: str) -> list[str]:
    """Word tokens, apostrophes and hyphens kept inside words."""
    return _WORD.findall(text)


def _ends_with_abbreviation(chunk: str) -> bool:
    parts = chunk.rstrip(".!?\"'”’)]").rsplit(None, 1)
    last = parts[-1] if parts else ""
    token = last.lower().rstrip(".")
    if token in ABBREVIATIONS:
        return True
    # A single capital initial ("Stephen W. Bosworth") does not end a sentence.
    return len(token) == 1 and last[:1].isupper() and chunk.rstrip().endswith(".")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping closing quotes with their sentence and abbreviations intact."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        candidate = text[start:end]
        if match.group(1).startswith(".") and _ends_with_abbreviation(candidate):
            continue
        if candidate.strip():
            sentences.append(candidate.strip())
        start = match.end(2)
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def shorten(text: str, limit: int = 200) -> str:
    """Cut text at a word boundary, with an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"


def display_quote(text: str) -> str:
    """A quote as shown on its own: the comma or colon that led into the attribution dropped."""
    return text.strip().rstrip(",;:").rstrip()


def window(text: str, start: int, end: int, limit: int = 400) -> str:
    """`text` when it is short; else about `limit` characters around text[start:end], cut at spaces, with
    ellipses. Keeps a runaway "sentence" (a scrape without punctuation) from being copied whole."""
    if len(text) <= limit:
        return text
    margin = max(0, (limit - (end - start)) // 2)
    left, right = max(0, start - margin), min(len(text), end + margin)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


@lru_cache(maxsize=1 << 16)  # pages ask it of every article they list (newest date of a topic, a person, a month)
def calendar_parts(value: str | None) -> tuple[str, str | None, str | None] | None:
    """('2006', '11', '28') for '2006-11-28T10:45:00Z', ('2005', None, None) for '2005'; None if not a date."""
    match = _CALENDAR.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    if not month or not 1 <= int(month) <= 12:
        return (year, None, None)
    return (year, month, day if day and 1 <= int(day) <= 31 else None)


def date_label(value: str | None) -> str | None:
    """A reader's date: '28 November 2006', 'October 2006', '2005'; None for values that are not calendar dates."""
    parts = calendar_parts(value)
    if not parts:
        return None
    year, month, day = parts
    if not month:
        return year
    name = f"{MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {name}" if day else name
