#!/usr/bin/env python3
"""Grouping speed: `python bench/speed_topics.py [--n 10000] [--add 20] [--cache FILE]`.

Data: the synthetic Markdown corpus of `../shared/bench/make_corpus.py --format md` (n articles, 20 subjects),
read, cleaned and extracted by digest's own stages in a process pool (not timed; `--cache FILE` keeps the extracted
articles in a pickle so a second run skips this). Timed, best of `--runs`:
- grouping: `topics.group` (vectors, clustering, labels, slugs) plus `sections.assign_sections` over the first
  n - add articles, as the pipeline calls them (each reads the articles' words); target (issue 6) under 20 s for
  10,000. Also timed: with the words read once (`article_words.Tokens.of`) and passed to both, and with the words kept per
  article (`article_words.article_words`, a per-article stage's work, timed apart) and passed in (`Tokens.from_words`).
  Wall and CPU seconds: on a shared machine the CPU time is the steadier figure;
- adding: `TopicIndex.add` of each of the last `--add` articles, one at a time, to the grouped collection;
  target under 200 ms per article (median and worst are printed).
- `--pairs`: how grouping scales. The article pairs of the graph clustering starts from (`neighbours.strong_pairs`:
  at or above the join threshold, at most `neighbours.NEIGHBOURS` an article) over the first quarter, half and all
  of the articles, with the seconds to find them. On this corpus (20 subjects) a story grows with the collection: all
  its strong pairs would grow with the square of its size (3.4 million at 10,000 articles), the graph grows with it.
- `--sizes 2500,5000,10000,100000`: grouping (issue 8) at each size, from the first articles of one cache: the graph's
  pairs, `clustering.cluster_vectors` alone and group + sections, each in wall and CPU seconds, with the peak memory
  above what the process held before it (peak resident set, Linux) and the CPU milliseconds per article.
  `--copies k` repeats the corpus k times over (distinct paths and slugs, the same texts) to reach a size whose
  extraction would take too long: each subject keeps its share of the collection, as in a larger corpus, but the
  copies are exact duplicates of each other. With `--vectors`, the text vectors (topics) and word vectors (sections)
  alone at each size instead, in seconds and peak MiB above the start.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path
from typing import Callable

from _common import REPO

from generator.clean import clean
from generator.config import Config, load_config
from generator.extract import extract
from generator.models import Article
from generator.read import read_source
from generator.sections import assign_sections
from generator.clustering import cluster_vectors
from generator.neighbours import strong_pairs
from generator.topics import JOIN_THRESHOLD, TopicIndex
from generator.vectors import Space, text_vectors, word_vectors
from generator.article_words import Tokens, article_words

MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
GROUP_TARGET_S, ADD_TARGET_MS = 20.0, 200.0
_CONFIG = load_config(Path("/nonexistent-site"))


def _extract(args: tuple[Path, Path]) -> Article:
    path, root = args
    return extract(clean(read_source(path, root)), _CONFIG)


def corpus(n: int, cache: Path | None) -> list[Article]:
    """The n synthetic articles, extracted (from the cache when it holds at least n)."""
    if cache and cache.is_file():
        articles = pickle.loads(cache.read_bytes())
        if len(articles) >= n:
            return articles[:n]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", folder, "--n", str(n), "--format", "md"], check=True)
        with Pool() as pool:
            articles = pool.map(_extract, [(p, root) for p in sorted(root.glob("*.md"))], chunksize=50)
    if cache:
        cache.write_bytes(pickle.dumps(articles))
    return articles


def copies(articles: list[Article], k: int) -> list[Article]:
    """The articles k times over, the copies told apart by a prefix to their path and slug."""
    return [a if c == 0 else replace(a, source_path=f"copy{c}/{a.source_path}", slug=f"copy{c}-{a.slug}")
            for c in range(k) for a in articles]


def time_group(articles: list[Article], config: Config, words: str = "each",
               kept: list[tuple[str, int]] | None = None) -> tuple[float, float, TopicIndex]:
    """Wall and CPU seconds to group the articles into topics and sections, and the grouped index. `words`: "each"
    (group and sections each read the articles), "once" (read once and passed to both) or "kept" (`kept`, the
    articles' `article_words`, passed in)."""
    start, cpu = time.perf_counter(), time.process_time()
    tokens = None if words == "each" else Tokens.of(articles) if words == "once" else Tokens.from_words(kept or [])
    index = TopicIndex.build(articles, config, tokens)
    assign_sections(articles, index.topics(), tokens)
    return time.perf_counter() - start, time.process_time() - cpu, index


def print_pairs(articles: list[Article]) -> None:
    print(f"{'articles':>9} {'strong pairs':>13} {'per article':>12} {'seconds':>8}")
    for n in (len(articles) // 4, len(articles) // 2, len(articles)):
        _space, vectors = Space.fit_embed(articles[:n], Tokens.of(articles[:n]))
        start = time.perf_counter()
        pairs = strong_pairs(vectors, JOIN_THRESHOLD).pairs.nnz
        print(f"{n:9d} {pairs:13d} {pairs / n:12.1f} {time.perf_counter() - start:8.2f}")


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS: now, VmHWM: peak since the last reset)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measured(work: Callable[[], object]) -> tuple[float, float, float, object]:
    """Wall seconds, CPU seconds and peak MiB above the memory held before (the peak resident set is reset first, so
    nothing else of the run counts), and the result of `work()`."""
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current resident set
    before = _status_mib("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - start, time.process_time() - cpu, _status_mib("VmHWM") - before, result


def print_sizes(articles: list[Article], sizes: list[int]) -> None:
    print(f"{'articles':>9} {'pairs':>10} {'pairs s':>8} | {'cluster s':>9} {'cpu':>7} {'MiB':>6} {'ms/art':>7} "
          f"| {'group+sect s':>12} {'cpu':>7} {'MiB':>6} {'ms/art':>7}")
    for n in sizes:
        part = articles[:n]
        _space, vectors = Space.fit_embed(part, Tokens.of(part))
        pair_s, _cpu, _mib, graph = measured(lambda: strong_pairs(vectors, JOIN_THRESHOLD))
        pairs = graph.pairs.nnz
        del graph
        wall, cpu, mib, _groups = measured(lambda: cluster_vectors(vectors))
        del vectors
        g_wall, g_cpu, g_mib, _index = measured(lambda: time_group(part, _CONFIG))
        print(f"{n:9d} {pairs:10d} {pair_s:8.2f} | {wall:9.2f} {cpu:7.2f} {mib:6.0f} {cpu * 1000 / n:7.3f} "
              f"| {g_wall:12.2f} {g_cpu:7.2f} {g_mib:6.0f} {g_cpu * 1000 / n:7.3f}", flush=True)


def print_vector_sizes(articles: list[Article], sizes: list[int]) -> None:
    """`--vectors`: the text block's vectors (topics) and the word vectors (sections) alone, at each size: wall
    seconds and peak MiB above the start, from the articles' words read once."""
    print(f"{'articles':>9} | {'text s':>7} {'MiB':>6} | {'words s':>7} {'MiB':>6}")
    for n in sizes:
        words = Tokens.of(articles[:n])
        text_s, _cpu, text_mib, _result = measured(lambda: text_vectors(words))
        del _result
        words_s, _cpu, words_mib, _result = measured(lambda: word_vectors(words))
        del _result, words
        print(f"{n:9d} | {text_s:7.2f} {text_mib:6.0f} | {words_s:7.2f} {words_mib:6.0f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="articles in the corpus (default 10000)")
    ap.add_argument("--add", type=int, default=20, help="articles added one at a time after grouping (default 20)")
    ap.add_argument("--runs", type=int, default=1, help="grouping runs; the fastest counts")
    ap.add_argument("--cache", type=Path, help="pickle of the extracted articles, written on first use")
    ap.add_argument("--pairs", action="store_true", help="also count the strong pairs at n/4, n/2 and n articles")
    ap.add_argument("--copies", type=int, default=1, help="repeat the corpus this many times (see above)")
    ap.add_argument("--vectors", action="store_true", help="with --sizes: the text and word vectors alone")
    ap.add_argument("--sizes", help="comma-separated sizes (at most --n): grouping time, memory and pairs of each, then stop")
    args = ap.parse_args()
    articles = copies(corpus(args.n, args.cache), args.copies)
    if args.sizes and args.vectors:
        print_vector_sizes(articles, [int(size) for size in args.sizes.split(",")])
        return
    if args.sizes:
        print_sizes(articles, [int(size) for size in args.sizes.split(",")])
        return
    if args.pairs:
        print_pairs(articles)
    base, extra = articles[: len(articles) - args.add], articles[len(articles) - args.add :]
    seconds, cpu, index = min((time_group(base, _CONFIG) for _ in range(args.runs)), key=lambda r: r[0])
    start = time.process_time()
    words = [article_words(a) for a in base]
    words_ms = (time.process_time() - start) * 1000 / max(len(base), 1)
    once = min((time_group(base, _CONFIG, "once") for _ in range(args.runs)), key=lambda r: r[0])
    from_kept = min((time_group(base, _CONFIG, "kept", words) for _ in range(args.runs)), key=lambda r: r[0])
    before = {t.slug for t in index.topics()}
    adds = []
    for article in extra:
        start = time.perf_counter()
        index.add(article)
        adds.append((time.perf_counter() - start) * 1000)
    kept = before <= {t.slug for t in index.topics()}
    print(f"topics on {len(base)} synthetic articles: {len(index.topics())} topics")
    verdict = "met" if seconds < GROUP_TARGET_S else "NOT met"
    print(f"  group + sections   {seconds:7.2f} s    (cpu {cpu:.2f} s; target < {GROUP_TARGET_S:.0f} s: {verdict})")
    print(f"    words read once  {once[0]:7.2f} s    (cpu {once[1]:.2f} s; passed to both)")
    print(f"    words kept       {from_kept[0]:7.2f} s    (cpu {from_kept[1]:.2f} s; article_words "
          f"{words_ms:.3f} ms cpu per article, in the per-article stage)")
    if adds:
        verdict = "met" if max(adds) < ADD_TARGET_MS else "NOT met"
        print(f"  add one article    {statistics.median(adds):7.1f} ms median, {max(adds):.1f} ms worst"
              f"    (target < {ADD_TARGET_MS:.0f} ms: {verdict}); existing slugs kept: {kept}")


if __name__ == "__main__":
    main()
