"""`digest serve` under a storm of edits, then over many rebuilds: does it settle, serve whole pages, leak memory?

    python bench/serve_endurance.py [--articles 40] [--saves 400] [--seconds 12] [--rebuilds 200]

1. Storm: `digest serve` runs on a synthetic site (../shared/bench/make_corpus.py) while this script saves,
   renames, deletes and creates articles as fast as it can (--saves over --seconds), and two readers fetch pages
   the whole time. Every HTML response must be a whole page (its Content-Length met, ending in </html>).
2. Settle: after the last save, the served output/ must become byte-identical to a clean `digest build -o` of
   the final content (the time it took is printed).
3. Memory: --rebuilds single-file saves, each waited out (the serve prints one line a rebuild); the server's RSS
   after the first 10 and after the last is printed, with the growth per rebuild.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
SETTLE_TIMEOUT = 120.0
BURST, GAP = 25, 0.5  # changes a burst; a gap twice serve's 0.25 s debounce, so a rebuild starts


def snapshot(folder: Path) -> dict[str, str]:
    files = {}
    for path in sorted(folder.rglob("*")):
        try:
            if path.is_file():
                files[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return {}  # a swap happened while we looked; look again
    return files


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Server:
    """`digest serve` as a child process, its output lines counted as they come."""

    def __init__(self, site: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--site", str(site), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)
        self.rebuilds = 0
        self.failed = 0
        self.port = 0
        self.started = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.started.wait(60):
            raise SystemExit("serve did not start")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match[1])
                self.started.set()
            self.rebuilds += line.startswith("Rebuilt ")
            self.failed += line.startswith("Rebuild failed")

    def wait_rebuilds(self, count: int, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.rebuilds < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.rebuilds >= count

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Readers:
    """Threads fetching pages all the time, counting responses and any page that arrives cut short."""

    def __init__(self, port: int, paths: list[str], threads: int = 2) -> None:
        self.port, self.paths = port, paths
        self.responses = self.partial = self.errors = 0
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        rng = random.Random()
        while not self.stop.is_set():
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                conn.request("GET", rng.choice(self.paths))
                response = conn.getresponse()
                body = response.read()
                conn.close()
            except (OSError, http.client.HTTPException):
                self.errors += 1
                continue
            self.responses += 1
            whole = len(body) == int(response.getheader("Content-Length", "-1"))
            if response.getheader("Content-Type", "").startswith("text/html"):
                whole = whole and body.rstrip().endswith(b"</html>")
            self.partial += not whole

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


def storm(content: Path, saves: int, seconds: float, rng: random.Random) -> dict[str, int]:
    """Saves, renames, deletes and new files in content/ over `seconds`, in bursts with quiet gaps just past
    the debounce, so rebuilds start mid-storm and files change and vanish while they read."""
    counts = {"saves": 0, "renames": 0, "deletes": 0, "creates": 0}
    bursts = max(1, saves // BURST)
    pause = max(0.0, seconds - bursts * GAP) / saves
    for n in range(saves):
        if n and n % BURST == 0:
            time.sleep(GAP)
        files = sorted(content.glob("*.txt"))
        action = rng.choices(["saves", "renames", "deletes", "creates"], [70, 12, 8, 10])[0]
        if action != "creates" and not files:
            action = "creates"
        if action == "saves":
            path = rng.choice(files)
            path.write_text(path.read_text() + f"\nEdit {n}: the minister spoke again on Tuesday.\n")
        elif action == "renames":
            path = rng.choice(files)
            path.rename(path.with_name(f"renamed-{n}-{path.name}"))
        elif action == "deletes":
            rng.choice(files).unlink()
        else:
            source = rng.choice(files) if files else None
            text = source.read_text() if source else "Headline\n\nGENEVA \u2014 Talks resume. More soon.\n"
            (content / f"new-{n}.txt").write_text(text.replace("the", "a", 3))
        counts[action] += 1
        time.sleep(pause)
    return counts


def settle(site: Path, reference: Path) -> float:
    """Seconds until the served output/ equals a clean build of the final content (or -1 on timeout)."""
    subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(site), "-o", str(reference)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    expected = snapshot(reference)
    started = time.monotonic()
    while time.monotonic() - started < SETTLE_TIMEOUT:
        if snapshot(site / "output") == expected:
            return time.monotonic() - started
        time.sleep(0.1)
    return -1.0


def memory(server: Server, content: Path, rebuilds: int) -> tuple[int, int, int]:
    """RSS (KiB) after 10 rebuilds and after `rebuilds`, and how many rebuilds were seen."""
    story = sorted(content.glob("*.txt"))[0]
    text = story.read_text()
    first = 0
    for n in range(1, rebuilds + 1):
        before = server.rebuilds
        story.write_text(text + f"\nRevision {n}.\n")
        if not server.wait_rebuilds(before + 1):
            print(f"  rebuild {n} was not seen within 30 s")
        if n == 10:
            first = rss_kib(server.proc.pid)
    return first, rss_kib(server.proc.pid), server.rebuilds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--saves", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--rebuilds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(site / "content"), "--n", str(args.articles),
                        "--seed", str(args.seed), "--format", "raw"], check=True, stdout=subprocess.DEVNULL)
        server = Server(site)
        try:
            pages = ["/", "/feed.xml", "/articles.json"] + [
                f"/articles/{p.name}/" for p in sorted((site / "output" / "articles").iterdir())[:20]]
            readers = Readers(server.port, pages)
            started = time.monotonic()
            counts = storm(site / "content", args.saves, args.seconds, rng)
            print(f"storm: {sum(counts.values())} changes in {time.monotonic() - started:.1f} s "
                  f"({', '.join(f'{v} {k}' for k, v in counts.items())})")
            took = settle(site, Path(folder) / "reference")
            readers.finish()
            print(f"settled on the final content: {'no, gave up after %.0f s' % SETTLE_TIMEOUT if took < 0 else 'yes'}"
                  f"{'' if took < 0 else f', {took:.1f} s after the reference build'}; "
                  f"rebuilds {server.rebuilds} (failed {server.failed})")
            print(f"responses during the storm: {readers.responses}, partial pages {readers.partial}, "
                  f"connection errors {readers.errors}")
            first, last, seen = memory(server, site / "content", args.rebuilds)
            growth = (last - first) / 1024
            print(f"memory over {args.rebuilds} rebuilds: RSS {first / 1024:.1f} MiB after 10, {last / 1024:.1f} MiB "
                  f"after {args.rebuilds} (+{growth:.1f} MiB, {growth * 1024 / max(args.rebuilds - 10, 1):.1f} KiB a "
                  f"rebuild); rebuild lines seen {seen}")
            leftovers = [p.name for p in site.iterdir() if p.name.startswith(".output.")]
            print(f"staging folders left: {len(leftovers)}")
            ok = took >= 0 and readers.partial == 0 and not leftovers
        finally:
            server.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
