"""`digest serve`: build, serve output/ under the site's base path, rebuild on change, reload the browser.

- Watchdog watches the content folder, the template overrides, the site's themes and digest.toml; never output/,
  so a rebuild cannot trigger itself. Events are debounced: a burst of saves is one rebuild.
- A rebuild that fails keeps the last good site on disk and served (the build only publishes a finished site);
  the error is pushed to open pages, which show it in an overlay until the next good rebuild reloads them.
- The reload script is injected into HTML responses by the server and never written into output/. Pages learn
  of rebuilds through server-sent events, with the pages each rebuild changed: a page reloads only when it did.
- Quick preview: when only articles already on the site were edited, their pages are rendered first, against
  the last build, and served from memory (never written to output/) while the full rebuild runs; the open
  article shows the edit in a fraction of a second, and the full rebuild then publishes the whole site.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import signal
import threading
import time
import webbrowser
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .config import CONFIG_NAME, Config, load_config
from .errors import DigestError
from .models import Digest
from .full_build import preview_pages
from .pipeline import BuildOptions, build
from .themes import theme_chain

log = logging.getLogger(__name__)

EVENTS_PATH = "__digest__/events"
DEBOUNCE_SECONDS = 0.08  # an editor's save (write, rename, touch) comes as events milliseconds apart
SHUTDOWN_WAIT_SECONDS = 60.0  # how long stopping waits for a rebuild under way to publish its site
SWAP_WAIT_SECONDS = 1.0  # output/ is missing only between the two renames of a swap, for microseconds
# How long the full rebuild after a quick preview waits for an open page to fetch it, and then for the page's own
# requests (its stylesheet): the rebuild runs in this process, and its Python holds the interpreter lock for 5 ms
# at a time, so a page loaded beside it took ~170 ms (serve_latency.py's "reload -> visible").
PREVIEW_FETCH_WAIT_SECONDS = 0.5
PREVIEW_SETTLE_SECONDS = 0.1
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".part", ".crdownload")
_RELOAD_SCRIPT = """<script>(function(){var gen=null;
function overlay(msg){var el=document.getElementById("digest-error-overlay");if(!msg){if(el)el.remove();return;}
if(!el){el=document.createElement("div");el.id="digest-error-overlay";el.setAttribute("role","alert");
el.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;"+
"background:#7f1d1d;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1em 1.25em;white-space:pre-wrap";
document.body.appendChild(el);}el.textContent="digest: the rebuild failed; showing the last good site.\\n\\n"+msg;}
function shown(changed){if(!changed)return true;var p=decodeURIComponent(location.pathname).slice(%s.length);
if(p===""||p.slice(-1)==="/")p+="index.html";return changed.indexOf(p)>=0;}
var es=new EventSource(%s);es.addEventListener("state",function(e){var s=JSON.parse(e.data);
if(gen!==null&&s.generation!==gen&&!s.error&&shown(s.changed)){location.reload();return;}
gen=s.generation;overlay(s.error);});
})();</script>"""


class BuildState:
    """The outcome of the latest build, shared between the rebuild thread and the request handlers."""

    HISTORY = 64  # generations whose changed pages are remembered; a page further behind reloads whatever changed

    def __init__(self) -> None:
        self.generation = 0
        self.error: str | None = None
        self.changed = threading.Condition()
        # Quick-preview pages by path under output/, served before the disk: (batch of edits, bytes).
        self.overlay: dict[str, tuple[int, bytes]] = {}
        self.preview_fetched = threading.Event()  # a page of the latest preview was served
        self._history: list[tuple[int, frozenset[str] | None]] = []

    def publish(self, error: str | None, pages: frozenset[str] | None = None, built_from: int = 0) -> None:
        """A finished build (or its error); `pages`: the output paths it changed, None when unknown (all).
        A good build drops the previews of edits up to batch `built_from` (it read those files), and those pages
        count as changed: what is served for them changes, even when the build wrote the bytes it wrote before
        (an edit saved and reverted). A failed build keeps them beside the last good site."""
        with self.changed:
            if error is None:
                dropped = {rel for rel, entry in self.overlay.items() if entry[0] <= built_from}
                self.overlay = {rel: entry for rel, entry in self.overlay.items() if rel not in dropped}
                self._advance(None if pages is None else pages | dropped)
            self.error = error
            self.changed.notify_all()

    def preview(self, pages: dict[str, bytes], batch: int) -> None:
        """Serve these pages from memory until a build that started after batch `batch` of edits finishes."""
        with self.changed:
            self.preview_fetched.clear()
            self.overlay = {**self.overlay, **{rel: (batch, data) for rel, data in pages.items()}}
            self._advance(frozenset(pages))
            self.changed.notify_all()

    def page(self, rel_path: str) -> bytes | None:
        entry = self.overlay.get(rel_path)
        if entry is None:
            return None
        self.preview_fetched.set()
        return entry[1]

    def _advance(self, pages: frozenset[str] | None) -> None:
        self.generation += 1
        self._history = [*self._history[-(self.HISTORY - 1):], (self.generation, pages)]

    def snapshot(self, since: int | None) -> str:
        """The state as a page that last saw generation `since` needs it: which pages changed since then."""
        return json.dumps({"generation": self.generation, "error": self.error, "changed": self._changed_since(since)})

    def _changed_since(self, since: int | None) -> list[str] | None:
        if since is None or not self._history or self._history[0][0] > since + 1:
            return None
        changed: set[str] = set()
        for generation, pages in self._history:
            if generation > since:
                if pages is None:
                    return None
                changed |= pages
        return sorted(changed)


class Rebuilder(FileSystemEventHandler):
    """Debounces file events and runs one rebuild at a time on its own thread."""

    def __init__(self, site: Path, state: BuildState, echo: Callable[[str], None], ignore: list[Path]) -> None:
        self.site, self.state, self.echo, self.ignore = site, state, echo, ignore
        # Folders that do not exist yet (templates/, themes/): each maps to starting a watch on it once made.
        self.late_folders: dict[Path, Callable[[], object]] = {}
        self.pending = threading.Event()
        self.last_event = 0.0
        self.stopped = threading.Event()
        self.building = threading.Lock()  # held for a whole rebuild, so stopping can wait for the commit to finish
        self.edited: set[Path] = set()  # files changed since the last batch was taken
        self.batch = 0  # batches of edits taken so far
        self.build_wanted = threading.Event()
        self.previewed = False  # the batch the next rebuild reads was previewed: let open pages fetch it first
        self.digest: Digest | None = None  # the last good build's, for quick previews

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified" and Path(str(event.src_path)) == self.site:
            return  # the site folder's mtime moves with every build (staging folders beside output/): no loop
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        for path in paths:
            if event.is_directory and path in self.late_folders:
                self.late_folders.pop(path)()  # templates/ or themes/ made after the preview started
                self.last_event = time.monotonic()
                self.pending.set()
        if all(self._ignored(p) for p in paths):
            return
        self.edited.update(p for p in paths if not self._ignored(p))
        self.last_event = time.monotonic()
        self.pending.set()

    def _ignored(self, path: Path) -> bool:
        name = path.name
        if name.startswith((".#", "#")) or name.endswith(_IGNORED_SUFFIXES) or name.startswith(".output"):
            return True
        if path.parent == self.site and name != CONFIG_NAME:
            return True  # only digest.toml matters at the top of the site folder
        return any(path == p or p in path.parents for p in self.ignore)

    def run_forever(self) -> None:
        """Take debounced batches of edits: preview them at once, then have the builder thread rebuild."""
        threading.Thread(target=self._build_forever, daemon=True).start()
        while not self.stopped.is_set():
            if not self.pending.wait(timeout=0.5):
                continue
            while time.monotonic() - self.last_event < DEBOUNCE_SECONDS:
                time.sleep(DEBOUNCE_SECONDS / 2)
            self.pending.clear()
            edited, self.edited = self.edited, set()
            self.batch += 1
            self.previewed = self._preview(edited, self.batch)  # not behind a full rebuild that may be under way
            self.build_wanted.set()

    def _build_forever(self) -> None:
        while not self.stopped.is_set():
            if not self.build_wanted.wait(timeout=0.5):
                continue
            self.build_wanted.clear()
            if self.previewed and self.state.preview_fetched.wait(PREVIEW_FETCH_WAIT_SECONDS):
                time.sleep(PREVIEW_SETTLE_SECONDS)
            with self.building:
                if not self.stopped.is_set():
                    self.rebuild()

    def finish(self, timeout: float = SHUTDOWN_WAIT_SECONDS) -> None:
        """Stop rebuilding; a rebuild under way completes first, so no staging or old-site folder is left behind."""
        self.stopped.set()
        if self.building.acquire(timeout=timeout):
            self.building.release()

    def rebuild(self) -> None:
        """Build the whole site and tell the open pages which of them changed (or what failed)."""
        batch, before = self.batch, self.digest  # edits of this batch and earlier are on disk for this build
        try:
            # Each rebuild leaves the last one's results behind (at 10,000 articles ~4 MB an edit): collected.
            result = build(load_config(self.site), options=BuildOptions(collect_garbage=True))
        except DigestError as exc:
            self.echo(f"Rebuild failed, keeping the last good site: {exc}")
            self.state.publish(str(exc), built_from=batch)
        except Exception as exc:  # a template bug must not kill the preview; show it instead
            log.exception("rebuild crashed")
            self.state.publish(f"{type(exc).__name__}: {exc}", built_from=batch)
        else:
            self.digest = result.digest
            self.echo(f"Rebuilt {len(result.digest.articles)} articles in {result.seconds:.2f} s")
            # Pages that left the site changed too, and only a full listing would name them: reload every page.
            same_pages = before is not None and _slugs(before) == _slugs(result.digest)
            self.state.publish(None, result.changed if same_pages else None, built_from=batch)

    def _preview(self, edited: set[Path], batch: int) -> bool:
        """Pages of edited articles rendered against the last build, when only such articles were edited; whether
        there were any."""
        digest = self.digest
        if not edited or digest is None:
            return False
        started = time.perf_counter()
        try:
            config = load_config(self.site)
            content = config.content_path.resolve()
            if not all(content in p.parents and p.is_file() for p in edited):
                return False  # a template, a setting or a new or deleted file: only the full rebuild can show it
            pages = preview_pages(digest, config, sorted(edited))
        except Exception:  # the full rebuild that follows reports what is wrong with the file
            log.debug("no quick preview", exc_info=True)
            return False
        if pages:
            log.debug("quick preview of %d pages in %.3f s", len(pages), time.perf_counter() - started)
            self.state.preview({rel: html.encode() for rel, html in pages.items()}, batch)
        return bool(pages)


def _slugs(digest: Digest) -> set[str]:
    return {a.slug for a in digest.articles}


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves output/ mounted at the base path, with the reload script injected into HTML."""

    server_version = "digest-serve"

    def __init__(self, *args: object, root: Path, base: str, state: BuildState, **kwargs: object) -> None:
        self.root, self.base, self.state = root, base, state
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        log.debug(format, *args)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = unquote(urlsplit(self.path).path)
        if path == self.base + EVENTS_PATH:
            return self._events()
        if not path.startswith(self.base):
            if path in ("/", self.base.rstrip("/")):
                return self._redirect(self.base)
            return self._not_found()
        for _attempt in range(2):
            self._wait_for_site()
            target = self._resolve(path[len(self.base):])
            if target is None:
                return self._not_found()
            if target.is_dir():
                if not path.endswith("/"):
                    return self._redirect(path + "/")
                target = target / "index.html"
            data = self.state.page(target.relative_to(self.root.resolve()).as_posix()) or self._read(target)
            if data is not None:
                return self._send(target, data)
        # A rebuild swapped the site in, or moved a file in, between the look-up and the read; a second miss is real.
        self._not_found()

    def _wait_for_site(self) -> None:
        """Wait out the instant of a swap when output/ does not exist, rather than answer 404."""
        deadline = time.monotonic() + SWAP_WAIT_SECONDS
        while not self.root.is_dir() and time.monotonic() < deadline:
            time.sleep(0.005)

    @staticmethod
    def _read(target: Path) -> bytes | None:
        try:
            return target.read_bytes() if target.is_file() else None
        except OSError:
            return None

    def _resolve(self, rel: str) -> Path | None:
        root = self.root.resolve()
        try:
            target = (root / rel).resolve()
        except (OSError, ValueError):
            return None
        # Path traversal, encoded or through symlinks, ends here.
        return target if target == root or root in target.parents else None

    def _send(self, target: Path, data: bytes, status: HTTPStatus = HTTPStatus.OK) -> None:
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype == "text/html":
            data = self._inject(data)
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _inject(self, html: bytes) -> bytes:
        script = (_RELOAD_SCRIPT % (json.dumps(self.base), json.dumps(self.base + EVENTS_PATH))).encode()
        index = html.lower().rfind(b"</body>")
        return html[:index] + script + html[index:] if index >= 0 else html + script

    def _not_found(self) -> None:
        page = self.root / "404.html"
        data = self._read(page)
        if data is not None:
            return self._send(page, data, HTTPStatus.NOT_FOUND)
        body = self._inject(b"<!doctype html><title>Not found</title><h1>Not found</h1></body>")
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: tuple[int, str | None] | None = None  # the (generation, error) this page was last told
        try:
            while True:
                with self.state.changed:
                    if seen == (self.state.generation, self.state.error):
                        self.state.changed.wait(timeout=15)
                    now = (self.state.generation, self.state.error)
                    current = self.state.snapshot(seen[0] if seen else None)
                payload = f"event: state\ndata: {current}\n\n" if now != seen else ": keep-alive\n\n"
                self.wfile.write(payload.encode())
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          echo: Callable[[str], None] = print) -> None:
    """Build once, then serve and rebuild on change until interrupted."""
    state = BuildState()
    observer = Observer()
    watched = _watched_folders(config)
    rebuilder = Rebuilder(config.root, state, echo, ignore=[config.output_path, config.cache_path])
    rebuilder.late_folders = {
        folder: partial(observer.schedule, rebuilder, str(folder), recursive=True)
        for folder in (config.templates_path.resolve(), (config.root / "themes").resolve()) if folder not in watched
    }
    rebuilder.rebuild()
    handler = partial(PreviewHandler, root=config.output_path, base=config.base_path, state=state)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    for folder in watched:
        observer.schedule(rebuilder, str(folder), recursive=folder != config.root)
    observer.start()
    threading.Thread(target=rebuilder.run_forever, daemon=True).start()
    url = f"http://{host}:{server.server_address[1]}{config.base_path}"
    echo(f"Serving {config.output_path} at {url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the preview as cleanly as Ctrl-C does
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo("Stopped.")
    finally:
        observer.stop()
        rebuilder.finish()
        server.server_close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _watched_folders(config: Config) -> list[Path]:
    """Content, template overrides, themes, and the site folder itself (for digest.toml, not recursively)."""
    folders = [config.root, config.content_path, config.templates_path, *(t.folder for t in theme_chain(config))]
    unique: list[Path] = []
    for folder in folders:
        folder = folder.resolve()
        if folder.is_dir() and folder not in unique:
            unique.append(folder)
    return unique
