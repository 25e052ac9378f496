"""Client-side search: Pagefind indexes the staged site and writes its static search bundle into `pagefind/`.

Only articles are searchable: the glob keeps Pagefind from parsing list pages at all (half the build's pages), and
the article template marks the story with `data-pagefind-body`, so the header, related links and footer of an
article page stay out of the index. The template also tags title, date and summary as Pagefind metadata.

Search is an extra, not the site. When Pagefind is missing or fails, the build warns once and ships the site with a
stand-in `pagefind-ui.js` that tells readers search is unavailable, rather than a search page of 404s.

Large sites are indexed in shards (`generator.search_shards`): each article belongs to one shard by a hash of its
folder, each shard is its own Pagefind bundle (`pagefind/`, `pagefind/shard-1/`, ...) and the search page merges
them in the browser (Pagefind's `mergeIndex`). Pagefind holds a whole bundle in memory while it indexes (2.9 GB for
10,000 articles), so shards bound the build's memory; and a shard whose article pages are the very files the last
build indexed (kept by hard link, same identity) keeps its bundle too, so one changed article re-indexes one shard.

Pagefind runs while the build goes on (`SiteIndexer`): the article pages are rendered shard by shard, and each shard
is indexed on the second core as soon as its pages are staged, while the builder renders the next shard's pages and
then the pages that list articles. Shards are indexed one at a time: Pagefind's memory beside the builder's stays
that of one shard.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from .config import Config
from .errors import BuildError
from .memo import FileState, PageMemo, Unchanged, file_state
from .search_shards import BUNDLE_DIR, bundle_folder, shard_count, shards

log = logging.getLogger(__name__)

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
    """The Pagefind executable: PAGEFIND_BINARY_PATH, else the `pagefind[bin]` wheel's (the extended build first),
    else `pagefind_extended` or `pagefind` on PATH; None if absent. The lookup of `pagefind.service.get_executable`,
    made here because that module imports asyncio, a tenth of the imports of a build with nothing changed."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    found = Path(named) if named is not None else _wheel_binary()
    if found is None:
        on_path = shutil.which("pagefind_extended") or shutil.which("pagefind")
        found = Path(on_path) if on_path else None
    return found if found is not None and found.is_file() else None


def _wheel_binary() -> Path | None:
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return Path(importlib.import_module(module).get_executable())
        except ImportError:
            continue
    return None


def _missing() -> str:
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return f"PAGEFIND_BINARY_PATH names no file: {named}"
    return "the Pagefind binary is not installed (pip install 'pagefind[bin]')"


def _command(binary: Path, site: Path, bundle: Path, language: str) -> list[str]:
    # The primary subtag: Pagefind stems by ISO 639-1 code, and its UI falls back from 'en-GB' pages to 'en'.
    return [str(binary), "--site", str(site), "--output-path", str(bundle), "--glob", ARTICLE_GLOB,
            "--force-language", language.split("-")[0].lower(), "--quiet"]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _stand_in(reason: str) -> list[tuple[str, str]]:
    """The files that replace the bundle when there is no index, so the search page explains instead of failing."""
    message = json.dumps(f"Search is not available: {reason}.")  # a valid JavaScript string literal
    return [(f"{BUNDLE_DIR}/pagefind-ui.js", _STAND_IN_UI % message), (f"{BUNDLE_DIR}/pagefind-ui.css", "")]


