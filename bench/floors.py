#!/usr/bin/env python3
"""The floors under issue 8's two unmet targets: the parts of a build that digest cannot leave out, timed alone.

    python bench/floors.py [--n 10000] [--runs 3] [--site DIR] [--shard-sizes 32,64,128]

A cold build must turn every article's Markdown into HTML with Python-Markdown (a library the project requires),
create every file of output/ (Pagefind its search bundles), and index every article page for search (Pagefind). Each of those is timed here on its
own, with nothing else of digest around it, in a fresh process per run: its wall time and the CPU time it took
(user + system, its child processes' included). Their CPU added up and shared over the machine's cores is the
shortest wall time any build doing them could reach on this machine, before any cleaning, extraction, grouping or
templates; it is set beside the 20 s target.

A rebuild after one change, in a fresh process, must start the interpreter and import the libraries it renders
and groups with, index the edited article's search shard again (its pages' words changed), and fit the sections
again (seeded k-means over the TF-IDF vectors of the whole collection: one article's words move every IDF weight,
so every vector the fit reads changes, and a kept fit could differ from a clean build's). Their wall times added up,
and the imports followed by the longer of the other two (Pagefind on one core beside the fit on the other), are set
beside the 1 s target; `--shard-sizes` adds what Pagefind takes over smaller shards.

The site is `--site` (a folder digest has built), else the corpus (../shared/bench/make_corpus.py `--seed 1`, cached
in bench/corpora/) built cold once into a temporary folder. Medians over `--runs`; nothing else should run meanwhile.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from _common import digest_env
from compare_generators import REPO, corpus, table
from rebuild_against import make_site

# What a one-change rebuild imports that is not digest's own: rendering (Python-Markdown, Jinja2), feeds (feedgen,
# on lxml), front matter (PyYAML) and the vectors the sections are fitted on (NumPy, SciPy's sparse matrices).
REQUIRED_IMPORTS = "import markdown, jinja2, feedgen.feed, yaml, numpy, scipy.sparse"


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _timed(work: Callable[[], object]) -> dict[str, float]:
    """Wall and CPU seconds of `work` in this process, its children's CPU included."""
    cpu0, children0, t0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    work()
    wall = time.perf_counter() - t0
    cpu = _cpu(resource.RUSAGE_SELF) - cpu0 + _cpu(resource.RUSAGE_CHILDREN) - children0
    return {"wall": wall, "cpu": cpu}


