"""The one place that knows where each page lives and how to link to it under the site's base path.

Every internal link, asset, feed link and canonical URL goes through `Urls`, so the same build works at a domain
root and under a GitHub Pages project sub-path such as '/repo/'.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}  # feed kind -> file name in its folder


@dataclass(frozen=True)
class Urls:
    """Output paths (relative to output/) and the links to them."""

    site_url: str  # 'https://user.github.io/repo/'

    @property
    def base_path(self) -> str:
        return _base_path(self.site_url)

    @property
    def origin(self) -> str:
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}"

    # Output paths, relative to output/ ------------------------------------------------------------------
    @staticmethod
    def article_dir(slug: str) -> str:
        return f"articles/{slug}/"

    @staticmethod
    def topic_dir(slug: str) -> str:
        return f"topics/{slug}/"

    @staticmethod
    def person_dir(slug: str) -> str:
        return f"people/{slug}/"

    @staticmethod
    def section_dir(slug: str) -> str:
        return f"sections/{slug}/"

    @staticmethod
    def archive_dir(year: str, month: str | None = None) -> str:
        return f"archive/{year}/{month}/" if month else f"archive/{year}/"

    @staticmethod
    def edition_dir(key: str = "") -> str:
        """The editions index ('') or one edition ('2006-W48')."""
        return f"editions/{key}/" if key else "editions/"

    @staticmethod
    def feed(folder: str, kind: str) -> str:
        """A feed file in an output folder ('' for the site): ('topics/x/', 'atom') -> 'topics/x/atom.xml'."""
        return folder + FEED_FILES[kind]

    # Links -------------------------------------------------------------------------------------------------
    def link(self, path: str = "") -> str:
        """Site-relative link for an output path: 'articles/x/' -> '/repo/articles/x/'."""
        return self.base_path + _encoded(path)

    def absolute(self, path: str = "") -> str:
        """Absolute URL for feeds, sitemaps and canonical links."""
        return self.origin + self.link(path)

    def relative(self, link: str, page_path: str) -> str:
        """A site link as written on the page at page_path: ('/repo/topics/x/', 'articles/y/index.html') ->
        '../../topics/x/index.html'. Anything not under the base path comes back unchanged.

        Folder links gain 'index.html' because file:// serves no directory index.
        """
        if not link.startswith(self.base_path) or link.startswith("//"):  # '//host/' is another site
            return link
        cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
        target, rest = link[len(self.base_path):cut], link[cut:]
        if target == "" or target.endswith("/"):
            target += "index.html"
        # The page's folder, encoded as link() encodes, so equal folders compare equal.
        here = _encoded(page_path).split("/")[:-1]
        there = target.split("/")
        common = 0
        while common < min(len(here), len(there) - 1) and here[common] == there[common]:
            common += 1
        return "../" * (len(here) - common) + "/".join(there[common:]) + rest


# Every page links to many others, and most pages are linked from many: each path is encoded once per process.
@lru_cache(maxsize=16)
def _base_path(site_url: str) -> str:
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


@lru_cache(maxsize=1 << 16)
def _encoded(path: str) -> str:
    """An output path as a link writes it: percent-encoded, without its leading slash."""
    return quote(path.lstrip("/"), safe="/#?=&.-_~%")
