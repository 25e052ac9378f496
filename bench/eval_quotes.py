#!/usr/bin/env python3
"""Direct quotes and speakers: `python bench/eval_quotes.py [--limit N] [--errors N]`.

Data: `quotes-polnear` dev (713 US-election articles, 6,032 gold direct quotes with their speaker spans).
System: each article's text goes through digest's clean stage as a `Source(kind="markdown")` - the texts are clean
prose with a blank line between paragraphs and no page furniture, which is Markdown's layout (kind="text" would
run the furniture classifier on text that has none) - and `generator.extract.quotes.find_quotes_with_evidence`
reads the blocks, as `extract` does in a build (`find_quotes` is the same function without the evidence). Every
quote it returns is a prediction (a second table keeps only attributed ones). Predicted quotes, and the words their
attribution names the speaker with (the evidence span), are mapped back to character offsets in the text.
Metric (the README's): spans normalised (whitespace, quote marks, trailing ".,"); a prediction matches a gold quote
when the spans overlap with token Jaccard >= 0.5 (one-to-one, greedy by overlap); micro P/R/F1, exact-span P/R/F1,
P/R/F1 on gold quotes of >= 4 words (precision over predictions of >= 4 words); quote+speaker F1 (a match counts
only with the right speaker). Speakers over matched quotes, three ways:
- as written, the row "speaker accuracy (matched)" (the README's rule): right when the evidence span overlaps the gold speaker span, or the predicted
  name contains the gold speaker string (case-insensitive), or an occurrence of the predicted name in the text
  overlaps the gold span ("Donald Trump" inside "Republican nominee Donald Trump");
- "speaker named": the same, over gold speakers that are no pronoun ("he", "she", "who", "it", ...);
- "speaker resolved": every gold pronoun speaker replaced by the nearest preceding gold speaker that is a name or description,
  then judged by name only (the predicted name must contain it or occur inside its span).
A gold quote without a speaker is right only when digest gives none. "wrong" is the share of matched quotes given a
speaker judged wrong, "none" the share given no speaker: a wrong speaker is the worse error.
Published figure to compare with: none (the README: no directly comparable published system).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from _common import clean_blocks, load_jsonl, locate, locate_blocks, parser, prf, print_table

from generator.extract.quotes import find_quotes_with_evidence

STRIP = " \t\r\n“”\"‘’'"
_WORD = re.compile(r"\w+")
# Gold speakers that are no name nor description: resolved to the nearest preceding named one.
PRONOUNS = frozenset("he she they it i we you who which that his her their him them me one".split())
WAYS = ("as written", "named", "resolved")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # normalised


@dataclass(frozen=True)
class Predicted:
    span: Span
    speaker: str | None
    evidence: tuple[int, int] | None  # where the attribution names the speaker, in the article text


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
    unlocated: int = 0
    judged: dict[str, int] = field(default_factory=lambda: {w: 0 for w in WAYS})
    right: dict[str, int] = field(default_factory=lambda: {w: 0 for w in WAYS})
    wrong: dict[str, int] = field(default_factory=lambda: {w: 0 for w in WAYS})


@dataclass
class Errors:
    """The errors of each class, each as (weight, line to print)."""

    missed: list[tuple[int, str]] = field(default_factory=list)
    spurious: list[tuple[int, str]] = field(default_factory=list)
    wrong: list[tuple[int, str]] = field(default_factory=list)
    unattributed: list[tuple[int, str]] = field(default_factory=list)


def normalised(text: str, start: int, end: int) -> Span:
    """The span without surrounding whitespace and quote marks, nor a trailing '.' or ','."""
    s = text[start:end]
    lead = len(s) - len(s.lstrip(STRIP))
    core = s.strip(STRIP).rstrip(".,").rstrip(STRIP)
    return Span(start + lead, start + lead + len(core), core)


def tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _evidence_at(text: str, block: tuple[int, int], evidence: tuple[int, int, int], block_text: str) -> tuple[int, int] | None:
    """The evidence span in the article: the whole-word occurrence of its words in the block nearest their offset in
    the clean block (clean only changes runs of whitespace there). A plain search from a little before would take
    "he" inside "the" or a "he" inside the quote for the attribution's "he"."""
    _, start, end = evidence
    words = block_text[start:end].split()
    if not words:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")
    found = [m.span() for m in pattern.finditer(text, block[0], block[1])]
    return min(found, key=lambda span: abs(span[0] - block[0] - start)) if found else None


