"""Reliability: a build killed at any point loses nothing, and bad inputs give a page or a one-line warning."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.config import load_config
from generator.content_files import discover
from generator.errors import SourceError
from generator.output import SiteWriter, recover
from generator.read import read_source

from .conftest import site_records

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
KILLS = 5


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under folder ({} when a swap moved it away meanwhile)."""
    try:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()
        }
    except OSError:
        return {}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith(".output."))


def dead_pid() -> int:
    """The id of a process that has just exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def run_build(site: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )


def test_recover_drops_dead_builds_and_keeps_live_ones(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "index.html").parent.mkdir(parents=True)
    (output / "index.html").write_text("current")
    dead = tmp_path / f".output.building-{dead_pid()}-abc"
    live = tmp_path / f".output.building-{os.getpid()}-def"
    other = tmp_path / f".other.building-{dead_pid()}-xyz"  # another output folder's build: not ours
    for folder in (dead, live, other):
        (folder / "half.html").parent.mkdir(parents=True)
        (folder / "half.html").write_text("partial")
    recover(output)
    assert not dead.exists() and live.exists() and other.exists()
    assert (output / "index.html").read_text() == "current"


def test_recover_restores_site_lost_between_the_two_renames(tmp_path: Path) -> None:
    output = tmp_path / "output"
    old = tmp_path / f".output.old-{dead_pid()}-abc"
    (old / "site").mkdir(parents=True)
    (old / "site" / "index.html").write_text("previous")
    staging = tmp_path / f".output.building-{dead_pid()}-abc"
    staging.mkdir()
    writer = SiteWriter(output)  # a new build recovers before it stages
    assert (output / "index.html").read_text() == "previous"
    writer.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_rebuild_that_finds_nothing_changed_still_clears_what_dead_builds_left(tmp_path: Path) -> None:
    """A build killed while it deleted the site it had just replaced leaves that folder beside output/, and the next
    build may find nothing else to do: it takes its shortcut, and clears the folder all the same."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "nyt.txt").write_bytes((ROOT / "seeds" / "000_427a53e85ff3b537.txt").read_bytes())
    pipeline.build(load_config(site))
    built = snapshot(site / "output")
    half_deleted = site / f".output.old-{dead_pid()}-abc" / "site" / "articles"
    half_deleted.mkdir(parents=True)
    (half_deleted / "index.html").write_text("the site before")
    assert pipeline.build(load_config(site)).files_written == 0  # the shortcut
    assert leftovers(site) == [] and snapshot(site / "output") == built


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("killsite")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(site / "content"), "--n", "150",
                    "--seed", "7", "--format", "raw"], check=True, stdout=subprocess.DEVNULL)
    return site


@pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason="needs ../shared/bench/make_corpus.py")
def test_killed_builds_leave_the_old_site_or_the_new_one(big_site: Path) -> None:
    started = time.monotonic()
    assert run_build(big_site).wait() == 0
    full_build = time.monotonic() - started
    old = snapshot(big_site / "output")
    # New content, so the old and the new site differ: one article gone, one changed.
    articles = sorted((big_site / "content").glob("*.txt"))
    articles[0].unlink()
    articles[1].write_text(articles[1].read_text() + "\nA late paragraph added to the story.\n")
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    states = []
    for attempt in range(KILLS):
        build = run_build(big_site)
        time.sleep(rng.uniform(0.2, 1.05) * full_build)
        build.send_signal(signal.SIGKILL if attempt % 2 else signal.SIGINT)
        build.wait()
        # A kill in the milliseconds an in-place update moves its files leaves its journal, which the next build
        # finishes (output.recover): the only mixed state allowed
        journaled = any((folder / ".digest-commit").is_file() for folder in big_site.glob(".output.building-*"))
        states.append((snapshot(big_site / "output"), journaled))
    assert run_build(big_site).wait() == 0
    new = snapshot(big_site / "output")
    assert new != old
    for attempt, (state, journaled) in enumerate(states):
        assert state in (old, new) or journaled, f"kill {attempt} (seed {seed}) left a mixed or partial site"
    assert leftovers(big_site) == [], f"seed {seed}"


# --- Bad inputs through a real build -------------------------------------------------------------------------

BODY = ("GENEVA \u2014 The minister said on Tuesday that the talks would resume. \u201cWe will not give up,\u201d "
        "said Anna Berg, the chief negotiator. Officials expect a deal by March.")
