"""The HTML site: every page parsed back, links under the base path, escaping, theme overrides, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.config import Config
from generator.errors import ThemeError
from generator.models import Article, DateMention, Digest, Quote, Speaker, Topic
from generator.page_bodies import ArticleText, PageBodies
from generator.render import date_label, is_safe_url, markdown_to_html, render_site
from generator.themes import search_path, static_files

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
EVIL_TITLE = 'Talks <script>alert("x")</script> & "more"'


class Page(HTMLParser):
    """Tags, attributes and text of one page, with a check that every opened element is closed."""

    VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for tag in self.stack:
            self.text.setdefault(tag, []).append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def links(self) -> list[str]:
        return [a[name] for _, a in self.tags for name in ("href", "src") if name in a]

    def joined(self, tag: str) -> str:
        return " ".join("".join(self.text.get(tag, [])).split())


def article(slug: str, title: str, published: str | None, **fields: object) -> Article:
    base = dict(
        source_path=f"{slug}.txt", kind="text", slug=slug, title=title, title_generated=False, source="Daily Wire",
        author=None, dateline="GENEVA", published=published, published_basis="stated" if published else None,
        summary=(f"{title} summary sentence one.", "Sentence two."), quotes=(), dates=(), people=(), places=(),
        organizations=(), keywords=(), blocks=(), mtime=1_700_000_000.0,
    )
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


BOSWORTH = Quote("We narrowed differences on several points", "Stephen W. Bosworth", "the American special envoy", True)
KIM = Quote("We agreed to consider more and meet again", "Kim Kye-gwan", None, True)


def sample_digest() -> Digest:
    """Three articles, two topics, two speakers; one undated article with a hostile title."""
    geneva = article(
        "geneva-talks", "US and N Korea narrow differences", "2011-10-25T09:00:00+02:00", quotes=(BOSWORTH, KIM),
        dates=(DateMention("2005", "2005", "A deal struck in 2005."),
               DateMention("Tuesday", "2011-10-25", "The talks ended Tuesday."),
               DateMention("last year", "PAST_REF", "Unveiled last year."),
               DateMention("two days", "P2D", "Two days of meetings.", "DURATION")),
    )
    beijing = article(
        "beijing-push", "N Korea and US in diplomacy push", "2006-11-28", quotes=(KIM,),
        dates=(DateMention("9 October", "2006-10-09", "Its 9 October nuclear test."),
               DateMention("2005", "2005", "Talks began in 2005.")),
    )
    undated = article("evil", EVIL_TITLE, None, source=None, dateline=None)
    topics = (Topic("korea-talks", "Korea talks", ("geneva-talks", "beijing-push"), ("korea", "nuclear")),
              Topic("other-news", "Other <news>", ("evil",)))
    speakers = (Speaker("kim-kye-gwan", "Kim Kye-gwan", ("First Vice Foreign Minister",),
                        (("geneva-talks", KIM), ("beijing-push", KIM))),
                Speaker("stephen-w-bosworth", "Stephen W. Bosworth", ("the American special envoy",),
                        (("geneva-talks", BOSWORTH),)))
    return Digest((geneva, undated, beijing), topics, speakers)


def held(digest: Digest, by_slug: dict[str, str]) -> PageBodies:
    """Page bodies (Markdown, by article slug) as the renderer takes them."""
    found = PageBodies()
    for article in digest.articles:
        if article.slug in by_slug:
            found.hold(article.source_path, ArticleText(article.blocks, by_slug[article.slug]))
    return found


def bodies(digest: Digest) -> PageBodies:
    """Summary-page bodies shaped like the pages stage writes them."""
    return held(digest, {
        a.slug: f"# {a.title.replace('<', '&lt;')}\n\n*{a.source or ''}*\n\n## Key quotes\n\n"
        + "".join(f"> “{q.text}”\n>\n> — **{q.speaker}**\n\n" for q in a.key_quotes)
        + "## Full text\n\nThe story.\n"
        for a in digest.articles
    })


def render(tmp_path: Path, site_url: str = "https://user.github.io/repo/", **settings: object) -> dict[str, str]:
    config = Config(root=tmp_path, site_url=site_url, title="Test Digest", **settings)  # type: ignore[arg-type]
    digest = sample_digest()
    return dict(render_site(digest, config, bodies(digest)))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render(tmp_path_factory.mktemp("site"))


def html_pages(site: dict[str, str]) -> dict[str, Page]:
    return {path: Page(text) for path, text in site.items() if path.endswith(".html")}


def test_every_page_is_there(site: dict[str, str]) -> None:
    expected = {
        "index.html", "404.html", "sitemap.xml", "robots.txt", "topics/index.html", "people/index.html",
        "archive/index.html", "articles/geneva-talks/index.html", "articles/beijing-push/index.html",
        "articles/evil/index.html", "topics/korea-talks/index.html", "topics/other-news/index.html",
        "people/kim-kye-gwan/index.html", "people/stephen-w-bosworth/index.html", "archive/2011/index.html",
        "archive/2011/10/index.html", "archive/2006/11/index.html",
    }
    assert expected <= set(site)


def test_every_page_is_well_formed_with_head_and_landmarks(site: dict[str, str]) -> None:
    for path, page in html_pages(site).items():
        assert not page.errors and not page.stack, (path, page.errors, page.stack)
        assert page.all("html")[0]["lang"] == "en", path
        assert page.joined("title"), path
        assert len(page.all("main")) == 1 and page.all("header") and page.all("footer") and page.all("nav"), path
        assert len(page.all("h1")) == 1, path
        assert page.all("a", **{"class": "skip-link", "href": "#content"}), path
        canonical = page.all("link", rel="canonical")
        assert len(canonical) == 1 and canonical[0]["href"].startswith("https://user.github.io/repo/"), path
        feeds = {a["href"] for a in page.all("link", rel="alternate")}
        assert {"/repo/feed.xml", "/repo/atom.xml"} <= feeds, path
        assert page.all("meta", name="description")[0]["content"], path
        for prop in ("og:title", "og:description", "og:url"):
            assert page.all("meta", property=prop)[0]["content"], (path, prop)


@pytest.mark.parametrize("site_url, base", [("https://user.github.io/repo/", "/repo/"), ("https://news.example/", "/")])
def test_internal_links_live_under_the_base_path(tmp_path: Path, site_url: str, base: str) -> None:
    site = render(tmp_path, site_url)
    feeds = ("feed.xml", "atom.xml", "feed.json")
    targets = {path.removesuffix("index.html") for path in site} | {"assets/style.css", "assets/favicon.svg", *feeds}
    targets |= {f"editions/{name}" for name in feeds}
    targets |= {f"{kind}/{slug}/{name}" for kind, slug in (("topics", "korea-talks"), ("topics", "other-news"),
               ("people", "kim-kye-gwan"), ("people", "stephen-w-bosworth")) for name in feeds}
    # Pagefind writes its bundle after rendering, so the search page's two assets are not among the pages here.
    targets |= {"pagefind/pagefind-ui.css", "pagefind/pagefind-ui.js"}
    for path, page in html_pages(site).items():
        for link in page.links():
            if link.startswith("https://") or link.startswith("#"):
                assert link.startswith(site_url) or link.startswith("#"), (path, link)
                continue
            assert link.startswith(base), (path, link)
            assert link[len(base):].split("#")[0] in targets, (path, link)


def test_hostile_text_is_escaped_everywhere(site: dict[str, str]) -> None:
    for path, text in site.items():
        if path == "search/index.html":
            continue  # Pagefind's UI, the theme's own script; it shows no article text
        # The only script is the page's JSON-LD data block; `[^<]*` proves nothing broke out of it.
        text = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", text)
        assert "<script" not in text, path
    page = Page(site["articles/evil/index.html"])
    assert EVIL_TITLE in page.joined("title") and EVIL_TITLE in page.joined("h1")
    topic_list = Page(site["topics/index.html"])
    assert "Other <news>" in topic_list.joined("main")


def test_article_page_uses_the_body_headline_and_shows_quotes(site: dict[str, str]) -> None:
    page = Page(site["articles/geneva-talks/index.html"])
    assert page.joined("h1") == "US and N Korea narrow differences"
    assert "We narrowed differences on several points" in page.joined("blockquote")
    assert "Stephen W. Bosworth" in page.joined("main")
    people = {a["href"] for a in page.all("a")}
    assert {"/repo/people/kim-kye-gwan/", "/repo/people/stephen-w-bosworth/", "/repo/topics/korea-talks/"} <= people
    assert page.all("meta", property="og:type")[0]["content"] == "article"


def test_article_without_body_still_gets_title_and_summary(tmp_path: Path) -> None:
    digest = sample_digest()
    pages = dict(render_site(digest, Config(root=tmp_path), PageBodies()))
    page = Page(pages["articles/beijing-push/index.html"])
    assert page.joined("h1") == "N Korea and US in diplomacy push"
    assert "summary sentence one" in page.joined("main")


def test_home_groups_by_topic_newest_topic_first(site: dict[str, str]) -> None:
    page = Page(site["index.html"])
    groups = [" ".join(t.split()) for t in page.text.get("h2", [])]
    assert groups[:2] == ["Korea talks", "Other <news>"]
    main = page.joined("main")
    assert main.index("US and N Korea narrow") < main.index("N Korea and US in diplomacy") < main.index("Talks <script>")
    assert "25 October 2011" in main and "Daily Wire" in main and "Undated" in main


def test_home_paginates(tmp_path: Path) -> None:
    site = render(tmp_path, items_per_page=1)
    assert {"index.html", "page/2/index.html", "page/3/index.html"} <= set(site) and "page/4/index.html" not in site
    first, middle = Page(site["index.html"]), Page(site["page/2/index.html"])
    assert first.all("a", rel="next")[0]["href"] == "/repo/page/2/"
    assert middle.all("a", rel="prev")[0]["href"] == "/repo/" and middle.all("a", rel="next")
    assert "page/2/" in site["sitemap.xml"]


def test_topic_page_has_feeds_and_a_calendar_timeline(site: dict[str, str]) -> None:
    page = Page(site["topics/korea-talks/index.html"])
    feeds = {a["href"] for a in page.all("link", rel="alternate")}
    assert {"/repo/topics/korea-talks/feed.xml", "/repo/topics/korea-talks/atom.xml"} <= feeds
    times = [a["datetime"] for a in page.all("time") if a.get("datetime", "").count("-") != 2 or "T" not in a["datetime"]]
    timeline = [t for t in times if t in {"2005", "2006-10-09", "2011-10-25"}]
    # One per article and sentence, plus each dated article's own report; PAST_REF and P2D left out.
    assert timeline == ["2005", "2005", "2006-10-09", "2011-10-25", "2011-10-25"]
    assert "9 October 2006" in page.joined("ol")
    assert "/repo/articles/beijing-push/" in {a["href"] for a in page.all("a")}


def test_people_pages_collect_every_quote_with_links(site: dict[str, str]) -> None:
    page = Page(site["people/kim-kye-gwan/index.html"])
    assert page.joined("blockquote").count("We agreed to consider more") == 2
    hrefs = {a["href"] for a in page.all("a")}
    assert {"/repo/articles/geneva-talks/", "/repo/articles/beijing-push/"} <= hrefs
    assert "/repo/people/kim-kye-gwan/atom.xml" in {a["href"] for a in page.all("link", rel="alternate")}
    listing = Page(site["people/index.html"]).joined("main")
    assert listing.index("Kim Kye-gwan") < listing.index("Stephen W. Bosworth")  # most quoted first


def test_archive_counts_months_and_lists_undated(site: dict[str, str]) -> None:
    page = Page(site["archive/index.html"])
    hrefs = [a["href"] for a in page.all("a")]
    assert "/repo/archive/2011/10/" in hrefs and "/repo/archive/2006/11/" in hrefs
    assert hrefs.index("/repo/archive/2011/") < hrefs.index("/repo/archive/2006/")
    main = page.joined("main")
    assert "Undated" in main and EVIL_TITLE in main and "October 2011" in main
    month = Page(site["archive/2006/11/index.html"])
    assert "N Korea and US in diplomacy push" in month.joined("main") and "Geneva" not in month.joined("h2")


def test_sitemap_robots_and_404(site: dict[str, str]) -> None:
    root = ET.fromstring(site["sitemap.xml"])
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    entries = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in root.iter(f"{ns}url")}
    assert all(loc and loc.startswith("https://user.github.io/repo/") for loc in entries)
    assert entries["https://user.github.io/repo/articles/geneva-talks/"] == "2011-10-25"
    assert entries["https://user.github.io/repo/articles/evil/"] is None
    unlisted = {"404.html", "search/index.html"}  # the search page is an app, not content: noindex
    assert len(entries) == len([p for p in site if p.endswith(".html") and p not in unlisted])
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in site["robots.txt"]
    missing = Page(site["404.html"])
    assert missing.all("meta", name="robots")[0]["content"] == "noindex"
    assert "/repo/" in {a["href"] for a in missing.all("a")}


def test_markdown_body_cannot_inject_markup() -> None:
    html = str(markdown_to_html('# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>'
                                '\n\n[ok](https://example.org/a) {: onclick="alert(1)" }'))
    page = Page(html)
    assert [t for t, _ in page.tags] == ["h1", "p", "p", "a", "p", "a"]  # no script, no img
    assert [a.get("href") for t, a in page.tags if t == "a"] == [None, "https://example.org/a"]
    assert all(list(a) in ([], ["id"], ["href"]) for _, a in page.tags)  # no onclick from attribute lists
    assert "<script>alert(1)</script>" in page.joined("p")  # shown as text


@pytest.mark.parametrize("url, safe", [("https://a.b/", True), ("/x/", True), ("mailto:a@b.c", True),
                                       ("javascript:alert(1)", False), ("JaVa\tScRiPt:x", False),
                                       ("data:text/html,x", False), (" vbscript:x", False)])
def test_is_safe_url(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


@pytest.mark.parametrize("value, label", [("2006-11-28T10:45:00+00:00", "28 November 2006"), ("2006-10", "October 2006"),
                                          ("2005", "2005"), ("2006-13-01", "2006"), ("PAST_REF", None), ("XXXX-10-09", None), (None, None)])
def test_date_label(value: str | None, label: str | None) -> None:
    assert date_label(value) == label


def test_xss_payloads_stay_inert(tmp_path: Path) -> None:
    payloads = (BENCHMARKS / "bad-input" / "xss-payload-list.txt").read_text(encoding="utf-8", errors="replace")
    sample = [p for p in payloads.splitlines() if p.strip()][::40]  # ~165 payloads keep the test fast
    digest = sample_digest()
    hostile = tuple(
        replace(digest.articles[0], slug=f"x{i}", title=p, source=p, dateline=p, summary=(p,),
                quotes=(Quote(p, p, p, True),))
        for i, p in enumerate(sample)
    )
    topic = Topic("evil-topic", sample[0], tuple(a.slug for a in hostile))
    evil = Digest(hostile, (topic,), (Speaker("evil", sample[1], (sample[2],), tuple((a.slug, a.quotes[0]) for a in hostile)),))
    body = {a.slug: f"# {a.title}\n\n{a.title}\n\n> {a.title}\n" for a in hostile}
    for path, text in render_site(evil, Config(root=tmp_path), held(evil, body)):
        if not path.endswith(".html"):
            continue
        page = Page(text)
        for tag, attrs in page.tags:
            if tag == "script" and (attrs.get("type") == "application/ld+json" or path == "search/index.html"):
                continue  # the theme's own scripts: the JSON-LD data block, Pagefind's UI on the search page
            assert tag not in ("script", "iframe", "object", "embed", "svg"), (path, tag)
            assert not [k for k in attrs if k.startswith("on")], (path, tag, attrs)
            for name in ("href", "src"):
                assert is_safe_url(attrs.get(name, "")), (path, attrs[name])


def test_block_override_and_template_override(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "article.html").write_text(
        '{% extends "default/article.html" %}{% block aside %}<p class="note">Corrections desk</p>{% endblock %}')
    (overrides / "404.html").write_text('{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}')
    site = render(tmp_path)
    article_page = Page(site["articles/geneva-talks/index.html"])
    assert article_page.all("p", **{"class": "note"}) and not article_page.all("aside")
    assert "We narrowed differences" in article_page.joined("main")  # the rest of the default still renders
    assert Page(site["404.html"]).joined("h1") == "Lost"


def test_theme_search_path_and_static_shadowing(tmp_path: Path) -> None:
    theme = tmp_path / "themes" / "paper"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "static" / "style.css").write_text("body { color: black }")
    (theme / "templates" / "topics.html").write_text(
        '{% extends "default/topics.html" %}{% block content %}<h1>Paper topics</h1>{{ super() }}{% endblock %}')
    config = Config(root=tmp_path, theme="paper")
    assert search_path(config)[0] == theme / "templates"
    assets = dict((rel, src) for src, rel in static_files(config))
    assert assets["assets/style.css"] == theme / "static" / "style.css"
    digest = sample_digest()
    pages = dict(render_site(digest, config, bodies(digest)))
    assert "Paper topics" in pages["topics/index.html"] and "Korea talks" in pages["topics/index.html"]


def test_default_static_files_and_unknown_theme(tmp_path: Path) -> None:
    assert "assets/style.css" in {rel for _, rel in static_files(Config(root=tmp_path))}
    with pytest.raises(ThemeError, match="theme 'nope' not found; looked in"):
        list(render_site(sample_digest(), Config(root=tmp_path, theme="nope"), PageBodies()))


def test_theme_extends_cycle_is_reported(tmp_path: Path) -> None:
    for name, parent in (("a", "b"), ("b", "a")):
        (tmp_path / "themes" / name / "templates").mkdir(parents=True)
        (tmp_path / "themes" / name / "theme.toml").write_text(f'extends = "{parent}"\n')
    with pytest.raises(ThemeError, match="extends"):
        static_files(Config(root=tmp_path, theme="a"))


def test_broken_override_is_a_theme_error(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "topics.html").write_text("{{ no_such_name }}")
    with pytest.raises(ThemeError, match="topics.html"):
        render(tmp_path)


def test_seed_articles_render(tmp_path: Path) -> None:
    from generator.pages import page_body
    from generator.full_build import collect

    content = tmp_path / "content"
    content.mkdir()
    for seed in (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"):
        (content / seed.name).write_bytes(seed.read_bytes())
    config = Config(root=tmp_path, site_url="https://user.github.io/repo/")
    digest = collect(config)
    bodies_ = held(digest, {a.slug: page_body(a) for a in digest.articles})
    site = dict(render_site(digest, config, bodies_))
    titles = set()
    for a in digest.articles:
        page = Page(site[f"articles/{a.slug}/index.html"])
        assert len(page.all("h1")) == 1 and page.joined("h1") == a.title
        assert page.all("blockquote") and not page.errors
        titles.add(a.title)
    assert "N Korea and US in diplomacy push" in titles
    assert re.search(r"Kim Kye-gwan", site["people/index.html"])


def test_one_article_markdown_leaves_nothing_behind_for_the_next() -> None:
    # The converter is reused between articles: abbreviations, footnotes and heading ids must not carry over.
    first = markdown_to_html("## Talks\n\nThe IAEA met.[^1]\n\n*[IAEA]: International Atomic Energy Agency\n\n[^1]: A note.")
    second = markdown_to_html("## Talks\n\nThe IAEA met again.")
    assert "<abbr" in first and 'class="footnote"' in first
    assert "<abbr" not in second and "footnote" not in second
    assert 'id="talks"' in first and 'id="talks"' in second


def test_article_text_reading_toc_stays_text() -> None:
    html = str(markdown_to_html("## Talks\n\n[TOC]\n\nThe talks went on."))
    assert "<p>[TOC]</p>" in html and 'class="toc"' not in html and 'id="talks"' in html


def _stock_markdown_to_html(text: str) -> str:
    """The same conversion with Python-Markdown's own inline processor, which tries every pattern on every text, and
    its own block parser, which asks every block processor about every block."""
    import markdown
    from markdown.blockparser import BlockParser
    from markdown.treeprocessors import InlineProcessor

    from generator.render.safe_markdown import MARKDOWN_EXTENSIONS, MARKDOWN_SETTINGS, _SafeMarkdown

    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeMarkdown()], extension_configs=MARKDOWN_SETTINGS,
                           output_format="html")
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    md.parser.__class__ = BlockParser
    return md.convert(text)


def _bodies_to_compare() -> list[str]:
    """Page bodies of real scraped articles (the seeds, the extraction benchmark's pages), hostile strings from the
    bad-input benchmark, one case of every inline pattern, alone, nested and side by side, and of every block
    processor, alone, inside a paragraph's lines and nested."""
    import json

    from generator.config import Config
    from generator.models import Source
    from generator.per_article import process_source

    cases = ["plain words", "a  \nline break", "x & y &amp; &#169; &#xA9; &copy", "a * b _ c", "***",
             "*em* **strong** ***both*** _u_ __uu__", "`code` ``two`` \\` \\*not\\*", "trailing \\",
             "[link](http://a.b) [ref][r] [short]\n\n[r]: http://c.d\n[short]: /e", "[unclosed *em",
             "![img](/i.png) ![iref][r] ![s]\n\n[r]: /j.png\n[s]: /k.png", "<http://x.y/z> <me@example.org> a < b > c",
             "note[^1] and [^2]\n\n[^1]: one *em*\n[^2]: two", "*[IAEA]: Agency\n\nThe IAEA met",
             "**[*a*](b)** `*` [`x`](y)", "Term\n:   definition with _em_", "```\n*not em* & <x>\n```",
             "# Head *em*\n\n- item **b**\n- item `c`\n\n> quote & more\n\n| a | b |\n|---|---|\n| *c* | d |",
             "Title\n=====\n\nSub\n---\n\ntext\n# late head #\nmore", "a\n\n---\n\n* * *\n\n___\n\nb\n- - -\nc",
             "1. one\n2. two\n\n    indented\n\n3) not\n\n+ plus\n* star\n    - nested\n        1. deep",
             "text\n> lazy quote\n> > nested\n\n>not spaced", "x\n[ref]: /url \"T\"\ny [ref]\n\n   [two]: <b>",
             "a | b\n--|--\nc | d\n\n|one|\n|---|\n\nno | table", "Term\n: def\n\n    : indented\n\nplain: colon",
             "[^n]: first\n    more\n[^m]: second\n\nuse[^n][^m]", "*[HTML]: Hyper\n*[W3C]:\nHTML W3C",
             "    code\n\tcode tab\n\n1986. A year.\n\n- \n-"]
    strings = json.loads((BENCHMARKS / "bad-input" / "blns.json").read_text(encoding="utf-8"))
    cases += ["\n\n".join(strings[i:i + 25]) for i in range(0, len(strings), 25)]
    payloads = (BENCHMARKS / "bad-input" / "xss-payload-list.txt").read_text(encoding="utf-8", errors="replace")
    lines = payloads.splitlines()
    cases += ["\n\n".join(lines[i:i + 50]) for i in range(0, len(lines), 50)]
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    scraped = [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    with open(BENCHMARKS / "article-extraction-text" / "dev.jsonl", encoding="utf-8") as handle:
        scraped += [json.loads(line)["text"] for _, line in zip(range(60), handle)]
    for number, text in enumerate(scraped):
        _result, article_text = process_source(Source(f"{number}.txt", "text", text, "utf-8"), Config(root=seeds))
        if article_text is not None:
            cases.append(article_text.body)
    return cases


@pytest.mark.skipif(not (BENCHMARKS / "bad-input").exists(), reason="benchmarks not present")
def test_markdown_skipping_patterns_and_processors_that_cannot_match_changes_no_html() -> None:
    from generator.render.safe_markdown import _BlocksThatCanMatch, _converter, _PatternsThatCanMatch

    # What is compared is in use.
    assert isinstance(_converter().treeprocessors["inline"], _PatternsThatCanMatch)
    assert isinstance(_converter().parser, _BlocksThatCanMatch)
    bodies = _bodies_to_compare()
    assert len(bodies) > 100
    different = [body[:60] for body in bodies if str(markdown_to_html(body)) != _stock_markdown_to_html(body)]
    assert different == []


def test_markdown_parser_takes_a_chunk_before_any_document_and_sees_a_processor_added_later() -> None:
    # Extensions call the parser back for a piece of text (footnotes do); a block processor registered after the
    # parser was made, on a text none of the known ones needs, must be asked too.
    import markdown
    from markdown.blockprocessors import BlockProcessor

    from generator.render.safe_markdown import MARKDOWN_EXTENSIONS, MARKDOWN_SETTINGS, _SafeMarkdown

    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeMarkdown()], extension_configs=MARKDOWN_SETTINGS)
    root = ET.Element("div")
    md.parser.parseChunk(root, "A first paragraph.")
    assert [child.tag for child in root] == ["p"]

    class Bang(BlockProcessor):
        def test(self, parent: ET.Element, block: str) -> bool:
            return block.startswith("!!")

        def run(self, parent: ET.Element, blocks: list[str]) -> None:
            ET.SubElement(parent, "aside").text = blocks.pop(0)[2:]

    md.parser.blockprocessors.register(Bang(md.parser), "bang", 95)
    assert "<aside>loud</aside>" in md.convert("Plain.\n\n!!loud")


