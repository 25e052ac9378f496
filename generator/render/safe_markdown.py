"""Article Markdown to HTML that is safe to show: raw HTML becomes text, unsafe links and attributes are dropped.

Article text comes from scraped pages, so nothing in it may add markup, scripts or event handlers to the site.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from typing import Iterable
from urllib.parse import urlsplit

import markdown
from markdown import blockprocessors, util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension, abbr, def_list, footnotes, sane_lists, tables
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markupsafe import Markup

# "extra" minus attr_list (it lets text set any attribute, onclick included) and md_in_html.
MARKDOWN_EXTENSIONS = ("abbr", "def_list", "fenced_code", "footnotes", "tables", "sane_lists", "toc")
# toc for the headings' ids alone: with its marker a paragraph of article text reading "[TOC]" became a table of
# contents, and each conversion looked for one in every paragraph.
MARKDOWN_SETTINGS = {"toc": {"marker": ""}}
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
URL_ATTRIBUTES = ("href", "src")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a scheme ("java\tscript:")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto: never javascript:, data: or vbscript:."""
    # Browsers decode entities in attributes before reading the scheme ("jav&#x61;script:"), so do the same.
    scheme = urlsplit(_URL_NOISE.sub("", html.unescape(url))).scheme.lower()
    return scheme in SAFE_SCHEMES


# Every inline pattern these extensions register, by the text it needs to match at all (any one of them): code
# spans, escapes, footnote references, links, images, autolinks and raw HTML, hard line breaks, entities, emphasis.
_PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "linebreak": ("  \n",), "entity": ("&",),
    "em_strong": ("*", "_"), "em_strong2": ("_",), "not_strong": ("*", "_"),
}
_INLINE_TEXTS = frozenset(text for needs in _PATTERN_NEEDS.values() for text in needs)
# Any of them: the text no pattern can match holds none (one search, instead of one `in` per pattern).
_INLINE_SYNTAX = re.compile("|".join(sorted(re.escape(text) for text in _INLINE_TEXTS)))


class _PatternsThatCanMatch(InlineProcessor):
    """Python-Markdown's inline processor, trying on a run of text only the patterns that can match it.

    The stock processor tries each of its ~15 patterns on every run of text (a regular expression search each), and
    most paragraphs of an article match none: that was half of the Markdown conversion, the per-article stage's
    costliest step. A pattern whose every match needs a character the text lacks would come out of its try with the
    text unchanged, so it is skipped; matches only replace text with placeholders, so a character missing at the
    start stays missing. The same HTML (tests/test_render.py compares with the stock processor).
    """

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        names = [item.name for item in self.inlinePatterns._priority]  # in the order they are tried
        # A pattern this table does not know (a new extension, a new Python-Markdown) needs nothing (None): it is
        # tried on every text, and no text is taken for plain.
        self._patterns = [(self.inlinePatterns[name], frozenset(_PATTERN_NEEDS[name]) if name in _PATTERN_NEEDS
                           else None) for name in names]
        self._syntax = _INLINE_SYNTAX if all(name in _PATTERN_NEEDS for name in names) else re.compile("")
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 - its names
        # The stock method's loop, over the patterns that can match.
        if isinstance(data, util.AtomicString) or not self._syntax.search(data):
            return data  # plain text, the usual paragraph: no pattern can match
        apply_pattern = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        # The texts it holds, looked for once: a match only takes text away (for a placeholder holding none of
        # them), so a pattern whose texts went since is tried for nothing, and none that can match is skipped.
        present = {text for text in _INLINE_TEXTS if text in data}
        for index in range(patternIndex, len(self._patterns)):
            pattern, needs = self._patterns[index]
            if needs is not None and needs.isdisjoint(present):
                continue
            matched = True
            while matched:  # a pattern that matched is tried again further on, as the stock loop does
                data, matched, start = apply_pattern(pattern, data, index, start)
        return data


