"""`python bench/evaluate.py --quick` runs every stage evaluation and prints every table row with scores in [0, 1]."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BENCHMARKS, ROOT

ROWS = (
    "digest clean (html)",
    "digest clean (text)",
    "digest clean (text), raw-entity pages",
    "keep-all baseline",
    "all: quote span (Jaccard >= 0.5)",
    "all: exact span",
    "all: gold quotes >= 4 words",
    "all: speaker accuracy (matched)",
    "all: quote+speaker",
    "attributed: quote span (Jaccard >= 0.5)",
    "attributed: quote+speaker",
    "strict extraction",
    "relaxed extraction",
    "value",
    "type",
    "digest summarise (K=3)",
    "Lead-3 baseline",
)
SCORE = re.compile(r"(?<![\w.])-?\d+\.\d+(?![\w.])")


def _scores(line: str) -> list[float]:
    return [float(x) for x in SCORE.findall(line)]


def test_evaluate_quick_prints_every_row_with_scores_in_unit_interval() -> None:
    # One test, one run: under pytest-xdist a shared fixture would run the whole evaluation once per worker.
    benchmarks = Path(os.environ.get("DIGEST_BENCHMARKS", BENCHMARKS))
    if not benchmarks.is_dir():
        pytest.skip(f"benchmark data not found at {benchmarks}")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "evaluate.py"), "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    lines = done.stdout.splitlines()
    problems = []
    for label in ROWS:
        row = next((line for line in lines if re.match(re.escape(label) + r"\s{2,}", line)), None)
        scores = _scores(row) if row else []
        if not scores or not all(0.0 <= s <= 1.0 for s in scores):
            problems.append(row or f"row {label!r} missing")
    stories = next((line for line in lines if line.rstrip().endswith("<- default")), None)
    story_scores = _scores(stories) if stories else []  # threshold, B3 P, R, F1
    if len(story_scores) != 4 or not all(0.0 <= s <= 1.0 for s in story_scores):
        problems.append(stories or "story clustering row missing")
    assert not problems, "\n".join(problems)
    assert re.search(r"all evaluations: \d+\.\d s wall", done.stdout)
