#!/usr/bin/env python3
"""Direct quotes and speakers: `python bench/eval_quotes.py [--limit N]`.

Data: `quotes-polnear` dev (713 US-election articles, 6,032 gold direct quotes with their speaker spans).
System: each article's text goes through digest's clean stage as a `Source(kind="markdown")` - the texts are clean
prose with a blank line between paragraphs and no page furniture, which is Markdown's layout (kind="text" would
run the furniture classifier on text that has none) - and `generator.extract.quotes.find_quotes` reads the blocks,
as `extract` does in a build. Every quote it returns is a prediction (a second row keeps only attributed ones).
Predicted quotes are mapped back to character offsets by finding the clean block, then the quote, in the text.
Metric (the README's): spans normalised (whitespace, quote marks, trailing ".,"); a prediction matches a gold quote
when the spans overlap with token Jaccard >= 0.5 (one-to-one, greedy by overlap); micro P/R/F1, exact-span P/R/F1,
P/R/F1 on gold quotes of >= 4 words (precision over predictions of >= 4 words); speaker accuracy over matched
quotes; quote+speaker F1 (a match counts only with the right speaker). A speaker is right when the predicted
speaker string contains the gold one (case-insensitive), or when an occurrence of the predicted speaker string in
the article overlaps the gold speaker span (digest returns a resolved name, not a span: a gold pronoun such as "he"
that digest resolves to a name therefore counts as wrong, so speaker figures are a lower bound). A gold quote
without a speaker is right only when digest gives none.
Published figure to compare with: none (the README: no directly comparable published system).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from _common import clean_blocks, load_jsonl, locate, locate_blocks, parser, prf, print_table

from generator.extract.quotes import find_quotes

STRIP = " \t\r\n“”\"‘’'"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # normalised


@dataclass(frozen=True)
class Predicted:
    span: Span
    speaker: str | None


@dataclass
class Counts:
    n_pred: int = 0
    n_gold: int = 0
    matched: int = 0
    exact: int = 0
    pred_long: int = 0
    pred_long_matched: int = 0
    gold_long: int = 0
    gold_long_matched: int = 0
    speaker_ok: int = 0
    unlocated: int = 0


def normalised(text: str, start: int, end: int) -> Span:
    """The span without surrounding whitespace and quote marks, nor a trailing '.' or ','."""
    s = text[start:end]
    lead = len(s) - len(s.lstrip(STRIP))
    core = s.strip(STRIP).rstrip(".,").rstrip(STRIP)
    return Span(start + lead, start + lead + len(core), core)


def tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def predict(text: str, counts: Counts) -> list[Predicted]:
    """digest's quotes for one article, located in the original text."""
    blocks = clean_blocks(text, "markdown")
    where = locate_blocks(text, blocks)
    cursors = {i: span[0] for i, span in enumerate(where) if span}
    out = []
    for quote in find_quotes(blocks):
        block = where[quote.paragraph]
        found = locate(text, quote.text, cursors[quote.paragraph], block[1]) if block else None
        if not found:
            counts.unlocated += 1  # still a prediction: it can only be a false positive
            out.append(Predicted(Span(-1, -1, quote.text), quote.speaker))
            continue
        cursors[quote.paragraph] = found[1]
        out.append(Predicted(normalised(text, *found), quote.speaker))
    return out


def match(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs that overlap with token Jaccard >= 0.5, greedy by overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            a, b = tokens(g.text), tokens(p.text)
            if overlap > 0 and a | b and len(a & b) / len(a | b) >= 0.5:
                pairs.append((overlap, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            out.append((gi, pi))
    return out


def speaker_right(predicted: str | None, gold: dict[str, Any], text: str) -> bool:
    if gold["speaker"] is None:
        return predicted is None
    if not predicted:
        return False
    said, truth = predicted.lower(), gold["speaker"].lower().strip()
    if truth in said:
        return True
    return any(m.start() < gold["speaker_end"] and m.end() > gold["speaker_start"]
               for m in re.finditer(re.escape(said), text.lower()))


def score_article(article: dict[str, Any], predictions: list[Predicted], counts: Counts) -> None:
    text = article["text"]
    gold = [normalised(text, q["start"], q["end"]) for q in article["quotes"]]
    spans = [p.span for p in predictions]
    pairs = match(gold, spans)
    counts.n_pred += len(predictions)
    counts.n_gold += len(gold)
    counts.matched += len(pairs)
    counts.exact += sum(gold[gi].text == spans[pi].text for gi, pi in pairs)
    counts.speaker_ok += sum(speaker_right(predictions[pi].speaker, article["quotes"][gi], text) for gi, pi in pairs)
    long_gold = {gi for gi, g in enumerate(gold) if len(g.text.split()) >= 4}
    long_pred = {pi for pi, p in enumerate(spans) if len(p.text.split()) >= 4}
    counts.gold_long += len(long_gold)
    counts.gold_long_matched += sum(gi in long_gold for gi, _ in pairs)
    counts.pred_long += len(long_pred)
    counts.pred_long_matched += sum(pi in long_pred for _, pi in pairs)


def rows(label: str, c: Counts) -> list[tuple[Any, ...]]:
    speaker_acc = c.speaker_ok / c.matched if c.matched else 0.0
    return [
        (f"{label}: quote span (Jaccard >= 0.5)", *prf(c.matched, c.n_pred, c.n_gold), None),
        (f"{label}: exact span", *prf(c.exact, c.n_pred, c.n_gold), None),
        (f"{label}: gold quotes >= 4 words", *_long(c), None),
        (f"{label}: speaker accuracy (matched)", None, None, None, speaker_acc),
        (f"{label}: quote+speaker", *prf(c.speaker_ok, c.n_pred, c.n_gold), None),
    ]


def _long(c: Counts) -> tuple[float, float, float]:
    """Recall over gold quotes of >= 4 words; precision over predictions of >= 4 words."""
    p = c.pred_long_matched / c.pred_long if c.pred_long else 0.0
    r = c.gold_long_matched / c.gold_long if c.gold_long else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    args = parser(__doc__).parse_args()
    articles = load_jsonl("quotes-polnear", args.limit)
    every, attributed = Counts(), Counts()
    for article in articles:
        predictions = predict(article["text"], every)
        score_article(article, predictions, every)
        score_article(article, [p for p in predictions if p.speaker], attributed)
    n_gold = sum(len(a["quotes"]) for a in articles)
    title = (f"quotes-polnear dev: {len(articles)} articles, {n_gold} gold quotes; "
             f"{every.n_pred} predicted ({attributed.n_pred} attributed, {every.unlocated} not located)")
    print_table(title, ("quotes", "P", "R", "F1", "accuracy"),
                rows("all", every) + rows("attributed", attributed))


if __name__ == "__main__":
    main()
