"""The array-built vectors (`article_words.Tokens`, `text_vectors`, `word_vectors`) against the per-article
dictionaries they replace (`tokens`, `text_terms`, `word_terms`, `Vocabulary`): the same words, vocabulary, weights
and rows, to the bit.

The articles are made up from a small word list with a seeded generator, plus text chosen to trip a tokeniser up.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from scipy import sparse

from generator import article_words as words_module
from generator import vectors
from generator.article_words import LEAD_WORDS, Tokens, article_words, lead_text, tokens
from generator.models import Article, Block
from generator.vectors import (
    _BLOCKS,
    TOP_TERMS,
    Space,
    Vocabulary,
    text_terms,
    text_vectors,
    word_terms,
    word_vectors,
)

WORDS = """harbour wall ferry pier council mayor storm flood river bridge rescue teams market town valley quake
    magnitude 6.1 2008 2011 minister election vote shares profits bank striker goal season league""".split()
TRICKY = (
    "U.S. officials -- and 'quoted' words' -- said: well-known co-op's 3.5% rise ... e-mail; "
    "Ünïcode naïve café İstanbul Kelvin \u212a K-9 state-of-the-art 1990s '90s x- -y .net a.b.c 6.1.",
    "Mr O'Neill's rock'n'roll; THE End. The, the; it's IT'S 10,000 and 2,5 -- 'single' \"double\"",
)


NAMES = ["Ilse Marten", "Tomas Okri", "Joel Amsel", "Mr Okri", "Dorsk", "Calder Sound", "Larkin Foods", "NASA"]


def _article(i: int, title: str, paragraphs: list[str]) -> Article:
    rng = random.Random(i)
    people, places, organisations, keywords = (tuple(rng.sample(NAMES, rng.randint(0, 3))) for _ in range(4))
    return Article(
        f"a{i:03d}.md", "markdown", f"a{i:03d}", title, False, None, None, None, f"{rng.choice([2008, 2011])}-03-05",
        None, (), (), (), people, places, organisations, keywords, tuple(Block("paragraph", p) for p in paragraphs),
    )


def _collection(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(5, 160))) for _ in range(rng.randint(0, 9))]
        if i % 3 == 0:
            paragraphs.insert(rng.randint(0, len(paragraphs)), TRICKY[i % 2])
        articles.append(_article(i, " ".join(rng.choices(WORDS, k=6)), paragraphs))
    return articles


def _words_of(collection: Tokens, i: int) -> list[str]:
    return [collection.words[w] for w in collection.ids[collection.starts[i] : collection.starts[i + 1]]]


def test_tokens_read_the_words_the_pattern_reads() -> None:
    articles = [*_collection(12), _article(99, "Empty", []), _article(98, TRICKY[0], [TRICKY[1]])]
    collection = Tokens.of(articles)
    for i, article in enumerate(articles):
        everything = tokens("\n".join((article.title, *(b.text for b in article.blocks))))
        assert _words_of(collection, i) == everything
        assert collection.lead[i] == min(LEAD_WORDS, len(tokens(f"{article.title}\n{lead_text(article)}")))


@pytest.mark.parametrize("n", [1, 5, 40])  # below and above SMALL_COLLECTION: every term kept, or MIN_DF
def test_array_vectors_equal_the_dictionary_ones(n: int) -> None:
    articles = _collection(n)
    collection = Tokens.of(articles)
    for fitted, terms, top in ((text_vectors, text_terms, TOP_TERMS), (word_vectors, word_terms, None)):
        vocabulary, rows = fitted(collection)
        documents = [terms(a) for a in articles]
        expected = Vocabulary.fit(documents)
        assert vocabulary.columns == expected.columns
        assert np.array_equal(vocabulary.idf, expected.idf)
        assert vocabulary.unseen_idf == expected.unseen_idf
        want = expected.transform(documents, top)
        assert np.array_equal(rows.indptr, want.indptr) and np.array_equal(rows.indices, want.indices)
        assert np.array_equal(rows.data, want.data)


def test_words_kept_with_the_article_give_the_same_tokens() -> None:
    articles = _collection(20)
    direct, kept = Tokens.of(articles), Tokens.from_words([article_words(a) for a in articles])
    assert np.array_equal(direct.lead, kept.lead) and np.array_equal(direct.starts, kept.starts)
    assert [_words_of(direct, i) for i in range(20)] == [_words_of(kept, i) for i in range(20)]


@pytest.mark.parametrize("cuts", [(), (1,), (7, 8, 13), (0, 20), (5, 5, 19)])
def test_runs_joined_equal_the_collection_read_at_once(cuts: tuple[int, ...]) -> None:
    articles = [*_collection(19), _article(96, TRICKY[1], [TRICKY[0]])]
    kept = [article_words(a) for a in articles]
    bounds = [0, *cuts, len(kept)]
    joined = Tokens.joined(Tokens.from_words(kept[a:b]) for a, b in zip(bounds, bounds[1:]))
    whole = Tokens.from_words(kept)
    assert joined.words == whole.words  # the same ids for the same words, not only the same words
    for name in ("ids", "starts", "lead"):
        mine, theirs = getattr(joined, name), getattr(whole, name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name
    assert len(Tokens.joined([])) == 0 and Tokens.joined([]).ids.dtype == whole.ids.dtype


def test_take_picks_articles_in_the_order_asked() -> None:
    articles = _collection(10)
    picked = Tokens.of(articles).take([7, 2, 2, 0])
    alone = Tokens.of([articles[i] for i in (7, 2, 2, 0)])
    assert np.array_equal(picked.lead, alone.lead) and np.array_equal(picked.starts, alone.starts)
    assert [_words_of(picked, i) for i in range(4)] == [_words_of(alone, i) for i in range(4)]
    assert len(Tokens.of([])) == 0 and text_vectors(Tokens.of([]))[1].shape == (0, 0)


def test_reading_in_chunks_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [*_collection(9), _article(97, "", [])]
    whole = Tokens.of(articles)
    monkeypatch.setattr(words_module, "_CHUNK_PARTS", 3)  # an article's head and tail in different chunks
    chunked = Tokens.of(articles)
    assert np.array_equal(whole.lead, chunked.lead) and np.array_equal(whole.starts, chunked.starts)
    assert [_words_of(whole, i) for i in range(10)] == [_words_of(chunked, i) for i in range(10)]


@pytest.mark.parametrize("n", [3, 40])
def test_a_fitted_space_equals_its_blocks_fitted_one_by_one(n: int) -> None:
    articles = _collection(n)
    space, rows = Space.fit_embed(articles)
    blocks = []
    for vocabulary, (terms, weight, top) in zip(space.vocabularies, _BLOCKS):
        documents = [terms(a) for a in articles]
        expected = Vocabulary.fit(documents)
        assert vocabulary.columns == expected.columns and np.array_equal(vocabulary.idf, expected.idf)
        blocks.append(expected.transform(documents, top) * math.sqrt(weight))
    want = sparse.hstack(blocks, format="csr")
    assert np.array_equal(rows.indices, want.indices) and np.array_equal(rows.data, want.data)
    assert np.array_equal(space.embed(articles[:2]).toarray(), rows[:2].toarray())


def test_huge_term_keys_are_numbered_densely_first() -> None:
    big = 2**55  # with the row and place bits, more than an int64 code holds
    rows = [0, 0, 0, 1, 1, 1, 2]
    keys = [big + 1, big + 1, 7, big + 3, big + 1, 7, 7]
    vocabulary, fitted = vectors._fit_counts(
        np.bincount(rows), lambda lo, hi: (np.array(rows, dtype=np.int64), np.array(keys, dtype=np.int64)), str, None
    )
    documents: list[dict[str, float]] = [{}, {}, {}]
    for row, key in zip(rows, keys):
        documents[row][str(key)] = 1.0 + math.log(sum(1 for r, k in zip(rows, keys) if (r, k) == (row, key)))
    expected = Vocabulary.fit(documents)
    assert vocabulary.columns == expected.columns and np.array_equal(vocabulary.idf, expected.idf)
    assert np.array_equal(fitted.toarray(), expected.transform(documents).toarray())


@pytest.mark.parametrize("limit", [1, 97, 600])  # every row a run; runs of a few rows; rows split unevenly
def test_fitting_in_runs_of_rows_changes_nothing(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    articles = [*_collection(45), _article(95, "", []), _article(94, TRICKY[0], [TRICKY[1]])]
    collection = Tokens.of(articles)
    whole = [text_vectors(collection), word_vectors(collection), Space.fit_embed(articles, collection)]
    monkeypatch.setattr(vectors, "CHUNK_ENTRIES", limit)
    assert len(vectors._chunk_bounds(collection.lead * 2)) > 3  # the runs are really several
    in_runs = [text_vectors(collection), word_vectors(collection), Space.fit_embed(articles, collection)]
    for (vocabulary, rows), (their_vocabulary, theirs) in zip(in_runs, whole):
        if isinstance(vocabulary, Space):
            vocabulary, their_vocabulary = vocabulary.vocabularies[0], their_vocabulary.vocabularies[0]
        assert vocabulary.columns == their_vocabulary.columns
        assert np.array_equal(vocabulary.idf, their_vocabulary.idf)
        assert rows.shape == theirs.shape and np.array_equal(rows.indptr, theirs.indptr)
        assert np.array_equal(rows.indices, theirs.indices) and np.array_equal(rows.data, theirs.data)