def predict(text: str, counts: Counts) -> list[Predicted]:
    """digest's quotes for one article, and their speakers' evidence, located in the original text."""
    blocks = clean_blocks(text, "markdown")
    where = locate_blocks(text, blocks)
    cursors = {i: span[0] for i, span in enumerate(where) if span}
    out = []
    for quote, evidence in find_quotes_with_evidence(blocks):
        block = where[quote.paragraph]
        found = locate(text, quote.text, cursors[quote.paragraph], block[1]) if block else None
        ev_block = where[evidence[0]] if evidence else None
        at = _evidence_at(text, ev_block, evidence, blocks[evidence[0]].text) if evidence and ev_block else None
        if not found:
            counts.unlocated += 1  # still a prediction: it can only be a false positive
            out.append(Predicted(Span(-1, -1, quote.text), quote.speaker, at))
            continue
        cursors[quote.paragraph] = found[1]
        out.append(Predicted(normalised(text, *found), quote.speaker, at))
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


def is_pronoun(speaker: str | None) -> bool:
    return bool(speaker) and speaker.lower().strip().strip("’'s") in PRONOUNS


def resolved_speakers(quotes: list[dict[str, Any]]) -> list[tuple[str, int, int] | None]:
    """Each gold quote's speaker (string, start, end), a pronoun replaced by the nearest preceding named one."""
    named = sorted((q["speaker_start"], q["speaker_end"], q["speaker"]) for q in quotes
                   if q["speaker"] and not is_pronoun(q["speaker"]))
    out: list[tuple[str, int, int] | None] = []
    for q in quotes:
        if not q["speaker"]:
            out.append(None)
        elif not is_pronoun(q["speaker"]):
            out.append((q["speaker"], q["speaker_start"], q["speaker_end"]))
        else:
            before = [n for n in named if n[1] <= q["speaker_start"]]
            out.append((before[-1][2], before[-1][0], before[-1][1]) if before else None)
    return out


def _name_fits(predicted: str, gold: tuple[str, int, int], text: str) -> bool:
    """The predicted name contains the gold speaker, or occurs in the text inside the gold span."""
    said, truth = predicted.lower(), gold[0].lower().strip()
    if truth in said:
        return True
    return any(m.start() < gold[2] and m.end() > gold[1] for m in re.finditer(re.escape(said), text.lower()))


def _overlaps(evidence: tuple[int, int] | None, start: int, end: int) -> bool:
    return bool(evidence) and evidence[0] < end and evidence[1] > start


def speaker_right(pred: Predicted, gold: dict[str, Any], text: str) -> bool:
    """The README's rule: evidence overlapping the gold span, or the name containing (or found in) it."""
    if gold["speaker"] is None:
        return pred.speaker is None
    if not pred.speaker:
        return False
    return _overlaps(pred.evidence, gold["speaker_start"], gold["speaker_end"]) or _name_fits(
        pred.speaker, (gold["speaker"], gold["speaker_start"], gold["speaker_end"]), text)


def resolved_right(pred: Predicted, gold: tuple[str, int, int] | None, text: str) -> bool:
    """Against the resolved gold speaker, by name (or evidence on the named speaker's own words)."""
    if gold is None:
        return pred.speaker is None
    if not pred.speaker:
        return False
    return _overlaps(pred.evidence, gold[1], gold[2]) or _name_fits(pred.speaker, gold, text)


