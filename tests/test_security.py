"""Security: hostile strings from ../shared/benchmarks/bad-input/ as bodies, titles, quotes, front matter and file
names build into HTML, feeds and JSON that stay valid, carry no executable markup, and run nothing in Chromium."""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.cli import main

from .conftest import site_records

BAD_INPUT = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "bad-input"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SAMPLE_XSS, SAMPLE_NAUGHTY = 60, 40  # the full lists run in bench/fuzz_pipeline.py
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "background", "xlink:href"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
BODY = "GENEVA \u2014 The minister said on Tuesday that the talks would resume. Officials expect a deal by March."
# Calls to these from any page mean a payload ran.
TRAP = """for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { (window.__xss = window.__xss || []).push(name + ":" + args.join(",")); }; }"""

pytestmark = pytest.mark.skipif(not BAD_INPUT.is_dir(), reason="needs ../shared/benchmarks/bad-input/")


def joined(text: str) -> str:
    """JSON-escaped surrogate pairs joined into the characters they stand for (a file cannot hold them apart)."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def sample_payloads(seed: int = 9) -> list[str]:
    """A fixed sample of both lists (the hand-picked classics first), with no empty strings."""
    xss = [line for line in (BAD_INPUT / "xss-payload-list.txt").read_text(errors="replace").splitlines() if line]
    naughty = [joined(s) for s in json.loads((BAD_INPUT / "blns.json").read_text(encoding="utf-8")) if s.strip()]
    rng = random.Random(seed)
    classics = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                "<svg/onload=alert(1)>", '"><script>alert(1)</script>', "</script><script>alert(1)</script>",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "![x](javascript:alert(1))",
                "<a href='javascript:alert(1)'>x</a>", "{{ 7*7 }}{% raw %}", "&lt;script&gt;alert(1)&lt;/script&gt;"]
    return classics + rng.sample(xss, SAMPLE_XSS) + rng.sample(naughty, SAMPLE_NAUGHTY)


def file_name(n: int, payload: str) -> str:
    """The payload as a file name, as far as the file system allows."""
    stem = payload.replace("/", "\u2215").replace("\x00", "")[:60]
    while len(stem.encode("utf-8")) > 150:
        stem = stem[:-1]
    return f"{n:03d} {stem}.md"


def write_payload_site(site: Path, payloads: list[str]) -> None:
    """Each payload as title, source, author, topic, a paragraph, a quote and its speaker, and the file name."""
    content = site / "content"
    content.mkdir()
    for n, payload in enumerate(payloads):
        front = {"title": payload, "source": payload, "author": payload, "topic": payload}
        body = (f"{BODY}\n\n{payload}\n\n\u201c{payload} is what we will do,\u201d said {payload}.\n\n"
                f"\u201cWe will not give up,\u201d said Anna Berg. [link]({payload}) ![img]({payload})\n")
        (content / file_name(n, payload)).write_text(
            "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in front.items()) + "\n---\n" + body,
            encoding="utf-8")
    for n, payload in enumerate(payloads[:20]):  # scraped text and HTML input too
        (content / f"raw{n:03d}.txt").write_text(f"Raw headline {n}\n\n{BODY}\n\n{payload}\n", encoding="utf-8")
        (content / f"page{n:03d}.html").write_text(
            f"<html><head><title>Page {n} {payload}</title></head><body><article><h1>Page {n}</h1>"
            f"<p>{BODY}</p><p>{payload}</p><p>{BODY}</p></article></body></html>", encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("xss")
    write_payload_site(site, sample_payloads())
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    return site / "output"


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_every_payload_builds_a_page(payload_site: Path) -> None:
    records = site_records(payload_site)
    names = {r["source_path"] for r in records}
    assert len(records) >= len(sample_payloads()) + 20  # file names, titles and bodies lost none
    assert all(re.fullmatch(r"[a-z0-9-]+", r["slug"]) for r in records)
    assert any(name.startswith("000 ") for name in names)


def _theme_script(page: Path, element: lxml_html.HtmlElement) -> bool:
    """The theme's own scripts: a JSON-LD data block (never executed), Pagefind's UI on the search page."""
    if element.tag != "script":
        return False
    if element.get("type") == "application/ld+json":
        return "<" not in (element.text or "")
    return page.parent.name == "search"


def unsafe_markup(page: Path) -> list[str]:
    """Scripts, event handlers, inline frames and script URLs in one HTML page (the theme has none of them)."""
    tree = lxml_html.fromstring(page.read_bytes())
    found = [f"<{el.tag}>" for el in tree.iter("script", "iframe", "object", "embed", "base", "form", "meta")
             if not _theme_script(page, el) and (el.tag != "meta" or el.get("http-equiv", "").lower() == "refresh")]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            scheme = urlsplit(re.sub(r"[\x00-\x20]+", "", value)).scheme.lower()
            if name.lower().startswith("on") or (name.lower() in URL_ATTRIBUTES and scheme not in SAFE_SCHEMES):
                found.append(f"<{element.tag} {name}={value[:40]!r}>")
    return found


def test_html_has_no_executable_markup_from_input(payload_site: Path) -> None:
    problems = {p.relative_to(payload_site).as_posix(): unsafe_markup(p) for p in html_pages(payload_site)}
    assert {page: found for page, found in problems.items() if found} == {}


def test_feeds_sitemap_and_json_stay_valid(payload_site: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    feeds = sorted(payload_site.rglob("feed.xml")) + sorted(payload_site.rglob("atom.xml"))
    assert feeds
    for path in [*feeds, payload_site / "sitemap.xml"]:
        ET.parse(path)  # well-formed XML, or this raises
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            assert urlsplit(entry.link).scheme in ("http", "https")
    site_records(payload_site)


def events_in_chromium(pages: list[Path]) -> list[str]:
    """Dialogs, trapped calls, script errors and outside requests seen while loading each page in Chromium."""
    from playwright.sync_api import sync_playwright

    events: list[str] = []
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        page.add_init_script(TRAP)
        # Nothing leaves the machine: a payload that fetches or navigates elsewhere is cut off and logged.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else (events.append(f"request {route.request.url}"), route.abort()))
        page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: events.append(f"script error {error}"))
        page.on("console", lambda msg: events.append(f"console {msg.text}") if msg.type == "error"
                and "Failed to load resource" not in msg.text else None)
        for path in pages:
            page.goto(path.as_uri(), wait_until="load")
            events.extend(f"{path.name}: {call}" for call in page.evaluate("window.__xss || []"))
        browser.close()
    return events


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_chromium_check_sees_a_payload_run(tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api")
    page = tmp_path / "evil.html"
    page.write_text("<p>x</p><img src=x onerror=alert(1)><script>console.error('boom')</script>")
    assert sorted(events_in_chromium([page])) == ["console boom", "evil.html: alert:1"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_no_payload_runs_in_chromium(payload_site: Path) -> None:
    pytest.importorskip("playwright.sync_api")
    # Every page that shows article text: the articles, the index and the topic and people pages.
    pages = [p for p in html_pages(payload_site) if not re.search(r"/(archive|page)/", p.as_posix())]
    assert events_in_chromium(pages) == []


def test_entity_encoded_script_url_is_dropped_by_the_renderer() -> None:
    from generator.render.safe_markdown import markdown_to_html

    tree = lxml_html.fromstring(str(markdown_to_html("[a](&#106;avascript:alert(1)) [b](java&#115;cript:alert(2))")))
    assert [a.get("href") for a in tree.iter("a") if a.get("href")] == []
