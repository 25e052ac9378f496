#!/usr/bin/env python3
"""From saving an article to the open browser page showing the change: `digest serve` measured in Chromium.

    python bench/serve_latency.py [--n 1000] [--saves 11] [--idle 5] [--timeout 300]

A site over the first --n articles of the Markdown corpus (../shared/bench/make_corpus.py, `--seed 1`, cached in
bench/corpora/) is served by the real `digest serve` on a free port. Headless Chromium (Playwright, Debian's
/usr/bin/chromium) opens one article's page. Then, --saves times: a sentence with a unique marker is appended to
that article's source file, and the clock runs until the marker is in the page's `document.body.innerText`.

Each save is timed three ways, all on the machine's one wall clock:
- save -> visible: the write to the marker showing, as the page's own clock saw it (a wait_for_function predicate
  returns `performance.timeOrigin + performance.now()` the first time it finds the marker);
- save -> reload starts: the write to the reloaded page's navigation start (`performance.timeOrigin`): the file
  event, serve's debounce, the rebuild, the server-sent event and the page's `location.reload()`;
- reload -> visible: loading the new page.
The page shows the edit from serve's quick preview (the edited article's page rendered against the last build and
served from memory); the full rebuild follows, and the next save waits until it has written the page into output/
(`save -> full rebuild in output/`), so every save starts from a settled site. `full rebuild` is what serve itself
reports for it ("Rebuilt N articles in X s"). The table shows the median and the 90th percentile.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from compare_generators import corpus  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVING = re.compile(r"Serving .* at (http://127\.0\.0\.1:\d+/\S*)")
REBUILT = re.compile(r"Rebuilt (\d+) articles? in ([\d.]+) s")
IDLE_SECONDS = 5.0  # after the saves: serve should rebuild nothing while nothing changes
SETTLE_SECONDS = 1.0  # after a save shows, longer than serve's 0.25 s debounce: the next save starts a new rebuild
# Returns the page's wall-clock time (ms since the epoch) once the marker is in the page, false until then.
SEEN = "m => document.body && document.body.innerText.includes(m) && performance.timeOrigin + performance.now()"


class Server:
    """`digest serve` as a child process; its output lines are kept with the time each arrived."""

    def __init__(self, site: Path, timeout: float) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--site", str(site), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)
        self.lines: list[tuple[float, str]] = []
        self.url = ""
        self.started = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.started.wait(timeout) or not self.url:
            self.stop()
            raise SystemExit("digest serve did not start:\n" + "\n".join(line for _, line in self.lines[-20:]))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.time(), line.rstrip()))
            match = SERVING.search(line)
            if match:
                self.url = match.group(1)
                self.started.set()
        self.started.set()  # the process ended

    def rebuilds_since(self, since: float) -> list[float]:
        """Rebuild seconds serve reported after `since` (epoch seconds)."""
        return [float(m.group(2)) for t, line in list(self.lines) if t >= since and (m := REBUILT.search(line))]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def article_path(site: Path, source_name: str) -> str:
    """The URL path (under the base) of the article built from content/<source_name>, from articles.json's parts."""
    output = site / "output"
    index = json.loads((output / "articles.json").read_text(encoding="utf-8"))
    for part in index["parts"]:
        for record in json.loads((output / part["url"]).read_text(encoding="utf-8")):
            if Path(record["source_path"]).name == source_name:
                return f"articles/{record['slug']}/"
    raise SystemExit(f"{source_name} is not in articles.json")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the nearest ranks."""
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                     for row in rows)


def wait_on_disk(built: Path, marker: str, timeout_s: float) -> float:
    """Seconds (perf_counter) at which the full rebuild's page in output/ first holds the marker."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        try:
            if marker in built.read_text(encoding="utf-8"):
                return time.perf_counter()
        except OSError:
            pass  # between the two renames of a swap
        time.sleep(0.02)
    raise TimeoutError(f"the full rebuild never wrote {marker} into {built}")


