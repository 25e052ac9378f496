"""Fuzz the text pipeline and the whole build for N minutes; print inputs tried, crashes and invariant violations.

    python bench/fuzz_pipeline.py --minutes 5 [--seed 1] [--no-build] [--chromium]

1. Generated articles (the hypothesis generators of tests/test_properties.py, a fresh seed per round) through
   read -> clean -> extract, with the same invariants: no exception but SourceError escapes, every quote occurs
   verbatim in the body, every date value is ISO 8601 or TIMEX3, every slug is safe.
2. Every string of ../shared/benchmarks/bad-input/ (6,613 XSS payloads, 515 naughty strings) as the body, the
   title and a quote of a Markdown article, a scraped text and an HTML page, through the same pipeline.
3. Unless --no-build: one site built from all of them (as file names, titles, quotes, speakers and front matter),
   every HTML page checked for executable markup and every feed and JSON file parsed back; with --chromium every
   page also loaded in headless Chromium, watching for dialogs, script errors and remote loads (~20 pages a s).
Phases 1 and 2 share the time budget (half each at most); the build runs after them.
Crashing inputs are saved under --keep (default: a temporary folder) so they can be replayed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402

from tests import test_security as security  # noqa: E402
from tests.test_properties import article_text, run_pipeline  # noqa: E402

ROUND_EXAMPLES = 200


class Tally:
    """Counts of one fuzz run, and the inputs that broke something."""

    def __init__(self, keep: Path) -> None:
        self.tried = 0
        self.crashes: Counter[str] = Counter()
        self.violations: Counter[str] = Counter()
        self.keep = keep

    def run(self, suffix: str, text: str, folder: Path) -> None:
        self.tried += 1
        try:
            problems = run_pipeline(suffix, text, folder)
        except Exception as exc:  # noqa: BLE001 - counting every escape is the point
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: {str(exc)[:80]}"
            if key not in self.crashes:
                (self.keep / f"crash-{len(self.crashes):03d}{suffix}").write_text(
                    text, encoding="utf-8", errors="surrogatepass")
            self.crashes[key] += 1
            return
        for problem in problems:
            self.violations[problem.split(":")[0] + ": " + problem.split(":", 1)[-1][:70]] += 1


def generated_rounds(tally: Tally, deadline: float, seed: int, folder: Path) -> int:
    """Hypothesis rounds of ROUND_EXAMPLES generated articles until the deadline; the number of rounds."""
    @settings(max_examples=ROUND_EXAMPLES, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(article_text())
    def one(generated: tuple[str, str]) -> None:
        if time.monotonic() < deadline:
            tally.run(*generated, folder)

    rounds = 0
    while time.monotonic() < deadline:
        hypothesis_seed(seed + rounds)(one)()
        rounds += 1
    return rounds


def bad_input_articles(payloads: Iterable[str]) -> Iterable[tuple[str, str]]:
    """Each payload as a Markdown title, body and quote, as scraped text, and inside an HTML page."""
    body = security.BODY
    for payload in payloads:
        yield ".md", f"---\ntitle: {json.dumps(payload)}\n---\n{body}\n\n{payload}\n\n\u201c{payload},\u201d she said."
        yield ".txt", f"{payload}\n\n{body}\n\n\u201c{payload},\u201d said {payload}.\n"
        yield ".html", f"<html><head><title>{payload}</title></head><body><p>{body}</p><p>{payload}</p></body></html>"


def all_payloads() -> list[str]:
    xss = (security.BAD_INPUT / "xss-payload-list.txt").read_text(errors="replace").splitlines()
    naughty = json.loads((security.BAD_INPUT / "blns.json").read_text(encoding="utf-8"))
    return [security.joined(s) for s in [*xss, *naughty] if s.strip()]


def build_check(payloads: list[str], chromium: bool) -> dict[str, int]:
    """Build one site from every payload; count pages, unsafe pages, bad feeds and (optionally) browser events."""
    from click.testing import CliRunner

    from generator.cli import main

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        security.write_payload_site(site, payloads)
        result = CliRunner().invoke(main, ["build", "--site", str(site)])
        if result.exit_code != 0:
            print(result.output[-2000:])
            if result.exc_info and not isinstance(result.exception, SystemExit):
                traceback.print_exception(*result.exc_info)
            return {"build crashed": 1}
        output = site / "output"
        pages = security.html_pages(output)
        for page in pages:
            for found in security.unsafe_markup(page)[:3]:
                print(f"  unsafe: {page.relative_to(output)}: {found}")
        figures = {"articles": json.loads((output / "articles.json").read_text(encoding="utf-8"))["count"],
                   "pages": len(pages), "unsafe pages": sum(bool(security.unsafe_markup(p)) for p in pages),
                   "bad feeds": _bad_feeds(output)}
        if chromium:
            events = security.events_in_chromium(pages)
            for event in events[:10]:
                print(f"  browser: {event[:160]}")
            # A remote load is an article image pointing elsewhere (blocked here); a script event is a payload run.
            figures["remote loads"] = sum(e.startswith("request ") for e in events)
            figures["script events"] = len(events) - figures["remote loads"]
        return figures


def _bad_feeds(output: Path) -> int:
    import xml.etree.ElementTree as ET

    import feedparser

    bad = 0
    for path in [*output.rglob("feed.xml"), *output.rglob("atom.xml"), output / "sitemap.xml"]:
        try:
            ET.parse(path)
        except ET.ParseError:
            bad += 1
            continue
        bad += path.name != "sitemap.xml" and bool(feedparser.parse(path.read_bytes()).bozo)
    return bad


def timed(label: str, work: Callable[[], object]) -> object:
    started = time.monotonic()
    result = work()
    print(f"{label}: {time.monotonic() - started:.1f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-build", action="store_true", help="skip the whole-site build of every payload")
    parser.add_argument("--chromium", action="store_true", help="also load every built page in Chromium")
    parser.add_argument("--keep", type=Path, default=None, help="folder for crashing inputs")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    logging.getLogger("generator").addHandler(logging.NullHandler())  # bad inputs warn by design; count, not print
    logging.getLogger("generator").propagate = False
    keep = args.keep or Path(tempfile.mkdtemp(prefix="digest-fuzz-"))
    keep.mkdir(parents=True, exist_ok=True)
    budget = args.minutes * 60
    tally = Tally(keep)
    payloads = all_payloads()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        started = time.monotonic()
        rounds = generated_rounds(tally, started + budget / 2, args.seed, folder)
        generated = tally.tried
        deadline = started + budget
        bad_tried = 0
        for suffix, text in bad_input_articles(payloads):
            if time.monotonic() > deadline:
                break
            tally.run(suffix, text, folder)
            bad_tried += 1
    print(f"generated articles tried: {generated} ({rounds} rounds of up to {ROUND_EXAMPLES})")
    print(f"bad-input articles tried: {bad_tried} of {3 * len(payloads)} ({len(payloads)} payloads x 3 kinds)")
    print(f"crashes: {sum(tally.crashes.values())} ({len(tally.crashes)} distinct; inputs in {keep})")
    for key, count in tally.crashes.most_common(10):
        print(f"  {count:5d}  {key}")
    print(f"invariant violations: {sum(tally.violations.values())} ({len(tally.violations)} distinct)")
    for key, count in tally.violations.most_common(10):
        print(f"  {count:5d}  {key}")
    if not args.no_build:
        figures = timed("whole-site build of every payload", lambda: build_check(payloads, args.chromium))
        print("build: " + ", ".join(f"{k} {v}" for k, v in figures.items()))  # type: ignore[union-attr]
        if any(v for k, v in figures.items() if k not in ("articles", "pages", "remote loads")):  # type: ignore
            return 1
    return 1 if tally.crashes or tally.violations else 0


if __name__ == "__main__":
    sys.exit(main())
