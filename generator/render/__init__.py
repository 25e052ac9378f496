"""HTML pages of the site: a Jinja2 environment over the theme search path and one typed template context.

- `views`: the template context (`PageContext`, documented there) and the view models built from the Digest;
- `builders`: which pages the site has, one builder per kind of page;
- `article_body`: an article's page body as HTML, its digest sections out of the search index;
- `safe_markdown`: the article body, Markdown to HTML with raw HTML shown as text and unsafe links dropped;
- `sitemap`: sitemap.xml and robots.txt.

Undefined names raise (StrictUndefined) and output is autoescaped, because article text comes from scraped pages.
"""

from __future__ import annotations

from functools import partial
from typing import AbstractSet, Collection, Iterator

import jinja2

from ..config import Config
from ..errors import BuildError, ThemeError
from ..memo import PageMemo, Unchanged, produce
from ..models import Article, Digest
from ..page_bodies import PageBodies
from ..themes import search_path, theme_chain
from ..urls import Urls
from .article_body import article_body_html
from .builders import article_pages, site_pages, topic_timeline
from .relative import relative_links
from .safe_markdown import is_safe_url, markdown_to_html
from .sitemap import SITEMAP, SITEMAP_PARTS, robots_txt, sitemap_files, sitemap_xml
from .views import Card, Kept, Page, PageContext, Site, calendar_parts, date_label, feed_links, lastmod

__all__ = [
    "Card", "Page", "PageContext", "article_body_html", "calendar_parts", "date_label", "feed_links", "is_safe_url",
    "lastmod", "make_environment",
    "markdown_to_html", "render_article_pages", "render_site", "robots_txt", "sitemap_xml", "topic_timeline",
]


# The last environments made, by the state of every template file they can load: a long-running `digest serve`
# compiles its templates once, not on every rebuild, and a template added, edited or removed makes a new one.
_ENVIRONMENTS: dict[tuple[object, ...], jinja2.Environment] = {}
_ENVIRONMENTS_KEPT = 4


def make_environment(config: Config) -> jinja2.Environment:
    """The Jinja2 environment over the theme search path: autoescaped, strict about undefined names."""
    key = _templates_state(config)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = jinja2.Environment(
            loader=_template_loader(config),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # The key is the state of every template file: an edited template makes another environment. Jinja's
            # own check stats a page's template files on each render (~11,400 pages at 10,000 articles).
            auto_reload=False,
        )
        while len(_ENVIRONMENTS) >= _ENVIRONMENTS_KEPT:
            del _ENVIRONMENTS[next(iter(_ENVIRONMENTS))]
        _ENVIRONMENTS[key] = env
    return env


def _template_loader(config: Config) -> jinja2.BaseLoader:
    """The search path as one loader, plus every theme under a '<name>/' prefix for block overrides."""
    prefixed = jinja2.PrefixLoader({t.name: jinja2.FileSystemLoader(t.templates) for t in theme_chain(config)})
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(search_path(config)), prefixed])


def _templates_state(config: Config) -> tuple[object, ...]:
    files = []
    for folder in search_path(config):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            try:
                status = path.stat()
            except OSError:
                continue
            files.append((str(path), status.st_ino, status.st_size, status.st_mtime_ns))
    return tuple(files)


