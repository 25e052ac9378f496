"""Who a paragraph's last sentence introduces when a clause opens before its speech verb: the subject of that last
clause, for the quote standing alone below ("The paper ran the claim, and the Harbour Trust responded:")."""

from __future__ import annotations

import re

from . import speech
from .attribution_np import Attribution, subject

_CLAUSE_OPENING = re.compile(r"\b(?:" + "|".join(speech.CLAUSE_WORDS) + r")\b|[—–]", re.I)


def last_clause_subject(before: str, base: int) -> Attribution | None:
    """The name or noun phrase that is all the words of the last clause in `before` (the words before a closing
    speech verb, starting at `base`): "..., and Tom Reed responded:", "as Ann Lee observed, ...:"."""
    cut = max((m.end() for m in _CLAUSE_OPENING.finditer(before)), default=0)
    tail = before[cut:]
    found = subject(tail, base + cut, True) if tail.strip()[:1].isupper() else None
    return found if found and not tail[: found[0] - base - cut].strip() else None
