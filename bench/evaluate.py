#!/usr/bin/env python3
"""Every stage evaluation in turn: `python bench/evaluate.py [--quick]`.

Runs bench/eval_extraction.py, eval_quotes.py, eval_dates.py, eval_summaries.py and eval_stories.py, each in its own
process, and prints their tables with the wall time of each and of the whole run. `--quick` is a smoke check: the
first QUICK_LIMIT documents of each data set, and story clustering at the default threshold only (eval_stories.py
always reads all of ECB+ dev). Data and metrics: see each script's docstring; published figures: README.md,
"Evaluation". Exit status 1 when any evaluation fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO  # noqa: F401  (puts the checkout on sys.path for the import below)

from generator.topics import JOIN_THRESHOLD

HERE = Path(__file__).resolve().parent
QUICK_LIMIT = 20
EVALS = ("eval_extraction.py", "eval_quotes.py", "eval_dates.py", "eval_summaries.py", "eval_stories.py",
         "eval_sections.py", "eval_date_inference.py")


def command(script: str, quick: bool) -> list[str]:
    """The command line of one evaluation, cut down to a smoke check when `quick`."""
    cmd = [sys.executable, str(HERE / script)]
    if quick:
        cmd += ["--thresholds", f"{JOIN_THRESHOLD}"] if script == "eval_stories.py" else ["--limit", str(QUICK_LIMIT)]
    return cmd


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help=f"first {QUICK_LIMIT} documents of each data set only")
    args = ap.parse_args()
    failed = []
    start = time.perf_counter()
    for script in EVALS:
        print(f"== {script}{' (quick)' if args.quick else ''}", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run(command(script, args.quick), cwd=HERE.parent)
        print(f"   {script}: {time.perf_counter() - t0:.1f} s{'' if done.returncode == 0 else ' FAILED'}\n", flush=True)
        if done.returncode:
            failed.append(script)
    print(f"all evaluations: {time.perf_counter() - start:.1f} s wall" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
