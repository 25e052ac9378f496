"""Client-side search: Pagefind indexes the staged site and writes its static search bundle into `pagefind/`.

Only articles are searchable: the glob keeps Pagefind from parsing list pages at all (half the build's pages), and
the article template marks the story with `data-pagefind-body`, so the header, related links and footer of an
article page stay out of the index. The template also tags title, date and summary as Pagefind metadata.

Search is an extra, not the site. When Pagefind is missing or fails, the build warns once and ships the site with a
stand-in `pagefind-ui.js` that tells readers search is unavailable, rather than a search page of 404s.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from pathlib import Path

from .config import Config

log = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
ARTICLE_GLOB = "articles/*/index.html"
_STAND_IN_UI = """// Written by digest in place of Pagefind's UI: this copy of the site has no search index.
window.PagefindUI = function (options) {
  var el = document.querySelector(options.element);
  var note = document.createElement("p");
  note.className = "search-unavailable";
  note.textContent = %s;
  if (el) { el.appendChild(note); }
  this.triggerSearch = function () {};
};
"""


def pagefind_binary() -> Path | None:
    """The Pagefind executable from the `pagefind[bin]` wheel (or PAGEFIND_BINARY_PATH, or PATH); None if absent."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    found = get_executable()
    return found if found is not None and found.is_file() else None


def _missing() -> str:
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return f"PAGEFIND_BINARY_PATH names no file: {named}"
    return "the Pagefind binary is not installed (pip install 'pagefind[bin]')"


def _command(binary: Path, site: Path, language: str) -> list[str]:
    # The primary subtag: Pagefind stems by ISO 639-1 code, and its UI falls back from 'en-GB' pages to 'en'.
    return [str(binary), "--site", str(site), "--glob", ARTICLE_GLOB,
            "--force-language", language.split("-")[0].lower(), "--quiet"]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _stand_in(reason: str) -> list[tuple[str, str]]:
    """The files that replace the bundle when there is no index, so the search page explains instead of failing."""
    message = json.dumps(f"Search is not available: {reason}.")  # a valid JavaScript string literal
    return [(f"{BUNDLE_DIR}/pagefind-ui.js", _STAND_IN_UI % message), (f"{BUNDLE_DIR}/pagefind-ui.css", "")]


def index_site(site: Path, config: Config) -> list[tuple[str, str]]:
    """Index the article pages under SITE into SITE/pagefind/.

    Returns the files still to write, (path relative to SITE, text): none when the index was written, the
    stand-in UI when it could not be (the reason logged as one warning).
    """
    if not any(site.glob(ARTICLE_GLOB)):
        return _stand_in("there are no articles to search yet")  # Pagefind refuses to write an empty index
    binary = pagefind_binary()
    if binary is None:
        log.warning("search: %s; the site is built without search", _missing())
        return _stand_in("this copy of the site was built without its search index")
    # The Pagefind binary, not the `pagefind.index` Python wrapper: the wrapper talks to the same binary over a pipe
    # and awaits forever if it dies mid-request, while a subprocess gives an exit status and the error text.
    try:
        done = subprocess.run(_command(binary, site, config.language), capture_output=True, encoding="utf-8",
                              errors="replace", check=False)
    except OSError as exc:
        failure = f"cannot run {binary}: {exc.strerror or exc}"
    else:
        if done.returncode == 0:
            return []
        failure = f"{binary.name} exited with status {done.returncode}: {_last_line(done.stderr + done.stdout)}"
    log.warning("search: indexing failed (%s); the site is built without search", failure)
    shutil.rmtree(site / BUNDLE_DIR, ignore_errors=True)  # a half-written bundle would load and then break
    return _stand_in("this copy of the site was built without its search index")
