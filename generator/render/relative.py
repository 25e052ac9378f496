"""Internal links rewritten relative to their page, so a built site opens from file:// (config `relative_urls`).

Templates and view models link through `Urls.link()` ('/repo/topics/x/') long before anything knows which page
they will land on, so one pass over each finished page turns those links into relative ones instead. Only the
values of link attributes inside start tags change: `html.parser` finds the tags (it knows that script and style
hold text and it skips comments) and every other character of the page is copied as it was. Absolute URLs
(canonical, og:url, JSON-LD) never start with the base path, so they stay absolute, as search engines need.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..urls import Urls

LINK_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster"})
# One attribute: a name and an optional value. Matched one after another from the tag name on, each quoted value is
# consumed whole, so attribute-like text inside another attribute's value is never taken for an attribute.
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG_NAME = re.compile(r"<[^\s/>]*")
_SRCSET_URL = re.compile(r"(^|,)(\s*)([^\s,]+)")  # the URL of each 'url 2x' candidate


class _LinkTags(HTMLParser):
    """Finds the start tags that carry a link attribute: (line, column, the tag exactly as written)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text()
        if text and any(name in LINK_ATTRIBUTES for name, _ in attrs):
            line, column = self.getpos()
            self.found.append((line, column, text))


def _rewrite_value(name: str, value: str, page_path: str, urls: Urls) -> str:
    if name == "srcset":
        return _SRCSET_URL.sub(lambda m: m[1] + m[2] + urls.relative(m[3], page_path), value)
    return urls.relative(value, page_path)


def _rewrite_tag(tag: str, page_path: str, urls: Urls) -> str:
    """One start tag with the values of its link attributes made relative; all else, quotes included, kept."""

    def attribute(m: re.Match[str]) -> str:
        name, equals, value = m.groups()
        if value is None or name.lower() not in LINK_ATTRIBUTES:
            return m[0]
        quote = value[0] if value[0] in "\"'" else ""
        inner = value[1:-1] if quote else value
        return f"{name}{equals}{quote}{_rewrite_value(name.lower(), inner, page_path, urls)}{quote}"

    head = _TAG_NAME.match(tag)
    start = head.end() if head else 0
    return tag[:start] + _ATTRIBUTE.sub(attribute, tag[start:])


def relative_links(html: str, page_path: str, urls: Urls) -> str:
    """HTML of the page at output path page_path ('articles/x/index.html') with every link into the site relative."""
    parser = _LinkTags()
    parser.feed(html)
    parser.close()
    line_starts = [0] + [m.end() for m in re.finditer("\n", html)]  # html.parser counts lines by '\n' alone
    pieces, done = [], 0
    for line, column, tag in parser.found:
        start = line_starts[line - 1] + column
        if start < done or not html.startswith(tag, start):  # never the case; a guard, so no byte is misplaced
            continue
        pieces += [html[done:start], _rewrite_tag(tag, page_path, urls)]
        done = start + len(tag)
    pieces.append(html[done:])
    return "".join(pieces)