class SiteIndexer:
    """Indexes the article pages of the staged site into SITE/pagefind/, shard by shard, in a background thread, while
    the builder goes on rendering.

    It is made with the article folders the build will stage, and told (`staged`) each file the writer has staged.
    A shard whose pages are all staged is planned at once in the builder's thread: kept when the last build's
    bundle still serves it (`memo`), else queued for the thread, which only runs Pagefind. The article pages are
    rendered shard by shard (`render.builders.article_pages`), so Pagefind indexes a shard on the second core while
    the builder renders the next, then the pages that list articles. `finish` waits for it and returns the files
    still to write, (path relative to SITE, text or `Unchanged`): the kept bundles, or the stand-in UI when there is
    no index (the reason logged as one warning). `cancel` stops it (a failed build). Only the builder's thread
    touches the memo.
    """

    def __init__(self, site: Path, config: Config, folder_names: Iterable[str], memo: PageMemo | None = None,
                 locate: Callable[[str], str] | None = None) -> None:
        """`site`: the staging folder, where the bundles go. `locate`: where a staged page is until the commit (the
        writer's `located`: a page kept in place is in output/), by its path in the site; else in `site`."""
        self.site, self.config, self.memo = site, config, memo
        self._locate = locate or (lambda rel_path: os.path.join(site, *rel_path.split("/")))
        self._result: list[tuple[str, str | Unchanged]] | None = None  # decided without running Pagefind
        self._kept: list[tuple[str, str | Unchanged]] = []
        self._made: list[tuple[int, str | None]] = []  # (rank, fingerprint) of each shard indexed
        self._scratch_folders: list[Path] = []  # of each shard queued for Pagefind
        self.made_folders: list[str] = []  # after `finish`: the bundle folders Pagefind wrote, relative to the site
        self._failure: str | None = None
        self._queue: queue.SimpleQueue[tuple[int, list[str], str | None] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._cancelled = threading.Event()
        self._launch = threading.Lock()
        self._builder_waits = threading.Event()  # set once the builder has nothing left to do but wait for Pagefind
        self._running: subprocess.Popen[str] | None = None
        names = sorted(folder_names)
        self._members = shards(names)  # the article folders of each shard that has any, by rank
        self._left = [len(members) for members in self._members]  # pages of each shard not staged yet
        self._rank_of = {name: rank for rank, members in enumerate(self._members) for name in members}
        self._count = shard_count(len(names))
        binary = pagefind_binary() if names else None
        if not names:
            self._result = _stand_in("there are no articles to search yet")  # Pagefind refuses an empty index
        elif binary is None:
            log.warning("search: %s; the site is built without search", _missing())
            self._result = _stand_in("this copy of the site was built without its search index")
        self._binary = binary or Path()

    def staged(self, rel_path: str) -> None:
        """The writer has staged this file; when it is the last page of a shard, the shard is planned."""
        if self._result is not None or not rel_path.startswith("articles/") or not rel_path.endswith("/index.html"):
            return
        rank = self._rank_of.pop(rel_path[len("articles/"):-len("/index.html")], None)
        if rank is not None:
            self._left[rank] -= 1
            if not self._left[rank]:
                self._plan(rank)

    def _plan(self, rank: int) -> None:
        """Keep the shard's bundle from the last build, or queue the shard for Pagefind."""
        pages = _page_states(self._locate, self._members[rank])
        if not pages or self._failure:  # after a failure the site ships without search (`finish`)
            return
        fingerprint = _shard_fingerprint(self._binary, self.config, self._count, rank, pages, self.memo)
        previous = None
        if self.memo is not None and fingerprint:
            previous = self.memo.kept_files(fingerprint, _bundle_filter(bundle_folder(rank), rank))
        if previous is not None:
            self._kept += [(rel, Unchanged(_vanished(rel))) for rel in previous]
            return
        # The pages are linked here, on the builder's thread: ~600 system calls, each handing the interpreter lock
        # back and forth, took the indexing thread 0.44-0.76 s for one shard of 312 pages while the builder rendered
        # (the builder then waited for Pagefind); here they delay Pagefind's start by ~0.07 s (medians of six).
        try:
            self._scratch_folders.append(self._link_pages(list(pages), rank))
        except OSError as exc:  # search is an extra: the site ships without it (`finish`), not the build fails
            self._scratch_folders.append(self._scratch(rank))
            self._failure = self._failure or f"cannot link the pages to index: {exc.strerror or exc}"
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._index, name="digest-search", daemon=True)
            self._thread.start()
        self._queue.put((rank, list(pages), fingerprint))

    def _index(self) -> None:
        while (shard := self._queue.get()) is not None and not self._cancelled.is_set():
            rank, names, fingerprint = shard
            failure = self._index_shard(self._binary, names, rank)
            if failure:
                self._failure = failure
                return
            self._made.append((rank, fingerprint))

    def finish(self) -> list[tuple[str, str | Unchanged]]:
        """Wait for the indexing and return the files still to write."""
        if self._result is not None:
            return self._result
        for rank, left in enumerate(self._left):
            if left:  # a shard with a page the build did not stage (none, normally): indexed as it is
                self._left[rank] = 0
                self._plan(rank)
        if self._thread is not None:
            self._builder_waits.set()
            self._queue.put(None)
            self._thread.join()
        self._remove_scratch()  # of the shards after a failure, which no Pagefind ran on
        if self._failure:
            log.warning("search: indexing failed (%s); the site is built without search", self._failure)
            shutil.rmtree(self.site / BUNDLE_DIR, ignore_errors=True)  # a half-written bundle would load, then break
            return _stand_in("this copy of the site was built without its search index")
        made = {bundle_folder(rank) for rank, _fingerprint in self._made}
        self.made_folders = sorted({BUNDLE_DIR} if BUNDLE_DIR in made else made)  # the first bundle holds the rest
        for rank, fingerprint in self._made:
            if self.memo is not None and fingerprint:
                in_bundle = _bundle_filter(bundle_folder(rank), rank)
                bundle = self.site / bundle_folder(rank)
                self.memo.made_files(fingerprint, [p.relative_to(self.site).as_posix() for p in bundle.rglob("*")
                                                   if p.is_file() and in_bundle(p.relative_to(self.site).as_posix())])
        return self._kept

    def cancel(self) -> None:
        """Stop indexing (the build failed): the running Pagefind is killed, the thread waited for."""
        with self._launch:
            self._cancelled.set()
            if self._running is not None:
                self._running.kill()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        self._remove_scratch()

    def _link_pages(self, names: list[str], rank: int) -> Path:
        """The scratch folder Pagefind indexes one shard from: hard links to its article pages, inside the staged site
        (a killed build leaves it with the staging folder; `finish` and `cancel` remove what no Pagefind ran on)."""
        scratch = self._scratch(rank)
        for name in names:
            page, target = self._locate(_article_page(name)), os.path.join(scratch, _article_page(name))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                os.link(page, target)
            except OSError:
                shutil.copyfile(page, target)
        return scratch

    def _scratch(self, rank: int) -> Path:
        return self.site / f".search-input-{rank}"

    def _remove_scratch(self) -> None:
        for scratch in self._scratch_folders:
            shutil.rmtree(scratch, ignore_errors=True)

    def _index_shard(self, binary: Path, names: list[str], rank: int) -> str | None:
        """Run Pagefind over the pages of one shard's article folders (linked by `_link_pages`); why it failed, or
        None."""
        scratch, bundle = self._scratch(rank), self.site / bundle_folder(rank)
        try:
            # The Pagefind binary, not the `pagefind.index` Python wrapper: the wrapper talks to the same binary over
            # a pipe and awaits forever if it dies mid-request, while a subprocess gives an exit status and the
            # error text.
            # While the builder renders, Pagefind gets one thread: with one per core it slowed the builder's thread
            # by ~1.4x (measured with a Python loop beside it); once the builder waits for it, it gets every core.
            env = None if self._builder_waits.is_set() or "RAYON_NUM_THREADS" in os.environ else {
                **os.environ, "RAYON_NUM_THREADS": "1"}
            with self._launch:  # cancel() either finds this Pagefind to kill or keeps it from starting
                if self._cancelled.is_set():
                    return None
                try:
                    self._running = subprocess.Popen(_command(binary, scratch, bundle, self.config.language),
                                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8",
                                                     errors="replace", env=env)
                except OSError as exc:
                    return f"cannot run {binary}: {exc.strerror or exc}"
            out, err = self._running.communicate()
            status, self._running = self._running.returncode, None
            if status == 0 or self._cancelled.is_set():
                return None
            return f"{binary.name} exited with status {status}: {_last_line(err + out)}"
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _vanished(rel_path: str) -> Callable[[], str]:
    """What a kept bundle file does when it is gone by the time the writer links it: fail, as no one file of a
    bundle can be made alone (the memo saw every file in place an instant before)."""
    def make() -> str:
        raise BuildError(f"{rel_path} left output/ while the build was keeping it; build again")
    return make


