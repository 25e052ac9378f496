"""digest.toml at the site root -> a frozen Config. Every key has a default; every bad key is reported at once."""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "digest.toml"
EDITION_MODES = ("weekly", "daily", "none")


@dataclass(frozen=True)
class PinnedTopic:
    """A topic the user fixes by name: articles matching any keyword (or pinning it in front matter) join it."""

    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """The settings of one site. Field docs double as the hints printed for bad keys."""

    root: Path
    title: str = "Digest"
    description: str = "A news digest: summaries, key quotes and timelines."
    site_url: str = "http://127.0.0.1:8000/"
    language: str = "en"
    author: str = ""
    content_dir: str = "content"
    output_dir: str = "output"
    theme: str = "default"
    templates_dir: str = "templates"
    feed_length: int = 20
    summary_sentences: int = 3
    key_quotes: int = 3
    items_per_page: int = 20
    timezone: str = "UTC"
    editions: str = "weekly"  # "weekly", "daily" or "none": the digest grouped by period
    cname: str = ""  # custom domain `digest publish` writes to CNAME; "" writes none
    cache_dir: str = ".digest-cache"  # build cache, relative to the site folder; safe to delete at any time
    relative_urls: bool = False  # links relative to each page, so the built site opens from file://
    search: bool = True  # a Pagefind index and a search page; off saves its time and memory on big sites
    topics: tuple[PinnedTopic, ...] = ()

    @property
    def cache_path(self) -> Path:
        return (self.root / self.cache_dir).resolve()

    @property
    def content_path(self) -> Path:
        return (self.root / self.content_dir).resolve()

    @property
    def output_path(self) -> Path:
        return (self.root / self.output_dir).resolve()

    @property
    def templates_path(self) -> Path:
        return (self.root / self.templates_dir).resolve()

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: '/' at a domain root, '/repo/' on a GitHub Pages project site."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


_HINTS = {
    "title": "the site's name, a string",
    "description": "one sentence about the site, a string",
    "site_url": "the public address, e.g. 'https://user.github.io/repo/'",
    "language": "a language tag such as 'en' or 'en-GB'",
    "author": "the publisher's name, a string",
    "content_dir": "folder of articles, relative to the site folder",
    "output_dir": "folder the site is built into, relative to the site folder",
    "theme": "'default' or the name of a folder under themes/",
    "templates_dir": "folder of template overrides, relative to the site folder",
    "feed_length": "how many items each feed carries, a positive integer",
    "summary_sentences": "sentences per summary, a positive integer",
    "key_quotes": "key quotes per article, a positive integer",
    "items_per_page": "articles (a person's quotes) per list page before paginating, a positive integer",
    "timezone": "time zone for dates that give none, e.g. 'UTC' or 'Europe/London'",
    "editions": "'weekly' (ISO weeks), 'daily' or 'none'",
    "topics": "a list of tables: [[topics]] name = '...' keywords = ['...']",
    "cache_dir": "folder of the build cache, relative to the site folder (a shared path for cluster workers)",
    "cname": "a custom domain for GitHub Pages, a bare host name such as 'news.example.org'",
    "relative_urls": "true or false: make internal links relative so output/ can be opened from disk",
    "search": "true or false: build the client-side search index and the search page",
}
# A DNS host name with at least one dot: GitHub Pages rejects a CNAME file holding a URL or a path.
_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$", re.IGNORECASE)


def _check_scalar(key: str, value: Any, expected: type) -> str | None:
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            return f"'{key}' must be a positive integer, got {value!r} ({_HINTS[key]})"
    elif not isinstance(value, expected):
        return f"'{key}' must be a {expected.__name__}, got {type(value).__name__} ({_HINTS[key]})"
    return None


def _parse_topics(value: Any) -> tuple[tuple[PinnedTopic, ...], list[str]]:
    problems: list[str] = []
    if not isinstance(value, list):
        return (), [f"'topics' must be a list of tables ({_HINTS['topics']})"]
    pinned: list[PinnedTopic] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            problems.append(f"'topics[{i}]' needs a non-empty 'name' string ({_HINTS['topics']})")
            continue
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            problems.append(f"'topics[{i}].keywords' must be a list of strings")
            continue
        extra = set(item) - {"name", "keywords"}
        if extra:
            problems.append(f"'topics[{i}]' has unknown keys {sorted(extra)} (only 'name' and 'keywords')")
        pinned.append(PinnedTopic(item["name"].strip(), tuple(keywords)))
    return tuple(pinned), problems


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _validate(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    known = {f.name: f for f in fields(Config) if f.name != "root"}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(sorted(known))
            problems.append(f"unknown key '{key}' ({hint})")
        elif key == "topics":
            values["topics"], topic_problems = _parse_topics(value)
            problems.extend(topic_problems)
        else:
            expected = {"int": int, "bool": bool}.get(str(known[key].type), str)
            problem = _check_scalar(key, value, expected)
            if problem:
                problems.append(problem)
            else:
                values[key] = value
    zone = values.get("timezone")
    if zone is not None and not _known_zone(zone):
        problems.append(f"'timezone' {zone!r} is not a known time zone ({_HINTS['timezone']})")
    if values.get("editions", "weekly") not in EDITION_MODES:
        problems.append(f"'editions' must be one of {', '.join(EDITION_MODES)}, got {values['editions']!r}")
    url = values.get("site_url")
    if url is not None and urlsplit(url).scheme not in ("http", "https"):
        problems.append(f"'site_url' must start with http:// or https://, got {url!r} ({_HINTS['site_url']})")
    cname = values.get("cname")
    if cname and not _HOST_NAME.match(cname):
        problems.append(f"'cname' must be a host name, got {cname!r} ({_HINTS['cname']})")
    return values, problems


def load_config(root: Path, **overrides: Any) -> Config:
    """Read ROOT/digest.toml (optional) into a Config; raise ConfigError listing every bad key."""
    root = Path(root).resolve()
    path = root / CONFIG_NAME
    raw: dict[str, Any] = {}
    if path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), [f"not valid TOML: {exc}"]) from None
    raw.update({k: v for k, v in overrides.items() if v is not None})
    values, problems = _validate(raw)
    if problems:
        raise ConfigError(str(path), problems)
    return Config(root=root, **values)
