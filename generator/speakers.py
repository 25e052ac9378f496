"""Index quoted people across the digest: one person, one speaker page, whatever form the name takes.

Quotes are grouped by `names.name_key`, so "Stephen W. Bosworth" and "Stephen Bosworth" meet on one page while
"Kim Kye-gwan" and "Kim Jong-il" stay apart. Unnamed sources ("American officials") are not people: the same
description in two articles is rarely the same person, so they get no page.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from .models import Article, Quote, Speaker
from .names import is_person_name, name_key
from .text import slugify


def index_speakers(articles: Sequence[Article]) -> tuple[Speaker, ...]:
    """Speakers with every attributed quote, most-quoted first; `articles` must be newest first."""
    quotes: dict[str, list[tuple[str, Quote]]] = {}
    forms: dict[str, Counter[str]] = {}
    roles: dict[str, list[str]] = {}
    for article in articles:
        for quote in article.quotes:
            if not quote.speaker or not is_person_name(quote.speaker):
                continue
            key = name_key(quote.speaker)
            quotes.setdefault(key, []).append((article.slug, quote))
            counted = forms.get(key)
            if counted is None:  # not setdefault(key, Counter()): that makes a Counter for every quote
                counted = forms[key] = Counter()
            counted[quote.speaker] += 1
            if quote.speaker_role and quote.speaker_role not in roles.setdefault(key, []):
                roles[key].append(quote.speaker_role)
    speakers = []
    used: set[str] = set()
    for key in sorted(quotes, key=lambda k: (-len(quotes[k]), k)):
        # The fullest form any article gives is the name on the page.
        name = max(forms[key], key=lambda form: (len(form.split()), len(form), form))
        slug, n = slugify(name) or "speaker", 2
        while slug in used:
            slug, n = f"{slugify(name) or 'speaker'}-{n}", n + 1
        used.add(slug)
        speakers.append(Speaker(slug, name, tuple(roles.get(key, ())), tuple(quotes[key])))
    return tuple(speakers)
