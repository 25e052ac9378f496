"""The one place that knows where each page lives and how to link to it under the site's base path.

Every internal link, asset, feed link and canonical URL goes through `Urls`, so the same build works at a domain
root and under a GitHub Pages project sub-path such as '/repo/'.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml"}  # feed kind -> file name in its folder


@dataclass(frozen=True)
class Urls:
    """Output paths (relative to output/) and the links to them."""

    site_url: str  # 'https://user.github.io/repo/'

    @property
    def base_path(self) -> str:
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

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
    def feed(folder: str, kind: str) -> str:
        """A feed file in an output folder ('' for the site): ('topics/x/', 'atom') -> 'topics/x/atom.xml'."""
        return folder + FEED_FILES[kind]

    # Links -------------------------------------------------------------------------------------------------
    def link(self, path: str = "") -> str:
        """Site-relative link for an output path: 'articles/x/' -> '/repo/articles/x/'."""
        return self.base_path + quote(path.lstrip("/"), safe="/#?=&.-_~%")

    def absolute(self, path: str = "") -> str:
        """Absolute URL for feeds, sitemaps and canonical links."""
        return self.origin + self.link(path)
