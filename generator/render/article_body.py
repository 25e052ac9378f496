"""An article's page body as HTML: its Markdown converted, with the digest's own sections kept out of search.

The summary, key quotes and timeline repeat sentences of the full text below them. Indexed as well, they cost
Pagefind ~30% more time per page and counted each repeated sentence twice in its ranking. So they are wrapped in
an element Pagefind skips (`data-pagefind-ignore`): search reads the headline, the byline and the full text.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from ..page_bodies import FULL_TEXT_HEADING
from .safe_markdown import markdown_to_html

# The page body's own sections are its only h2 headings: the article's headings are h3 (pages._escaped_body), and
# a "#" starting a line of article text is escaped.
_FULL_TEXT = re.compile(r"<h2[^>]*>" + re.escape(html.escape(FULL_TEXT_HEADING)) + "</h2>")


def article_body_html(body: str) -> Markup:
    """A page body (`pages.page_body`) as safe HTML, its sections before the full text in one element that
    Pagefind leaves out of the index."""
    converted = str(markdown_to_html(body))  # safe already: joined as plain text, not escaped again by Markup's +
    start, full_text = converted.find("<h2"), _FULL_TEXT.search(converted)
    if start < 0 or full_text is None or start >= full_text.start():
        return Markup(converted)  # nothing but the full text (or a page edited by hand): all of it is searched
    end = full_text.start()
    return Markup(converted[:start] + '<div class="digest-sections" data-pagefind-ignore>\n' + converted[start:end]
                  + "</div>\n" + converted[end:])