TITLES = ["../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "CON", "nul", "Ｐａｓｓｗｏｒｄ",
          "ʟᴏᴏᴋ ᴀʟɪᴋᴇ", "x" * 1000, "Same title", "Same title", "!!!", "..", "\ufffe", "\u200b\x07\x1b[0m"]
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def write_bad_inputs(content: Path, outside: Path) -> None:
    """One file per hostile input; each must give a page or a one-line warning."""
    (content / "utf16.txt").write_bytes(("Utf sixteen headline\n\n" + BODY).encode("utf-16"))
    (content / "smart.txt").write_bytes(("Smart quotes headline\n\n" + BODY).encode("cp1252"))
    (content / "nosentences.txt").write_text("alpha beta gamma delta")
    (content / "controls.txt").write_text(f"Terminal \x1b[0;31mcolours\x1b[0m\x07 headline\n\n{BODY}\x08\x0c\n{BODY}")
    (content / "unterminated.txt").write_text(
        "Unterminated headline\n\n" + BODY + "\n\nLater the minister said: \u201cWe will never give up, and this "
        "sentence runs on to the end of the article without a closing mark. More here.\n")
    (content / "badyaml.md").write_text("---\ntitle: [unclosed\n---\nBody text here. More text.\n")
    (content / "feb31.md").write_text("---\ntitle: Thirty-one February\ndate: 2021-02-31\n---\n" + BODY)
    (content / "loop1.txt").symlink_to("loop2.txt")
    (content / "loop2.txt").symlink_to("loop1.txt")
    (content / "sub").mkdir()
    (content / "sub" / "up").symlink_to("..", target_is_directory=True)
    outside.write_text("Secret headline\n\nThe outside file must never be published. It says so twice.")
    (content / "leak.txt").symlink_to(outside)
    (content / "oneline.txt").write_text("Long line " + "word " * 200_000)
    (content / "nested.html").write_text(
        "<html><head><title>Nested page</title></head><body>" + "<div>" * 5000
        + f"<p>{BODY}</p>" + "</div>" * 5000 + "</body></html>")
    for n, title in enumerate(TITLES):
        (content / f"title{n:02d}.md").write_text(f"---\ntitle: {json.dumps(title)}\n---\n{BODY}\n")


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, dict]]:
    site = tmp_path_factory.mktemp("badsite")
    (site / "content").mkdir()
    write_bad_inputs(site / "content", site.parent / f"{site.name}-outside.txt")
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    records = site_records(site / "output")
    return site, result.output, {r["source_path"]: r for r in records}


def warning_for(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"WARNING: {name}: ")]


@pytest.mark.parametrize("name, reason", [
    ("badyaml.md", "front matter is not valid YAML"),
    ("loop1.txt", "symlink loop"),
    ("sub/up", "symlink loop"),
    ("leak.txt", "outside the content folder"),
    ("feb31.md", "2021-02-31 is not a real date"),
])
def test_bad_input_gives_one_line_warning(bad_build: tuple[Path, str, dict], name: str, reason: str) -> None:
    _site, output, _records = bad_build
    lines = warning_for(output, name)
    assert len(lines) == 1 and reason in lines[0], output


@pytest.mark.parametrize("name", ["utf16.txt", "smart.txt", "unterminated.txt", "feb31.md", "controls.txt"])
def test_odd_encodings_and_text_give_correct_pages(bad_build: tuple[Path, str, dict], name: str) -> None:
    site, _output, records = bad_build
    record = records[name]
    assert "\u201cWe will not give up" in record["body_markdown"]
    text = record["title"] + record["body_markdown"]
    assert "\ufffd" not in text and "Ã" not in text and not re.search(r"[\x00-\x08\x0b-\x1f]", text)
    assert record["published"] is None or date.fromisoformat(record["published"][:10])
    assert (site / "output" / "articles" / record["slug"] / "index.html").is_file()


@pytest.mark.parametrize("name", ["nosentences.txt", "oneline.txt", "nested.html"])
def test_degenerate_input_gives_page_or_warning(bad_build: tuple[Path, str, dict], name: str) -> None:
    _site, output, records = bad_build
    assert (name in records) != bool(warning_for(output, name)), output


def test_deeply_nested_html_still_gives_its_story(bad_build: tuple[Path, str, dict]) -> None:
    """trafilatura gives up on 5,000 nested divs; the visible-text fallback still finds the story."""
    _site, _output, records = bad_build
    page = records["nested.html"]
    assert page["title"] == "Nested page"
    assert "We will not give up," in page["body_markdown"]
    assert [q["speaker"] for q in page["quotes"]] == ["Anna Berg"]


def test_feeds_parse_back(bad_build: tuple[Path, str, dict]) -> None:
    site, _output, _records = bad_build
    for feed in [*(site / "output").rglob("feed.xml"), *(site / "output").rglob("atom.xml")]:
        ET.parse(feed)


