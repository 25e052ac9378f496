"""Who said a quote no speech verb attributes: the subject of the clause it sits in ('Tom Reed bemoaned the "hate
and anger"'); the speech verbs' attributions are attribution.py's."""

from __future__ import annotations

import re

from . import speech
from .attribution_lead import leading_subject
from .attribution_np import Attribution

_WORDS = re.compile(r"[a-z]+")
_NEW_SUBJECT = re.compile(r"\b(?:and|but|while)\s+(?P<np>(?:[A-Z][\w.’'-]*\s+)+|(?:he|she)\s+(?:(?:[a-z]+ly|also|then)\s+)*)"
                          r"(?:will|would|could|can|may|might|must|should|has|have|had|is|was|are|were|did|does|"
                          r"[a-z]+(?:ed|s))\b")
_COPULAS = frozenset("is was are were".split())
_PASSIVE = re.compile(r"^\s*(?:is|was|are|were|has been|had been|have been)\s+(?:being\s+)?"
                      r"(?:(?:[a-z]+ly|also|again|then|later|first|never|not|once)\s+)?[a-z]+(?:ed|en)\b")
_SINCE_ADVERB = re.compile(r"\b(?:has|have|had)\s+since\b")  # "has since apologized": an adverb, no subordinate
_ASIDE = re.compile(r"^\s*,\s*(?:who|whose)\s[^,;:\x00]*,")


def find_clause_subject(masked: str, frame: tuple[int, int], opening: int) -> Attribution | None:
    """The subject of the clause a quote sits in when no speech verb attributes it: 'Tom Reed bemoaned the "hate and
    anger"', 'She thanked the crew for "working through the storm"'. Newsrooms credit such quotes to the subject."""
    found = leading_subject(masked[frame[0] : opening], frame[0])
    if not found or found[1].endswith(("'s", "’s", "s'", "s’")):
        return None  # "Reed's latest plan unleashed ...": the possessor is not the subject
    # an aside on the subject between commas is no clause of the quote's: "Reed, who chairs the board, called it"
    between = _ASIDE.sub("", masked[found[0] + len(found[1]) : opening].lower())
    second = _NEW_SUBJECT.search(masked, found[0] + len(found[1]), opening)
    if second and masked[found[0] + len(found[1]) : second.start()].strip(" ,"):  # not "Reed and Lee have"
        # 'The Post will brand you a liar and NBC News will accuse you of a "freak out"': the second clause holds
        # the quote, its subject speaks ('... and he pledged a "revolution"')
        np = second.group("np").split()[0] if second.group("np").split()[0] in ("he", "she") else second.group("np")
        return second.start("np"), np.strip(), None
    if between.split()[:1] and between.split()[0] in _COPULAS and found[1].split()[-1].lower() in speech.SOURCE_NOUNS:
        return None  # 'The report was "a waste of money"': words about the writing, not from it
    if _PASSIVE.match(between):
        return None  # 'Lee, who ..., was being treated for a "rare disease"': the subject undergoes, says nothing
    if set(_WORDS.findall(_SINCE_ADVERB.sub("", between))) & speech.SUBORDINATORS:
        return None  # 'X met Y, who dismissed it as "a disaster"': the quote sits in another clause, with its subject
    return found
