#!/usr/bin/env python3
"""Where a build's time goes, in every process: the builder and each pool worker sampled by py-spy.

    python bench/cold_profile.py [--n 10000] [--format md|raw] [--rate N] [--save FILE]
                                 [--edit one-change|body-only|lead-edit|no-change] [--runs 3]

`bench/profile_build.py` profiles a build in one process (no pool, no cache) with cProfile, which inflates code made
of many small calls. This runs the real thing: a cold `digest build` of the corpus (`make_corpus.py --seed 1`,
cached in bench/corpora/) with its process pool and cache, under `py-spy record --subprocesses` (py-spy samples
from outside the process, so the build runs at its own speed; `pip install py-spy`). Each sample is given to the
innermost function of its stack that names a stage below, so the rows add up to the samples of each side. Samples
are of threads that were running: a thread waiting (for a pipe, a lock, Pagefind) counts nothing. Pagefind is a
native program py-spy does not sample: its time shows in the wall time alone.

With `--edit`, the cold build runs first, unsampled; then `--runs` rebuilds are sampled, each after the edit
`rebuild_against.py` makes to the middle article (one-change: a dated sentence appended; body-only: a sentence naming
nothing; lead-edit: a sentence at the end of the first paragraph; no-change: none); the tables give seconds a
rebuild, the mean of the runs. A rebuild has no pool (its one extraction runs in the builder), and the builder's walk
of output/ runs on a thread of its own beside the rest, so the rows add up to more than the wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from compare_generators import EDIT_SENTENCE, append_sentence, corpus  # noqa: E402
from rebuild_against import PLAIN_SENTENCE, edit_lead, make_site  # noqa: E402

# (row, the functions whose samples it takes): a sample goes to the innermost function of its stack listed here.
WORKER_STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("clean", ("clean",)),
    ("extract: keywords", ("find_keywords",)),
    ("extract: people, places, organisations", ("find_entities", "person_mentions")),
    ("extract: dates", ("find_dates", "infer_published", "dates_within")),
    ("extract: quotes and speakers", ("find_quotes",)),
    ("extract: summary", ("summarise",)),
    ("extract: other", ("extract",)),
    ("page body (Markdown text)", ("page_body",)),
    ("Markdown -> HTML", ("article_body_html",)),
    ("YAML front matter", ("extracted_front_matter",)),
    ("cache entries written", ("Cache.put",)),
]
BUILDER_STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("imports", ("_find_and_load",)),
    ("content files listed, their identities", ("discover", "inputs_key", "KnownSources.identity")),
    ("reading sources (while the workers extract)", ("read_source", "_article_key")),
    ("cache lookups, the last build's views and quotes", ("_cached", "KnownViews.get", "KnownViews.save",
                                                           "KnownSources.save")),
    ("an edited article extracted (a rebuild's, inline)", ("process_source",)),
    ("grouping", ("_group",)),
    ("sections", ("assign_sections",)),
    ("whole articles, speakers", ("_whole", "index_speakers")),
    ("frame, page plan", ("digest_frame", "page_memo", "PageMemo.plan")),
    ("Jinja templates", ("Template.render",)),
    ("page contexts, cards, timelines", ("render_site",)),
    ("feeds, articles.json, other pages", ("site_files",)),
    ("walking output/ (a thread of its own)", ("SiteWriter._walk_site",)),
    ("writing files", ("SiteWriter.write", "SiteWriter.commit")),
    ("search: planning shards, linking pages for Pagefind", ("SiteIndexer._index_shard", "SiteIndexer._plan")),
    ("page memo, records for the next build", ("remember_pages", "PageMemo.record", "remember")),
]


def _name(frame: str) -> str:
    """'SiteWriter.write (generator/output.py:240)' -> 'SiteWriter.write'."""
    return frame.split(" (", 1)[0]


def _stage(names: Sequence[str], stages: Sequence[tuple[str, tuple[str, ...]]]) -> str:
    for name in reversed(names):  # innermost first
        for label, functions in stages:
            if name in functions:
                return label
    return "other"


def attribute(lines: Iterable[str]) -> tuple[Counter[str], Counter[str], int]:
    """Samples by builder stage, by worker stage, and how many worker processes, from py-spy's raw output (one
    `frame;frame;... count` line per distinct stack, each stack opening with its process and its parents)."""
    builder: Counter[str] = Counter()
    workers: Counter[str] = Counter()
    worker_pids: set[str] = set()
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        processes = [f for f in frames if f.startswith("process ")]
        names = [_name(f) for f in frames if not f.startswith("process ")]
        if len(processes) > 1:  # a child of the builder: a pool worker
            worker_pids.add(processes[-1].split(":", 1)[0])
            workers[_stage(names, WORKER_STAGES)] += int(count)
        else:
            builder[_stage(names, BUILDER_STAGES)] += int(count)
    return builder, workers, len(worker_pids)


def table(title: str, samples: Counter[str], stages: Sequence[tuple[str, tuple[str, ...]]], rate: float) -> str:
    total = sum(samples.values()) or 1
    rows = [(label, samples[label]) for label, _ in stages] + [("other", samples["other"])]
    width = max(len(label) for label, _ in rows)
    lines = [f"{title:<{width}}  {'s':>8}  {'share':>6}"]
    lines += [f"{label:<{width}}  {n / rate:8.2f}  {n / total:6.1%}" for label, n in rows if n]
    lines.append(f"{'total':<{width}}  {total / rate:8.2f}  {1:6.1%}")
    return "\n".join(lines)


EDITS = ("one-change", "body-only", "lead-edit", "no-change")


def edit(path: Path, kind: str, k: int) -> None:
    """The edit `rebuild_against.py` makes to the article at path in its round k."""
    if kind == "one-change":
        append_sentence(path, k, EDIT_SENTENCE)
    elif kind == "body-only":
        append_sentence(path, k, PLAIN_SENTENCE)
    elif kind == "lead-edit":
        edit_lead(path, k)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="articles in the corpus (default 10000)")
    ap.add_argument("--format", choices=("md", "raw"), default="md")
    ap.add_argument("--rate", type=int, default=None,
                    help="py-spy samples per second (default 20 for a cold build, 200 for rebuilds)")
    ap.add_argument("--save", type=Path, default=None, help="keep py-spy's raw samples here")
    ap.add_argument("--edit", choices=EDITS, default=None,
                    help="sample rebuilds after this edit instead of the cold build")
    ap.add_argument("--runs", type=int, default=3, help="with --edit: rebuilds sampled (default 3)")
    args = ap.parse_args(argv)
    rate = args.rate or (200 if args.edit else 20)
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy not found: pip install py-spy")
    source = corpus(args.n, args.format)
    with tempfile.TemporaryDirectory(prefix="digest-cold-profile-") as tmp:
        site = Path(tmp) / "site"
        make_site(source, site)
        raw = args.save or Path(tmp) / "samples.txt"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        build = [sys.executable, "-m", "generator", "build", "--site", str(site)]
        sampled = [spy, "record", "--subprocesses", "-r", str(rate), "-f", "raw", "-o", str(raw), "--", *build]
        quiet = {"check": True, "cwd": tmp, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        walls, builder, workers, pool = [], Counter(), Counter(), 0
        if args.edit:
            subprocess.run(build, **quiet)
        edited = sorted((site / "content").iterdir())[args.n // 2]
        for k in range(args.runs if args.edit else 1):
            if args.edit:
                edit(edited, args.edit, k)
            started = time.perf_counter()
            subprocess.run(sampled, **quiet)
            walls.append(time.perf_counter() - started)
            with open(raw, encoding="utf-8") as handle:
                by_builder, by_worker, workers_seen = attribute(handle)
            builder, workers, pool = builder + by_builder, workers + by_worker, max(pool, workers_seen)
    what = f"{len(walls)} rebuilds after a {args.edit} edit" if args.edit else "cold digest build"
    print(f"{what}, {args.n} {args.format} articles: {' / '.join(f'{w:.2f}' for w in walls)} s wall under py-spy "
          f"({rate} samples/s, running threads only; Pagefind not sampled; seconds a build, the mean of the runs)")
    print(table("builder process", builder, BUILDER_STAGES, rate * len(walls)))
    if pool:
        print()
        print(table(f"{pool} pool workers", workers, WORKER_STAGES, rate * len(walls)))


if __name__ == "__main__":
    main()
