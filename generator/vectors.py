"""Article vectors for grouping: TF-IDF over the text (words and word pairs), the entities, and the years.

One sparse row per article, in three blocks whose dot products add up to a weighted similarity:

    similarity(a, b) = W_TEXT * cos(text) + W_ENTITIES * cos(entities) + W_TIME * cos(years)

so a whole collection's similarities are one sparse matrix product (scipy), and a new article is compared with a
fitted collection without refitting (`Space.embed` ignores terms the collection never saw).
Word pairs matter: two earthquakes share "earthquake" but not "magnitude 6.1" or the town's name.

The per-article dictionaries (`text_terms`, `word_terms`) define the terms and embed a new article; a whole
collection is fitted with array operations instead (`text_vectors`, `word_vectors` over `article_words.Tokens`):
each article's words are read once, as integer ids, and counted by sorting, to the same vocabulary and the same
rows, bit for bit. A caller that reads the words once (`Tokens.of`, or `Tokens.from_words` of `article_words` kept
per article) can pass them to both topics and sections.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from .article_words import LEAD_WORDS, Tokens, lead_text, tokens
from .models import Article
from .names import name_key
from .text import match_key

# Shares of the similarity: the text carries the story; entities and years tell apart two stories of one kind.
W_TEXT, W_ENTITIES, W_TIME = 0.6, 0.3, 0.1
# A term seen in one article only can never make two articles alike, and left in it only dilutes the rest: leave
# it out of the vocabulary, once a collection is large enough for document frequencies to mean something.
MIN_DF = 2
SMALL_COLLECTION = 30  # below this many articles every term is kept
# The heaviest terms of each article's text (by TF-IDF) stand for it: the long tail adds little to a cosine and
# most of the cost of comparing every pair.
TOP_TERMS = 120

_YEAR = re.compile(r"(1[89]|20)\d\d")

Terms = Mapping[str, float]


def text_terms(article: Article) -> Terms:
    """Words and adjacent word pairs of the title and the lead, with sublinear term frequency."""
    words = tokens(f"{article.title}\n{lead_text(article)}")[:LEAD_WORDS]
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return {term: 1.0 + math.log(n) for term, n in counts.items()}


def word_terms(article: Article) -> Terms:
    """Words only (no pairs): the broad vocabulary that tells a section."""
    counts = Counter(tokens("\n".join((article.title, *(b.text for b in article.blocks)))))
    return {term: 1.0 + math.log(n) for term, n in counts.items()}


def entity_terms(article: Article) -> Terms:
    """People (by name key, so "Mr Kim" forms meet), places, organisations and keywords, each once."""
    found: dict[str, float] = {}
    for prefix, values in (
        ("p:", [name_key(p) for p in article.people]),
        ("l:", article.places),
        ("o:", article.organizations),
        ("k:", article.keywords),
    ):
        for value in values:
            key = match_key(value)
            if key:
                found[prefix + key] = 1.0
    return found


def year_terms(article: Article) -> Terms:
    """The years the article is dated in or speaks of: the same kind of event in 2008 and 2011 is two stories."""
    years = {d.value[:4] for d in article.dates if d.type == "DATE" and _YEAR.match(d.value[:4])}
    if article.published and _YEAR.match(article.published[:4]):
        years.add(article.published[:4])
    return {year: 1.0 for year in sorted(years)}  # sorted: the same sums, to the last bit, in every process


def vector_inputs(article: Article, words: tuple[str, int]) -> str:
    """A hash of all that `Space.fit_embed` reads of an article: the title and lead words of its `article_words`
    (`words`), its entity terms and its year terms. A collection's vectors are a function of its articles' inputs
    in order, so grouping keys its clusters by these (generator.full_build) and finds them without fitting, as
    long as no article's lead, entities or years changed. Made in the per-article stage."""
    text, lead = words
    digest = hashlib.blake2b(digest_size=16)
    for part in (" ".join(text.split(" ", lead)[:lead]), *entity_terms(article), "\0", *year_terms(article)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Vocabulary:
    """Terms seen in at least MIN_DF articles, with their column and inverse document frequency."""

    columns: Mapping[str, int]
    idf: np.ndarray
    # When every term is kept (a small collection), an unseen term of a new article would be in the vocabulary of
    # a refit, with this IDF: it counts in that article's length so `embed` agrees with a regroup. None otherwise.
    unseen_idf: float | None = None

    @classmethod
    def fit(cls, documents: Sequence[Terms], min_df: int | None = None) -> "Vocabulary":
        """The vocabulary of a collection; smoothed IDF so a term in every article still weighs a little."""
        if min_df is None:
            min_df = MIN_DF if len(documents) >= SMALL_COLLECTION else 1
        df = Counter(term for doc in documents for term in doc)
        kept = sorted(term for term, n in df.items() if n >= min_df)
        n = len(documents)
        idf = np.array([math.log((n + 1) / (df[t] + 1)) + 1.0 for t in kept], dtype=np.float64)
        unseen = math.log((n + 2) / 2) + 1.0 if min_df <= 1 else None
        return cls({t: i for i, t in enumerate(kept)}, idf, unseen)

    def transform(self, documents: Iterable[Terms], top: int | None = None) -> sparse.csr_matrix:
        """TF-IDF rows of the `top` heaviest known terms, of unit length (all zero when no term is known).
        Terms outside the vocabulary are left out of the length too: measured on ECB+, counting them lowers the
        best B-cubed F1 from 0.93 to 0.90, as an article's own rare words say nothing about which story it is."""
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[float] = []
        get = self.columns.get
        unseen = None if self.unseen_idf is None else -1
        count = 0
        for r, doc in enumerate(documents):
            count += 1
            for term, tf in doc.items():
                c = get(term, unseen)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    tfs.append(tf)
        col = np.asarray(cols, dtype=np.int64)
        idf = np.append(self.idf, self.unseen_idf or 0.0)  # column -1 reads the IDF of unseen terms
        weights = np.asarray(tfs, dtype=np.float64) * idf[col]
        return unit_rows(np.asarray(rows, dtype=np.int64), col, weights, (count, len(self.columns)), top)


def unit_rows(
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    shape: tuple[int, int],
    top: int | None,
    heaviest_first: bool = False,
) -> sparse.csr_matrix:
    """A CSR matrix of the entries, each row cut to its `top` heaviest entries and scaled to unit length.
    `heaviest_first`: the entries come in the order np.lexsort((-weights, rows)) gives (the caller found it faster)."""
    if top is not None and len(rows) and not heaviest_first:
        order = np.argsort(-weights, kind="stable")  # two stable sorts: np.lexsort((-weights, rows)), faster
        order = order[np.argsort(rows[order], kind="stable")]
        rows, cols, weights = rows[order], cols[order], weights[order]
    if top is not None and len(rows):
        keep = _places(rows, shape[0])[1] < top
        rows, cols, weights = rows[keep], cols[keep], weights[keep]
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=shape[0]))
    weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    known = cols >= 0  # column -1: unseen terms, counted in the length but never stored
    rows, cols, weights = rows[known], cols[known], weights[known]
    matrix = sparse.csr_matrix((weights, (rows, cols)), shape=shape)
    matrix.sort_indices()
    return matrix


