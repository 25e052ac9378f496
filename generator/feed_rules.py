"""The rules a built feed must keep, checked on its bytes: RSS 2.0, Atom (RFC 4287) and JSON Feed 1.1.

`validate_feed` returns one message per broken rule, each naming the feed file and the element, so `digest check`
can print them as they come. It checks the elements readers rely on, not every line of each specification:

- RSS 2.0: channel title, link and description; every item has a title or a description; guids unique;
  pubDate and lastBuildDate in RFC 822 form.
- Atom: feed id, title and updated; an author on the feed or on every entry; every entry has id, title, updated,
  and a link rel="alternate" unless it carries content; every timestamp in RFC 3339 form.
- JSON Feed 1.1: the version URL, a title, an items list; every item has a unique id, content_html or
  content_text, and an RFC 3339 date_published.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import parsedate_tz
from typing import Any, Callable

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# RFC 3339 date-time as Atom requires it (section 3.3: upper-case T and Z); the values are checked by datetime.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# No DTDs fetched, no entities expanded: a feed is data, and the checker must not be a way to read local files.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def is_rfc3339(value: str | None) -> bool:
    """'2006-11-28T10:45:00+00:00' yes; '2006-11-28', '28 Nov 2006' or '2006-13-01T00:00:00Z' no."""
    if not value or not _RFC3339.match(value.strip()):
        return False
    try:
        datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def is_rfc822(value: str | None) -> bool:
    """'Tue, 28 Nov 2006 10:45:00 +0000' yes; an ISO date or 'yesterday' no."""
    return bool(value and value.strip() and parsedate_tz(value.strip()))


def _text(element: Any, path: str) -> str:
    return (element.findtext(path) or "").strip()


# RSS 2.0 ------------------------------------------------------------------------------------------------------
def _rss(root: Any) -> list[str]:
    channel = root.find("channel")
    if channel is None:
        return ["<rss> has no <channel>"]
    problems = [f"channel has no <{name}>" for name in ("title", "link", "description")
                if channel.find(name) is None or (name != "description" and not _text(channel, name))]
    for name in ("pubDate", "lastBuildDate"):
        if channel.find(name) is not None and not is_rfc822(channel.findtext(name)):
            problems.append(f"channel <{name}> {channel.findtext(name)!r} is not an RFC 822 date")
    seen: set[str] = set()
    for n, item in enumerate(channel.findall("item"), start=1):
        if not _text(item, "title") and not _text(item, "description"):
            problems.append(f"item {n} has neither <title> nor <description>")
        guid = _text(item, "guid")
        if guid and guid in seen:
            problems.append(f"item {n} repeats <guid> {guid!r}")
        seen.add(guid)
        if item.find("pubDate") is not None and not is_rfc822(item.findtext("pubDate")):
            problems.append(f"item {n} <pubDate> {item.findtext('pubDate')!r} is not an RFC 822 date")
    return problems


# Atom ---------------------------------------------------------------------------------------------------------
def _has_author(element: Any) -> bool:
    return any(_text(author, f"{ATOM}name") for author in element.findall(f"{ATOM}author"))


def _timestamps(element: Any, where: str) -> list[str]:
    return [f"{where} <{name}> {element.findtext(ATOM + name)!r} is not an RFC 3339 timestamp"
            for name in ("updated", "published")
            if element.find(ATOM + name) is not None and not is_rfc3339(element.findtext(ATOM + name))]


def _atom_entry(entry: Any, where: str, feed_author: bool) -> list[str]:
    problems = [f"{where} has no <{name}>" for name in ("id", "title", "updated") if not _text(entry, ATOM + name)]
    problems += _timestamps(entry, where)
    source = entry.find(f"{ATOM}source")  # an entry copied from another feed may carry that feed's author
    if not feed_author and not _has_author(entry) and not (source is not None and _has_author(source)):
        problems.append(f"{where} has no <author> and the feed has none")
    alternate = [ln for ln in entry.findall(f"{ATOM}link") if ln.get("rel", "alternate") == "alternate"]
    if entry.find(f"{ATOM}content") is None and not any(ln.get("href") for ln in alternate):
        problems.append(f'{where} has no <content> and no <link rel="alternate" href>')
    return problems


def _atom(root: Any) -> list[str]:
    problems = [f"feed has no <{name}>" for name in ("id", "title", "updated") if not _text(root, ATOM + name)]
    problems += _timestamps(root, "feed")
    feed_author = _has_author(root)
    for n, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        problems += _atom_entry(entry, f"entry {n}", feed_author)
    return problems


# JSON Feed 1.1 ------------------------------------------------------------------------------------------------
def _json_item(item: Any, where: str, seen: set[str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where} is not an object"]
    problems = []
    item_id = item.get("id")
    if not isinstance(item_id, str) or not item_id.strip():
        problems.append(f"{where} has no 'id' string")
    elif item_id in seen:
        problems.append(f"{where} repeats 'id' {item_id!r}")
    else:
        seen.add(item_id)
    if not any(isinstance(item.get(key), str) for key in ("content_html", "content_text")):
        problems.append(f"{where} has neither 'content_html' nor 'content_text'")
    if not isinstance(item.get("date_published"), str) or not is_rfc3339(item["date_published"]):
        problems.append(f"{where} 'date_published' {item.get('date_published')!r} is not an RFC 3339 timestamp")
    return problems


def _json_feed(data: bytes) -> list[str]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not valid UTF-8 JSON: {exc}"]
    if not isinstance(document, dict):
        return ["a JSON Feed must be a JSON object"]
    problems = []
    if document.get("version") != JSON_FEED_VERSION:
        problems.append(f"'version' is {document.get('version')!r}, not {JSON_FEED_VERSION!r}")
    if not isinstance(document.get("title"), str) or not document["title"].strip():
        problems.append("no 'title' string")
    items = document.get("items")
    if not isinstance(items, list):
        return problems + ["'items' is not a list"]
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        problems += _json_item(item, f"item {n}", seen)
    return problems


# Dispatch -----------------------------------------------------------------------------------------------------
_XML_ROOTS: dict[str, Callable[[Any], list[str]]] = {"rss": _rss, f"{ATOM}feed": _atom}


def _xml_feed(data: bytes) -> list[str]:
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    check = _XML_ROOTS.get(root.tag)
    if check is None:
        return [f"root element <{root.tag}> is neither RSS <rss> nor Atom <feed>"]
    return check(root)


def validate_feed(rel_path: str, data: bytes) -> list[str]:
    """One message per rule the feed breaks ('feed.xml: channel has no <title>'); [] for a good feed.

    The format comes from the bytes, not the file name: JSON when they start with '{', else XML (RSS or Atom).
    """
    is_json = data.lstrip()[:1] == b"{" or (rel_path.endswith(".json") and not data.lstrip().startswith(b"<"))
    problems = _json_feed(data) if is_json else _xml_feed(data)
    return [f"{rel_path}: {problem}" for problem in problems]
