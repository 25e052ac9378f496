"""Topics and sections through the public functions, on articles that go through the real clean and extract stages.

The articles below are invented for these tests: two earthquakes (the same kind of event, different places and
years, two reports each), a football match and a company's results.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from generator.clean import clean
from generator.config import Config, PinnedTopic
from generator.extract import extract
from generator.models import Article, Source
from generator.read import read_source
from generator.sections import article_sections, assign_sections
from generator.clustering import _merge_groups
from generator.neighbours import strong_pairs
from generator.topics import TopicIndex, group
from generator.article_words import Tokens

from .conftest import BBC_SEED, NYT_SEED, SEEDS

CONFIG = Config(root=Path("/nonexistent-site"))

QUAKE_2008 = (
    "A magnitude 6.1 earthquake struck the mountain town of Varenna Falls on Tuesday, killing at least 14 people "
    "and flattening the old market, the regional governor Ilse Marten said. Rescue teams from Dorsk dug through "
    "the rubble of the Varenna Falls market into the night.\n\n"
    "The Varenna Falls earthquake was the strongest in the valley since 1998, the Dorsk Seismic Institute said. "
    "Governor Marten asked for tents and blankets for families who spent the night outside."
)
QUAKE_2008_B = (
    "Rescuers in Varenna Falls pulled two survivors from the ruins of the market on Wednesday, a day after the "
    "magnitude 6.1 earthquake, governor Ilse Marten said. The death toll rose to 17, the Dorsk Seismic Institute "
    "said.\n\nFamilies in Varenna Falls slept in tents for a second night, and aftershocks shook the valley."
)
QUAKE_2011 = (
    "A magnitude 5.4 earthquake shook the fishing port of Calder Sound on Saturday, cracking the harbour wall and "
    "injuring nine people, the mayor Tomas Okri said. Ferries to Calder Sound were halted while engineers from "
    "the Northern Coast Authority inspected the piers.\n\n"
    "The Calder Sound earthquake of 2011 was felt along the coast, the Northern Coast Authority said."
)
QUAKE_2011_B = (
    "Engineers reopened the Calder Sound ferry pier on Monday, two days after the magnitude 5.4 earthquake that "
    "cracked the harbour wall, mayor Tomas Okri said. The Northern Coast Authority said the nine people injured "
    "in Calder Sound were recovering.\n\nFerries to Calder Sound will run on a reduced timetable this week."
)
MATCH = (
    "Redbridge Rovers beat Halton United 3-1 in the league on Saturday, with striker Joel Amsel scoring twice. "
    "The win lifts Rovers to third in the table and the coach praised his players and the squad's defence.\n\n"
    "Halton's goalkeeper saved a penalty before half-time, but the team could not stop Amsel's second goal. "
    "The championship season resumes after the cup tie next week, the club said."
)
RESULTS = (
    "Shares in Larkin Foods rose 8% after the company reported annual profits of 212m, up from 180m, on strong "
    "sales in its supermarket business. The firm said prices and costs had steadied and investors welcomed the "
    "dividend.\n\nThe company's chief executive said the market for ready meals was growing, and the bank "
    "analysts at Corran Securities raised their forecast for earnings and revenue next year."
)


def _article(name: str, title: str, date: str, body: str) -> Article:
    source = Source(f"{name}.md", "markdown", body, "utf-8", {"title": title, "date": date})
    return extract(clean(source), CONFIG)


@pytest.fixture(scope="module")
def quakes() -> list[Article]:
    return [
        _article("a1", "Earthquake kills 14 in Varenna Falls", "2008-05-06", QUAKE_2008),
        _article("a2", "Survivors pulled from Varenna Falls rubble", "2008-05-07", QUAKE_2008_B),
        _article("b1", "Earthquake cracks Calder Sound harbour", "2011-03-05", QUAKE_2011),
        _article("b2", "Calder Sound ferry pier reopens after quake", "2011-03-07", QUAKE_2011_B),
    ]


def _members(topics: tuple) -> set[frozenset[str]]:
    return {frozenset(t.article_slugs) for t in topics}


def test_the_seeds_years_apart_share_one_topic() -> None:
    seeds = [extract(clean(read_source(path, SEEDS)), CONFIG) for path in (NYT_SEED, BBC_SEED)]
    topics = group(seeds, CONFIG)
    assert len(topics) == 1
    assert "Korea" in topics[0].label or "Kim" in topics[0].label


def test_two_events_of_one_kind_are_two_topics(quakes: list[Article]) -> None:
    topics = group(quakes, CONFIG)
    slugs = [a.slug for a in quakes]
    assert _members(topics) == {frozenset(slugs[:2]), frozenset(slugs[2:])}
    # Each story is named after something of its own, never after what both share (an earthquake).
    first, second = (t.label for t in sorted(topics, key=lambda t: t.article_slugs[0] not in slugs[:2]))
    assert any(name in first for name in ("Varenna Falls", "Marten", "Dorsk")), first
    assert any(name in second for name in ("Calder Sound", "Okri", "Northern Coast")), second


def test_same_topics_in_any_order(quakes: list[Article]) -> None:
    assert group(quakes, CONFIG) == group(list(reversed(quakes)), CONFIG)
    assert group(quakes, CONFIG) == group([quakes[2], quakes[0], quakes[3], quakes[1]], CONFIG)


def test_adding_an_article_keeps_existing_topics(quakes: list[Article]) -> None:
    index = TopicIndex.build(quakes[:3], CONFIG)
    before = {t.slug: t.label for t in index.topics()}
    joined = index.add(quakes[3])
    assert set(joined.article_slugs) == {quakes[2].slug, quakes[3].slug}
    assert {t.slug: t.label for t in index.topics()} == before
    # A full regroup of the larger collection names the existing stories the same way.
    assert {t.slug: t.label for t in group(quakes, CONFIG)} == before


def test_a_new_story_gets_its_own_topic_when_added(quakes: list[Article]) -> None:
    index = TopicIndex.build(quakes[:2], CONFIG)
    added = index.add(quakes[2])
    assert added.article_slugs == (quakes[2].slug,)
    assert len(index.topics()) == 2


def test_pinned_topics_win_over_clustering(quakes: list[Article]) -> None:
    config = Config(root=Path("/nonexistent-site"), topics=(PinnedTopic("Harbours", ("harbour wall",)),))
    topics = {t.label: set(t.article_slugs) for t in group(quakes, config)}
    assert topics["Harbours"] == {quakes[2].slug, quakes[3].slug}
    added = TopicIndex.build(quakes[:2], config).add(quakes[2])
    assert added.label == "Harbours"


def test_sections_come_from_seed_words_and_the_collection(quakes: list[Article]) -> None:
    match = _article("m1", "Rovers beat Halton", "2011-03-06", MATCH)
    results = _article("r1", "Larkin Foods profits rise", "2011-03-04", RESULTS)
    assert article_sections([match, results]) == ["Sport", "Business"]
    articles = [*quakes, match, results]
    topics, sections = assign_sections(articles, group(articles, CONFIG))
    assert all(t.section for t in topics)
    assert sorted(s for section in sections for s in section.topic_slugs) == sorted(t.slug for t in topics)
    by_slug = {t.slug: t.section for t in topics}
    topic_of = {s: t.slug for t in topics for s in t.article_slugs}
    assert by_slug[topic_of[match.slug]] == "sport"
    assert by_slug[topic_of[results.slug]] == "business"


def test_words_read_once_and_passed_in_give_the_same_grouping(quakes: list[Article]) -> None:
    match = _article("m1", "Rovers beat Halton", "2011-03-06", MATCH)
    articles = [match, *quakes]
    tokens = Tokens.of(articles)
    topics = group(articles, CONFIG, tokens)
    assert topics == group(articles, CONFIG)
    assert assign_sections(articles, topics, tokens) == assign_sections(articles, topics)


def _random_rows(n: int, seed: int) -> sparse.csr_matrix:
    """Unit rows with a few columns most rows have (the dense part) and many rare ones."""
    rng = np.random.default_rng(seed)
    common = rng.random((n, 4)) * (rng.random((n, 4)) < 0.6)
    rare = sparse.random(n, 300, density=0.03, random_state=seed).toarray()
    rows = np.hstack([common, rare])
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    return sparse.csr_matrix(rows)


def test_strong_pairs_are_the_pairs_above_the_threshold() -> None:
    vectors = _random_rows(700, 3)  # more than one block of rows
    dense = (vectors @ vectors.T).toarray()
    graph = strong_pairs(vectors, 0.3, cap=700).pairs.tocoo()
    assert np.all(graph.row <= graph.col)
    want = set(zip(*np.nonzero(np.triu(dense, k=1) >= 0.3)))
    near = set(zip(*np.nonzero(np.abs(np.triu(dense, k=1) - 0.3) < 1e-9)))
    assert set(zip(graph.row, graph.col)) ^ want <= near
    assert np.allclose(graph.data, dense[graph.row, graph.col], atol=1e-6)


def _merge_reference(vectors: sparse.csr_matrix, groups: list[list[int]], threshold: float) -> list[list[int]]:
    """Average link by the whole matrix's argmax at every step (the definition)."""
    k = len(groups)
    owner = np.repeat(np.arange(k), [len(g) for g in groups])
    onehot = sparse.csr_matrix((np.ones(len(owner)), (owner, np.concatenate(groups))), shape=(k, vectors.shape[0]))
    sums = onehot @ vectors
    size = np.array([len(g) for g in groups], dtype=np.float64)
    mean = (sums @ sums.T).toarray() / np.outer(size, size)
    np.fill_diagonal(mean, -np.inf)
    members = [list(g) for g in groups]
    while k > 1:
        a, b = divmod(int(np.argmax(mean)), len(mean))
        if mean[a, b] < threshold:
            break
        merged = (size[a] * mean[a] + size[b] * mean[b]) / (size[a] + size[b])
        mean[a], mean[:, a] = merged, merged
        mean[a, a] = -np.inf
        mean[b], mean[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        members[a] += members[b]
        members[b] = []
    return [sorted(m) for m in members if m]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_merging_groups_follows_average_link(seed: int) -> None:
    vectors = _random_rows(240, seed)
    if seed == 4:  # rows repeated: exact ties, broken the same way
        vectors = sparse.csr_matrix(np.repeat(vectors[:60].toarray(), 4, axis=0))
    groups = [list(range(i, min(i + 3, 240))) for i in range(0, 240, 3)]
    for threshold in (0.05, 0.1, 0.2):
        assert _merge_groups(vectors, groups, threshold) == _merge_reference(vectors, groups, threshold)
