"""The built site in a real browser: Playwright drives Debian's Chromium over the seed site.

Every kind of page loads with no console error, script error, failed request or 4xx/5xx response, at a domain root
and under a GitHub Pages sub-path; Pagefind search finds an article by a word of its body, shows hostile titles as
text, and says so when it has no index (Pagefind missing, or the page opened from disk); `digest serve` searches,
reloads an open page after an edit and shows, then clears, the error overlay of a broken template; and screenshots
at phone and desktop widths, light and dark, land in test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.cli import main
from generator.search import pagefind_binary

from .conftest import BBC_SEED, NYT_SEED, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MOUNTS, MOUNT_IDS = ["", "repo/"], ["root", "subpath"]  # a domain root and a GitHub Pages project sub-path
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
WAIT_MS = 15_000  # an upper bound for a rebuild or a search to show, never an expected duration

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

REQUIRED = os.environ.get("DIGEST_REQUIRE_BROWSER") == "1"  # .ci/run sets it: in CI a skip would hide a failure
pytestmark = [
    pytest.mark.skipif(not REQUIRED and not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not REQUIRED and sync_playwright is None,
                       reason="needs the playwright package (pip install -e '.[test]')"),
]


# Fixtures: one browser, one static server per mount, the seed site built once per mount ---------------------------
class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class StaticServer:
    """Serves a folder over HTTP on a free port, like GitHub Pages would (no injected scripts, plain 404s)."""

    def __init__(self, folder: Path) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def seed_folder(site: Path) -> Path:
    content = site / "content"
    content.mkdir(parents=True)
    for seed in (NYT_SEED, BBC_SEED):
        shutil.copy(seed, content / seed.name)
    (site / "digest.toml").write_text('title = "Seed Digest"\n', encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as play:
        launched = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, Path]]]:
    """mount -> (base URL, output folder): the seed site built for and served at a domain root and under /repo/."""
    found, servers = {}, []
    try:
        for mount in MOUNTS:
            site = seed_folder(tmp_path_factory.mktemp("browser-site"))
            webroot = tmp_path_factory.mktemp("webroot")
            servers.append(server := StaticServer(webroot))
            base = f"http://127.0.0.1:{server.port}/{mount}"
            output = webroot / mount if mount else webroot
            result = CliRunner().invoke(main, ["build", "--site", str(site), "--site-url", base, "-o", str(output)])
            assert result.exit_code == 0, result.output
            found[mount] = base, output
        yield found
    finally:
        for server in servers:
            server.close()


class Watched:
    """A page with every console error, script error, failed request and error response recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", lambda msg: self.problems.append(f"console {msg.type}: {msg.text} ({msg.location['url']})")
                if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on("requestfailed", lambda req: self.problems.append(f"failed {req.url}: {req.failure}"))
        page.on("response", lambda res: self.problems.append(f"HTTP {res.status} {res.url}")
                if res.status >= 400 else None)

    def visit(self, url: str) -> list[str]:
        """Load a page and let it settle; the problems it caused."""
        start = len(self.problems)
        # Quiet, not just "load": the icon is fetched after load and the search page's script fetches its index.
        self.page.goto(url, wait_until="networkidle")
        return self.problems[start:]


def page_paths(output: Path) -> dict[str, str]:
    """One page of every kind in the build, as folder paths relative to the site root."""
    def first(pattern: str) -> str:
        found = sorted(output.glob(pattern))
        assert found, f"no {pattern} in the build"
        return found[0].parent.relative_to(output).as_posix() + "/"

    paths = {"home": "", "topic": first("topics/*/index.html"), "article": first("articles/*/index.html"),
             "person": first("people/*/index.html"), "archive": "archive/", "archive month": first("archive/*/*/index.html"),
             "search": "search/"}
    if (output / "editions" / "index.html").is_file():
        paths["editions"] = "editions/"
    return paths


# Every kind of page, at a domain root and under a sub-path ------------------------------------------------------------
@pytest.mark.parametrize("mount", MOUNTS, ids=MOUNT_IDS)
def test_every_kind_of_page_loads_cleanly(browser: Browser, builds: dict[str, tuple[str, Path]], mount: str) -> None:
    base, output = builds[mount]
    watched = Watched(browser.new_page())
    problems = {kind: watched.visit(base + path) for kind, path in page_paths(output).items()}
    watched.page.close()
    assert {kind: found for kind, found in problems.items() if found} == {}


def test_pages_name_an_icon(browser: Browser, builds: dict[str, tuple[str, Path]]) -> None:
    base, _output = builds[""]
    page = browser.new_page()
    page.goto(base)
    # Without one, Chromium asks for /favicon.ico: a 404, and under a sub-path a request outside the site.
    icon = page.locator("link[rel~='icon']").first.get_attribute("href")
    status = page.request.get(urljoin(page.url, icon)).status
    page.close()
    assert icon and icon.startswith(urlsplit(base).path) and status == 200, (icon, status)


