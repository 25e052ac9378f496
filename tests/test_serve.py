"""`digest serve` as a real process: base-path mount, live reload events, failed rebuilds keep the last good site."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

EVENTS = "/repo/__digest__/events"


@pytest.fixture
def server(seed_site: Path) -> Iterator[tuple[int, Path]]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--site", str(seed_site), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    port = None
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/repo/", line)
        if match:
            port = int(match.group(1))
            break
        if not line and proc.poll() is not None:
            break
    assert port, "serve did not start"
    try:
        yield port, seed_site
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, str, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    return response.status, body, dict(response.getheaders())


class EventStream:
    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.conn.request("GET", EVENTS)
        self.response = self.conn.getresponse()
        assert self.response.status == 200

    def next_state(self) -> dict[str, object]:
        while True:
            line = self.response.readline().decode()
            if line.startswith("data: "):
                return json.loads(line[6:])


def test_serves_under_base_path_with_injected_reload(server: tuple[int, Path]) -> None:
    port, site = server
    status, body, _ = get(port, "/repo/")
    assert status == 200 and "EventSource" in body and EVENTS in body
    assert "EventSource" not in (site / "output" / "index.html").read_text(), "never written into output/"
    status, _, headers = get(port, "/")
    assert status == 302 and headers["Location"] == "/repo/"
    for evil in ("/repo/../digest.toml", "/repo/%2e%2e/digest.toml", "/repo/..%2fdigest.toml"):
        assert get(port, evil)[0] == 404, evil


def test_edit_rebuilds_and_broken_template_keeps_last_good_site(server: tuple[int, Path]) -> None:
    port, site = server
    events = EventStream(port)
    first = events.next_state()
    assert first["error"] is None
    article = site / "content" / "003_8c01498c710a7303.txt"
    article.write_text(article.read_text().replace("N Korea and US in diplomacy push", "Envoys meet in Beijing"))
    second = events.next_state()
    while second["changed"] is not None and "index.html" not in second["changed"]:  # the quick preview first
        second = events.next_state()
    assert second["error"] is None and second["generation"] != first["generation"]
    status, body, _ = get(port, "/repo/")
    assert status == 200 and "Envoys meet in Beijing" in body

    templates = site / "templates"
    templates.mkdir()
    (templates / "base.html").write_text("{% block broken %}")
    broken = events.next_state()
    assert broken["error"] and "base.html" in str(broken["error"])
    status, body, _ = get(port, "/repo/")
    assert status == 200 and "Envoys meet in Beijing" in body, "the last good site is still served"

    (templates / "base.html").unlink()
    fixed = events.next_state()
    assert fixed["error"] is None and fixed["generation"] != second["generation"]


def test_an_edited_article_is_previewed_first_then_the_full_rebuild_names_the_pages_it_changed(
        server: tuple[int, Path]) -> None:
    port, site = server
    events = EventStream(port)
    events.next_state()
    page = "articles/us-and-north-korean-officials-agree-they-narrowed-differences/index.html"
    assert get(port, "/repo/" + page.removesuffix("index.html"))[0] == 200
    article = site / "content" / "000_427a53e85ff3b537.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA closing line added by the editor.\n",
                       encoding="utf-8")
    quick = events.next_state()
    assert quick["error"] is None and quick["changed"] == [page], "only the edited article's page, at once"
    assert "closing line added by the editor" in get(port, "/repo/" + page.removesuffix("index.html"))[1]
    full = events.next_state()
    assert full["generation"] == quick["generation"] + 1 and page in full["changed"]
    assert "index.html" not in full["changed"], "the home page lists the summary, which this line did not change"
    assert "closing line added by the editor" in (site / "output" / page).read_text(encoding="utf-8")


def test_rebuilds_leave_no_old_results_in_the_cache(server: tuple[int, Path]) -> None:
    """Each rebuild collects what the one before it left: an edited article's old result and text, the grouping,
    token run and records it replaced. Without it the cache grows by every save."""
    port, site = server
    events = EventStream(port)
    events.next_state()
    cache = site / ".digest-cache"
    before = {p.name for p in cache.rglob("*") if p.is_file()}
    article = site / "content" / "000_427a53e85ff3b537.txt"
    for n in range(2):
        article.write_text(article.read_text(encoding="utf-8") + f"\nEditor's line number {n}.\n", encoding="utf-8")
        events.next_state()  # the quick preview of the article's page
        assert events.next_state()["error"] is None  # the full rebuild
    after = {p.name for p in cache.rglob("*") if p.is_file()}
    assert len(after) == len(before) and len(before - after) >= 4, (sorted(before - after), sorted(after - before))


def test_a_preview_the_build_replaces_counts_as_changed_even_when_the_build_wrote_the_same_bytes() -> None:
    from generator.serve import BuildState

    state = BuildState()
    state.publish(None, frozenset())  # the first build
    page = "articles/a/index.html"
    state.preview({page: b"<p>edited</p>"}, batch=1)
    assert state.page(page) == b"<p>edited</p>"
    state.publish("template error", built_from=1)  # a failed build keeps the preview beside the last good site
    assert state.page(page) == b"<p>edited</p>"
    state.publish(None, frozenset(), built_from=1)  # the edit was reverted: the build wrote nothing new
    assert state.page(page) is None
    assert json.loads(state.snapshot(2))["changed"] == [page], "the open page must reload to drop the preview"
    state.preview({page: b"<p>later</p>"}, batch=3)
    state.publish(None, frozenset(), built_from=2)  # a build that started before batch 3 keeps its preview
    assert state.page(page) == b"<p>later</p>"


def test_the_full_rebuild_after_a_preview_knows_when_an_open_page_fetched_it() -> None:
    """The rebuild waits (briefly) for an open page to fetch the quick preview, so the page does not load beside a
    rebuild holding the interpreter: a preview page served marks it fetched, any other page does not, and the
    next preview starts unfetched."""
    from generator.serve import BuildState

    state = BuildState()
    state.publish(None, frozenset())
    state.preview({"articles/a/index.html": b"<p>edited</p>"}, batch=1)
    assert not state.preview_fetched.is_set()
    assert state.page("index.html") is None and not state.preview_fetched.is_set()  # served from disk
    assert state.page("articles/a/index.html") == b"<p>edited</p>" and state.preview_fetched.is_set()
    state.preview({"articles/b/index.html": b"<p>again</p>"}, batch=2)
    assert not state.preview_fetched.is_set()
