#!/usr/bin/env python3
"""Temporal expressions (TIMEX3): `python bench/eval_dates.py [--limit N]`.

Data: `timex-tempeval3` dev (189 TimeBank + AQUAINT newswire documents, 1,343 gold TIMEX3 with type and value,
each document with its creation time, DCT).
System: each document's text goes through digest's clean stage as a `Source(kind="markdown")` (newswire prose with
blank lines between paragraphs and hard-wrapped lines, which Markdown joins back into paragraphs), then
`generator.extract.dates.find_dates` reads the blocks with the DCT as the publication date, as `extract` does in a
build. find_dates tags each block on its own, so it is called per block and each mention is located in the original
text through its block and sentence.
Metric (TempEval-3 Task A, micro over all timexes; gold and predictions matched one-to-one by overlapping span):
strict P/R/F1 (identical spans), relaxed P/R/F1 (overlapping spans), value F1 (relaxed match with the gold value)
and value accuracy (correct values / relaxed matches), type F1 and type accuracy likewise.
Compare with (TE3 platinum test set, which is in the held-out split, so only indicative for dev): HeidelTime-t
strict F1 0.813, relaxed 0.903, value F1 0.776, type F1 0.821; SUTime strict 0.796, relaxed 0.903, value F1 0.674.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from _common import clean_blocks, load_jsonl, locate, locate_blocks, parser, prf, print_table

from generator.extract.dates import find_dates


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


def predict(text: str, dct: str) -> tuple[list[Timex], int]:
    """digest's temporal expressions located in the original text, and how many could not be located."""
    blocks = clean_blocks(text, "markdown")
    out: list[Timex] = []
    lost = 0
    for block, where in zip(blocks, locate_blocks(text, blocks)):
        cursor = last_end = where[0] if where else 0
        for mention in find_dates([block], dct):
            sentence = locate(text, mention.sentence, cursor, where[1]) if where else None
            found = locate(text, mention.text, max(sentence[0], last_end), sentence[1]) if sentence else None
            if not found:
                lost += 1
                out.append(Timex(-1, -1, mention.type, mention.value))  # counted, can only be a false positive
                continue
            cursor, last_end = sentence[0], found[1]  # the next mention is in this sentence or a later one
            out.append(Timex(found[0], found[1], mention.type, mention.value))
    return out, lost


def main() -> None:
    args = parser(__doc__).parse_args()
    docs = load_jsonl("timex-tempeval3", args.limit)
    n_pred = n_gold = strict = relaxed = value = typed = lost = 0
    for doc in docs:
        pred, missing = predict(doc["text"], doc["dct"])
        lost += missing
        gold = doc["timexes"]
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            k = next((k for k, p in enumerate(pred) if k not in used and p.start < g["end"] and g["start"] < p.end), None)
            if k is None:
                continue
            used.add(k)
            p = pred[k]
            relaxed += 1
            strict += (p.start, p.end) == (g["start"], g["end"])
            value += p.value == g["value"]
            typed += p.type == g["type"]
    rows: list[tuple[Any, ...]] = [
        ("strict extraction", *prf(strict, n_pred, n_gold), None),
        ("relaxed extraction", *prf(relaxed, n_pred, n_gold), None),
        ("value", *prf(value, n_pred, n_gold), value / relaxed if relaxed else 0.0),
        ("type", *prf(typed, n_pred, n_gold), typed / relaxed if relaxed else 0.0),
    ]
    title = (f"timex-tempeval3 dev: {len(docs)} documents, {n_gold} gold timexes, {n_pred} predicted "
             f"({lost} not located)")
    print_table(title, ("TIMEX3", "P", "R", "F1", "accuracy"), rows)


if __name__ == "__main__":
    main()
