"""Keywords: the three to eight tags an editor would give an article.

Candidates are the article's named entities (places, organisations, people, each under one canonical name
whatever the form: "N Korea", "North Korean" -> "North Korea"; "UN" -> "United Nations") and the noun-phrase-ish
runs of words between stop words ("six-party talks", "uranium enrichment"). They are ranked by salience: how
often, how early and how widely across paragraphs the article uses them, and how specific they are (a compact list
of very common news words is down-weighted: "talks" alone is no tag, "six-party talks" is).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Mapping, Sequence

from ..models import Block
from ..names import TITLE_MODIFIERS, TITLES, same_person
from . import speech
from .places import GEO_WORDS, place_of

# ---- constants of the ranking -------------------------------------------------------------------------------------

LIMIT = 8  # at most this many keywords
MINIMUM = 3  # at least this many when the article has them
MAX_WORDS = 3  # longest key phrase taken from running text
LEAD_BONUS = 0.6  # a candidate first used in the opening paragraph weighs 1.6 times; the bonus halves per paragraph
PHRASE_BONUS = 0.5  # each extra word of a phrase: "nuclear test" tells more than "test"
GENERIC_WEIGHT = 0.2  # a candidate made only of very common news words ("talks", "equal level")
RELATIVE_FLOOR = 0.2  # beyond MINIMUM, a keyword scores at least this share of the best one
UPGRADE_SHARE = 0.25  # a longer phrase stands for a shorter one it holds when used this share of its times
_GENERIC = speech.NEWS_COMMON | TITLES | TITLE_MODIFIERS | GEO_WORDS

_TOKEN = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?|[.!?;:,()\[\]\"“”‘—–]|\s[-–]\s")
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")  # "U.S." -> "US", so the full stops end no sentence
_INITIAL_DOT = re.compile(r"\b([A-Z])\.(?=\s+[A-Z])")  # "Stephen W. Bosworth": the initial's dot ends nothing
_SENTENCE_END = frozenset(".!?\"“”‘")
_POSSESSIVE = re.compile(r"[’']s?$")
_NOT_PLURAL = ("ss", "us", "is", "news", "ics")


Words = Sequence[tuple[str, bool]]  # a phrase as written: (word, capitalised inside a sentence)
Use = tuple[int, "Words | str"]  # one use of a candidate: paragraph index, the words as written (or the entity)


# ---- tokens and runs ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """A plural's singular for matching only: "talks" -> "talk", "parties" -> "party"; others unchanged."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL) and word[-2] not in "'’":
        return word[:-1]
    return word


def phrase_key(words: Sequence[str]) -> str:
    """One key for every form of a phrase: lowercase, singular words."""
    return " ".join(singular(w.lower()) for w in words)


def _is_content(word: str) -> bool:
    """A word that may stand in a keyword: no stop word, number or stray letter (acronyms are kept)."""
    if word.isupper() and word.isalpha():
        return len(word) > 1 or word not in "AI"  # "US" is no "us"; "N" of "N Korea" is kept, "I" and "A" not
    return len(word) > 2 and word.lower() not in speech.KEYWORD_STOP and not word.isdigit()


@lru_cache(maxsize=16384)
def _bare(word: str) -> tuple[str, bool]:
    """A word without its possessive ending, and whether that may stand in a keyword (asked once per word form)."""
    bare = _POSSESSIVE.sub("", word) if len(word) > 3 else word
    return bare, _is_content(bare)


def runs(text: str) -> Iterator[list[tuple[str, bool]]]:
    """Runs of content words between stop words and punctuation: (word, capitalised inside a sentence)."""
    text = _INITIAL_DOT.sub(r"\1", _DOTTED.sub(lambda m: m.group().replace(".", ""), text))
    run: list[tuple[str, bool]] = []
    starts_sentence = True
    for token in _TOKEN.findall(text):
        word = token.strip()
        if not word[0].isalnum():
            if run:
                yield run
                run = []
            starts_sentence = starts_sentence or word in _SENTENCE_END
            continue
        bare, content = _bare(word)
        if content:
            run.append((bare, word[0].isupper() and not starts_sentence))
        if bare != word or not content:
            if run:  # a possessive ends the phrase: "North Korea's nuclear test" -> "North Korea" | "nuclear test"
                yield run
            run = []
        starts_sentence = False
    if run:
        yield run