# Every block processor whose answer needs some text in the block, by that text (any one of them): a processor
# whose test (or, for the three whose test is always true, whose run) finds none of it declines the block. Keyed by
# class, not name: an extension may register another processor under a stock name (sane_lists does, for lists).
_BLOCK_NEEDS: dict[type, tuple[str, ...]] = {
    blockprocessors.HashHeaderProcessor: ("#",),
    blockprocessors.SetextHeaderProcessor: ("\n=", "\n-"),
    blockprocessors.HRProcessor: ("-", "_", "*"),
    sane_lists.SaneOListProcessor: (". ",),
    sane_lists.SaneUListProcessor: ("* ", "+ ", "- "),
    blockprocessors.BlockQuoteProcessor: (">",),
    blockprocessors.ReferenceProcessor: ("]:",),
    tables.TableProcessor: ("|",),
    def_list.DefListProcessor: (": ",),
    footnotes.FootnoteBlockProcessor: ("[^",),
    abbr.AbbrBlockprocessor: ("*[",),
}
_BLOCK_TEXTS = frozenset(text for needs in _BLOCK_NEEDS.values() for text in needs)


class _BlocksThatCanMatch(BlockParser):
    """Python-Markdown's block parser, offering a block only to the processors that can take it.

    The stock parser asks each of its ~15 processors in turn about every block, most with a regular expression search
    through the whole block, and an article's paragraph is taken by the last (the paragraph processor): block parsing
    was two fifths of a page body's conversion, a third of that in those searches. A processor whose every match needs
    a text the block lacks would decline it, so it is not asked; the same HTML (tests/test_render.py compares with the
    stock parser).
    """

    # Each processor with the texts it needs (None: one the table does not know, always asked); made again for each
    # document, so a processor registered later is seen.
    _offers: list[tuple[BlockProcessor, frozenset[str] | None]] | None = None

    def parseDocument(self, lines: Iterable[str]) -> ET.ElementTree:  # noqa: N802 - Python-Markdown's name
        self._offers = None
        return super().parseDocument(lines)

    def parseBlocks(self, parent: ET.Element, blocks: list[str]) -> None:  # noqa: N802 - Python-Markdown's name
        # The stock method's loop, over the processors that can take the block.
        if self._offers is None:
            self._offers = [(p, frozenset(_BLOCK_NEEDS[type(p)]) if type(p) in _BLOCK_NEEDS else None)
                            for p in self.blockprocessors]
        while blocks:
            block = blocks[0]
            # Each text looked for once a block, not once for each processor needing it (0.10-0.15 ms of a body).
            present = {text for text in _BLOCK_TEXTS if text in block}
            for processor, needs in self._offers:
                if needs is not None and needs.isdisjoint(present):
                    continue
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break


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
        # In place of the stock processor, while Python-Markdown has the two private methods it builds on.
        if all(hasattr(InlineProcessor, f"_InlineProcessor__{name}") for name in ("handleInline", "applyPattern")):
            md.treeprocessors.register(_PatternsThatCanMatch(md), "inline", 20)
        # The processors hold the parser and call it back for nested blocks: the same object, with the narrower loop.
        if type(md.parser) is BlockParser:
            md.parser.__class__ = _BlocksThatCanMatch


_converters = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's converter. Setting up Python-Markdown with its extensions costs about as much as converting a
    whole article, so each thread makes one and resets it between articles; one per thread, since a converter
    holds the state of the text it is converting (`digest serve` renders beside the watcher's rebuilds)."""
    md = getattr(_converters, "md", None)
    if md is None:
        md = _converters.md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeMarkdown()],
                                                extension_configs=MARKDOWN_SETTINGS,
                                                output_format="html")
    return md


def markdown_to_html(text: str) -> Markup:
    """Article Markdown to safe HTML."""
    md = _converter()
    md.reset()  # footnotes, abbreviations and heading ids of the previous text are forgotten
    return Markup(md.convert(text))
