#!/usr/bin/env python3
"""Where a cold build's time goes, in every process: the builder and each pool worker sampled by py-spy.

    python bench/cold_profile.py [--n 10000] [--format md|raw] [--rate 20] [--save FILE]

`bench/profile_build.py` profiles a build in one process (no pool, no cache) with cProfile, which inflates code made
of many small calls. This runs the real thing: a cold `digest build` of the corpus (`make_corpus.py --seed 1`,
cached in bench/corpora/) with its process pool and cache, under `py-spy record --subprocesses` (py-spy samples
from outside the process, so the build runs at its own speed; `pip install py-spy`). Each sample is given to the
innermost function of its stack that names a stage below, so the rows add up to the samples of each side. Samples
are of threads that were running: a thread waiting (for a pipe, a lock, Pagefind) counts nothing. Pagefind is a
native program py-spy does not sample: its time shows in the wall time alone.
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

from compare_generators import corpus  # noqa: E402

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
    ("reading sources (while the workers extract)", ("read_source", "_article_key")),
    ("cache lookups, views", ("_cached", "KnownViews.save", "KnownSources.save")),
    ("grouping", ("_group",)),
    ("whole articles, speakers", ("_whole", "index_speakers")),
    ("Jinja templates", ("Template.render",)),
    ("page contexts, cards, timelines", ("render_site",)),
    ("feeds, articles.json, other pages", ("site_files",)),
    ("writing files", ("SiteWriter.write", "SiteWriter.commit", "SiteWriter._walk_site")),
    ("search: linking pages for Pagefind", ("SiteIndexer._index_shard",)),
    ("page memo", ("remember_pages", "PageMemo.record")),
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
    lines += [f"{label:<{width}}  {n / rate:8.1f}  {n / total:6.1%}" for label, n in rows if n]
    lines.append(f"{'total':<{width}}  {total / rate:8.1f}  {1:6.1%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="articles in the corpus (default 10000)")
    ap.add_argument("--format", choices=("md", "raw"), default="md")
    ap.add_argument("--rate", type=int, default=20, help="py-spy samples per second (default 20)")
    ap.add_argument("--save", type=Path, default=None, help="keep py-spy's raw samples here")
    args = ap.parse_args(argv)
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy not found: pip install py-spy")
    source = corpus(args.n, args.format)
    with tempfile.TemporaryDirectory(prefix="digest-cold-profile-") as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(source, site / "content")
        (site / "digest.toml").write_text('title = "Profile"\n', encoding="utf-8")
        raw = args.save or Path(tmp) / "samples.txt"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        started = time.perf_counter()
        subprocess.run([spy, "record", "--subprocesses", "-r", str(args.rate), "-f", "raw", "-o", str(raw), "--",
                        sys.executable, "-m", "generator", "build", "--site", str(site)],
                       check=True, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        with open(raw, encoding="utf-8") as handle:
            builder, workers, pool = attribute(handle)
    print(f"cold digest build, {args.n} {args.format} articles: {wall:.1f} s wall under py-spy "
          f"({args.rate} samples/s, running threads only; Pagefind not sampled)")
    print(table("builder process", builder, BUILDER_STAGES, args.rate))
    print()
    print(table(f"{pool} pool workers", workers, WORKER_STAGES, args.rate))


if __name__ == "__main__":
    main()
