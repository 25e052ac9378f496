"""Extractive summary: the few sentences that carry the story, lead-biased as news is, in article order.

Each eligible sentence is scored by position (the lead carries who/what/where/when), centrality (TF-IDF cosine
with the rest of the article) and named-entity density. Sentences that lean on the one before ("But ...",
"He ...", "That agreement ...") are only taken right after that sentence. Captions, crossheads, fragments and
all-caps lines are never candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..models import Block
from ..text import split_sentences

MIN_WORDS = 6
MAX_WORDS = 90  # longer is a run-on scrape (no punctuation), not a sentence a summary can show
POSITION_WEIGHT = 0.3
CENTRALITY_WEIGHT = 1.0
ENTITY_WEIGHT = 0.3
LENGTH_WEIGHT = 0.3
FULL_LENGTH = 25  # words; shorter sentences carry less of the story
QUOTE_PENALTY = 0.25
REDUNDANCY = 0.6  # word overlap above which a sentence only repeats one already chosen
STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as is are was were be been being has have had do
    does did it its he she they them his her their this that these those there here which who whom what when
    where will would can could should may might must not no so than then also about into over after before
    said says say we our you your i me my us""".split()
)
# Openers that need the previous sentence to make sense.
DEPENDENT_START = re.compile(
    r"^[\"“‘']?(?:But|And|Or|So|Yet|However|Also|Still|Meanwhile|Instead|Moreover|Furthermore|Nevertheless|"
    r"Thus|Therefore|Then|He|She|It|They|His|Her|Its|Their|Them|This|That|These|Those|Such|The latter|Both)\b"
)
TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
QUOTE_START = re.compile(r"^[\"“‘']")
VERBISH = re.compile(r"\b(?:[a-z]+(?:ed|es|s|ing)|is|are|was|were|be|been|has|have|had|will|would|can|could|"
                     r"said|says|told|made|met|went|came|took|gave|left|held|won|lost|fell|rose|hit|cut|put|set|"
                     r"say|do|did|does|get|got|may|might|must|shall|should)\b")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_NUMBER = re.compile(r"\d[\d,.%]*")


@dataclass(frozen=True)
class _Candidate:
    index: int  # position among all story sentences
    text: str
    words: tuple[str, ...]  # content words, lower-cased
    tokens: tuple[str, ...]  # every word as written (_WORD), read once for the words and the entity density


def summarise(blocks: Sequence[Block], sentences: int = 3, dateline: str | None = None) -> tuple[str, ...]:
    """The `sentences` sentences that best carry the story, in article order."""
    candidates = _candidates(blocks, dateline)
    if not candidates or sentences <= 0:
        return ()
    scores = _scores(candidates)
    ranked = sorted(candidates, key=lambda c: -scores[c.index])
    chosen: list[_Candidate] = []
    # First only sentences that stand on their own (or follow a chosen one), then anything to fill up.
    for strict in (True, True, False):
        for cand in ranked:
            if len(chosen) < sentences and _fits(cand, chosen, candidates[0].index, strict):
                chosen.append(cand)
    return tuple(c.text for c in sorted(chosen, key=lambda c: c.index))


def _fits(cand: _Candidate, chosen: list[_Candidate], first: int, strict: bool) -> bool:
    if any(c.index == cand.index or _overlap(cand.words, c.words) > REDUNDANCY for c in chosen):
        return False
    leans = bool(DEPENDENT_START.match(cand.text)) and cand.index != first
    return not (strict and leans and all(c.index != cand.index - 1 for c in chosen))


def _candidates(blocks: Sequence[Block], dateline: str | None) -> list[_Candidate]:
    out: list[_Candidate] = []
    index = 0
    for block in blocks:
        if block.kind == "heading":
            continue
        for sentence in split_sentences(block.text):
            if not out and index == 0 and dateline:
                sentence = strip_leading_dateline(sentence, dateline)
            if is_summary_sentence(sentence):
                tokens = tuple(_WORD.findall(sentence))
                out.append(_Candidate(index, sentence, _content_words(tokens), tokens))
            index += 1
    return out


def strip_leading_dateline(sentence: str, dateline: str) -> str:
    """"GENEVA — United States ..." -> "United States ..." when the sentence opens with the dateline."""
    pattern = re.escape(dateline) + r"[^—–-]{0,40}?\s*(?:—|--|–|-)\s+"
    match = re.match(r"\s*" + pattern, sentence)
    return sentence[match.end():] if match else sentence


def is_summary_sentence(sentence: str) -> bool:
    """A full prose sentence: long enough, properly ended, not shouted, with something verb-like in it."""
    tokens = sentence.split()
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS or not TERMINAL.search(sentence):
        return False
    letters = "".join(filter(str.isalpha, sentence))
    if letters and sum(map(str.isupper, letters)) > 0.6 * len(letters):
        return False
    return bool(VERBISH.search(sentence))


def _content_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in tokens if w.lower() not in STOPWORDS)


def _scores(candidates: list[_Candidate]) -> dict[int, float]:
    """Position + centrality + entity density, each in [0, 1], minus small penalties."""
    df = Counter(w for c in candidates for w in set(c.words))
    n = len(candidates)
    idf = {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}
    centroid: Counter[str] = Counter()
    for c in candidates:
        centroid.update({w: idf[w] for w in c.words})
    position = {w: i for i, w in enumerate(centroid)}
    squares = [v * v for v in centroid.values()]
    scores: dict[int, float] = {}
    for rank, c in enumerate(candidates):
        vec = {w: idf[w] for w in c.words}
        score = POSITION_WEIGHT / (1 + 0.5 * rank) + CENTRALITY_WEIGHT * _centrality(vec, centroid, position, squares)
        score += ENTITY_WEIGHT * _entity_density(c) + LENGTH_WEIGHT * min(1.0, len(c.text.split()) / FULL_LENGTH)
        if QUOTE_START.match(c.text):
            score -= QUOTE_PENALTY
        scores[c.index] = score
    return scores


def _centrality(
    vec: dict[str, float], centroid: Counter[str], position: dict[str, int], squares: list[float]
) -> float:
    """Cosine of a sentence with the rest of the article (the centroid less the sentence: it does not vote for itself).

    The same sums in the same order as a cosine with `centroid - vec` (a Counter keeps positive counts only), without
    building that Counter for every sentence: `squares` holds the centroid's squared weights, in its order, and only
    the sentence's own words change (to 0.0 when nothing is left, which leaves a float sum unchanged).
    """
    rest_squares = squares.copy()
    products = []
    for word, weight in vec.items():
        rest = centroid[word] - weight
        if rest > 0:
            rest_squares[position[word]] = rest * rest
            products.append(weight * rest)
        else:
            rest_squares[position[word]] = 0.0
    norm = math.sqrt(sum(v * v for v in vec.values())) * math.sqrt(sum(rest_squares))
    return sum(products) / norm if norm else 0.0


def _entity_density(candidate: _Candidate) -> float:
    """Share of words after the first that are capitalised or numbers: names, places, figures."""
    tokens = [*candidate.tokens[1:], *_NUMBER.findall(candidate.text)]
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t[:1].isupper() or t[:1].isdigit()) / len(tokens)


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))
