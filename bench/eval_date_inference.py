#!/usr/bin/env python3
"""Publication-date inference with the date hidden: `python bench/eval_date_inference.py [--limit N]`.

Data: `timex-tempeval3` dev (189 newswire documents, each with its creation time, DCT).
System: each document's text goes through digest's clean stage as a `Source(kind="markdown")`, then
`find_dates(blocks, None)` (no DCT: only absolute dates come back) and `infer_published(blocks, dates)`.
Metric: over the documents with any year-bearing expression (an absolute date with a year), the share whose
inferred year equals the DCT's year; the month accuracy over the documents where a month was inferred; and
precision violations: an inferred value more precise than the text's own evidence (a day without any day-level
expression in the text, a month without any month-level one). An abstention (None) counts as wrong in the year
accuracy; two more rows break it down: the documents answered (coverage, and accuracy when answering) and the
documents where some clue ties a year to the writing time (a span such as "40 years ago", an age with a birth
year, a year beside "this year", a weekday with its date) rather than tense alone. Target (issue 5): year
accuracy >= 0.75, no violations. No published figures; the baseline is the latest year mentioned.
`--explain` prints, under each of the worst errors, the year-bearing expressions the inference read, with the
clue each gave (tense and kind) and the start of its sentence.
"""

from __future__ import annotations

import re
from typing import Any

from _common import clean_blocks, load_jsonl, parser, print_table

from generator.extract.date_infer import anchor_clue, anchors_of, explain_published
from generator.extract.dates import find_dates
from generator.models import DateMention

_MONTH_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b"
                        r"|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
                    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")


def evidence_grain(text: str, dates: tuple[DateMention, ...]) -> int:
    """The finest precision the text supports: 10 (a day), 7 (a month), 4 (a year), 0 (none)."""
    years = [d.value for d in dates if re.fullmatch(r"\d{4}(-\d\d){0,2}", d.value)]
    if not years:
        return 0
    if any(len(v) == 10 for v in years) or _MONTH_DAY.search(text):
        return 10
    return 7 if any(len(v) == 7 for v in years) or _MONTH.search(text) else 4


def latest_year(dates: tuple[DateMention, ...]) -> str | None:
    """The baseline: the latest year any absolute date names."""
    years = [d.value[:4] for d in dates if re.fullmatch(r"\d{4}(-\d\d){0,2}", d.value)]
    return max(years) if years else None


def explain(dates: tuple[DateMention, ...]) -> list[str]:
    """One line per year-bearing expression: year, precision, tense, the clue it gave, its sentence's start."""
    return [f"        {a.year} {a.grain:<5} {a.tense:<6} {anchor_clue(a).kind:<6} {a.sentence[:110]!r}"
            for a in anchors_of(dates)]


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--explain", action="store_true", help="show the evidence under each of the worst errors")
    args = ap.parse_args()
    docs = load_jsonl("timex-tempeval3", args.limit)
    n = right = baseline = months = months_right = violations = answered = tied = tied_right = 0
    errors: list[tuple[int, str, str, str]] = []
    evidence: dict[str, list[str]] = {}
    for doc in docs:
        blocks = clean_blocks(doc["text"], "markdown")
        dates = find_dates(blocks, None)
        inference = explain_published(blocks, dates)
        guess = inference.value
        grain = evidence_grain(" ".join(b.text for b in blocks), dates)
        if guess and len(guess) > grain:
            violations += 1
            print(f"precision violation: {doc['id']} inferred {guess}, evidence only to {grain} characters")
        if not grain:
            continue
        n += 1
        truth = doc["dct"][:10]
        correct = bool(guess) and guess[:4] == truth[:4]
        right += correct
        answered += bool(guess)
        tied += inference.tied
        tied_right += inference.tied and correct
        baseline += latest_year(dates) == truth[:4]
        if guess and len(guess) >= 7:
            months += 1
            months_right += guess[:7] == truth[:7]
        if not guess or guess[:4] != truth[:4]:
            gap = abs(int(guess[:4]) - int(truth[:4])) if guess else 99
            errors.append((gap, doc["id"], guess or "-", truth))
            evidence[doc["id"]] = explain(dates)
    rows: list[tuple[Any, ...]] = [
        ("digest infer_published", n, right / n if n else 0.0, months, months_right / months if months else None),
        ("  of which answered (coverage)", f"{answered} ({answered / n if n else 0.0:.2f})",
         right / answered if answered else 0.0, None, None),
        ("  of which a clue ties a year to writing", tied, tied_right / tied if tied else 0.0, None, None),
        ("latest year mentioned", n, baseline / n if n else 0.0, None, None),
    ]
    print_table(f"timex-tempeval3 dev, DCT hidden: {len(docs)} documents, {n} with year-bearing evidence, "
                f"{violations} precision violations",
                ("inference", "documents", "year accuracy", "months inferred", "month accuracy"), rows)
    print("worst errors (years off, document, inferred, real DCT):")
    for gap, ident, guess, truth in sorted(errors, reverse=True)[:15]:
        print(f"  {gap:3d}  {ident:<22} {guess:<10} {truth}")
        if args.explain:
            print("\n".join(evidence[ident]))


if __name__ == "__main__":
    main()
