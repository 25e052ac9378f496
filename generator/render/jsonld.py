"""Structured data (schema.org JSON-LD) for page heads: NewsArticle on article pages, WebSite on the home page.

Search engines and link previews read these; they only state what the article itself states. A date digest
inferred from the text is not claimed as a publication date, and `isBasedOn` is left out because an Article
records its publication's name but not the address it was scraped from.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..config import Config
from ..models import Article
from ..urls import Urls

SCHEMA = "https://schema.org"
# Inside <script> the HTML parser ends the element at the first "</script" whatever JSON thinks of it, so every
# character that can start markup is written as a JSON escape; U+2028/9 too, for consumers that eval JSON as JS.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: dict[str, Any]) -> Markup:
    """JSON for a <script type="application/ld+json"> element that no string value can break out of."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE))


def _publisher(config: Config, urls: Urls) -> dict[str, Any]:
    return {"@type": "Organization", "name": config.title, "url": urls.absolute("")}


def news_article(article: Article, config: Config, urls: Urls, canonical: str, description: str) -> dict[str, Any]:
    """A schema.org NewsArticle for one article page, with only the facts the article states."""
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "inLanguage": config.language,
        "publisher": _publisher(config, urls),
    }
    if article.published and article.published_basis != "inferred":
        data["datePublished"] = article.published
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.dateline:
        place = {"@type": "Place", "name": article.dateline}
        data["contentLocation"] = place
        data["locationCreated"] = place
    if article.keywords:
        data["keywords"] = list(article.keywords)
    return data


def website(config: Config, urls: Urls) -> dict[str, Any]:
    """A schema.org WebSite for the home page."""
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "url": urls.absolute(""),
        "inLanguage": config.language,
        "publisher": _publisher(config, urls),
    }
