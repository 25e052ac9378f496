"""The data that flows through the pipeline: data only, no behaviour beyond derived views.

read -> Source -> clean -> Document -> extract -> Article -> group -> Digest

Every type is frozen; a stage returns a new value instead of mutating the one it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Iterator, Literal, Mapping, TypeVar

SourceKind = Literal["text", "html", "markdown"]
BlockKind = Literal["paragraph", "heading", "quote", "list_item"]
PublishedBasis = Literal["stated", "metadata", "inferred"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})
_Class = TypeVar("_Class", bound=type)


def pickled_by_fields(cls: _Class) -> _Class:
    """Pickle a dataclass's instances as their field values, read back through __init__. By default pickle fills an
    instance's __dict__ from a dict it stores, and an instance with a dict of its own takes about twice the memory
    of one __init__ made (whose fields CPython keeps inline): ~60 MB more for the 10,000 articles, 300,000 quotes
    and dates a build reads back from the cache, at no gain in speed."""
    values = attrgetter(*(f.name for f in fields(cls)))  # two or more fields: a tuple

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        return type(self), values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@dataclass(frozen=True)
class Source:
    """One input file, decoded to text but otherwise untouched."""

    source_path: str  # path relative to the content folder, POSIX separators
    kind: SourceKind
    text: str  # the decoded file; for Markdown the body after the front matter
    encoding: str  # the encoding the bytes were decoded with
    front_matter: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)  # Markdown only: the YAML header as given
    mtime: float = 0.0


@dataclass(frozen=True)
class Block:
    """One block of the clean story text."""

    kind: BlockKind
    text: str  # inline text, entities decoded; Markdown inline syntax only for Markdown input
    level: int = 2  # heading level, used when kind == "heading"


@dataclass(frozen=True)
class Stated:
    """What the page itself states about the article (never guessed)."""

    title: str | None = None
    source: str | None = None  # publication name, only when the page names it
    author: str | None = None
    published: str | None = None  # ISO 8601, with time zone when the page gives one
    published_basis: PublishedBasis | None = None  # "stated" (a date line) or "metadata" (meta tags, JSON-LD, front matter)
    topic: str | None = None  # a topic pinned in front matter


@dataclass(frozen=True)
class Document:
    """A cleaned article: the story's blocks plus what the page states about it."""

    source: Source
    blocks: tuple[Block, ...]
    stated: Stated = field(default_factory=Stated)
    removed: tuple[str, ...] = ()  # lines dropped as page furniture, kept for debugging and evaluation

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Texts of the blocks that carry story prose (not headings)."""
        return tuple(b.text for b in self.blocks if b.kind != "heading")


@pickled_by_fields
@dataclass(frozen=True)
class Quote:
    """A direct quote and who said it."""

    text: str  # the exact words inside the quotation marks
    speaker: str | None  # fullest name the article gives, or its description of an unnamed speaker
    speaker_role: str | None = None  # "the American special envoy", when the article gives one
    key: bool = False  # one of the quotes a digest should show
    paragraph: int = 0  # index into Document.blocks of the block holding the quote


@pickled_by_fields
@dataclass(frozen=True)
class DateMention:
    """A temporal expression, normalised to an ISO 8601 (partial) date."""

    text: str  # the expression as written: "9 October", "last year"
    value: str  # "2006-10-09", "2006-10", "2005", or a TIMEX3 value for other types
    sentence: str  # the sentence around it
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"


@pickled_by_fields
@dataclass(frozen=True)
class Article:
    """Everything digest knows about one article after extraction."""

    source_path: str
    kind: SourceKind
    slug: str
    title: str
    title_generated: bool
    source: str | None
    author: str | None
    dateline: str | None
    published: str | None
    published_basis: PublishedBasis | None
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]
    dates: tuple[DateMention, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    organizations: tuple[str, ...]
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    pinned_topic: str | None = None
    mtime: float = 0.0

    @property
    def key_quotes(self) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.key)

    @property
    def body_markdown(self) -> str:
        """The clean full text as Markdown."""
        return blocks_to_markdown(self.blocks)


def blocks_to_markdown(blocks: tuple[Block, ...]) -> str:
    """Render clean blocks as Markdown, one blank line between blocks."""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            parts.append(f"{'#' * max(2, min(block.level, 6))} {block.text}")
        elif block.kind == "quote":
            parts.append("> " + block.text)
        elif block.kind == "list_item":
            parts.append("- " + block.text)
        else:
            parts.append(block.text)
    # Consecutive list items belong to one list: no blank line between them.
    out: list[str] = []
    for i, part in enumerate(parts):
        if i and not (blocks[i].kind == "list_item" and blocks[i - 1].kind == "list_item"):
            out.append("")
        out.append(part)
    return "\n".join(out) + ("\n" if out else "")


@dataclass(frozen=True)
class Topic:
    """A group of articles about one running story."""

    slug: str
    label: str
    article_slugs: tuple[str, ...]  # newest first
    keywords: tuple[str, ...] = ()
    section: str = ""  # slug of the Section the topic belongs to; "" until sections are assigned


@dataclass(frozen=True)
class Section:
    """A broad subject (politics, business, sport, ...) holding whole topics."""

    slug: str
    label: str
    topic_slugs: tuple[str, ...]  # in the order of Digest.topics (newest topic first)


@dataclass(frozen=True)
class Speaker:
    """One person (or described source) quoted across the digest."""

    slug: str
    name: str
    roles: tuple[str, ...]
    quotes: tuple[tuple[str, Quote], ...]  # (article slug, quote), newest article first


@dataclass(frozen=True)
class Problem:
    """A warning or error about one input file, reported on one line."""

    path: str
    message: str
    level: Literal["warning", "error"] = "warning"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Digest:
    """The whole build: articles, topics and speakers, with typed look-ups."""

    articles: tuple[Article, ...]  # newest first
    topics: tuple[Topic, ...]  # newest topic first
    speakers: tuple[Speaker, ...]
    problems: tuple[Problem, ...] = ()
    sections: tuple[Section, ...] = ()  # largest section first
    _by_slug: Mapping[str, Article] = field(default_factory=lambda: _EMPTY, repr=False, compare=False)
    _topic_of: Mapping[str, Topic] = field(default_factory=lambda: _EMPTY, repr=False, compare=False)
    _topic_by_slug: Mapping[str, Topic] = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", MappingProxyType({a.slug: a for a in self.articles}))
        object.__setattr__(self, "_topic_by_slug", MappingProxyType({t.slug: t for t in self.topics}))
        object.__setattr__(
            self,
            "_topic_of",
            MappingProxyType({s: t for t in self.topics for s in t.article_slugs}),
        )

    def article(self, slug: str) -> Article:
        return self._by_slug[slug]

    def has_article(self, slug: str) -> bool:
        return slug in self._by_slug

    def topic(self, slug: str) -> Topic:
        return self._topic_by_slug[slug]

    def topic_of(self, article: Article) -> Topic | None:
        return self._topic_of.get(article.slug)

    def articles_in(self, topic: Topic) -> tuple[Article, ...]:
        return tuple(self._by_slug[s] for s in topic.article_slugs)

    def articles_in_section(self, section: Section) -> tuple[Article, ...]:
        """The section's articles, newest first."""
        slugs = {s for t in section.topic_slugs for s in self._topic_by_slug[t].article_slugs}
        return tuple(a for a in self.articles if a.slug in slugs)

    def warnings(self) -> Iterator[Problem]:
        return (p for p in self.problems if p.level == "warning")