def _places(rows: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """For entries by ascending row: where each of the n rows begins, and each entry's place in its row."""
    begin = np.searchsorted(rows, np.arange(n + 1))
    place = np.arange(len(rows), dtype=np.int32 if len(rows) < 2**31 else np.int64)  # half the bytes when it can
    place -= begin[rows]
    return begin, place


def _new_runs(values: np.ndarray) -> np.ndarray:
    """Where a sorted array's runs of equal values start."""
    return np.concatenate(([True], values[1:] != values[:-1])) if len(values) else np.zeros(0, dtype=bool)


# Entries (a term met in a row) counted at once. A collection with more is fitted in runs of rows: document
# frequencies are summed over the runs, then each run's rows are weighted with the whole collection's IDF, so the
# arrays of entries that set grouping's peak memory stay this size (~64 MiB each) at any collection size. 10,000
# articles' text has ~5 million entries: one run, counted once.
CHUNK_ENTRIES = 1 << 23

Entries = Callable[[int, int], tuple[np.ndarray, np.ndarray]]  # rows lo to hi -> (row from 0, term key) of each
KeyCounts = tuple[np.ndarray, np.ndarray]  # distinct term keys, ascending, and a count of each


@dataclass
class _Pairs:
    """Each (term, row) of some rows once, ordered by term key then row, with where it is first read and how often."""

    key: np.ndarray  # int64 term key (after `locate`, its place among the collection's keys)
    row: np.ndarray  # row, from 0 at the first row of the run
    first: np.ndarray  # the entry (in reading order, from 0) that first meets the term in the row
    count: np.ndarray
    begin: np.ndarray  # where each row's entries begin
    size: int  # entries

    def document_frequencies(self) -> KeyCounts:
        """The distinct term keys (ascending) and how many rows each is in."""
        start = np.flatnonzero(_new_runs(self.key))
        return self.key[start], np.diff(np.append(start, len(self.key)))

    def locate(self, keys: np.ndarray) -> None:
        """Each pair's key replaced by its place among `keys` (ascending, holding every key of the pairs)."""
        self.key = np.searchsorted(keys, self.key)

    def handed_over(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The key, row, first and count arrays, no longer held here, so the receiver frees each one as it replaces
        it: the peak of grouping is in weighing the pairs."""
        arrays = self.key, self.row, self.first, self.count
        self.key = self.row = self.first = self.count = np.zeros(0, dtype=np.int64)
        return arrays


def _pairs(entries: Entries, lo: int, hi: int) -> _Pairs:
    """The (term, row) pairs of rows lo to hi, whose entries (in reading order, rows ascending) are made here, so
    they are freed as soon as they are counted. One sort of (term, row, place in row) codes counts each term in each
    row and the rows of each term."""
    n = hi - lo
    rows, keys = entries(lo, hi)
    size = len(rows)
    begin, place = _places(rows, n)
    place_bits, row_bits = int(place.max(initial=0)).bit_length(), max(n - 1, 0).bit_length()
    original = None
    if int(keys.max(initial=0)).bit_length() + row_bits + place_bits > 62:  # number the keys densely instead
        original, keys = np.unique(keys, return_inverse=True)
        keys = keys.reshape(-1)
    keys <<= row_bits + place_bits  # in place: `entries` made the array for this call alone
    codes = keys
    del keys
    rows <<= place_bits
    codes |= rows
    del rows
    codes |= place
    del place
    codes.sort()
    start = np.flatnonzero(_new_runs(codes >> place_bits))  # each (term, row) once
    count = np.diff(np.append(start, size))
    codes = codes[start]
    pair = codes >> place_bits
    key, row = pair >> row_bits, pair & ((1 << row_bits) - 1)
    first = begin[row] + (codes & ((1 << place_bits) - 1))  # where the pair first occurs in reading order
    del codes, pair, start
    # The per-pair arrays live on to the peak of `_weighed`: int32 where their values allow, half the memory of int64.
    row, first, count = _narrow(row, n), _narrow(first, size), _narrow(count, size)
    return _Pairs(key if original is None else original[key], row, first, count, begin, size)


def _chunk_bounds(sizes: np.ndarray) -> list[int]:
    """Row bounds of runs of at most CHUNK_ENTRIES entries (a row with more is a run of its own)."""
    ends = np.cumsum(sizes)
    bounds = [0]
    while bounds[-1] < len(sizes):
        done = int(ends[bounds[-1] - 1]) if bounds[-1] else 0
        bounds.append(max(int(np.searchsorted(ends, done + CHUNK_ENTRIES, side="right")), bounds[-1] + 1))
    return bounds


def _merged(known: KeyCounts | None, more: KeyCounts) -> KeyCounts:
    """Two key counts summed into one."""
    if known is None:
        return more
    keys = np.concatenate((known[0], more[0]))
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    start = np.flatnonzero(_new_runs(keys))
    return keys[start], np.add.reduceat(np.concatenate((known[1], more[1]))[order], start)


def _fit_counts(
    sizes: np.ndarray, entries: Entries, term_of: Callable[[int], str], top: int | None
) -> tuple[Vocabulary, sparse.csr_matrix]:
    """`Vocabulary.fit` then `transform` of n documents given as (row, integer term key) entries in reading order,
    rows ascending, with array operations; the same vocabulary (columns by sorted term), weights and rows.
    `sizes`: each row's number of entries; `entries(lo, hi)`: the entries of rows lo to hi (rows from 0), made on
    demand so they are freed as soon as they are counted. Above CHUNK_ENTRIES entries the rows are counted in runs,
    twice: once for the document frequencies, once for the weights."""
    n = len(sizes)
    min_df = MIN_DF if n >= SMALL_COLLECTION else 1
    bounds = _chunk_bounds(sizes)
    kept_pairs: _Pairs | None = None
    counted: KeyCounts | None = None
    for lo, hi in zip(bounds, bounds[1:]):
        pairs = _pairs(entries, lo, hi)
        counted = _merged(counted, pairs.document_frequencies())
        if len(bounds) == 2:
            kept_pairs = pairs  # one run: weigh the pairs just counted
        del pairs
    keys, df = counted if counted is not None else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    del counted
    df = _narrow(df, n + 1)

    kept = np.flatnonzero(df >= min_df)
    terms = [term_of(k) for k in keys[kept].tolist()]
    order = sorted(range(len(terms)), key=terms.__getitem__)
    column = np.full(len(df), -1, dtype=np.int32 if len(df) < 2**31 else np.int64)
    column[kept[order]] = np.arange(len(order))
    idf_of = {d: math.log((n + 1) / (d + 1)) + 1.0 for d in set(df[kept].tolist())}
    idf = np.array([idf_of[d] for d in df[kept[order]].tolist()], dtype=np.float64)
    unseen = math.log((n + 2) / 2) + 1.0 if min_df <= 1 else None
    vocabulary = Vocabulary({terms[i]: c for c, i in enumerate(order)}, idf, unseen)
    del kept, order, terms

    parts = []
    for lo, hi in zip(bounds, bounds[1:]):
        pairs = kept_pairs if kept_pairs is not None else _pairs(entries, lo, hi)
        kept_pairs = None
        pairs.locate(keys)
        if hi == n:
            del keys  # before the last run's peak
        parts.append(_weighed(pairs, column, df, idf, idf_of, (hi - lo, len(idf)), top))
        del pairs
    if len(parts) == 1:
        return vocabulary, parts[0]
    return vocabulary, sparse.vstack(parts or [sparse.csr_matrix((0, len(idf)))], format="csr")


def _weighed(
    pairs: _Pairs,
    column: np.ndarray,
    df: np.ndarray,
    idf: np.ndarray,
    idf_of: Mapping[int, float],
    shape: tuple[int, int],
    top: int | None,
) -> sparse.csr_matrix:
    """The unit TF-IDF rows of counted pairs whose keys are `locate`d among the collection's term keys, given each
    term's column (-1: not in the vocabulary) and document frequency."""
    # `transform` meets each row's terms in reading order, which decides ties at the top and the order of sums.
    term, row, first, count = pairs.handed_over()
    cols = column[term]
    known = cols >= 0
    # One array at a time, each freeing the one it replaces: the peak of grouping 10,000 articles is here.
    row = row[known]
    cols = cols[known]
    count = count[known]
    first = first[known]
    df = df[term[known]]
    del known, term
    tf = np.array([0.0] + [1.0 + math.log(c) for c in range(1, int(count.max(initial=0)) + 1)])
    weights = tf[count] * idf[cols]
    # The entry at each reading position that first meets a term (int32 when the entries' count allows: the same
    # indices in half the memory).
    at = np.full(pairs.size, -1, dtype=np.int32 if len(first) < 2**31 else np.int64)
    at[first] = np.arange(len(first))
    if top is None:
        order = at[at >= 0]
        del at, first, count, df
        return unit_rows(row[order], cols[order], weights[order], shape, None)
    heaviest = at[_heaviest_first(row, first, pairs.begin, count, df, tf, idf_of)]
    del at, first, count, df
    row = row[heaviest]
    cols = cols[heaviest]
    weights = weights[heaviest]
    del heaviest
    return unit_rows(row, cols, weights, shape, top, heaviest_first=True)


def _narrow(values: np.ndarray, bound: int) -> np.ndarray:
    """The values (all below `bound`) as int32 when that holds them."""
    return values.astype(np.int32) if bound < 2**31 else values


def _heaviest_first(
    rows: np.ndarray,
    first: np.ndarray,
    begin: np.ndarray,
    count: np.ndarray,
    df: np.ndarray,
    tf: np.ndarray,
    idf_of: Mapping[int, float],
) -> np.ndarray:
    """The reading positions `first` of entries (row, weight tf[count] * idf_of[df]) in the order of
    np.lexsort((-weights, rows)) with ties by position, by one integer sort: a weight's rank among the few distinct
    (count, df) weights stands for it."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    dfs = np.array(sorted(idf_of))
    column_of = np.zeros(int(dfs[-1]) + 1, dtype=np.int64)
    column_of[dfs] = np.arange(len(dfs))
    table = tf[:, None] * np.array([idf_of[d] for d in dfs.tolist()])[None, :]  # the same products as the weights
    values, rank = np.unique(table, return_inverse=True)
    lightness = len(values) - 1 - rank.reshape(-1)[count * len(dfs) + column_of[df]]
    rank_bits = (len(values) - 1).bit_length()
    codes = rows.astype(np.int64)  # built in place: each step of `((rows << r | lightness) << p) | place` is an array
    codes <<= rank_bits
    codes |= lightness
    del lightness  # before `place` is made: one array of entries fewer at grouping's peak
    place = first - begin[rows]
    place_bits = int(place.max()).bit_length()
    codes <<= place_bits
    codes |= place
    del place
    codes.sort()
    positions = codes & ((1 << place_bits) - 1)
    codes >>= rank_bits + place_bits  # in place: the rows; fewer arrays of entries at once at grouping's peak
    positions += begin[codes]
    return positions


def text_vectors(tokens: Tokens) -> tuple[Vocabulary, sparse.csr_matrix]:
    """The text block of a collection (`text_terms` of each article): its vocabulary and unit rows."""
    size = len(tokens.words)

    def term_of(key: int) -> str:
        if key < size:
            return tokens.words[key]
        first, second = divmod(key - size, size)
        return f"{tokens.words[first]} {tokens.words[second]}"

    sizes = tokens.lead + np.maximum(tokens.lead - 1, 0)  # the words, then the pairs
    return _fit_counts(sizes, lambda lo, hi: _text_entries(tokens.part(lo, hi)), term_of, TOP_TERMS)


def _text_entries(tokens: Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Rows and term keys in the order `text_terms` counts them: each article's lead words (key: the word id), then
    its adjacent word pairs (key: size + first * size + second)."""
    n, size, lead = len(tokens), len(tokens.words), tokens.lead
    offsets = np.concatenate(([0], np.cumsum(lead)))
    words = tokens.ids[np.repeat(tokens.starts[:-1] - offsets[:-1], lead) + np.arange(offsets[-1])].astype(np.int64)
    pairs = np.maximum(lead - 1, 0)
    begin = np.concatenate(([0], np.cumsum(lead + pairs)))
    keys = np.empty(int(begin[-1]), dtype=np.int64)
    at = np.repeat(begin[:-1] - offsets[:-1], lead) + np.arange(offsets[-1])  # where each word goes
    keys[at] = words
    paired = np.ones(len(words), dtype=bool)  # every word but an article's last starts a pair
    paired[offsets[1:][lead > 0] - 1] = False
    first = np.flatnonzero(paired)
    del paired
    bigram = words[first]
    bigram *= size
    bigram += size
    bigram += words[first + 1]
    at = at[first]
    at += np.repeat(lead, lead)[first]  # an article's pairs follow its words
    keys[at] = bigram
    return np.repeat(np.arange(n, dtype=np.int64), lead + pairs), keys


def word_vectors(tokens: Tokens) -> tuple[Vocabulary, sparse.csr_matrix]:
    """The words of a collection (`word_terms` of each article): their vocabulary and unit TF-IDF rows."""
    def entries(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        part = tokens.part(lo, hi)
        return np.repeat(np.arange(len(part), dtype=np.int64), np.diff(part.starts)), part.ids.astype(np.int64)

    return _fit_counts(np.diff(tokens.starts), entries, tokens.words.__getitem__, None)


def _fit_sets(documents: Sequence[Terms]) -> tuple[Vocabulary, sparse.csr_matrix]:
    """`Vocabulary.fit` then `transform` of documents whose terms all weigh 1 (the entity and year blocks)."""
    index: dict[str, int] = {}
    keys = [index.setdefault(term, len(index)) for document in documents for term in document]
    names = list(index)

    sizes = np.array([len(document) for document in documents], dtype=np.int64)
    ends = np.concatenate(([0], np.cumsum(sizes)))

    def entries(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        rows = np.repeat(np.arange(hi - lo, dtype=np.int64), sizes[lo:hi])
        return rows, np.asarray(keys[ends[lo] : ends[hi]], dtype=np.int64)

    return _fit_counts(sizes, entries, names.__getitem__, None)


_BLOCKS: tuple[tuple[Callable[[Article], Terms], float, int | None], ...] = (
    (text_terms, W_TEXT, TOP_TERMS),
    (entity_terms, W_ENTITIES, None),
    (year_terms, W_TIME, None),
)


@dataclass(frozen=True)
class Space:
    """A fitted vector space: one vocabulary per block. Dot products of its rows are weighted similarities."""

    vocabularies: tuple[Vocabulary, ...]

    @classmethod
    def fit(cls, articles: Sequence[Article]) -> "Space":
        """Fit the vocabularies on a collection."""
        return cls.fit_embed(articles)[0]

    @classmethod
    def fit_embed(cls, articles: Sequence[Article], tokens: Tokens | None = None) -> tuple["Space", sparse.csr_matrix]:
        """Fit on a collection and embed it, reading each article once (`tokens`: the articles', if at hand)."""
        fitted = [text_vectors(Tokens.of(articles) if tokens is None else tokens)]
        fitted += [_fit_sets([terms(a) for a in articles]) for terms, _, _ in _BLOCKS[1:]]  # no top: all terms
        blocks = [rows * math.sqrt(weight) for (_, rows), (_, weight, _) in zip(fitted, _BLOCKS)]
        return cls(tuple(vocabulary for vocabulary, _ in fitted)), sparse.hstack(blocks, format="csr")

    def embed(self, articles: Sequence[Article]) -> sparse.csr_matrix:
        """One row per article; row dot row is the weighted similarity in [0, 1]."""
        documents = [[terms(a) for a in articles] for terms, _, _ in _BLOCKS]
        blocks = [
            vocab.transform(docs, top) * math.sqrt(weight)
            for vocab, docs, (_, weight, top) in zip(self.vocabularies, documents, _BLOCKS)
        ]
        return sparse.hstack(blocks, format="csr")


def embed_words(articles: Sequence[Article], tokens: Tokens | None = None) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows over words, fitted on the articles themselves (for sections)."""
    return word_vectors(Tokens.of(articles) if tokens is None else tokens)[1]