def test_an_inline_pattern_markdown_adds_later_is_tried_on_plain_text_too() -> None:
    # "~~" is none of the characters the skipped patterns need: an unknown pattern must still see every text.
    import markdown
    from markdown.extensions import Extension
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    from generator.render.safe_markdown import MARKDOWN_EXTENSIONS, MARKDOWN_SETTINGS, _SafeMarkdown

    class Strike(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - the Markdown API's name
            md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "strike", 65)

    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeMarkdown(), Strike()],
                           extension_configs=MARKDOWN_SETTINGS, output_format="html")
    assert md.convert("a ~~b~~ c") == "<p>a <del>b</del> c</p>"


@pytest.mark.skipif(not (BENCHMARKS / "article-extraction-text").exists(), reason="benchmarks not present")
def test_front_matter_is_byte_for_byte_what_the_yaml_representer_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """pages makes the YAML nodes of a record itself: the text must be PyYAML's dump of the record, for real articles
    (the seeds, scraped benchmark pages) and for values it leaves to the representer (a float, a shared list)."""
    import json

    from generator import pages
    from generator.clean import clean
    from generator.errors import SourceError
    from generator.extract import extract
    from generator.models import Source

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    with open(BENCHMARKS / "article-extraction-text" / "dev.jsonl", encoding="utf-8") as handle:
        texts += [json.loads(line)["text"] for _, line in zip(range(40), handle)]
    articles = []
    for number, text in enumerate(texts):
        try:
            articles.append(extract(clean(Source(f"{number}.txt", "text", text, "utf-8")), Config(root=seeds)))
        except SourceError:  # a page with no article in it is no case here
            continue
    assert len(articles) > 30 and sum(len(a.quotes) + len(a.dates) for a in articles) > 300
    topic = Topic("talks", "Talks: \"yes\" & no", ())
    shared = ["a", "b"]
    odd = [{"big": 10**20, "small": -3, "empty": [], "none": {}, "text": "yes"}, {"again": shared, "and": shared},
           {"ratio": 0.5}]

    def both() -> list[str]:
        return [pages.front_matter(a, topic) for a in articles] + [pages._yaml(m) for m in odd]

    def representer_only(value: object, containers: set[int]) -> None:
        raise pages._Unusual  # every record left to PyYAML's representer, as before nodes were made directly

    made = both()
    monkeypatch.setattr(pages, "_node", representer_only)
    assert made == both()


