"""Who gave a quote as a label in the passive: the agent after "by" ('The plan has been called "a folly" by Tom
Reed', 'a "witch hunt," as it was labelled by Ann Lee'); a passive without an agent names nobody (attribution.py)."""

from __future__ import annotations

import re

from .attribution_np import Attribution, np_after

_LABELLING = frozenset("called labeled labelled described dubbed termed branded characterized characterised".split())
# Between the verb and the quote only "as" and an article: 'called "a folly"', 'described as a "witch hunt"'.
_TO_QUOTE = re.compile(r"\s*(?:as\s+)?(?:(?:a|an|the)\s+)?\x00")
_BY = re.compile(r"\x00+[\s,]*by\s+")  # the quote, then "by" and the agent


def passive_agent(masked: str, verb: re.Match[str], base: int) -> Attribution | None:
    """The agent after "by" right behind the quote a passive labelling verb (`verb`, matched at `base` in `masked`)
    frames: 'called "a folly" by Tom Reed' -> Tom Reed; none for other verbs ("was asked by", "reported by")."""
    if verb.group().lower() not in _LABELLING:
        return None
    to_quote = _TO_QUOTE.match(masked, base + verb.end())
    if not to_quote:
        return None
    found = _BY.match(masked, to_quote.end() - 1)
    agent = np_after(masked[found.end() :], found.end()) if found else None
    return agent if agent and agent[1][:1].isupper() else None
