"""The attribution closing a sentence after its last quote ('..., he said.'), which credits every quote inside the
reporter's paraphrase before it; the quote's own attribution is attribution.py's."""

from __future__ import annotations

from . import speech
from .attribution import opens_clause, speech_verbs
from .attribution_np import MASK, Attribution, np_after, subject


def find_closing_attribution(masked: str, frame: tuple[int, int], close: int) -> Attribution | None:
    """The speaker of an attribution closing the sentence after its last quote, for every quote in it: in
    'Sales were "flat for a month" as buyers waited, he said.' or '..., said Tom Reed, an analyst.' the reporter
    paraphrases the speaker and quotes their words inside the paraphrase."""
    tail_start = masked.rfind(MASK, close, frame[1]) + 1 or close
    rest = masked[tail_start : frame[1]]
    verbs = speech_verbs(rest, speech.SPEECH_VERBS_AFTER_QUOTE)
    if not verbs:
        return None
    verb = verbs[-1]
    comma = rest.rfind(",", 0, verb.start())
    named, after = rest[comma + 1 : verb.start()], rest[verb.end() :]
    if comma < 0 or opens_clause(named) or set(after.lower().split()) & speech.CLAUSE_WORDS:
        return None  # '..., he said that ...': a clause of its own follows, with quotes of its own
    if named.strip():
        short = len(named.split()) <= 6 and len(after.split()) <= 6
        return subject(named, tail_start + comma + 1, True) if short else None
    if verb.group().lower() not in speech.INVERTED_AFTER_QUOTE:
        return None
    return np_after(after, tail_start + verb.end())
