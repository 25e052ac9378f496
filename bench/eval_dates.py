#!/usr/bin/env python3
"""Temporal expressions (TIMEX3): `python bench/eval_dates.py [--limit N] [--errors N]`.

Data: `timex-tempeval3` dev (189 TimeBank + AQUAINT newswire documents, 1,343 gold TIMEX3 with type and value,
each document with its creation time, DCT).
System: each document's text goes through digest's clean stage as a `Source(kind="markdown")` (newswire prose with
blank lines between paragraphs and hard-wrapped lines, which Markdown joins back into paragraphs), then
`generator.extract.dates.find_dates` reads the blocks with the DCT as the publication date, as `extract` does in a
build, and each mention is located in the original text through its sentence.
Metric (TempEval-3 Task A, micro over all timexes; gold and predictions matched one-to-one by overlapping span):
strict P/R/F1 (identical spans), relaxed P/R/F1 (overlapping spans), value F1 (relaxed match with the gold value)
and value accuracy (correct values / relaxed matches), type F1 and type accuracy likewise.
Errors: after the table, the most frequent errors of each kind (missed, spurious, wrong extent, wrong value, wrong
type), grouped by their lower-cased text, with a count and one example. The texts are read from the benchmark at
run time and only printed.
Compare with (TE3 platinum test set, which is in the held-out split, so only indicative for dev): HeidelTime-t
strict F1 0.813, relaxed 0.903, value F1 0.776, type F1 0.821; SUTime strict 0.796, relaxed 0.903, value F1 0.674.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from _common import clean_blocks, load_jsonl, locate, parser, prf, print_table

from generator.extract.dates import find_dates

ERROR_KINDS = ("missed", "spurious", "extent", "value", "type")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class Score:
    """Counts over all documents, and the errors grouped by kind and key."""

    n_pred: int = 0
    n_gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    typed: int = 0
    lost: int = 0
    errors: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[tuple[str, str], str] = field(default_factory=dict)

    def error(self, kind: str, key: str, example: str) -> None:
        self.errors[kind][key] += 1
        self.examples.setdefault((kind, key), example)


def predict(text: str, dct: str) -> tuple[list[Timex], int]:
    """digest's temporal expressions located in the original text, and how many could not be located."""
    out: list[Timex] = []
    lost = cursor = last_end = 0
    # One call for the whole story, as a build makes; each mention is found again through its sentence, and
    # mentions come in reading order, so the search only moves forward.
    for mention in find_dates(clean_blocks(text, "markdown"), dct):
        sentence = locate(text, mention.sentence, cursor)
        found = locate(text, mention.text, max(sentence[0], last_end), sentence[1]) if sentence else None
        if not found:
            lost += 1
            out.append(Timex(-1, -1, mention.type, mention.value, mention.text))  # can only be a false positive
            continue
        cursor, last_end = sentence[0], found[1]  # the next mention is in this sentence or a later one
        out.append(Timex(found[0], found[1], mention.type, mention.value, mention.text))
    return out, lost


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    """The words around a span, on one line, with the span in brackets."""
    left, right = text[max(0, start - width):start], text[end:end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def score_document(doc: dict[str, Any], score: Score) -> None:
    """Match one document's predictions to its gold timexes and add the counts and errors to `score`."""
    text, dct = doc["text"], doc["dct"][:10]
    pred, missing = predict(text, doc["dct"])
    score.lost += missing
    score.n_pred += len(pred)
    score.n_gold += len(doc["timexes"])
    used: set[int] = set()
    for g in doc["timexes"]:
        k = next((k for k, p in enumerate(pred) if k not in used and p.start < g["end"] and g["start"] < p.end), None)
        where = f"{dct} {_context(text, g['start'], g['end'])}"
        if k is None:
            score.error("missed", f"{g['text'].lower()} ({g['type']})", f"{where} -> {g['value']}")
            continue
        used.add(k)
        p = pred[k]
        score.relaxed += 1
        score.strict += (p.start, p.end) == (g["start"], g["end"])
        score.value += p.value == g["value"]
        score.typed += p.type == g["type"]
        if (p.start, p.end) != (g["start"], g["end"]):
            score.error("extent", f"{p.text.lower()} | gold {g['text'].lower()}", where)
        if p.value != g["value"]:
            score.error("value", f"{g['text'].lower()}: {p.value} | gold {g['value']}", where)
        if p.type != g["type"]:
            score.error("type", f"{g['text'].lower()}: {p.type} | gold {g['type']}", where)
    for k, p in enumerate(pred):
        if k not in used:
            where = f"{dct} {_context(text, p.start, p.end)}" if p.start >= 0 else p.text
            score.error("spurious", f"{p.text.lower()} ({p.type})", f"{where} -> {p.value}")


def print_errors(score: Score, top: int) -> None:
    """The `top` most frequent errors of each kind, with one example each."""
    for kind in ERROR_KINDS:
        counter = score.errors.get(kind, Counter())
        print(f"worst errors: {kind} ({sum(counter.values())} in all, {len(counter)} distinct)")
        for key, count in counter.most_common(top):
            print(f"  {count:3d}  {key}")
            print(f"       e.g. {score.examples[(kind, key)]}")
        print()


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--errors", type=int, default=12, help="errors to print per kind (0: none)")
    args = ap.parse_args()
    docs = load_jsonl("timex-tempeval3", args.limit)
    score = Score()
    for doc in docs:
        score_document(doc, score)
    s = score
    rows: list[tuple[Any, ...]] = [
        ("strict extraction", *prf(s.strict, s.n_pred, s.n_gold), None),
        ("relaxed extraction", *prf(s.relaxed, s.n_pred, s.n_gold), None),
        ("value", *prf(s.value, s.n_pred, s.n_gold), s.value / s.relaxed if s.relaxed else 0.0),
        ("type", *prf(s.typed, s.n_pred, s.n_gold), s.typed / s.relaxed if s.relaxed else 0.0),
    ]
    title = (f"timex-tempeval3 dev: {len(docs)} documents, {s.n_gold} gold timexes, {s.n_pred} predicted "
             f"({s.lost} not located)")
    print_table(title, ("TIMEX3", "P", "R", "F1", "accuracy"), rows)
    if args.errors:
        print_errors(score, args.errors)


if __name__ == "__main__":
    main()