def _markdown_bodies(site: Path) -> list[str]:
    texts = []
    for path in sorted((site / "content").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        texts.append(text)
    return texts


def part_markdown(site: Path) -> dict[str, float]:
    """Every article body to HTML with digest's Python-Markdown converter (its extensions and safety pass)."""
    from generator.render.safe_markdown import markdown_to_html
    texts = _markdown_bodies(site)
    return {**_timed(lambda: [markdown_to_html(text) for text in texts]), "articles": len(texts)}


def part_files(site: Path) -> dict[str, float]:
    """Every file of output/ but the search bundles created again, its bytes already in memory, in a new folder on
    the same disk (the files are left to the disk's write-back, as a build leaves them). The bundles are left out
    because Pagefind writes them, in its own row."""
    from generator.search_shards import BUNDLE_DIR
    output = site / "output"
    files = [(path.relative_to(output), path.read_bytes()) for path in output.rglob("*")
             if path.is_file() and path.relative_to(output).parts[0] != BUNDLE_DIR]
    target = Path(tempfile.mkdtemp(prefix="floors-files.", dir=site))
    os.sync()  # the disk's write-back of earlier runs' files is not this run's to pay for

    def write() -> None:
        made: set[Path] = set()
        for rel, data in files:
            folder = (target / rel).parent
            if folder not in made:
                folder.mkdir(parents=True, exist_ok=True)
                made.add(folder)
            (target / rel).write_bytes(data)
    try:
        return {**_timed(write), "files": len(files)}
    finally:
        shutil.rmtree(target)


def _pagefind(site: Path, pages: list[Path]) -> dict[str, float]:
    """Pagefind, with every core, over these article pages (hard-linked into a scratch site, as the build does)."""
    from generator.search import _command, pagefind_binary
    binary = pagefind_binary()
    if binary is None:
        raise SystemExit("the Pagefind binary is not installed (pip install 'pagefind[bin]')")
    scratch = Path(tempfile.mkdtemp(prefix="floors-search.", dir=site))
    try:
        for page in pages:
            folder = scratch / "articles" / page.parent.name
            folder.mkdir(parents=True)
            os.link(page, folder / page.name)
        bundle = scratch / "bundle"
        result = _timed(lambda: subprocess.run(_command(binary, scratch, bundle, "en"), check=True,
                                               capture_output=True))
        return {**result, "pages": len(pages)}
    finally:
        shutil.rmtree(scratch)


def _article_pages(site: Path) -> list[Path]:
    return sorted((site / "output" / "articles").glob("*/index.html"))


def part_search(site: Path) -> dict[str, float]:
    """Pagefind over every article page."""
    return _pagefind(site, _article_pages(site))


def _folder_of(site: Path, source: Path) -> str:
    """The page folder (slug) of the article read from `source`, from the build's records (data/articles-N.json)."""
    for part in (site / "output" / "data").glob("articles-*.json"):
        for record in json.loads(part.read_text(encoding="utf-8")):
            if record["source_path"] == source.name:
                return record["slug"]
    raise SystemExit(f"{source.name}: not in {site / 'output' / 'data'}")


def part_shard(site: Path) -> dict[str, float]:
    """Pagefind over the article pages of the shard that holds the article the rebuild benches edit (the middle
    file of content/)."""
    from generator.search_shards import shards
    pages = {page.parent.name: page for page in _article_pages(site)}
    sources = sorted((site / "content").iterdir())
    edited = _folder_of(site, sources[len(sources) // 2])
    shard = next(names for names in shards(pages) if edited in names)
    return _pagefind(site, [pages[name] for name in shard])


def part_sections(site: Path) -> dict[str, float]:
    """The sections fitted again over the whole collection (the articles and their words read first, untimed)."""
    from generator.article_words import Tokens
    from generator.config import load_config
    from generator.full_build import collect
    from generator.sections import article_sections
    articles = list(collect(load_config(site)).articles)
    tokens = Tokens.of(articles)
    return {**_timed(lambda: article_sections(articles, tokens)), "articles": len(articles)}


def part_imports(_site: Path) -> dict[str, float]:
    """A fresh interpreter importing the libraries a rebuild renders and groups with (timed from outside)."""
    return _timed(lambda: subprocess.run([sys.executable, "-c", REQUIRED_IMPORTS], check=True))


COLD = {"markdown": part_markdown, "files": part_files, "search": part_search}
ONE_CHANGE = {"imports": part_imports, "shard": part_shard, "sections": part_sections}
LABELS = {
    "markdown": "Python-Markdown, every article body",
    "files": "creating output/'s files but the search bundles",
    "search": "Pagefind, every article page",
    "imports": "interpreter and required libraries' imports",
    "shard": "Pagefind, the edited article's shard",
    "sections": "sections fitted again, whole collection",
}
SIZE_KEYS = ("files", "pages", "articles")


def measure(part: str, site: Path, runs: int) -> dict[str, float]:
    """Medians over `runs` fresh processes running `part`."""
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--part", part, "--site", str(site)], check=True,
                              capture_output=True, text=True, env=digest_env(str(REPO)), cwd=REPO / "bench")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def _size(result: dict[str, float]) -> str:
    return next((f"{int(result[key]):,} {key}" for key in SIZE_KEYS if key in result), "")


def report(site: Path, runs: int) -> None:
    cores = os.cpu_count() or 1
    rows, results = [], {}
    for group, parts in (("cold", COLD), ("one change", ONE_CHANGE)):
        for part in parts:
            result = results[part] = measure(part, site, runs)
            rows.append([group, LABELS[part], _size(result), f"{result['wall']:.3f}", f"{result['cpu']:.3f}"])
    print(table(["build", "part (alone, fresh process)", "size", "wall s", "CPU s"], rows))
    cold_cpu = sum(results[part]["cpu"] for part in COLD)
    wall = {part: results[part]["wall"] for part in ONE_CHANGE}
    print(f"cold: {cold_cpu:.2f} s of CPU in these parts alone; on {cores} cores at best {cold_cpu / cores:.2f} s "
          f"of wall (target: under 20 s)")
    # The imports come first; the shard's Pagefind can then run on another core beside the sections' fit.
    beside = wall["imports"] + max(wall["shard"], wall["sections"])
    print(f"one change: {sum(wall.values()):.2f} s of wall in these parts alone, {beside:.2f} s with the shard "
          f"indexed beside the sections (target: under 1 s)")


def report_shard_sizes(site: Path, sizes: list[int], runs: int) -> None:
    """Pagefind's wall time over the first `size` article pages, for each size: what a one change's shard would cost
    with smaller shards (each search then merges a bundle per shard in the browser)."""
    pages = _article_pages(site)
    rows = [[f"{size:,}", f"{statistics.median(_pagefind(site, pages[:size])['wall'] for _ in range(runs)):.3f}"]
            for size in sizes]
    print(table(["pages in a shard", "Pagefind wall s"], rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="articles in the corpus (without --site)")
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per part (medians)")
    ap.add_argument("--site", type=Path, help="a site folder digest has built (content/ and output/)")
    ap.add_argument("--shard-sizes", help="also Pagefind over shards of these sizes, e.g. 32,64,128")
    ap.add_argument("--part", choices=[*COLD, *ONE_CHANGE], help=argparse.SUPPRESS)  # one run, in its own process
    args = ap.parse_args()
    if args.part:
        print(json.dumps({**COLD, **ONE_CHANGE}[args.part](args.site.resolve())))
        return
    sizes = [int(size) for size in args.shard_sizes.split(",")] if args.shard_sizes else []
    if args.site:
        report(args.site.resolve(), args.runs)
        report_shard_sizes(args.site.resolve(), sizes, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="floors.") as scratch:
        site = Path(scratch) / "site"
        make_site(corpus(args.n, "md"), site)
        subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(site)], check=True, cwd=REPO,
                       env=digest_env(str(REPO)), stdout=subprocess.DEVNULL)
        report(site, args.runs)
        report_shard_sizes(site, sizes, args.runs)


if __name__ == "__main__":
    main()