def _judge(counts: Counts, way: str, pred: Predicted, ok: bool) -> bool:
    counts.judged[way] += 1
    counts.right[way] += ok
    counts.wrong[way] += bool(pred.speaker) and not ok
    return ok


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def score_article(article: dict[str, Any], predictions: list[Predicted], counts: Counts, errors: Errors | None) -> None:
    text, quotes = article["text"], article["quotes"]
    gold = [normalised(text, q["start"], q["end"]) for q in quotes]
    spans = [p.span for p in predictions]
    pairs = match(gold, spans)
    resolved = resolved_speakers(quotes)
    counts.n_pred += len(predictions)
    counts.n_gold += len(gold)
    counts.matched += len(pairs)
    counts.exact += sum(gold[gi].text == spans[pi].text for gi, pi in pairs)
    for gi, pi in pairs:
        pred, q = predictions[pi], quotes[gi]
        ok = _judge(counts, "as written", pred, speaker_right(pred, q, text))
        if not is_pronoun(q["speaker"]):
            _judge(counts, "named", pred, ok)
        ok_resolved = _judge(counts, "resolved", pred, resolved_right(pred, resolved[gi], text))
        if errors is not None and not (ok or ok_resolved):
            line = f"{article['id']}: {_short(gold[gi].text)!r} gold {q['speaker']!r} -> {pred.speaker!r}"
            (errors.wrong if pred.speaker else errors.unattributed).append((len(gold[gi].text), line))
    long_gold = {gi for gi, g in enumerate(gold) if len(g.text.split()) >= 4}
    long_pred = {pi for pi, p in enumerate(spans) if len(p.text.split()) >= 4}
    counts.gold_long += len(long_gold)
    counts.gold_long_matched += sum(gi in long_gold for gi, _ in pairs)
    counts.pred_long += len(long_pred)
    counts.pred_long_matched += sum(pi in long_pred for _, pi in pairs)
    if errors is not None:
        matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        errors.missed += [(len(g.text), f"{article['id']}: {_short(g.text)!r} ({quotes[gi]['speaker']!r}, "
                           f"cue {quotes[gi]['cue']!r})") for gi, g in enumerate(gold) if gi not in matched_gold]
        errors.spurious += [(len(p.text), f"{article['id']}: {_short(p.text)!r} -> {predictions[pi].speaker!r}")
                            for pi, p in enumerate(spans) if pi not in matched_pred]


def rows(label: str, c: Counts) -> list[tuple[Any, ...]]:
    out = [
        (f"{label}: quote span (Jaccard >= 0.5)", *prf(c.matched, c.n_pred, c.n_gold), None, None),
        (f"{label}: exact span", *prf(c.exact, c.n_pred, c.n_gold), None, None),
        (f"{label}: gold quotes >= 4 words", *_long(c), None, None),
    ]
    for way, row in zip(WAYS, ("speaker accuracy (matched)", "speaker named", "speaker resolved")):
        n = c.judged[way] or 1
        out.append((f"{label}: {row}", None, None, None, c.right[way] / n, c.wrong[way] / n))
    out.append((f"{label}: quote+speaker", *prf(c.right["as written"], c.n_pred, c.n_gold), None, None))
    return out


def _long(c: Counts) -> tuple[float, float, float]:
    """Recall over gold quotes of >= 4 words; precision over predictions of >= 4 words."""
    p = c.pred_long_matched / c.pred_long if c.pred_long else 0.0
    r = c.gold_long_matched / c.gold_long if c.gold_long else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def print_errors(errors: Errors, n: int) -> None:
    """The n worst errors of each class: the longest quotes first, as those are the ones a digest shows."""
    for name in ("wrong", "unattributed", "missed", "spurious"):
        found = getattr(errors, name)
        print(f"worst {name} ({len(found)} in all):")
        for _, line in sorted(found, key=lambda e: -e[0])[:n]:
            print("  " + line)
    print()


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--errors", type=int, default=5, help="print the N worst errors of each class (0: none)")
    args = ap.parse_args()
    articles = load_jsonl("quotes-polnear", args.limit)
    every, attributed, errors = Counts(), Counts(), Errors()
    for article in articles:
        predictions = predict(article["text"], every)
        score_article(article, predictions, every, errors)
        score_article(article, [p for p in predictions if p.speaker], attributed, None)
    n_gold = sum(len(a["quotes"]) for a in articles)
    title = (f"quotes-polnear dev: {len(articles)} articles, {n_gold} gold quotes; "
             f"{every.n_pred} predicted ({attributed.n_pred} attributed, {every.unlocated} not located)")
    print_table(title, ("quotes", "P", "R", "F1", "accuracy", "wrong"), rows("all", every) + rows("attributed", attributed))
    way = "as written"
    print(f"speakers of the {every.judged[way]} matched quotes: {every.right[way]} right, {every.wrong[way]} wrong, "
          f"{every.judged[way] - every.right[way] - every.wrong[way]} without a speaker where gold has one")
    if args.errors:
        print_errors(errors, args.errors)


if __name__ == "__main__":
    main()
