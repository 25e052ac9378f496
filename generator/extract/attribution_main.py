"""Which clause of a sentence holds the quote when a speech verb sits in a subordinate clause before the main one:
"When Reed criticized Lee during a debate, Lee shot back, ..." quotes the main clause's subject.
"""

from __future__ import annotations

import re

_SUBORDINATE_OPENINGS = frozenset("when after before while because although though since if until once".split())


def after_subordinate(pre: str, verb: re.Match[str]) -> int:
    """Where the main clause starts when a speech verb sits in a subordinate clause before it, the quote in the
    main clause: "When Reed criticized Lee, Lee shot back, ..."; -1 for "As Reed said, ..." with the quote next."""
    chunk_start = max(pre.rfind(mark, 0, verb.start()) for mark in ",;:—–") + 1
    first = pre[chunk_start : verb.start()].split()[:1]
    if not first or first[0].lower() not in _SUBORDINATE_OPENINGS:
        return -1
    comma = pre.find(",", verb.end())
    return comma + 1 if comma >= 0 and re.search(r"[A-Za-z]", pre[comma:]) else -1