def test_nothing_outside_content_is_published(bad_build: tuple[Path, str, dict]) -> None:
    site, _output, _records = bad_build
    # The build writes output/ and its cache folder, nothing else; the cache holds extractions, never a page.
    assert sorted(p.name for p in site.iterdir()) == [".digest-cache", "content", "output"]
    assert not any("never be published" in p.read_text(errors="replace")
                   for p in (site / "output").rglob("*") if p.is_file())


def test_hostile_titles_get_distinct_safe_paths(bad_build: tuple[Path, str, dict]) -> None:
    site, _output, records = bad_build
    slugs = [records[f"title{n:02d}.md"]["slug"] for n in range(len(TITLES))]
    assert len(set(slugs)) == len(slugs)
    output = (site / "output").resolve()
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 100, slug
        assert (output / "articles" / slug).resolve().parent == output / "articles"


def test_hostile_titles_avoid_windows_reserved_names(bad_build: tuple[Path, str, dict]) -> None:
    _site, _output, records = bad_build
    slugs = [records[f"title{n:02d}.md"]["slug"] for n in range(len(TITLES))]
    assert not RESERVED & {slug.split(".")[0] for slug in slugs}


# --- Files that vanish or change while the build reads them ---------------------------------------------------

def test_file_deleted_after_discovery_is_a_warning(seed_site: Path, monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    doomed = seed_site / "content" / "doomed.txt"
    doomed.write_text("Doomed headline\n\n" + BODY)

    def discover_then_delete(root: Path) -> list[Path]:
        found = discover(root)
        doomed.unlink()  # the file goes after the build listed it and before it reads it
        return found

    monkeypatch.setattr(pipeline, "discover", discover_then_delete)
    result = pipeline.build(load_config(seed_site))
    assert len(result.digest.articles) == 2
    assert [str(p) for p in result.digest.problems] == ["doomed.txt: file vanished while the build was reading it"]


def test_file_changing_while_read_is_retried_then_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\n" + BODY)
    real_stat = os.stat
    changes = iter([1])  # one write lands during the first read, then the file holds still

    def stat_after_write(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if next(changes, None) is None:
            return result
        fields = list(result)
        fields[6] += 1  # st_size: a writer appended while we read
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", stat_after_write)
    assert "We will not give up" in read_source(story, tmp_path).text
    changes = iter(int, 1)  # the file never holds still
    with pytest.raises(SourceError, match="kept changing while the build was reading it"):
        read_source(story, tmp_path)


# --- digest serve under a storm of edits ----------------------------------------------------------------------

def start_serve(site: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--site", str(site), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    for line in proc.stdout:
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        if match:
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep the pipe drained
            return proc, int(match[1])
    raise AssertionError("serve did not start")


def fetch_whole_pages(port: int, paths: list[str], stop: threading.Event, cut_short: list[str]) -> None:
    """Fetch pages until told to stop, noting any HTML page that arrives incomplete."""
    while not stop.is_set():
        for path in paths:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            conn.close()
            if len(body) != int(response.getheader("Content-Length", "-1")) or not body.rstrip().endswith(b"</html>"):
                cut_short.append(f"{path} {response.status} {body[-60:]!r}")


def test_serve_storm_settles_on_final_content_and_never_serves_half_a_page(seed_site: Path, tmp_path: Path) -> None:
    content = seed_site / "content"
    story = content / "003_8c01498c710a7303.txt"
    proc, port = start_serve(seed_site)
    stop, cut_short = threading.Event(), []
    reader = threading.Thread(target=fetch_whole_pages, args=(port, ["/repo/", "/repo/404-missing"], stop, cut_short))
    reader.start()
    try:
        for n in range(60):
            if n % 15 == 14:
                time.sleep(0.4)  # a quiet gap past the debounce: the next edits land mid-rebuild
            new = content / f"copy-{n % 5}.txt"
            if n % 3 == 0 and new.exists():
                new.rename(content / f"moved-{n}.txt")
            else:
                new.write_text(story.read_text().replace("Beijing", f"Beijing {n}"))
            for moved in sorted(content.glob("moved-*.txt"))[:-2]:
                moved.unlink()
            time.sleep(0.02)
        result = CliRunner().invoke(main, ["build", "--site", str(seed_site), "-o", str(tmp_path / "reference")])
        assert result.exit_code == 0, result.output
        expected = snapshot(tmp_path / "reference")
        deadline = time.monotonic() + 60
        while snapshot(seed_site / "output") != expected and time.monotonic() < deadline:
            time.sleep(0.2)
        assert snapshot(seed_site / "output") == expected
    finally:
        stop.set()
        reader.join(timeout=15)
        proc.terminate()
        proc.wait(timeout=10)
    assert cut_short == []
    assert leftovers(seed_site) == []
