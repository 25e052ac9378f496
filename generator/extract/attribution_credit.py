"""Attribution without a speech verb beside the quote: a round-up's credit line ("Lena Ortiz, Radio Nine:"), a name
signing the quote after a dash ('"X." ― Nell Grey', a paragraph "- Tom Reed."), and dialogue ('"Go back," Tom Reed
barked.'), where the layout or the punctuation says whose words they are."""

from __future__ import annotations

import re
from typing import Sequence

from ..names import TITLE_WORDS
from . import speech
from .attribution_np import MASK, Attribution

_INITIAL = re.compile(r"^[A-Z]\.$")
_FROM = re.compile(r"^\s*(?:(?:More|Much|Most)\s+)?[Ff]rom\s+")


def credit_line(text: str, base: int) -> Attribution | None:
    """A name introducing a quote with a colon, as round-ups print them: "Lena Ortiz, Radio Nine: " or after a
    heading run in: "BETTER THAN EXPECTED - Rhea Castillo: "; after "from" one name or a writing will do: "More
    from Jones: ", "From the report: "."""
    if not text.rstrip().endswith(":"):
        return None
    parts = re.split(r"\s[-–—―]\s?", text.rstrip()[:-1])
    lead = parts[-1]
    sourced = _FROM.match(lead)
    lead = lead[sourced.end() :] if sourced else lead
    name = re.sub(r"\s*\([^()]*\)$", "", lead.split(",")[0])  # "Rep. Trey Gowdy (R-S.C.):"
    tokens = name.split()
    # "From the report:", "From Bush's Facebook post:": a writing, with a determiner or its owner first
    owned = tokens[0].endswith(("’s", "'s")) if tokens else False
    writing = sourced and 1 < len(tokens) <= 4 and (tokens[0].lower() in speech.DETERMINERS or owned) and (
        tokens[-1] in speech.SOURCE_NOUNS)
    # one word will do after "from", or after a run-in heading's dash ("POLLS OVERHYPED - Pollwatch: ")
    titled = _titled_name(tokens) if not sourced and len(parts) == 1 else 0
    if titled:
        tokens = tokens[titled:]  # "Former secretary of state Hillary Rodham Clinton:" as a transcript prints it
        name = name[name.index(tokens[0]) :]
    if not (writing or credit_names(tokens, 1 if sourced or len(parts) > 1 else 2)):
        return _described_name_before_colon(text, base)
    return base + len(text.rstrip()) - 1 - len(lead) + (len(name) - len(name.lstrip())), name.strip(), None


def _titled_name(tokens: Sequence[str]) -> int:
    """How many words of a title in lower case open a credit line before the name, when all its other words are a
    title's ("Former secretary of state Hillary Rodham Clinton"): a name after them alone may credit the quote."""
    k = 0
    while k < len(tokens) and (tokens[k].lower().rstrip(".") in TITLE_WORDS or tokens[k] == "of"):
        k += 1
    lower = any(t[:1].islower() for t in tokens[:k])
    return k if lower and 2 <= len(tokens) - k <= 4 and all(t[:1].isupper() for t in tokens[k:]) else 0


_DESCRIBED_NAME = re.compile(r"\b([a-z][\w-]*)\s+((?:(?:[A-Z][\w’'-]*|[A-Z]\.)\s+){1,3}[A-Z][\w’'-]*)\s*:\s*$")


def _described_name_before_colon(text: str, base: int) -> Attribution | None:
    """A sentence handing over to a person named last, after the noun that describes them: "The surge does not
    surprise Republican pollster Dan Shaw: " introduces Dan Shaw's words."""
    found = _DESCRIBED_NAME.search(text)
    if not found or found.group(1) not in speech.PERSON_HEADS or not credit_names(found.group(2).split(), 2):
        return None
    return base + found.start(2), found.group(2), None