def test_topic_and_person_pages_are_paginated_each_page_with_its_own_articles(tmp_path: Path) -> None:
    """A story (or a person) of more articles (quotes) than a list page holds is pages of them, newest first, linked
    by the pager; a topic page's timeline is its own articles' dates."""
    site = render(tmp_path, items_per_page=1)
    first, second = Page(site["topics/korea-talks/index.html"]), Page(site["topics/korea-talks/page/2/index.html"])
    assert "topics/korea-talks/page/3/index.html" not in site
    assert "US and N Korea narrow differences" in first.joined("main")  # the newer report first
    assert "N Korea and US in diplomacy push" not in first.joined("main")
    assert "N Korea and US in diplomacy push" in second.joined("main")
    assert first.joined("title").startswith("Korea talks ·") and second.joined("title").startswith("Korea talks, page 2")
    assert first.all("a", rel="next")[0]["href"] == "/repo/topics/korea-talks/page/2/"
    assert second.all("a", rel="prev")[0]["href"] == "/repo/topics/korea-talks/"
    assert [t["datetime"] for t in first.all("time") if t["datetime"].startswith("2006")] == []  # Beijing's dates
    assert "2006-10-09" in [t["datetime"] for t in second.all("time")]
    kim = [Page(site["people/kim-kye-gwan/index.html"]), Page(site["people/kim-kye-gwan/page/2/index.html"])]
    assert [p.joined("main").count("We agreed to consider more") for p in kim] == [1, 1]
    assert kim[0].all("a", rel="next") and kim[1].all("a", rel="prev")
    assert "people/stephen-w-bosworth/page/2/index.html" not in site
    sitemap = site["sitemap.xml"]
    assert "/repo/topics/korea-talks/page/2/</loc>" in sitemap and "/repo/people/kim-kye-gwan/page/2/</loc>" in sitemap
    assert not Page(site["topics/korea-talks/index.html"]).errors


def test_archive_years_and_months_are_paginated(tmp_path: Path) -> None:
    digest = sample_digest()
    later = article("geneva-again", "Talks go on in Geneva", "2011-10-27T09:00:00+02:00")
    digest = Digest((later, *digest.articles), digest.topics, digest.speakers)
    config = Config(root=tmp_path, site_url="https://user.github.io/repo/", title="Test Digest", items_per_page=1)
    site = dict(render_site(digest, config, bodies(digest)))
    for folder in ("archive/2011/", "archive/2011/10/"):
        first, second = Page(site[folder + "index.html"]), Page(site[folder + "page/2/index.html"])
        assert "Talks go on in Geneva" in first.joined("main") and "narrow differences" not in first.joined("main")
        assert "narrow differences" in second.joined("main") and second.joined("title").startswith(
            ("2011, page 2", "October 2011, page 2"))
        assert first.all("a", rel="next")[0]["href"] == f"/repo/{folder}page/2/"
        assert folder + "page/3/index.html" not in site
    assert "archive/2006/page/2/index.html" not in site  # one article that year