def _bundle_filter(folder: str, rank: int) -> Callable[[str], bool]:
    """Whether a site path is a file of this bundle (the first bundle's folder holds the others' folders)."""
    prefix = folder + "/"

    def inside(rel_path: str) -> bool:
        if not rel_path.startswith(prefix):
            return False
        return rank != 0 or not PurePosixPath(rel_path[len(prefix):]).parts[0].startswith("shard-")
    return inside


def _shard_fingerprint(binary: Path, config: Config, count: int, rank: int, pages: dict[str, FileState],
                       memo: PageMemo | None) -> str | None:
    """What a shard's bundle is made from: the indexer, the language, the sharding and each page: by the memo's
    fingerprint of what the page is made from (the same inputs make the same bytes, which is what lets the memo keep
    a page), so a bundle is kept by an output/ restored elsewhere, where the kept pages are new files; by the
    identity of its file when the page has no fingerprint (made every build)."""
    if memo is None:
        return None
    made = [(rel, memo.current.get(rel) or state) for rel, state in
            ((ARTICLE_GLOB.replace("*", name), state) for name, state in pages.items())]
    return memo.fingerprint(("search", str(binary), file_state(binary), config.language, count, rank, made))


def _article_page(name: str) -> str:
    """The page of an article folder (ARTICLE_GLOB's match), by its path in the site: made for every article."""
    return f"articles/{name}/index.html"


def _page_states(locate: Callable[[str], str], names: list[str]) -> dict[str, FileState]:
    """The identity of the staged page of each of these article folders, by name (a page that is not there is left
    out; `locate`: where a page is, see SiteIndexer): one stat per page and no Path object, as this runs for every
    article of the site."""
    found: dict[str, FileState] = {}
    for name in names:
        try:
            status = os.stat(locate(_article_page(name)))
        except OSError:
            continue
        found[name] = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    return found
