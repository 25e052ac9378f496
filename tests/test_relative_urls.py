"""relative_urls: the built site opens from file://. Every internal link on every page (but 404.html) is relative
to its page and names a file that exists; canonical and og:url stay absolute; the rewrite touches nothing but link
attribute values; a build without the setting is the same site with root-relative links; and Chromium can click
through the site from output/index.html with its stylesheet applied."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.cli import main
from generator.config import load_config
from generator.errors import ConfigError
from generator.render.relative import relative_links
from generator.urls import Urls

from .conftest import BBC_SEED, NYT_SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SITE_URL = "https://user.github.io/repo/"
URLS = Urls(SITE_URL)
OUTSIDE = ("http:", "https:", "mailto:", "#")  # links that are not to a file of this build


def build_seed_site(folder: Path, *args: str, toml: str = "") -> Path:
    """The two seed articles built for a GitHub Pages sub-path; the output folder."""
    (folder / "content").mkdir(parents=True)
    for seed in (NYT_SEED, BBC_SEED):
        shutil.copy(seed, folder / "content" / seed.name)
    (folder / "digest.toml").write_text(f'title = "Seed Digest"\nsite_url = "{SITE_URL}"\n{toml}', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(folder), "--no-cache", *args])
    assert result.exit_code == 0, result.output
    return folder / "output"


@pytest.fixture(scope="module")
def relative_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_site(tmp_path_factory.mktemp("relative"), "--relative-urls")


@pytest.fixture(scope="module")
def root_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_site(tmp_path_factory.mktemp("root"))


def html_pages(output: Path) -> dict[str, Path]:
    return {p.relative_to(output).as_posix(): p for p in sorted(output.rglob("*.html"))}


def links(page: Path) -> list[tuple[str, str]]:
    """(tag, value) of every href and src on the page."""
    root = lxml_html.parse(str(page)).getroot()
    return [(el.tag, el.get(name)) for el in root.iter() for name in ("href", "src") if el.get(name) is not None]


# Urls.relative ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("link", "page", "expected"), [
    ("/repo/", "index.html", "index.html"),
    ("/repo/topics/x/", "index.html", "topics/x/index.html"),
    ("/repo/assets/style.css", "articles/a/index.html", "../../assets/style.css"),
    ("/repo/articles/b/", "articles/a/index.html", "../b/index.html"),
    ("/repo/articles/a/#summary", "articles/a/index.html", "index.html#summary"),
    ("/repo/search/?q=korea", "archive/2006/11/index.html", "../../../search/index.html?q=korea"),
    ("/repo/", "topics/x/index.html", "../../index.html"),
    ("/repo/topics/caf%C3%A9/", "topics/café/index.html", "index.html"),
    ("/elsewhere/", "index.html", "/elsewhere/"),
    ("/repo", "index.html", "/repo"),
    ("https://user.github.io/repo/topics/", "index.html", "https://user.github.io/repo/topics/"),
    ("#content", "topics/index.html", "#content"),
])
def test_urls_relative(link: str, page: str, expected: str) -> None:
    assert URLS.relative(link, page) == expected


def test_urls_relative_at_a_domain_root_leaves_other_hosts() -> None:
    urls = Urls("https://news.example.org")
    assert urls.relative("/people/x/", "people/index.html") == "x/index.html"
    assert urls.relative("//evil.example/x/", "index.html") == "//evil.example/x/"


# relative_links: only link attribute values change -------------------------------------------------------------------
@pytest.mark.parametrize(("before", "after"), [
    ('<a href="/repo/topics/">T</a>', '<a href="topics/index.html">T</a>'),
    ("<a class=x href='/repo/topics/' >T</a>", "<a class=x href='topics/index.html' >T</a>"),
    ("<a href=/repo/topics/>T</a>", "<a href=topics/index.html>T</a>"),
    ('<A HREF = "/repo/">T</A>', '<A HREF = "index.html">T</A>'),
    ('<img src="/repo/a.png" alt="">', '<img src="a.png" alt="">'),
    ('<img srcset="/repo/a.png 1x, /repo/b.png 2x">', '<img srcset="a.png 1x, b.png 2x">'),
    ('<link rel="stylesheet" href="/repo/assets/style.css"/>', '<link rel="stylesheet" href="assets/style.css"/>'),
    ('<a title="x" data-pagefind-body href="/repo/?page=2&amp;x=1">', '<a title="x" data-pagefind-body href="index.html?page=2&amp;x=1">'),
    ("<a title='see href=\"/repo/x/\"' data-href=\"/repo/y/\" href=\"/repo/\">", "<a title='see href=\"/repo/x/\"' data-href=\"/repo/y/\" href=\"index.html\">"),
])
def test_link_attributes_are_rewritten(before: str, after: str) -> None:
    assert relative_links(before, "index.html", URLS) == after


@pytest.mark.parametrize("untouched", [
    '<script>var a = \'<a href="/repo/topics/">\'; if (1 < 2) { go("/repo/"); }</script>',
    '<script type="application/ld+json">{"url": "/repo/topics/", "x": "<img src=\\"/repo/a.png\\">"}</script>',
    '<style>a[href="/repo/"] { color: red } /* <a href="/repo/"> */</style>',
    '<!-- <a href="/repo/topics/"> -->',
    '<p>Write href="/repo/topics/" and src=/repo/a.png in text.</p>',
    '<pre><code>&lt;a href="/repo/topics/"&gt;</code></pre>',
    '<div title=\'see href="/repo/topics/" here\' data-href="/repo/topics/">x</div>',
    '<meta property="og:url" content="https://user.github.io/repo/topics/">',
    '<link rel="canonical" href="https://user.github.io/repo/topics/">',
    '<a href="https://elsewhere.example/repo/">x</a><a href="mailto:a@b.c">m</a><a href="#top">t</a>',
])
def test_everything_but_link_values_is_kept(untouched: str) -> None:
    page = f"<!DOCTYPE html>\n<html><head>\r\n<title>t</title></head>\n<body>{untouched}\n</body></html>\n"
    assert relative_links(page, "topics/x/index.html", URLS) == page


def test_tags_after_scripts_and_multiline_tags_are_found() -> None:
    page = ('<script>\nlet s = "<a href=\'/repo/\'>";\n</script>\n<a\n  class="c"\n  href="/repo/people/">p</a>'
            "\n<!--\n<a href=\"/repo/\">\n-->\n<img alt='\n' src=\"/repo/x.png\">")
    expected = page.replace('"/repo/people/"', '"../../people/index.html"').replace('"/repo/x.png"', '"../../x.png"')
    assert relative_links(page, "topics/x/index.html", URLS) == expected


# The setting ---------------------------------------------------------------------------------------------------------
def test_relative_urls_is_a_boolean_setting(tmp_path: Path) -> None:
    assert load_config(tmp_path).relative_urls is False
    (tmp_path / "digest.toml").write_text("relative_urls = true\n", encoding="utf-8")
    assert load_config(tmp_path).relative_urls is True
    (tmp_path / "digest.toml").write_text('relative_urls = "yes"\nfeed_length = true\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "'relative_urls' must be a bool" in str(caught.value)
    assert "'feed_length' must be a positive integer" in str(caught.value)


def test_the_setting_in_digest_toml_builds_relative_links(tmp_path: Path) -> None:
    output = build_seed_site(tmp_path, toml="relative_urls = true\n")
    assert ("link", "assets/style.css") in links(output / "index.html")


# The seed site built with relative links -----------------------------------------------------------------------------
def test_every_internal_link_names_an_existing_file(relative_output: Path) -> None:
    missing, checked = [], 0
    for rel, page in html_pages(relative_output).items():
        if rel == "404.html":
            continue
        for tag, value in links(page):
            if value.startswith(OUTSIDE):
                continue
            checked += 1
            target = Path(url2pathname(urlsplit(urljoin(page.as_uri(), value)).path))
            if value.startswith("/") or not target.is_file():
                missing.append(f"{rel}: <{tag}> {value}")
    assert missing == []
    assert checked > 100  # the check saw the site's links, not an empty page list


def test_absolute_urls_stay_absolute(relative_output: Path) -> None:
    for rel, page in html_pages(relative_output).items():
        root = lxml_html.parse(str(page)).getroot()
        folder = rel.removesuffix("index.html")
        assert root.xpath("//link[@rel='canonical']/@href") == [SITE_URL + folder], rel
        assert root.xpath("//meta[@property='og:url']/@content") == [SITE_URL + folder], rel
    feed = (relative_output / "feed.xml").read_text(encoding="utf-8")
    assert f"<link>{SITE_URL}articles/" in feed


def test_404_keeps_root_links(relative_output: Path) -> None:
    values = [value for _tag, value in links(relative_output / "404.html") if not value.startswith(OUTSIDE)]
    assert values and all(value.startswith("/repo/") for value in values)


def test_without_the_setting_links_stay_root_relative(root_output: Path, relative_output: Path) -> None:
    """The pass is the only difference: the default build, rewritten, is the relative build byte for byte."""
    root_pages, relative_pages = html_pages(root_output), html_pages(relative_output)
    assert root_pages.keys() == relative_pages.keys()
    for rel, page in root_pages.items():
        internal = [value for _tag, value in links(page) if not value.startswith(OUTSIDE)]
        assert internal and all(value.startswith("/repo/") for value in internal), rel
        html = page.read_text(encoding="utf-8")
        expected = html if rel == "404.html" else relative_links(html, rel, URLS)
        assert relative_pages[rel].read_text(encoding="utf-8") == expected, rel


def test_digest_check_finds_no_broken_links_in_a_relative_build(tmp_path: Path) -> None:
    build_seed_site(tmp_path, toml="relative_urls = true\n")
    result = CliRunner().invoke(main, ["check", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output


# In a real browser, from file:// ------------------------------------------------------------------------------------
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_chromium_clicks_through_the_site_from_disk(relative_output: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    failed: list[str] = []
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        page.on("requestfailed", lambda req: failed.append(req.url) if "/pagefind/" not in req.url else None)
        page.on("pageerror", lambda exc: failed.append(f"script error: {exc}"))
        seen = []

        def styled() -> bool:  # the theme sets body { margin: 0 }; a page without its stylesheet has 8px
            return page.evaluate("getComputedStyle(document.body).marginTop") == "0px"

        page.goto((relative_output / "index.html").as_uri(), wait_until="load")
        seen.append((page.url, styled()))
        with page.expect_navigation(wait_until="load"):
            page.locator(".card-title a").first.click()
        seen.append((page.url, styled()))
        with page.expect_navigation(wait_until="load"):
            page.locator("a.badge").first.click()
        seen.append((page.url, styled()))
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("navigation").get_by_role("link", name="People").click()
        seen.append((page.url, styled()))
        browser.close()
    files = [Path(url2pathname(urlsplit(url).path)).relative_to(relative_output) for url, _ in seen]
    assert [f.parts[0] for f in files] == ["index.html", "articles", "topics", "people"]
    assert all(url.startswith("file://") and f.name == "index.html" for (url, _), f in zip(seen, files))
    assert [ok for _, ok in seen] == [True] * 4
    assert failed == []
