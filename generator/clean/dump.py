"""An HTML page's visible text, one block element per line, the way a text-mode browser dumps it.

The fallback when trafilatura finds no main content (pathological markup such as thousands of nested elements
defeats tree-based extraction): the dump goes through the plain-text classifier instead. The standard library's
streaming parser has no depth limit, so any nesting is read.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose content is never shown.
_HIDDEN = frozenset({"head", "script", "style", "template", "svg", "math", "iframe", "object", "noembed"})
# Block elements start a new line; paragraph-like ones are also followed by a blank line.
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "figure", "ul", "ol"})
_BLOCK = _PARAGRAPH | {"div", "li", "tr", "br", "section", "article", "header", "footer", "nav", "aside",
                       "figcaption", "dd", "dt", "main", "form", "hr", "td", "th"}
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})


class _TextDump(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _BLOCK and tag not in _VOID:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split()) if data.strip() else " ")


def page_text(page: str) -> str:
    """The visible text of an HTML page, one block per line, blank lines after paragraph-like blocks."""
    parser = _TextDump()
    parser.feed(page)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