def body_only_word(output: Path) -> tuple[str, str]:
    """(word, article folder): a word of one article's text that is in no other article and not its title/summary."""
    texts = {}
    for page in sorted(output.glob("articles/*/index.html")):
        story = lxml_html.parse(str(page)).getroot().xpath("//article[@data-pagefind-body]")[0]
        words = set(re.findall(r"[a-z]{8,}", story.text_content().lower()))
        shown = (story.get("data-title", "") + " " + story.get("data-summary", "")).lower()
        texts[page.parent.relative_to(output).as_posix() + "/"] = (words, shown)
    for folder, (words, shown) in texts.items():
        others = set().union(*(w for f, (w, _) in texts.items() if f != folder))
        candidates = sorted(w for w in words - others if w not in shown)
        if candidates:
            return candidates[0], folder
    raise AssertionError("no word is only in one article's body")


def search(page: Page, base: str, query: str, typed: bool = True) -> list[str]:
    """Type a query into the search page's Pagefind UI (or pass it as ?q=); the result links once one shows."""
    if typed:
        page.goto(base + "search/")
        page.locator("#search input").fill(query)
    else:  # survives the reload that `digest serve` sends open pages after a rebuild
        page.goto(base + "search/?q=" + query)
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=WAIT_MS)
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


needs_pagefind = pytest.mark.skipif(not REQUIRED and pagefind_binary() is None,
                                    reason="needs the Pagefind binary (pagefind[bin])")


@needs_pagefind
@pytest.mark.parametrize("mount", MOUNTS, ids=MOUNT_IDS)
def test_search_finds_an_article_by_a_word_of_its_body(
    browser: Browser, builds: dict[str, tuple[str, Path]], mount: str
) -> None:
    base, output = builds[mount]
    word, folder = body_only_word(output)
    watched = Watched(browser.new_page())
    assert search(watched.page, base, word) == ["/" + base.split("/", 3)[3] + folder], word
    # A query in the address starts the search too (a bookmark, or a browser's site search).
    watched.page.goto(base + "search/?q=" + word)
    watched.page.locator(".pagefind-ui__result-link").first.wait_for(timeout=WAIT_MS)
    watched.page.close()
    assert watched.problems == []


@needs_pagefind
@pytest.mark.parametrize("mount", MOUNTS, ids=MOUNT_IDS)
def test_search_merges_the_shards_of_a_large_sites_index(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mount: str
) -> None:
    # Two articles per shard instead of a thousand: the index comes in several bundles, as a large site's does.
    monkeypatch.setattr("generator.search_shards.SHARD_SIZE", 2)
    words = ["quillomat", "brazzletop", "snorkwidge", "plimberry", "trundlefox", "wobbleknot", "grimplesnap"]
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for i, word in enumerate(words):
        (site / "content" / f"story-{i}.md").write_text(
            f"---\ntitle: Harbour report number {i}\npublished: 2024-03-{i + 1:02d}\n---\nLONDON \u2014 The board "
            f"met on Monday about the {word} plan. Officials said the plan would be ready in May.\n", encoding="utf-8")
    webroot = tmp_path / "webroot"
    server = StaticServer(webroot)
    base = f"http://127.0.0.1:{server.port}/{mount}"
    try:
        result = CliRunner().invoke(main, ["build", "--site", str(site), "--site-url", base,
                                           "-o", str(webroot / mount if mount else webroot)])
        assert result.exit_code == 0, result.output
        output = webroot / mount if mount else webroot
        assert len(list(output.glob("pagefind/**/pagefind-entry.json"))) >= 3, "the index is in shards"
        watched = Watched(page := browser.new_page())
        page.goto(base + "search/", wait_until="networkidle")
        found = {}
        for i, word in enumerate(words):  # typed one after another into the open page, as a reader would
            page.locator("#search input").fill(word)
            page.locator(f".pagefind-ui__result-link[href$='-{i}/']").wait_for(timeout=WAIT_MS)
            links = page.locator(".pagefind-ui__result-link")
            found[word] = [links.nth(n).get_attribute("href") for n in range(links.count())]
        page.wait_for_load_state("networkidle")
        page.close()
    finally:
        server.close()
    prefix = "/" + mount
    assert found == {word: [f"{prefix}articles/harbour-report-number-{i}/"] for i, word in enumerate(words)}
    assert watched.problems == []


HOSTILE = "<img src=x onerror=alert(1)>"