# ---- candidates ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Names:
    """How to recognise the article's named entities inside a run of words."""

    people: Sequence[str]  # fullest names, most salient first
    organizations: Mapping[str, str]  # every form the article uses -> its canonical name
    # Speed: an article writes the same names again and again, and each was compared with each of its people.
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def canonical(self, words: Sequence[str]) -> str | None:
        """The canonical place, organisation or person these capitalised words name, else None."""
        text = " ".join(words)
        if text in self._seen:
            return self._seen[text]
        found = place_of(words) or self.organizations.get(text) or speech.ORG_ALIASES.get(text)
        if not found:
            found = next((p for p in self.people if same_person(p, text)), None)
        self._seen[text] = found
        return found


def _capitalised(run: Words, start: int) -> int:
    """How many capitalised words run from `start` (at most one more than a phrase may hold)."""
    end = start
    while end < len(run) and end - start <= MAX_WORDS and run[end][0][0].isupper():
        end += 1
    return end - start


def _segments(run: Words, names: _Names) -> Iterator[tuple[str | None, Words]]:
    """The run cut into named entities (longest match first) and the stretches of plain words between them."""
    plain: list[tuple[str, bool]] = []
    i = 0
    while i < len(run):
        if not run[i][0][0].isupper():  # speed: a lowercase word starts no name (_capitalised would give 0)
            plain.append(run[i])
            i += 1
            continue
        for n in range(_capitalised(run, i), 0, -1):
            entity = names.canonical([w for w, _ in run[i : i + n]])
            if entity:
                if plain:
                    yield None, plain
                    plain = []
                yield entity, run[i : i + n]
                i += n
                break
        else:
            plain.append(run[i])
            i += 1
    if plain:
        yield None, plain


def _display(words: Sequence[tuple[str, bool]]) -> str:
    """A phrase as a tag: names and acronyms keep their capitals, common words are lowercase."""
    return " ".join(w if proper or (w.isupper() and len(w) > 1) else w.lower() for w, proper in words)


def _tally(texts: Sequence[str], names: _Names) -> tuple[dict[str, list[Use]], set[str]]:
    """Every candidate of the article with each of its uses, and which candidates are named entities."""
    uses: dict[str, list[Use]] = {}
    entities: set[str] = set()
    for i, text in enumerate(texts):
        for run in runs(text):
            for entity, words in _segments(run, names):
                if entity:
                    key = phrase_key(entity.split())
                    entities.add(key)
                    uses.setdefault(key, []).append((i, entity))
                    continue
                keys = [w.lower() if proper else singular(w.lower()) for w, proper in words]  # "Tomas" stays
                for j, key in enumerate(keys):  # single words first, then pairs, then triples, as uses are ordered
                    uses.setdefault(key, []).append((i, words[j : j + 1]))
                for n in range(2, min(MAX_WORDS, len(words)) + 1):
                    for j in range(len(words) - n + 1):
                        uses.setdefault(" ".join(keys[j : j + n]), []).append((i, words[j : j + n]))
    return uses, entities


# ---- ranking ------------------------------------------------------------------------------------------------------


def is_generic(key: str) -> bool:
    """Whether a phrase is made only of very common news words, titles or fragments of place names."""
    return all(w in _GENERIC or w in speech.KEYWORD_STOP for w in key.split())


def is_clause(key: str) -> bool:
    """A run that reads as a verb and its neighbours ("engineers reopened", "injuring nine"), not a noun phrase."""
    words = key.split()
    last_verb = len(words[-1]) > 4 and words[-1].endswith("ed") and not words[-1].endswith("eed")
    return last_verb or (len(words) > 1 and words[0].endswith("ing"))