def credit_names(tokens: Sequence[str], least: int) -> bool:
    """Whether the words are a name or two joined by "and": capitals and initials ("Gerald F. Seib", "Frank Newport
    and Jim Harter")."""
    if not least <= len(tokens) <= 7 or not all(_INITIAL.match(t) or (t[0].isupper() and not t.isupper()) or
                                                (t == "and" and 0 < i < len(tokens) - 1) for i, t in enumerate(tokens)):
        return False
    if tokens.count("and") > 1 or (len(tokens) > 4 and "and" not in tokens):
        return False
    return tokens[0].lower() not in speech.CAPITAL_STOP


def dash_credit(post: str, base: int) -> Attribution | None:
    """A name after a dash right behind the quote, as a signed comment: '"X." ― Nell Grey'."""
    found = re.match(r"\s*[―—–]\s*((?:[A-Z][\w.’'-]*\s?){2,4})(?=[^\w\s]|\s*$|\s+\x00)", post)
    if not found or found.group(1).split()[0].lower() in speech.CAPITAL_STOP:
        return None
    return base + found.start(1), found.group(1).strip(), None


# A paragraph signing the quote above it: "- Tom Reed.", "—President Reed, tweeting after the vote." (a list item
# keeps only the words after its dash).
_SIGNATURE = re.compile(r"[-–—―]?\s*((?:[A-Z][\w.’'-]*\s?){1,4}?)\s*(?:[.,]|$)")


def find_signature(text: str, listed: bool) -> Attribution | None:
    """The name a short paragraph right after a quote standing alone signs it with: '- Tom Reed.' (a list item
    'Tom Reed.' in Markdown), '-President Reed, tweeting after the vote.'"""
    found = _SIGNATURE.match(text)
    if not found or len(text.split()) > 12 or not (listed or text.lstrip()[:1] in "-–—―"):
        return None
    name = found.group(1).strip()
    if not name or name.split()[0].lower() in speech.CAPITAL_STOP:
        return None
    return found.start(1), name, None


# Common irregular past forms a newsroom writes after a quote ("Reed shot back", "he went on").
_IRREGULAR_PAST = frozenset("went shot broke began spoke came got kept gave took threw fought struck thought felt".split())


def find_dialogue_subject(masked: str, frame: tuple[int, int], close: int) -> Attribution | None:
    """'"Go back to your seat," Tom Reed barked.', '"Why not?" she shot back.': a quote that opens its sentence and
    ends in its own comma, question or exclamation mark is the words of the subject right after it, whatever verb
    follows (the caller checks the quote): a pronoun, a name, or a description headed by a person noun, then a
    word that looks like a finite verb ("barked", "presses", "went")."""
    tokens = list(re.finditer(r"\S+", masked[close : frame[1]]))[:6]
    for k in range(1, len(tokens)):
        np, verb = " ".join(t.group() for t in tokens[:k]), tokens[k].group().rstrip(".,;:!?")
        if _looks_finite(verb) and _dialogue_subject(np):
            return close + tokens[0].start(), np, None
    return None


_NOT_FINITE = speech.NP_STOP | speech.AUXILIARIES  # joined once, not at every call


def _looks_finite(word: str) -> bool:
    if not word.isalpha() or not word.islower() or word in _NOT_FINITE:
        return False
    return word.endswith("ed") or (word.endswith("s") and not word.endswith("ss")) or word in _IRREGULAR_PAST


def _dialogue_subject(np: str) -> bool:
    """A pronoun, a run of capitalised words (no possessor: "Reed's aides"), or "the harbour chief"."""
    tokens = np.split()
    if MASK in np or tokens[-1].endswith(("’s", "'s", ",")):
        return False
    if np.lower() in speech.PRONOUNS:
        return True
    if tokens[0].lower() in speech.DETERMINERS:
        return len(tokens) <= 5 and tokens[-1].lower() in speech.PERSON_HEADS
    capitals = all(t[0].isupper() for t in tokens) and tokens[0].lower() not in speech.CAPITAL_STOP
    return len(tokens) <= 4 and capitals