def measure_saves(page: Any, server: Server, source: Path, built: Path, saves: int, timeout_ms: float,
                  ) -> dict[str, list[float]]:
    """Append a marked sentence `saves` times; per save the milliseconds of each leg (see the module docstring)."""
    legs: dict[str, list[float]] = {"visible": [], "visible_test": [], "reload": [], "load": [], "rebuild": [],
                                    "on_disk": []}
    for k in range(saves):
        marker = f"Bench{uuid.uuid4().hex[:12]}"
        time.sleep(SETTLE_SECONDS)
        wrote_at = time.time()
        started = time.perf_counter()
        with source.open("a", encoding="utf-8") as f:
            f.write(f"\n\nThe spokesman, {marker}, repeated the statement on Friday.\n")
        seen_at = page.wait_for_function(SEEN, arg=marker, timeout=timeout_ms).json_value()
        test_ms = (time.perf_counter() - started) * 1000
        origin = page.evaluate("performance.timeOrigin")
        legs["visible"].append(seen_at - wrote_at * 1000)
        legs["visible_test"].append(test_ms)
        legs["reload"].append(origin - wrote_at * 1000)
        legs["load"].append(seen_at - origin)
        legs["on_disk"].append((wait_on_disk(built, marker, timeout_ms / 1000) - started) * 1000)
        while not server.rebuilds_since(wrote_at) and time.perf_counter() - started < timeout_ms / 1000:
            time.sleep(0.01)  # serve reports the rebuild just after the swap
        legs["rebuild"] += [s * 1000 for s in server.rebuilds_since(wrote_at)][:1]
        print(f"save {k + 1}/{saves}: visible after {legs['visible'][-1]:.0f} ms", file=sys.stderr)
    return legs


def idle_rebuilds(server: Server, seconds: float) -> int:
    """Rebuilds serve reports over `seconds` with no file changed (any is a rebuild loop)."""
    since = time.time()
    time.sleep(seconds)
    return len(server.rebuilds_since(since))


def report(legs: dict[str, list[float]], n: int, saves: int, rebuilds: int, idle: int, idle_s: float) -> str:
    labels = [("visible", "save -> visible (page clock)"), ("visible_test", "save -> visible (bench clock)"),
              ("reload", "save -> reload starts"), ("load", "reload -> visible (page load)"),
              ("on_disk", "save -> full rebuild in output/"), ("rebuild", "full rebuild (serve's own report)")]
    rows = [["leg", "median ms", "p90 ms", "min ms", "max ms"]]
    for key, label in labels:
        values = legs[key]
        if values:
            rows.append([label, f"{statistics.median(values):.0f}", f"{percentile(values, 90):.0f}",
                         f"{min(values):.0f}", f"{max(values):.0f}"])
    notes = f"serve rebuilt {rebuilds} times for {saves} saves; {idle} times in {idle_s:g} s with nothing changed"
    if idle:
        notes += " (a rebuild loop: a save waits for the rebuild already running)"
    return f"digest serve, {n} md articles, {saves} saves of one article, headless Chromium\n{table(rows)}\n{notes}"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the site (default 1000)")
    ap.add_argument("--saves", type=int, default=11, help="saves to time (default 11)")
    ap.add_argument("--idle", type=float, default=IDLE_SECONDS, help="seconds to watch for rebuilds with no change")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the first build or a save")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"needs Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    source_corpus = corpus(args.n, "md")
    with tempfile.TemporaryDirectory(prefix="digest-serve-latency-") as tmp:
        site = Path(tmp)
        shutil.copytree(source_corpus, site / "content")
        (site / "digest.toml").write_text('title = "Latency"\n', encoding="utf-8")
        names = sorted(p.name for p in (site / "content").iterdir())
        source = site / "content" / names[len(names) // 2]
        server = Server(site, args.timeout)
        try:
            rel = article_path(site, source.name)
            url = server.url.rstrip("/") + "/" + rel
            built = site / "output" / rel.strip("/") / "index.html"
            with sync_playwright() as play:
                browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
                page = browser.new_page()
                page.goto(url, wait_until="load")
                first = time.time()
                legs = measure_saves(page, server, source, built, args.saves, args.timeout * 1000)
                idle = idle_rebuilds(server, args.idle)
                rebuilds = len(server.rebuilds_since(first)) - idle
                browser.close()
        finally:
            server.stop()
    print(report(legs, args.n, args.saves, rebuilds, idle, args.idle))


if __name__ == "__main__":
    main()
