"""Each article's full text and page body, kept out of memory until the article's own page is made.

An article's blocks and its page body (Markdown and HTML) are four fifths of its bytes, and only its own two pages
(index.md and index.html) read them: topic, people, archive and feed pages need the extracted fields only. So the
per-article stage caches them apart from the article (`ArticleText`, under `text_key`), the build holds articles
without their blocks, and `PageBodies` fetches a body when a page is actually made. At 10,000 articles this is the
difference between holding ~520 MB of articles and ~140 MB; a one-change rebuild reads one body, not 10,000.

A body read from the cache is named in the page's fingerprint (see generator.memo) by its cache key, which the
cache defines as a hash of everything the body is made from; a body held in memory is named by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .errors import BuildError
from .memo import ReadOf
from .models import Block

# The heading of a page body's last section, the article's own text: `pages.page_body` writes it, and
# `render.article_body` finds it to keep the sections before it out of the search index.
FULL_TEXT_HEADING = "Full text"


@dataclass(frozen=True)
class ArticleText:
    """The bulk of one article: its cleaned blocks and its page body, as Markdown and as HTML ("" when not yet
    converted: the renderer converts it), and its summary page's `pages.extracted_front_matter` ("" when not yet
    made: the page makes it)."""

    blocks: tuple[Block, ...]
    body: str
    body_html: str = ""
    front: str = ""


def text_key(article_key: str) -> str:
    """Where the cache keeps the ArticleText of the article cached under article_key."""
    return article_key + "-text"


def read_name(path: str) -> str:
    """The name under which a page's reads record the body of the article at `path` (no slug has a colon)."""
    return "body:" + path


class PageBodies:
    """Article bodies by source path: held in memory, or referred to by cache key and read through `load` when wanted."""

    def __init__(self, load: Callable[[str], object] | None = None) -> None:
        self._load = load
        self._held: dict[str, ArticleText] = {}
        self._keys: dict[str, str] = {}

    def hold(self, path: str, text: ArticleText) -> None:
        self._held[path] = text
        self._keys.pop(path, None)

    def refer(self, path: str, article_key: str) -> None:
        """The body of `path` is in the cache, beside the article cached under article_key."""
        if self._load is None:
            raise ValueError("PageBodies without a loader cannot refer to cached bodies")
        self._keys[path] = article_key
        self._held.pop(path, None)

    def __contains__(self, path: object) -> bool:
        return path in self._held or path in self._keys

    def cache_key(self, path: str) -> str | None:
        """The cache key of the article whose body `path` refers to, None for a body held (or none)."""
        return self._keys.get(path) or None

    def token(self, path: str) -> object:
        """What stands for the body in a page's fingerprint: its cache key, or the held body itself."""
        key = self._keys.get(path)
        if key is not None:
            return ("cached", key)
        held = self._held.get(path)
        return None if held is None else (held.body, held.body_html)

    def read(self, path: str) -> ReadOf:
        """The body as a part of a page that shows it (`token`, under `read_name`): the page memo then knows the
        page read the body, and keeps the pages that list the article but not its text when the text alone changed."""
        return ReadOf(read_name(path), self.token(path))

    def get(self, path: str) -> ArticleText | None:
        """The body of `path`, None when it has none. A cached body gone since the build read its article (the
        cache folder emptied mid-build) fails the build rather than make a page without it."""
        key = self._keys.get(path)
        if key is None:
            return self._held.get(path)
        assert self._load is not None
        text = self._load(text_key(key))
        if not isinstance(text, ArticleText):
            raise BuildError(f"the cached text of {path} went missing during the build; build again")
        return text
