"""Clean: a decoded Source -> Document, the story as blocks with the page furniture dropped.

One cleaner per kind of input (plaintext, html, markdown); this dispatcher is what the pipeline and CLI call.
Constants live in furniture.py so the heuristics read as a table.
"""

from __future__ import annotations

from ..errors import SourceError
from ..models import Document, Source
from .html import clean_html, html_stated
from .markdown import clean_markdown
from .normalise import normalise_line, unescape_all
from .plaintext import NO_STORY, clean_text
from .stated import parse_stated_date, read_header

__all__ = [
    "NO_STORY", "clean", "clean_html", "clean_markdown", "clean_text", "html_stated", "normalise_line",
    "parse_stated_date", "read_header", "unescape_all",
]


def clean(source: Source) -> Document:
    """Clean one decoded source into a Document; SourceError when no story text remains."""
    cleaners = {"text": clean_text, "html": clean_html, "markdown": clean_markdown}
    document = cleaners[source.kind](source)
    if not document.blocks:
        raise SourceError(source.source_path, NO_STORY)
    return document
