"""Article -> its Markdown summary page: YAML front matter with the extracted fields, then a body that reads well
on its own (GitHub renders it): headline, source and date line, summary, key quotes, timeline, full text.

Article text is untrusted: every piece of it is escaped so the Markdown cannot smuggle raw HTML into the site.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

from .models import Article, Quote, Topic
from .page_bodies import FULL_TEXT_HEADING
from .records import article_record, topic_fields
from .text import date_label, display_quote
from .timeline import mentioned_events

# libyaml's emitter when PyYAML was built with it: the same output, about ten times faster.
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Characters that would start Markdown block syntax at the beginning of a line of article text.
_LINE_START_SYNTAX = re.compile(r"^(\s*)([#>+=-]|\d+[.)]\s)", re.MULTILINE)


def escape_text(text: str) -> str:
    """Article text made inert for Markdown: no raw HTML, no accidental block syntax."""
    escaped = html.escape(text, quote=False)
    return _LINE_START_SYNTAX.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def human_date(value: str | None) -> str:
    """'2006-11-28T10:45:00+00:00' -> '28 November 2006, 10:45 GMT'; partial dates as far as they go."""
    if not value:
        return ""
    day_part, _, time_part = value.partition("T")
    text = date_label(day_part)
    if text is None:
        return value
    if time_part:
        clock, zone = time_part[:5], time_part[8:] if len(time_part) > 8 else ""
        text += f", {clock}" + (f" {'GMT' if zone in ('+00:00', 'Z') else zone}" if zone else "")
    return text


# The record's first fields, left out of `extracted_front_matter`: the build makes the slug unique across the site.
_BUILD_FIELDS = ("source_path", "slug")


def _yaml(mapping: dict[str, object]) -> str:
    if not mapping:
        return ""
    try:
        node = _node(mapping, set())
    except _Unusual:  # what the record never holds: the representer's output, whatever it makes of it
        return yaml.dump(mapping, Dumper=_YAML_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return yaml.serialize(node, Dumper=_YAML_DUMPER, allow_unicode=True, width=100)


_TAG = "tag:yaml.org,2002:"


class _Unusual(Exception):
    """A value `_node` leaves to PyYAML's representer."""


def _node(value: Any, containers: set[int]) -> yaml.Node:
    """The node PyYAML's SafeRepresenter makes of a value built of dicts (keys in order), lists, strings, None, bools
    and ints, made directly: the representer's dispatch and alias bookkeeping for each of the ~300 values of a record
    were a quarter of dumping it. A list or dict met twice (the representer writes an anchor and an alias) or any
    other type raises _Unusual."""
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_TAG + "str", value)
    if value is None:
        return yaml.ScalarNode(_TAG + "null", "null")
    if kind is bool:
        return yaml.ScalarNode(_TAG + "bool", "true" if value else "false")
    if kind is int:
        return yaml.ScalarNode(_TAG + "int", str(value))
    if (kind is not dict and kind is not list) or id(value) in containers:
        raise _Unusual
    containers.add(id(value))
    if kind is dict:
        pairs = [(_node(key, containers), _node(item, containers)) for key, item in value.items()]
        return yaml.MappingNode(_TAG + "map", pairs, flow_style=False)
    return yaml.SequenceNode(_TAG + "seq", [_node(item, containers) for item in value], flow_style=False)


def extracted_front_matter(article: Article) -> str:
    """The YAML lines of the front matter that extraction alone decides (the record from its title to its keywords).

    Dumping the record is the costliest part of a summary page (~1.5 ms of Python representers per article, in the
    builder's one process), so the per-article stage makes these lines in parallel and caches them with the text.
    The build adds the fields it decides itself around them: a top-level YAML mapping is one run of lines per key,
    so the pieces join into exactly the dump of the whole record.
    """
    record = article_record(article, with_body=False)
    return _yaml({name: value for name, value in record.items() if name not in _BUILD_FIELDS})


def front_matter(article: Article, topic: Topic | None, extracted: str = "") -> str:
    """The YAML header: the public record of the article plus its topic. `extracted`: the article's
    `extracted_front_matter`, when the per-article stage made it already."""
    build_fields = _yaml({name: getattr(article, name) for name in _BUILD_FIELDS})
    extracted = extracted or extracted_front_matter(article)
    return "---\n" + build_fields + extracted + _yaml(topic_fields(topic)) + "---\n"


def _byline(article: Article) -> str:
    parts = [article.source, article.author and f"By {article.author}", article.dateline]
    if article.published:
        parts.append(human_date(article.published))
    return " · ".join(escape_text(p) for p in parts if p)


def _quote_block(quote: Quote) -> str:
    speaker = escape_text(quote.speaker or "unattributed")
    role = f", {escape_text(quote.speaker_role)}" if quote.speaker_role else ""
    # The attribution stands outside the block quote: it separates consecutive quotes, which Markdown would
    # otherwise merge into one block quote.
    return f"> “{escape_text(display_quote(quote.text))}”\n\n— **{speaker}**{role}"


def page_body(article: Article) -> str:
    """The Markdown body of the summary page (no front matter)."""
    sections = [f"# {escape_text(article.title)}"]
    byline = _byline(article)
    if byline:
        sections.append(f"*{byline}*")
    if article.summary:
        sections.append("## Summary\n\n" + " ".join(escape_text(s) for s in article.summary))
    if article.key_quotes:
        sections.append("## Key quotes\n\n" + "\n\n".join(_quote_block(q) for q in article.key_quotes))
    events = mentioned_events(article)
    if events:
        lines = [f"- **{human_date(e.value)}** — {escape_text(e.text)}" for e in events]
        sections.append("## Timeline\n\n" + "\n".join(lines))
    sections.append(f"## {FULL_TEXT_HEADING}\n\n" + _escaped_body(article))
    return "\n\n".join(sections) + "\n"


def _escaped_body(article: Article) -> str:
    parts = []
    for block in article.blocks:
        text = escape_text(block.text) if block.kind != "heading" else html.escape(block.text, quote=False)
        if block.kind == "heading":
            parts.append(f"### {text}")
        elif block.kind == "quote":
            parts.append("> " + text)
        elif block.kind == "list_item":
            parts.append("- " + text)
        else:
            parts.append(text)
    return "\n\n".join(parts)


def article_page(article: Article, topic: Topic | None, body: str, extracted: str = "") -> str:
    """The whole Markdown summary page: front matter then body (`extracted`: see front_matter)."""
    return front_matter(article, topic, extracted) + "\n" + body
