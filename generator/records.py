"""The public JSON record of an article: `digest extract --json`, `output/articles.json` and page front matter.

The field names are a contract that scripts and evaluations read: extend, never rename.
"""

from __future__ import annotations

from typing import Any

from .models import Article, Topic


def article_record(article: Article, topic: Topic | None = None, *, with_body: bool = True) -> dict[str, Any]:
    """One article as plain JSON-able data, in the contract's field order."""
    record: dict[str, Any] = {
        "source_path": article.source_path,
        "slug": article.slug,
        "title": article.title,
        "title_generated": article.title_generated,
        "source": article.source,
        "author": article.author,
        "dateline": article.dateline,
        "published": article.published,
        "published_basis": article.published_basis,
        "summary": list(article.summary),
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_role": q.speaker_role, "key": q.key}
            for q in article.quotes
        ],
        "dates": [{"text": d.text, "type": d.type, "value": d.value, "sentence": d.sentence} for d in article.dates],
        "people": list(article.people),
        "places": list(article.places),
        "organizations": list(article.organizations),
        "keywords": list(article.keywords),
    }
    record.update(topic_fields(topic))
    if with_body:
        record["body_markdown"] = article.body_markdown
    return record


def topic_fields(topic: Topic | None) -> dict[str, str]:
    """The record's fields naming the article's topic, none without one."""
    return {"topic": topic.label, "topic_slug": topic.slug} if topic is not None else {}


def record_topic(topic: Topic | None) -> tuple[str, str] | None:
    """What an article's own record says of its topic. A fingerprint names the topic by this, not by the whole
    Topic (which lists every slug of the story: pickled for each of 10,000 articles, that is gigabytes)."""
    return (topic.slug, topic.label) if topic else None
