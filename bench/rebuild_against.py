#!/usr/bin/env python3
"""digest's rebuilds, this checkout against a git revision, side by side in one run:

    python bench/rebuild_against.py --against REV [--n 10000] [--format md] [--rounds 3]

The shared machines here drift by half within minutes, so two versions are compared only in one run: two sites of
the same corpus (../shared/bench/make_corpus.py, `--seed 1`, as compare_generators.py makes them), one built by this
checkout and one by the revision's `generator` package (exported with `git archive`, put first on PYTHONPATH), cold
at once on the two cores; then, the two taking turns (the order swapped every round), a sentence is appended to the
same article of each and `python -m generator build` runs (one change: compare_generators' sentence, which names a
day, so the article's dates change); then a sentence naming no date, person or quote (body only: no field of the
article but its text changes); then a sentence at the end of its first paragraph (lead edit: grouping reads the
lead, so the collection is fitted and clustered again); then again with nothing changed. Whole-process wall seconds
and the peak resident memory of the process tree (compare_generators.measure), medians over the rounds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from _common import digest_env, export_revision
from compare_generators import REPO, append_sentence, corpus, measure, table

ROWS = ("one-change", "body-only", "lead-edit", "no-change")
PLAIN_SENTENCE = "Work on the matter goes on, round {k}."  # an edit to the text alone: no date, name or quote
LEAD_SENTENCE = "The figures were confirmed again, round {k}."


def edit_lead(path: Path, k: int) -> None:
    """A sentence put at the end of the first line of prose (20 words or more, after any front matter): an edit to
    the lead, which grouping reads, so the collection is fitted and clustered again (as any edit to an article
    short enough to be all lead)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("---", 1) + 1 if lines[0] == "---" else 0
    first = next(n for n in range(start, len(lines)) if len(lines[n].split()) >= 20)
    lines[first] = f"{lines[first].rstrip()} {LEAD_SENTENCE.format(k=k)}"
    path.write_text("\n".join(lines), encoding="utf-8")


def make_site(source: Path, site: Path) -> None:
    shutil.copytree(source, site / "content")
    (site / "digest.toml").write_text('title = "Bench"\n', encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", required=True, metavar="REV", help="the git revision to compare with")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--format", choices=("md", "raw"), default="md")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    source = corpus(args.n, args.format)
    with tempfile.TemporaryDirectory(prefix="digest-rebuild-") as tmp:
        root = Path(tmp)
        paths = {"this checkout": str(REPO), args.against: str(export_revision(args.against, root / "against", "generator", "themes"))}
        sites = {name: root / f"site-{i}" for i, name in enumerate(paths)}
        for site in sites.values():
            make_site(source, site)
        envs = {name: digest_env(path) for name, path in paths.items()}
        command = {name: [sys.executable, "-m", "generator", "build", "--site", str(site)] for name, site in sites.items()}
        cold: dict[str, tuple[float, float]] = {}

        def build_cold(name: str) -> None:
            try:
                cold[name] = measure(command[name], root, envs[name])
            except SystemExit as failed:  # measure's report of a failed build: shown, then the run stops below
                print(failed, file=sys.stderr)
        threads = [threading.Thread(target=build_cold, args=(name,)) for name in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if len(cold) != len(paths):
            raise SystemExit("a cold build failed")
        edited = {name: sorted((site / "content").iterdir())[args.n // 2] for name, site in sites.items()}
        times: dict[str, dict[str, list[float]]] = {name: {row: [] for row in ROWS} for name in paths}
        peaks: dict[str, float] = {name: 0.0 for name in paths}
        for k in range(args.rounds):
            order = list(paths) if k % 2 == 0 else list(paths)[::-1]
            for row in ROWS:
                for name in order:
                    if row == "one-change":
                        append_sentence(edited[name], k)
                    elif row == "body-only":
                        append_sentence(edited[name], k, PLAIN_SENTENCE)
                    elif row == "lead-edit":
                        edit_lead(edited[name], k)
                    seconds, peak = measure(command[name], root, envs[name])
                    times[name][row].append(seconds)
                    peaks[name] = max(peaks[name], peak)
    print(f"{args.n} {args.format} articles; cold both at once; then {args.rounds} rounds taking turns, medians")
    rows = [[name, f"{cold[name][0]:.2f}", *(f"{statistics.median(times[name][row]):.2f}" for row in ROWS),
             f"{cold[name][1]:.0f}", f"{peaks[name]:.0f}"] for name in paths]
    print(table(["code", "cold s", "one-change s", "body-only s", "lead-edit s", "no-change s", "cold peak MiB",
                 "rebuild peak MiB"],
                rows))
    for row in ROWS:
        mine, theirs = (statistics.median(times[name][row]) for name in paths)
        print(f"{row}: this checkout / {args.against} = {mine / theirs:.3f}")


if __name__ == "__main__":
    main()
