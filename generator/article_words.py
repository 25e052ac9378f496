"""The content words of articles, read once: what grouping's vectors (`vectors`) are made of.

`tokens` gives the words of a text; `Tokens` holds a whole collection's words as integer ids, one slice per article
(title and lead first, then the rest of the body), read without a Python object per word, so `vectors` builds a
collection's rows with array operations. `article_words` is one article's words as a small picklable value, for a
caller that keeps them with the article and builds `Tokens.from_words` later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from .models import Article

# News puts the story in the lead (who, what, where, when): the first words of the body tell two stories apart and
# keep a 10,000-article collection fast to compare.
LEAD_WORDS = 250
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'.-]*[a-z0-9]|[a-z0-9]")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it it's its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own said same says say she should so some such
    than that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours mr mrs ms one two
    new told according year years last first week""".split()
)
def tokens(text: str) -> list[str]:
    """Lower-cased content words of a text (numbers kept: "6.1" and "2008" tell stories apart)."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS and (len(t) > 2 or t.isdigit())]


def lead_text(article: Article) -> str:
    """The title's companion text: the body's first blocks, enough for LEAD_WORDS content words."""
    return "\n".join(b.text for b in article.blocks[: _lead_blocks(article)])


def _lead_blocks(article: Article) -> int:
    """How many of the body's first blocks make the lead."""
    size = 0
    for count, block in enumerate(article.blocks, 1):
        size += block.text.count(" ") + 1
        if size > 2 * LEAD_WORDS:
            return count
    return len(article.blocks)


# `tokens` without a regex: a token is a run of these characters with its leading and trailing ' . - stripped (what
# the pattern's greedy match from the first letter or digit to the last one of the run amounts to).
_RUN_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789'.-")
_RUNS = bytes(b if b in _RUN_CHARS else 32 for b in range(256))


def _runs(text: str) -> list[bytes]:
    """The character runs `tokens` reads its words from (non-ASCII letters end a run, as in the pattern)."""
    return text.lower().encode("ascii", "replace").translate(_RUNS).split()


def _head_tail(article: Article) -> tuple[str, str]:
    """The title and lead (what `text_terms` reads) and the rest of the body (`word_terms` reads both)."""
    cut = _lead_blocks(article)
    lead, rest = article.blocks[:cut], article.blocks[cut:]
    return "\n".join((article.title, *(b.text for b in lead))), "\n".join(b.text for b in rest)


def _content_word(run: bytes) -> str | None:
    word = run.strip(b"'.-").decode("ascii")
    return word if word and word not in STOPWORDS and (len(word) > 2 or word.isdigit()) else None


def article_words(article: Article) -> tuple[str, int]:
    """An article's content words (`tokens` of its title and body) joined by spaces, and how many of them the text
    block reads (title and lead, at most LEAD_WORDS): small, picklable, worth keeping with the extracted article."""
    head, tail = (tokens(part) for part in _head_tail(article))
    return " ".join(head + tail), min(len(head), LEAD_WORDS)


_CHUNK_PARTS = 1024  # heads and tails of articles tokenised at once (512 articles)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _split_at(words: list[str], lead: int) -> tuple[list[str], list[str]]:
    return words[:lead], words[lead:]


@dataclass(frozen=True, eq=False)  # arrays: compare their fields, not the objects
class Tokens:
    """The content words of a collection as integer ids, one slice per article: what `tokens` gives, without a
    Python object per word, so a collection's vectors are built with array operations."""

    words: tuple[str, ...]  # id -> word
    ids: np.ndarray  # word ids, article after article, in reading order
    starts: np.ndarray  # article i reads ids[starts[i] : starts[i + 1]]
    lead: np.ndarray  # how many of article i's words the text block reads (title and lead, at most LEAD_WORDS)

    @classmethod
    def of(cls, articles: Sequence[Article]) -> "Tokens":
        """Tokenise every article's title and body once."""
        return cls._interned((_runs(part) for article in articles for part in _head_tail(article)), _content_word)

    @classmethod
    def from_words(cls, words: Sequence[tuple[str, int]]) -> "Tokens":
        """The collection of articles whose `article_words` are given (kept from an earlier build)."""
        parts = (part for text, lead in words for part in _split_at(text.split(), lead))
        return cls._interned(parts, lambda word: word)

    @classmethod
    def joined(cls, runs: Iterable["Tokens"]) -> "Tokens":
        """The collection made of consecutive runs of its articles, each run `from_words` of its own: equal to
        `from_words` of all the articles, array for array, since both number the words in the order they are first
        read. A caller that keeps the runs tokenises again only the run an edited article is in."""
        vocabulary: dict[str, int] = {}
        ids, starts, lead, offset = [], [np.zeros(1, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], 0
        for run in runs:
            renumber = np.fromiter((vocabulary.setdefault(word, len(vocabulary)) for word in run.words), np.int32,
                                   len(run.words))
            ids.append(renumber[run.ids])
            starts.append(run.starts[1:] + offset)
            lead.append(run.lead)
            offset += int(run.starts[-1])
        return cls(tuple(vocabulary), np.concatenate(ids or [np.zeros(0, np.int32)]), np.concatenate(starts),
                   np.concatenate(lead))

    @classmethod
    def _interned(cls, parts: Iterable[list], word_of: Callable) -> "Tokens":
        """Ids for the runs of each article's head then tail; runs that are no content word (`word_of` gives None)
        are dropped. Each distinct run is looked at once; the runs are read _CHUNK_PARTS parts at a time, so
        there are never many of them in memory."""
        index: dict = {}
        canon: list[int] = []
        vocabulary: dict[str, int] = {}
        ids, bounds, total = [], [np.zeros(1, dtype=np.int64)], 0
        for chunk in _chunks(parts, _CHUNK_PARTS):
            runs = [run for part in chunk for run in part]
            for run in dict.fromkeys(runs):
                if run not in index:
                    index[run] = len(canon)
                    word = word_of(run)
                    canon.append(-1 if word is None else vocabulary.setdefault(word, len(vocabulary)))
            found = np.asarray(canon, dtype=np.int32)[np.fromiter(map(index.__getitem__, runs), np.int64, len(runs))]
            kept = np.concatenate(([0], np.cumsum(found >= 0)))  # content words before each run
            bounds.append(total + kept[np.cumsum([len(part) for part in chunk])])
            ids.append(found[found >= 0])
            total += int(kept[-1])
        ends = np.concatenate(bounds)  # article i's head ends at ends[2i + 1], its tail at ends[2i + 2]
        lead = np.minimum(ends[1::2] - ends[0:-1:2], LEAD_WORDS)
        return cls(tuple(vocabulary), np.concatenate(ids or [np.zeros(0, np.int32)]), ends[0::2], lead)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def part(self, lo: int, hi: int) -> "Tokens":
        """The tokens of articles lo to hi, without copying their words."""
        begin, end = int(self.starts[lo]), int(self.starts[hi])
        return Tokens(self.words, self.ids[begin:end], self.starts[lo : hi + 1] - begin, self.lead[lo:hi])

    def take(self, rows: Sequence[int]) -> "Tokens":
        """The tokens of the given articles, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        begin, size = self.starts[rows], self.starts[rows + 1] - self.starts[rows]
        starts = np.concatenate(([0], np.cumsum(size)))
        picked = np.repeat(begin - starts[:-1], size) + np.arange(starts[-1])
        return Tokens(self.words, self.ids[picked], starts, self.lead[rows])
