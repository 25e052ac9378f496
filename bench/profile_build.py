#!/usr/bin/env python3
"""Where a build's time goes: one in-process `build` under cProfile, as a table of stages and sub-stages.

    python bench/profile_build.py [--n 1000] [--format raw|md] [--clock wall|cpu] [--top 0] [--save FILE.prof]

The corpus is ../shared/bench/make_corpus.py (`--seed 1`), cached in bench/corpora/. Two builds run in this
process, each into a fresh copy of the site: one plain (its wall time is the scale to read the table against, and
it warms imports and lazy tables), then one under cProfile. Both run inline with the build cache off (when the
pipeline has those options), so every article goes through every stage in the profiled process.

Each stage is a set of source files (a module, a package, a library) and gets the own time of its functions.
Code in no stage (generator/text.py, names.py, the standard library, builtins such as re and str.join) passes its
own time up to its callers, split by the time each call edge took, so it counts towards the stages that used it;
the orchestrator (generator/pipeline.py, full_build.py, per_article.py) and what it calls directly (json.dumps of
articles.json) is `other`.
A stage run as a subprocess (Pagefind) counts the wall time its caller waited for it. Profiled times are
inflated by cProfile's per-call cost, more for code made of many small calls: read the shares, and the plain wall
time for the absolute figure (`~plain ms/article` is the share times the plain build's time per article).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the checkout's generator, even without `pip install -e .`
sys.path.insert(0, str(REPO / "bench"))

from compare_generators import corpus  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.config import load_config  # noqa: E402

GEN = "/generator/"
OTHER = "other (orchestration)"
# (label, depth, test on a source file name); order matters: the first match wins.
STAGES: list[tuple[str, int, Callable[[str], bool]]] = [
    (OTHER, 0, lambda f: f.endswith((GEN + "pipeline.py", GEN + "full_build.py", GEN + "per_article.py",
                                      "/bench/profile_build.py"))),
    ("read", 0, lambda f: f.endswith(GEN + "read.py")),
    ("clean", 0, lambda f: GEN + "clean/" in f),
    ("title, dateline", 1, lambda f: f.endswith("/extract/title.py")),
    ("dates (+ inferred published)", 1, lambda f: "/extract/date" in f),
    ("quotes, speakers", 1, lambda f: f.endswith(("/extract/quotes.py", "/extract/quote_spans.py", "/extract/speech.py",
                                                  "/extract/attribution.py", "/extract/speaker_resolve.py"))),
    ("entities (people, places, orgs)", 1, lambda f: f.endswith(("/extract/entities.py", "/extract/places.py"))),
    ("keywords", 1, lambda f: f.endswith("/extract/keywords.py")),
    ("summary", 1, lambda f: f.endswith("/extract/summary.py")),
    ("extract: other", 1, lambda f: GEN + "extract/" in f),
    ("topics", 1, lambda f: f.endswith((GEN + "topics.py", GEN + "topic_labels.py", GEN + "vectors.py"))),
    ("sections", 1, lambda f: f.endswith((GEN + "sections.py", GEN + "section_words.py"))),
    ("speakers", 1, lambda f: f.endswith(GEN + "speakers.py")),
    ("pages (Markdown summary pages)", 0, lambda f: f.endswith(GEN + "pages.py")),
    ("markdown -> HTML", 1, lambda f: "/markdown/" in f or f.endswith("/render/safe_markdown.py")),
    ("jinja templates", 1, lambda f: "/jinja2/" in f or "/markupsafe/" in f or f == "<template>"
                                     or f.endswith((".html", ".xml", ".txt", ".j2"))),
    ("timeline (merged, per topic)", 1, lambda f: f.endswith(GEN + "timeline.py")),
    ("editions", 1, lambda f: f.endswith((GEN + "editions.py", "/render/editions.py"))),
    ("views, urls, other render", 1, lambda f: GEN + "render/" in f or f.endswith(GEN + "urls.py")),
    ("feeds", 0, lambda f: f.endswith(GEN + "feeds.py") or "/feedgen/" in f),
    ("articles.json (records)", 0, lambda f: f.endswith(GEN + "records.py")),
    ("search index (Pagefind)", 0, lambda f: f.endswith(GEN + "search.py")),
    ("writing (output, static files)", 0, lambda f: f.endswith((GEN + "output.py", GEN + "themes.py"))),
]
PARENTS = {  # the depth-1 rows under each heading, in table order
    "extract": ["title, dateline", "dates (+ inferred published)", "quotes, speakers",
                "entities (people, places, orgs)", "keywords", "summary", "extract: other"],
    "group: topics, sections, speakers": ["topics", "sections", "speakers"],
    "render": ["markdown -> HTML", "jinja templates", "timeline (merged, per topic)", "editions",
               "views, urls, other render"],
}
ORDER = ["read", "clean", "extract", "group: topics, sections, speakers", "pages (Markdown summary pages)", "render",
         "feeds", "articles.json (records)", "search index (Pagefind)", "writing (output, static files)"]

FuncKey = tuple[str, int, str]


def stage_of(filename: str) -> str | None:
    """The stage a source file belongs to, or None for shared helpers and the orchestrator."""
    for label, _depth, test in STAGES:
        if test(filename):
            return label
    return None


def stage_seconds(stats: dict[FuncKey, Any]) -> dict[str, float]:
    """Every function's own time, given to its stage; a helper's or a library's is shared among its callers.

    A function outside every stage (generator/text.py, the standard library, a builtin such as str.join) passes
    its own time up to its callers in proportion to the time each call edge took, recursively, so shared code
    counts towards the stages that used it and nothing is counted twice: the stages add up to the total.
    """
    label = {key: stage_of(key[0]) for key in stats}
    memo: dict[FuncKey, dict[str, float]] = {}

    def shares(key: FuncKey, visiting: frozenset[FuncKey]) -> dict[str, float]:
        if label.get(key):
            return {label[key]: 1.0}  # type: ignore[dict-item]
        if key in memo:
            return memo[key]
        edges = {c: e for c, e in stats[key][4].items() if c in stats and c not in visiting} if key in stats else {}
        weights = {c: e[3] for c, e in edges.items()}
        if sum(weights.values()) <= 0:
            weights = {c: float(e[1]) for c, e in edges.items()}  # too quick to time: split by call counts
        total = sum(weights.values())
        result: dict[str, float] = {}
        for caller, weight in weights.items():
            for stage, part in shares(caller, visiting | {key}).items():
                result[stage] = result.get(stage, 0.0) + part * weight / total
        memo[key] = result or {OTHER: 1.0}
        return memo[key]

    seconds: dict[str, float] = {name: 0.0 for name, _, _ in STAGES}
    seconds[OTHER] = 0.0
    for key, (_cc, _nc, own, _ct, _callers) in stats.items():
        for stage, part in shares(key, frozenset()).items():
            seconds[stage] += own * part
    return seconds


def _site(source: Path, parent: Path, name: str) -> Path:
    site = parent / name
    shutil.copytree(source, site / "content")
    (site / "digest.toml").write_text('title = "Profile"\n', encoding="utf-8")
    return site


def _serial_build(site: Path) -> Callable[[], Any]:
    """A call that builds `site` in this process alone, every article from scratch (no pool, no cache)."""
    config = load_config(site)
    options_type = getattr(pipeline, "BuildOptions", None)
    if options_type is None:  # a pipeline from before the executors: always serial, never cached
        return lambda: pipeline.build(config)
    fields = getattr(options_type, "__dataclass_fields__", {})
    wanted = {"executor": "inline", "jobs": 1, "use_cache": False}
    options = options_type(**{k: v for k, v in wanted.items() if k in fields})
    return lambda: pipeline.build(config, options=options)


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                     for row in rows)


def report(seconds: dict[str, float], total: float, n: int, wall: float) -> str:
    """Profiled ms per article, the share of the profiled total, and that share of the plain build's time."""
    def row(name: str, value: float, indent: int) -> list[str]:
        share = value / total
        plain_ms = share * wall * 1000 / n
        return ["  " * indent + name, f"{value * 1000 / n:.2f}", f"{100 * share:.1f}%", f"{plain_ms:.2f}"]

    rows = [["stage", "profiled ms/article", "share", "~plain ms/article"]]
    for name in ORDER:
        children = PARENTS.get(name, [])
        rows.append(row(name, sum(seconds[c] for c in children) if children else seconds[name], 0))
        rows += [row(c, seconds[c], 1) for c in children]
    rows.append(row(OTHER, total - sum(v for k, v in seconds.items() if k != OTHER), 0))
    rows.append(row("total (profiled)", total, 0))
    return table(rows)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1000)")
    ap.add_argument("--format", choices=("raw", "md"), default="raw")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="wall time (default), or this process's CPU time: steadier on a busy machine, but it "
                         "leaves out time spent waiting for a subprocess (Pagefind)")
    ap.add_argument("--top", type=int, default=0, help="also print the top N functions by own time")
    ap.add_argument("--save", type=Path, default=None, help="write the raw profile here (for snakeviz, pstats)")
    args = ap.parse_args(argv)
    source = corpus(args.n, args.format)
    with tempfile.TemporaryDirectory(prefix="digest-profile-") as tmp:
        clock = time.process_time if args.clock == "cpu" else time.perf_counter
        plain = _serial_build(_site(source, Path(tmp), "plain"))
        started = clock()
        result = plain()
        wall = clock() - started
        profiled = _serial_build(_site(source, Path(tmp), "profiled"))
        profiler = cProfile.Profile(clock)
        started = clock()
        profiler.runcall(profiled)
        total = clock() - started
    stats = pstats.Stats(profiler)
    n = len(result.digest.articles) or 1
    print(f"digest build, {n} {args.format} articles, one process, {args.clock} clock: {wall:.2f} s plain "
          f"({wall * 1000 / n:.2f} ms/article), {total:.2f} s under cProfile")
    print(report(stage_seconds(stats.stats), total, n, wall))  # type: ignore[attr-defined]
    if args.save:
        stats.dump_stats(str(args.save))
    if args.top:
        print()
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
