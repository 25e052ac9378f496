"""Readable, stable topic labels: what the founding articles of a story share, the way an editor titles a page.

A label is built from a topic's *founding* article (its oldest), not from all of them: a story page keeps the title
and URL it was founded with when later reports join it, in an incremental add and in a full rebuild alike, which is
what subscribers to a topic feed need. (Labels from several founders changed as soon as a second report arrived.)
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, Sequence

from .models import Article
from .names import name_key
from .text import match_key

FOUNDERS = 1  # the oldest articles of a topic that name it


def oldest_first_key(article: Article) -> tuple[bool, str, str]:
    """Sort key: dated articles oldest first, then undated ones, ties by source path."""
    return (article.published is None, article.published or "", article.source_path)


def founders(articles: Iterable[Article]) -> list[Article]:
    """The articles that name a topic: its oldest FOUNDERS."""
    return sorted(articles, key=oldest_first_key)[:FOUNDERS]


def _ranked(values_per_article: Iterable[Sequence[str]], key: Callable[[str], str] = match_key) -> list[str]:
    """Values by how many articles give them, earlier mentions first; one display form per key."""
    score: Counter[str] = Counter()
    form: dict[str, str] = {}
    for values in values_per_article:
        seen: set[str] = set()
        for i, value in enumerate(values):
            k = key(value)
            if k and k not in seen:
                seen.add(k)
                score[k] += 1 + 1 / (2 + i)
                form.setdefault(k, value)
    return [form[k] for k, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))]


def _entities(article: Article) -> dict[str, str]:
    """The article's named people, places and organisations by match key (people by name key)."""
    found = {name_key(p): p for p in article.people}
    found.update({match_key(v): v for v in (*article.places, *article.organizations)})
    return found


def _main_entity(articles: Sequence[Article]) -> str:
    """The entity most of the founding articles name, the higher among their keywords the better."""
    score: Counter[str] = Counter()
    form: dict[str, str] = {}
    for article in articles:
        keys = {match_key(k): i for i, k in reversed(list(enumerate(article.keywords)))}
        for key, value in _entities(article).items():
            score[key] += 1 + 1 / (1 + keys.get(key, keys.get(match_key(value), 9)))
            form.setdefault(key, value)
    if not score:
        return ""
    return form[min(score, key=lambda k: (-score[k], k))]


def _is_entity(value: str, articles: Sequence[Article]) -> bool:
    """Whether one of the articles names `value` as a person, place or organisation."""
    return any(match_key(value) in _entities(a) or name_key(value) in _entities(a) for a in articles)


def _subject(articles: Sequence[Article], entity: str) -> str:
    """The key phrase the founding articles share most and put first, other than a name."""
    entity_key = match_key(entity)
    candidates = [
        s for s in _ranked(a.keywords for a in articles)
        if entity_key not in match_key(s) and match_key(s) not in entity_key and not _is_entity(s, articles)
    ]
    return (candidates or [""])[0]


def label_for(articles: Sequence[Article]) -> str:
    """A story-page title from the founding articles: the main entity plus the main subject ("Tara Reid: rehab")."""
    named = founders(articles)
    entity = _main_entity(named)
    subject = _subject(named, entity)
    if entity and subject:
        return f"{entity}: {subject}"
    return entity or subject[:1].upper() + subject[1:] or named[0].title