@needs_pagefind
def test_search_shows_hostile_titles_as_text(browser: Browser, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "evil.md").write_text(
        f'---\ntitle: "{HOSTILE}"\n---\nGENEVA \u2014 Talks on the quokkaberry accord resumed. {HOSTILE} '
        "<script>alert(2)</script> Officials expect a deal by March.\n", encoding="utf-8")
    server = StaticServer(site / "output")
    base = f"http://127.0.0.1:{server.port}/"
    try:
        result = CliRunner().invoke(main, ["build", "--site", str(site), "--site-url", base])
        assert result.exit_code == 0, result.output
        watched = Watched(browser.new_page())
        dialogs: list[str] = []
        watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        assert len(search(watched.page, base, "quokkaberry")) == 1
        assert watched.page.locator(".pagefind-ui__result-link").inner_text() == HOSTILE
        watched.page.close()
    finally:
        server.close()
    assert (dialogs, watched.problems) == ([], [])


def test_search_page_without_an_index_says_so(browser: Browser, tmp_path: Path) -> None:
    site = seed_folder(tmp_path / "site")
    server = StaticServer(site / "output")
    base = f"http://127.0.0.1:{server.port}/"
    try:
        result = CliRunner().invoke(main, ["build", "--site", str(site), "--site-url", base],
                                    env={"PAGEFIND_BINARY_PATH": str(tmp_path / "no-pagefind")})
        assert result.exit_code == 0 and "WARNING: search:" in result.output, result.output
        watched = Watched(browser.new_page())
        assert watched.visit(base + "search/") == []
        assert "Search is not available" in watched.page.inner_text("#search")
        watched.page.close()
    finally:
        server.close()


def test_search_page_opened_from_disk_explains_instead_of_failing(
    browser: Browser, builds: dict[str, tuple[str, Path]]
) -> None:
    _base, output = builds[""]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((output / "search" / "index.html").as_uri())  # /pagefind/... resolves to the disk's root: no bundle
    assert "Search could not load here" in page.inner_text("#search")
    page.close()
    assert errors == []


# digest serve: live reload and the error overlay ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, site folder) of `digest serve` running as its own process on a free port."""
    site = seed_folder(tmp_path_factory.mktemp("serve-site"))
    (site / "digest.toml").write_text('title = "Seed Digest"\nsite_url = "https://user.github.io/repo/"\n')
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--site", str(site), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    base, deadline = None, time.monotonic() + 60
    while base is None and time.monotonic() < deadline:
        line = proc.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/repo/)", line)
        if match:
            base = match.group(1)
        elif not line and proc.poll() is not None:
            break
    assert base, "digest serve did not start"
    threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep its pipe drained
    try:
        yield base, site
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_reloads_on_edit_and_shows_then_clears_the_error_overlay(
    browser: Browser, served: tuple[str, Path]
) -> None:
    base, site = served
    article = site / "content" / BBC_SEED.name
    page = browser.new_page()
    assert search(page, base, "admitted", typed=False) == ["/repo/articles/n-korea-and-us-in-diplomacy-push/"], "search on serve"
    with page.expect_response(lambda res: "__digest__/events" in res.url):  # the page is listening for rebuilds
        page.goto(base + "articles/n-korea-and-us-in-diplomacy-push/")
    assert "marmalade" not in page.inner_text("main")

    article.write_text(article.read_text().replace("he expects talks", "he expects marmalade talks"))
    page.get_by_text("marmalade", exact=False).first.wait_for(timeout=WAIT_MS)  # no page.reload(): the page did it

    templates = site / "templates"
    templates.mkdir()
    (templates / "base.html").write_text("{% block broken %}")
    overlay = page.locator("#digest-error-overlay")
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    assert "base.html" in overlay.inner_text()
    assert "marmalade" in page.inner_text("main"), "the last good page stays under the overlay"

    (templates / "base.html").unlink()
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    page.locator("header .site-title").wait_for(timeout=WAIT_MS)
    assert "marmalade" in page.inner_text("main")
    assert search(page, base, "marmalade", typed=False) == ["/repo/articles/n-korea-and-us-in-diplomacy-push/"], "index rebuilt"
    page.close()


# Screenshots for a person to look at --------------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "width", "height"), [("phone", 375, 812), ("desktop", 1280, 900)])
def test_screenshots(browser: Browser, builds: dict[str, tuple[str, Path]], device: str, width: int, height: int,
                     scheme: str) -> None:
    base, output = builds[""]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    watched = Watched(context.new_page())
    paths = page_paths(output)
    for kind in ("home", "article", "search"):
        assert watched.visit(base + paths[kind]) == [], kind
        if kind == "search" and pagefind_binary() is not None:
            search(watched.page, base, body_only_word(output)[0])
        shot = SCREENSHOTS / f"{kind}-{device}-{scheme}.png"
        watched.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5_000, f"{shot.name} looks blank"
        # No sideways scrolling on a phone: nothing is wider than the viewport.
        assert watched.page.evaluate("document.documentElement.scrollWidth") <= width, f"{shot.name} overflows"
    context.close()
