"""The default theme on a built site: head metadata and JSON-LD, colour contrast, print and small-screen rules,
no outside resources, template and block overrides, and the template documentation kept complete."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.render import markdown_to_html
from generator.render.views import PageContext, SiteContext

from .conftest import BBC_SEED, NYT_SEED

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "themes" / "default" / "static" / "style.css"
DOCS = ROOT / "docs" / "themes.md"
SITE_URL = "https://user.github.io/repo/"
EVIL = "</script><script>alert(1)</script>"
CHROMIUM = Path("/usr/bin/chromium")
EXTRA = f"""---
title: "Harbour reopens {EVIL}"
author: "Jane Roe {EVIL}"
source: "Coast Herald"
published: 2024-03-05
---

OSLO \u2014 The harbour reopened on Tuesday after a storm closed it for three days, the port authority said in a
statement posted at https://example.org/a/very/long/path/that/does/not/break/easily/because/it/has/no/spaces/at/all/x.html.

\u201cWe are open again,\u201d said Kari Nordmann, the harbour master. See [the statement](https://example.org/statement)
and ![](harbour.png).
"""


class Html(HTMLParser):
    """Tags with attributes, the text of each <script>, and links found inside the article body."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.body_links: list[str] = []
        self._div_depth = 0
        self._body_at: int | None = None  # div depth of the open <div class="body">
        self._script: dict[str, str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "div":
            self._div_depth += 1
            if "body" in values.get("class", "").split() and self._body_at is None:
                self._body_at = self._div_depth
        if tag == "a" and self._body_at is not None:
            self.body_links.append(values.get("href", ""))
        if tag == "script":
            self._script = values
            self.scripts.append((values, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self._body_at == self._div_depth:
                self._body_at = None
            self._div_depth -= 1
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def meta(self, key: str) -> str | None:
        found = self.all("meta", property=key) or self.all("meta", name=key)
        return found[0]["content"] if found else None

    def json_ld(self) -> list[dict]:
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]


def make_site(folder: Path, config: str = "", extra: bool = True) -> Path:
    """A site folder with the two seed articles (and a Markdown article with hostile title and byline)."""
    (folder / "content").mkdir(parents=True)
    for seed in (NYT_SEED, BBC_SEED):
        shutil.copy(seed, folder / "content" / seed.name)
    if extra:
        (folder / "content" / "harbour.md").write_text(EXTRA, encoding="utf-8")
    (folder / "digest.toml").write_text(f'title = "Seed Digest"\nsite_url = "{SITE_URL}"\n{config}', encoding="utf-8")
    return folder


def build(site: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    return site / "output"


def pages(output: Path) -> dict[str, Html]:
    return {p.relative_to(output).as_posix(): Html(p.read_text(encoding="utf-8")) for p in sorted(output.rglob("*.html"))}


def article_page(site: dict[str, Html], slug_start: str) -> Html:
    return next(page for path, page in site.items() if path.startswith(f"articles/{slug_start}"))


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_site(tmp_path_factory.mktemp("theme")))


@pytest.fixture(scope="module")
def site(output: Path) -> dict[str, Html]:
    return pages(output)


# Head metadata -------------------------------------------------------------------------------------------------
def test_every_page_has_open_graph_and_twitter_tags(site: dict[str, Html]) -> None:
    assert len(site) >= 10
    for path, page in site.items():
        canonical = page.all("link", rel="canonical")[0]["href"]
        assert page.meta("og:url") == canonical and canonical.startswith(SITE_URL), path
        assert page.meta("og:locale") == "en", path
        assert page.meta("twitter:card") == "summary", path
        assert page.meta("twitter:title") == page.meta("og:title") and page.meta("twitter:title"), path
        assert page.meta("twitter:description") == page.meta("description") and page.meta("description"), path
        assert page.meta("og:image") is None and page.meta("twitter:image") is None, path  # the default has no image


def test_language_sets_lang_locale_and_json_ld(tmp_path: Path) -> None:
    built = pages(build(make_site(tmp_path, 'language = "en-GB"\n', extra=False)))
    for path, page in built.items():
        assert page.all("html")[0]["lang"] == "en-GB", path
        assert page.meta("og:locale") == "en_GB", path
    assert article_page(built, "n-korea").json_ld()[0]["inLanguage"] == "en-GB"


def test_article_pages_carry_news_article_json_ld(site: dict[str, Html]) -> None:
    stated = article_page(site, "n-korea-and-us-in-diplomacy-push")  # the BBC seed states its date
    [data] = stated.json_ld()
    canonical = stated.all("link", rel="canonical")[0]["href"]
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "N Korea and US in diplomacy push"
    assert data["description"] == stated.meta("description")
    assert data["mainEntityOfPage"]["@id"] == canonical == data["url"]
    assert data["publisher"] == {"@type": "Organization", "name": "Seed Digest", "url": SITE_URL}
    assert data["datePublished"] == "2006-11-28T10:45:00+00:00"
    assert data["inLanguage"] == "en" and "six-party talks" in data["keywords"]
    assert "author" not in data and "contentLocation" not in data  # no byline, no dateline stated

    inferred = article_page(site, "us-and-north-korean")  # the NYT seed's date is only inferred
    [data] = inferred.json_ld()
    assert "datePublished" not in data
    assert data["contentLocation"] == data["locationCreated"] == {"@type": "Place", "name": "GENEVA"}

    harbour = article_page(site, "harbour")
    [data] = harbour.json_ld()
    assert data["author"] == {"@type": "Person", "name": f"Jane Roe {EVIL}"}
    assert data["datePublished"] == "2024-03-05"


def test_home_page_describes_the_website(site: dict[str, Html]) -> None:
    [data] = site["index.html"].json_ld()
    assert data["@type"] == "WebSite" and data["url"] == SITE_URL and data["name"] == "Seed Digest"
    assert not site["topics/index.html"].json_ld() and not site["404.html"].json_ld()


def test_json_ld_cannot_break_out_of_its_script(output: Path, site: dict[str, Html]) -> None:
    path = next(output.glob("articles/harbour*/index.html"))
    raw = path.read_text(encoding="utf-8")
    # The only script is the data block, and its text holds no markup characters at all.
    assert raw.count("<script") == 1 and raw.count("</script>") == 1
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert match and not set("<>&") & set(match.group(1))
    data = json.loads(match.group(1))
    assert data["headline"] == f"Harbour reopens {EVIL}"
    page = Html(raw)
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/ld+json"]


def test_social_image_from_a_theme_and_a_block_override(tmp_path: Path) -> None:
    site = make_site(tmp_path, 'theme = "paper"\n', extra=False)
    theme = site / "themes" / "paper"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "theme.toml").write_text('extends = "default"\n')
    (theme / "static" / "og-image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (theme / "templates" / "article.html").write_text(
        '{% extends "default/article.html" %}{% block aside %}<p class="paper-note">From the paper theme</p>{% endblock %}')
    output = build(site)
    built = pages(output)
    assert (output / "assets" / "og-image.png").is_file() and (output / "assets" / "style.css").is_file()
    for path, page in built.items():
        assert page.meta("og:image") == page.meta("twitter:image") == SITE_URL + "assets/og-image.png", path
    story = article_page(built, "n-korea")
    assert story.all("p", **{"class": "paper-note"}) and not story.all("aside")
    assert story.all("div", **{"class": "body"})  # the rest of the default article template still renders


def test_overriding_only_the_footer_block(tmp_path: Path) -> None:
    site = make_site(tmp_path, extra=False)
    (site / "templates").mkdir()
    (site / "templates" / "base.html").write_text(
        '{% extends "default/base.html" %}\n'
        '{% block footer %}<p class="colophon">Made by the desk · {{ site.title }}</p>{% endblock %}\n')
    built = pages(build(site))
    for path, page in built.items():
        assert page.all("p", **{"class": "colophon"}), path
        assert page.all("nav") and page.all("main") and page.all("footer"), path  # the rest of base.html is there
    assert not built["index.html"].all("a", type="application/atom+xml")  # the default footer's feed links are gone


def test_unknown_theme_is_one_clear_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, 'theme = "nope"\n', extra=False)
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code != 0
    assert "theme 'nope' not found" in result.output and "Traceback" not in result.output


# Accessibility and outside resources ----------------------------------------------------------------------------
def test_landmarks_skip_link_and_image_alt(site: dict[str, Html]) -> None:
    for path, page in site.items():
        assert page.all("header") and page.all("nav") and len(page.all("main")) == 1 and page.all("footer"), path
        assert page.all("main")[0].get("id") == "content", path
        assert page.all("a", href="#content", **{"class": "skip-link"}), path
        assert all("alt" in img for img in page.all("img")), path
    assert article_page(site, "harbour").all("img", src="harbour.png", alt="")  # Markdown ![](x) keeps an empty alt


def test_markdown_images_always_have_alt() -> None:
    html = str(markdown_to_html("![](a.png) ![A harbour](b.png)"))
    assert 'alt=""' in html and 'alt="A harbour"' in html


def test_nothing_is_loaded_from_outside_the_site(output: Path, site: dict[str, Html]) -> None:
    assert not re.search(r"url\(|@import|https?:", (output / "assets" / "style.css").read_text(encoding="utf-8"))
    for path in output.rglob("*.css"):  # the theme's and any bundled stylesheet (the search UI's)
        targets = re.findall(r"""(?:url\(\s*|@import\s+)["']?([^"')\s]+)""", path.read_text(encoding="utf-8"))
        assert not [t for t in targets if re.match(r"(https?:)?//", t)], path
    outside = []
    for path, page in site.items():
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                if not re.match(r"https?:", value) or value.startswith(SITE_URL):
                    continue
                if tag == "a" and name == "href" and value in page.body_links:
                    continue  # a source link the article itself makes
                outside.append((path, tag, name, value))
    assert outside == []
    assert "https://example.org/statement" in article_page(site, "harbour").body_links  # the exception is real


# Colours, type and print: the stylesheet itself --------------------------------------------------------------
def custom_properties(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+)\s*:\s*([^;]+);", block))


def colour_schemes() -> dict[str, dict[str, str]]:
    """The colour variables of the light, dark and print schemes, each complete (dark and print override light)."""
    css = re.sub(r"/\*.*?\*/", "", STYLE.read_text(encoding="utf-8"), flags=re.S)
    light = custom_properties(re.search(r"^:root\s*\{(.*?)\}", css, re.M | re.S).group(1))
    dark = re.search(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S)
    printed = re.search(r"@media\s+print\s*\{\s*:root\s*\{(.*?)\}", css, re.S)
    assert dark and printed, "style.css needs a dark :root block and a print :root block"
    return {"light": light, "dark": {**light, **custom_properties(dark.group(1))},
            "print": {**light, **custom_properties(printed.group(1))}}


def luminance(hex_colour: str) -> float:
    value = hex_colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", value), f"not a hex colour: {hex_colour!r}"
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_values() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


# Text over its background must reach WCAG AA (4.5:1); the focus ring is a non-text indicator (3:1).
PAIRS = [("fg", "bg", 4.5), ("muted", "bg", 4.5), ("accent", "bg", 4.5), ("badge-fg", "badge-bg", 4.5),
         ("accent-fg", "accent", 4.5), ("fg", "badge-bg", 4.5), ("focus", "bg", 3.0)]


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
@pytest.mark.parametrize("fg, bg, minimum", PAIRS)
def test_colours_meet_wcag_aa(scheme: str, fg: str, bg: str, minimum: float) -> None:
    colours = colour_schemes()[scheme]
    ratio = contrast(colours[fg], colours[bg])
    assert ratio >= minimum, f"{scheme}: --{fg} {colours[fg]} on --{bg} {colours[bg]} is {ratio:.2f}:1"


def test_dark_scheme_is_really_dark_and_differs() -> None:
    schemes = colour_schemes()
    assert luminance(schemes["dark"]["bg"]) < 0.05 < luminance(schemes["light"]["bg"])
    assert schemes["print"]["fg"] in ("#000", "#000000") and schemes["print"]["bg"] in ("#fff", "#ffffff")


def rules(css: str, selector_part: str) -> list[str]:
    """Declarations of every rule whose selector contains SELECTOR_PART."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [body for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css) if selector_part in sel]


def test_type_measure_and_small_screens() -> None:
    css = STYLE.read_text(encoding="utf-8")
    body = " ".join(rules(css, "body"))
    line_height = re.search(r"font:\s*[\d.]+rem/([\d.]+)", body)
    assert line_height and float(line_height.group(1)) >= 1.5
    assert "system-ui" in re.search(r"--font:([^;]+);", css).group(1)
    assert re.search(r"--measure:\s*6\dch", css)
    assert "overflow-wrap: anywhere" in body  # long URLs wrap instead of widening the page
    assert any("overflow-x: auto" in r for r in rules(css, "pre"))
    assert any("overflow-x: auto" in r for r in rules(css, "table"))
    assert any("outline" in r for r in rules(css, ":focus-visible"))
    assert 'name="viewport"' in (ROOT / "themes" / "default" / "templates" / "base.html").read_text(encoding="utf-8")


def test_print_styles_hide_chrome_and_show_link_addresses() -> None:
    css = STYLE.read_text(encoding="utf-8")
    printed = css[css.index("@media print"):]
    selectors = re.search(r"([^{}]+)\{\s*display: none", printed).group(1)
    for part in (".skip-link", ".site-header nav", ".site-footer", ".feeds"):
        assert part in selectors, part
    assert re.search(r'a\[href\^="http"\]::after\s*\{[^}]*attr\(href\)', printed)
    assert re.search(r"blockquote[^{]*\{[^}]*break-inside:\s*avoid", printed)


# In a real browser ---------------------------------------------------------------------------------------------
def browse(output: Path, paths: list[str], width: int, scheme: str, media: str = "screen") -> list[dict]:
    """Load pages as the site would be served, from disk and nothing else, and report what the browser measured."""
    from playwright.sync_api import sync_playwright

    def serve(route) -> None:  # type: ignore[no-untyped-def]
        url = urlsplit(route.request.url)
        rel = url.path.removeprefix("/repo/")
        target = output / rel
        if target.is_dir():
            target = target / "index.html"
        if route.request.url.startswith(SITE_URL) and target.is_file():
            route.fulfill(path=str(target))
        else:
            route.abort()

    found = []
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": 640}, color_scheme=scheme)  # type: ignore[arg-type]
        page.emulate_media(media=media)  # type: ignore[arg-type]
        page.route("**/*", serve)
        for path in paths:
            page.goto(SITE_URL + path.removesuffix("index.html"), wait_until="load")
            found.append(page.evaluate("""() => {
                const style = (el, pseudo) => el ? getComputedStyle(el, pseudo) : null;
                const link = document.querySelector('.story .body a[href^="http"]');
                return {
                    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
                    background: style(document.body).backgroundColor, nav: style(document.querySelector('.site-header nav')).display,
                    after: link ? style(link, '::after').content : null,
                };
            }"""))
        browser.close()
    return found


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


@needs_chromium
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_horizontal_overflow_at_320px(output: Path, site: dict[str, Html], scheme: str) -> None:
    pytest.importorskip("playwright.sync_api")
    paths = list(site)
    measured = browse(output, paths, 320, scheme)
    wide = [(path, m["scroll"]) for path, m in zip(paths, measured) if m["scroll"] > m["width"]]
    assert wide == []
    backgrounds = {m["background"] for m in measured}
    assert backgrounds == ({"rgb(255, 255, 255)"} if scheme == "light" else {"rgb(18, 20, 22)"})


@needs_chromium
def test_print_media_in_the_browser(output: Path, site: dict[str, Html]) -> None:
    pytest.importorskip("playwright.sync_api")
    path = next(p for p in site if p.startswith("articles/harbour"))
    [printed] = browse(output, [path], 800, "dark", media="print")
    assert printed["nav"] == "none" and printed["background"] == "rgb(255, 255, 255)"
    assert printed["after"] == '" (https://example.org/statement)"'


# Documentation ------------------------------------------------------------------------------------------------
def test_docs_describe_every_context_field() -> None:
    from generator.render import views

    text = DOCS.read_text(encoding="utf-8")
    names = set(PageContext.__annotations__) | set(SiteContext.__annotations__)
    for model in (views.TopicView, views.SectionView, views.PersonView, views.Card, views.Group, views.Pagination,
                  views.TimelineEntry, views.QuoteView, views.ArchiveMonth, views.ArchiveYear, views.FeedLink, views.EditionView, views.EditionGroup,
                  views.EditionStory, views.EditionLink):
        names |= set(model.__annotations__) if not dataclasses.is_dataclass(model) else {
            f.name for f in dataclasses.fields(model)}
        assert f"`{model.__name__}`" in text, model.__name__
    missing = sorted(n for n in names if f"`{n}`" not in text)
    assert missing == []
    for template in (ROOT / "themes" / "default" / "templates").glob("*.html"):
        assert f"`{template.name}`" in text, template.name