def salience(key: str, uses: Sequence[Use], entity: bool, paragraphs: int) -> float:
    """Frequency x position x spread x phrase length x specificity."""
    position = 1 + LEAD_BONUS / 2 ** min(uses[0][0], 30)
    spread = 1 + len({p for p, _ in uses}) / max(1, paragraphs)
    length = 1 + PHRASE_BONUS * min(key.count(" "), 1)  # a third word is as often a verb as a better name
    specific = 1.0 if entity or not is_generic(key) else GENERIC_WEIGHT
    return len(uses) * position * spread * length * specific


def _form(uses: Sequence[Use]) -> str:
    """The tag's display form: a capitalised form when the article ever writes it so, else the commonest."""
    forms = Counter(g if isinstance(g, str) else _display(g) for _, g in uses)
    return max(forms, key=lambda f: (f != f.lower(), forms[f], f))


def _holds(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def _same_thing(a: str, b: str) -> bool:
    """One phrase holds the other, or they chain on a shared word ("death toll" / "toll rose")."""
    if _holds(a, b) or _holds(b, a):
        return True
    if " " not in a or " " not in b:
        return False
    return a.rsplit(" ", 1)[1] == b.split(" ", 1)[0] or b.rsplit(" ", 1)[1] == a.split(" ", 1)[0]


def _upgrade(key: str, uses: Mapping[str, Sequence[Use]], frequent: Sequence[str]) -> str:
    """A phrase used often enough that holds the word stands for it: "enrichment" -> "uranium enrichment"."""
    floor = 2 if is_generic(key) else max(2, UPGRADE_SHARE * len(uses[key]))
    longer = [k for k in frequent if k != key and len(uses[k]) >= floor and _holds(k, key)]
    # The most used; of equals the shortest: "death toll", not "death toll rose".
    return max(longer, key=lambda k: (len(uses[k]), -len(k), k)) if longer else key


def _select(scores: Mapping[str, float], uses: Mapping[str, Sequence[Use]], entities: set[str], limit: int) -> list[str]:
    """The best-scored candidates, one per thing, beyond the first few held to a share of the best score."""
    frequent = [k for k, u in uses.items() if len(u) >= 2 and " " in k and k not in entities]
    chosen: list[str] = []
    best = 0.0
    for key in sorted(scores, key=lambda k: (-scores[k], uses[k][0][0], k)):
        score, named = scores[key], key in entities
        if len(chosen) >= MINIMUM and score < RELATIVE_FLOOR * best:
            break
        key = key if named or " " in key else _upgrade(key, uses, frequent)
        if not named and (is_generic(key) or is_clause(key)):
            continue  # "talks" is no tag; "six-party talks", its upgrade, is
        if any(_same_thing(key, c) for c in chosen):
            continue
        if len(chosen) >= MINIMUM and len(uses[key]) < 2 and uses[key][0][0] > 0:
            continue  # beyond the first few, a tag is used twice or in the opening paragraph
        best = best or score
        chosen.append(key)
        if len(chosen) == limit:
            break
    return chosen


def find_keywords(
    blocks: Sequence[Block], people: Sequence[str] = (), organizations: Mapping[str, str] | None = None,
    limit: int = LIMIT,
) -> tuple[str, ...]:
    """Three to eight tags an editor would use: entities and key phrases, most salient first, one per thing."""
    texts = [b.text for b in blocks if b.kind != "heading"]
    uses, entities = _tally(texts, _Names(tuple(people), organizations or {}))
    # Only what is used twice, or in the opening paragraph, can make a tag: score nothing else.
    scores = {
        k: salience(k, u, k in entities, len(texts))
        for k, u in uses.items() if (len(u) >= 2 or u[0][0] == 0) and (len(k) > 2 or k in entities)
    }
    return tuple(_form(uses[k]) for k in _select(scores, uses, entities, limit))
