"""Article Markdown to HTML that is safe to show: raw HTML becomes text, unsafe links and attributes are dropped.

Article text comes from scraped pages, so nothing in it may add markup, scripts or event handlers to the site.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

# "extra" minus attr_list (it lets text set any attribute, onclick included) and md_in_html.
MARKDOWN_EXTENSIONS = ("abbr", "def_list", "fenced_code", "footnotes", "tables", "sane_lists", "toc")
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
URL_ATTRIBUTES = ("href", "src")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a scheme ("java\tscript:")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto: never javascript:, data: or vbscript:."""
    # Browsers decode entities in attributes before reading the scheme ("jav&#x61;script:"), so do the same.
    scheme = urlsplit(_URL_NOISE.sub("", html.unescape(url))).scheme.lower()
    return scheme in SAFE_SCHEMES


class _Sanitize(Treeprocessor):
    """Drops event handlers, inline styles and unsafe link schemes from the rendered tree."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                unsafe_url = name in URL_ATTRIBUTES and not is_safe_url(element.attrib[name])
                if name.lower().startswith("on") or name.lower() == "style" or unsafe_url:
                    del element.attrib[name]


class _SafeMarkdown(Extension):
    """Python-Markdown without raw HTML, plus the sanitiser."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - the Markdown API's name
        # Raw HTML in scraped text is shown as text rather than passed through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitize(md), "digest_sanitize", 0)


_converters = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's converter. Setting up Python-Markdown with its extensions costs about as much as converting a
    whole article, so each thread makes one and resets it between articles; one per thread, since a converter
    holds the state of the text it is converting (`digest serve` renders beside the watcher's rebuilds)."""
    md = getattr(_converters, "md", None)
    if md is None:
        md = _converters.md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeMarkdown()],
                                                output_format="html")
    return md


def markdown_to_html(text: str) -> Markup:
    """Article Markdown to safe HTML."""
    md = _converter()
    md.reset()  # footnotes, abbreviations and heading ids of the previous text are forgotten
    return Markup(md.convert(text))