def _render_page(env: jinja2.Environment, page: Page) -> str:
    """One page through its template, template failures reported as ThemeError."""
    try:
        return env.get_template(page.template).render(page.full_context())
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or page.template}, line {exc.lineno}"
        raise ThemeError(f"template syntax error in {where}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise ThemeError(f"template {page.template!r} failed for {page.path}: {exc}") from exc


def render_site(digest: Digest, config: Config, bodies: PageBodies, memo: PageMemo | None = None,
                kept: AbstractSet[str] = frozenset()) -> Iterator[tuple[str, str | Unchanged]]:
    """Every HTML page, then sitemap.xml and robots.txt, as (output path relative to output/, text).

    bodies: each article's page body (see generator.page_bodies), read only for the article pages rendered.
    memo: a page whose template and context are what the last build rendered comes back `Unchanged`.
    kept: the pages the memo keeps unseen (`PageMemo.plan`): their builders make nothing of them. Only with every
    file of the last build's sitemap among them, which lists every page of the site (each with its date: the frame's).
    """
    last_sitemap = [SITEMAP, *(p for p in memo.previous if p.startswith(SITEMAP_PARTS))] if memo is not None else []
    if memo is None or not all(path in kept for path in last_sitemap):
        kept = frozenset()
    env = make_environment(config)
    site = Site(digest, config, Urls(config.site_url), on_card=None if memo is None else partial(_name_card, memo),
                skip=kept.__contains__ if kept else None)
    listed: list[tuple[str, str | None]] = []
    for page in site_pages(site, bodies):
        if isinstance(page, Kept):
            assert memo is not None  # a page is skipped only for the memo to keep
            yield page.path, memo.keep(page.path, partial(_page_alone, digest, config, bodies, page.path))
            continue
        parts = (page.template, page.context if page.made_of is None else page.made_of, page.token)
        yield page.path, produce(memo, page.path, parts, partial(_html, env, page, site), keepable=True)
        _list(listed, page)
    if kept:
        assert memo is not None
        for path in last_sitemap:
            yield path, memo.keep(path, partial(_sitemap_alone, digest, config, bodies, path))
    else:
        for path, make in sitemap_files(site.urls, listed):
            yield path, produce(memo, path, ("sitemap", path, listed), make, keepable=True)
    yield "robots.txt", robots_txt(site.urls)


def _list(listed: list[tuple[str, str | None]], page: Page) -> None:
    """The page's entry in the sitemap, unless it asks not to be indexed."""
    if page.made_of is not None or not page.context["noindex"]:  # type: ignore[index]
        listed.append((page.path.removesuffix("index.html"), page.lastmod))


def _page_alone(digest: Digest, config: Config, bodies: PageBodies, path: str) -> str:
    """A kept page made after all (its old file went missing after the memo looked), the others skipped."""
    site = Site(digest, config, Urls(config.site_url), skip=lambda other: other != path)
    for page in site_pages(site, bodies):
        if isinstance(page, Page):
            return _html(make_environment(config), page, site)
    raise BuildError(f"{path} is no longer a page of the site; build again")


def _sitemap_alone(digest: Digest, config: Config, bodies: PageBodies, path: str) -> str:
    """A kept sitemap file made after all, from every page's entry (none of the pages rendered)."""
    site = Site(digest, config, Urls(config.site_url))
    listed: list[tuple[str, str | None]] = []
    for page in site_pages(site, bodies):
        _list(listed, page)  # type: ignore[arg-type]  # nothing is skipped
    return dict(sitemap_files(site.urls, listed))[path]()


def _name_card(memo: PageMemo, card: Card, article: Article) -> None:
    """A card in the memo's fingerprints: named by its article's token (its fields' hash, where it has one) and its
    topic's view, which is all it is made of besides the settings in the memo's salt (`Site._make_card`), rather
    than pickled: pickling ten thousand cards' summaries took 0.2-0.6 s of a rebuild (py-spy); a name takes 5 us."""
    memo.name(card, "card", memo.shared_token(article), card.topic)


def render_article_pages(digest: Digest, config: Config, slugs: Collection[str], bodies: PageBodies,
                         ) -> Iterator[tuple[str, str]]:
    """Only the pages of these articles, as render_site makes them (for `digest serve`'s quick preview)."""
    env = make_environment(config)
    site = Site(digest, config, Urls(config.site_url))
    for page in article_pages(site, bodies, only=slugs):
        yield page.path, _html(env, page, site)  # type: ignore[arg-type]  # nothing is skipped


def _html(env: jinja2.Environment, page: Page, site: Site) -> str:
    html = _render_page(env, page)
    # 404.html is served for a missing path at any depth, so only root-relative links work from it.
    if site.config.relative_urls and page.path != "404.html":
        html = relative_links(html, page.path, site.urls)
    return html
