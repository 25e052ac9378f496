"""Undated articles are timed by their files' last commits in a git work tree (`generator.file_times`): a checkout that
gives every file a new time moves no article and changes no feed date; a file edited since its commit keeps its own
time; outside git, file times stand."""

from __future__ import annotations

import calendar
import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.file_times import committed_times

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

COMMITTED = {"older.txt": 1_500_000_000, "newer.txt": 1_600_000_000}  # committer times, POSIX seconds
CHECKOUT = 1_800_000_000  # every file's time after a fresh checkout


def undated(subject: str, speaker: str) -> str:
    return (f"Council debates the {subject}\n\nThe city council debated plans for the {subject} after a long campaign "
            f"by residents, who say the town has waited for it for years.\n\n"
            f'"We need the {subject} for the families who live here," said {speaker}, the leader of the council.\n\n'
            f'Opponents said the money would be better spent on the roads. "The potholes come first," one said.\n')


def git(folder: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = f"@{when} +0000"
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site in a git repository: two undated articles committed at known times, then checked out (new times)."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "digest.toml").write_text('title = "Times"\nsite_url = "https://t.example/"\n', encoding="utf-8")
    git(site, "init", "-q")
    for (name, when), (subject, speaker) in zip(COMMITTED.items(), [("bridge", "Ann Lee"), ("library", "Tom Hale")]):
        (site / "content" / name).write_text(undated(subject, speaker), encoding="utf-8")
        git(site, "add", "-A")
        git(site, "commit", "-q", "-m", name, when=when)
    git(site, "commit", "-q", "--allow-empty", "-m", "a later commit touching no article", when=1_700_000_000)
    for path in (site / "content").iterdir():
        os.utime(path, (CHECKOUT, CHECKOUT))
    return site


def feed_times(site: Path) -> dict[str, int]:
    """Each feed entry's title word ("bridge", "library") -> its published time."""
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    entries = feedparser.parse((site / "output" / "atom.xml").read_bytes()).entries
    return {entry.title.split()[-1]: calendar.timegm(entry.published_parsed) for entry in entries}


def test_undated_articles_take_their_last_commit_time_not_the_checkout_time(site: Path) -> None:
    assert feed_times(site) == {"bridge": COMMITTED["older.txt"], "library": COMMITTED["newer.txt"]}


def test_an_article_edited_since_its_commit_keeps_its_file_time(site: Path) -> None:
    edited = site / "content" / "older.txt"
    edited.write_text(undated("bridge", "Ann Lee") + "\nThe vote is next week.\n", encoding="utf-8")
    os.utime(edited, (1_900_000_000, 1_900_000_000))
    assert feed_times(site) == {"bridge": 1_900_000_000, "library": COMMITTED["newer.txt"]}


def test_files_git_does_not_track_keep_their_file_times(site: Path) -> None:
    shutil.rmtree(site / ".git")
    assert feed_times(site) == {"bridge": CHECKOUT, "library": CHECKOUT}
    (site / "content" / "new.txt").write_text(undated("market", "Joe Bell"), encoding="utf-8")
    git(site, "init", "-q")  # a repository with no commit yet
    assert committed_times(site / "content", {"older.txt", "new.txt"}) == {}


def test_only_the_files_asked_about_are_looked_up(site: Path) -> None:
    (site / "content" / "sub dir").mkdir()
    (site / "content" / "sub dir" / "third é.txt").write_text(undated("park", "Ann Lee"), encoding="utf-8")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "third", when=1_650_000_000)
    asked = {"older.txt", "sub dir/third é.txt", "missing.txt"}
    found = committed_times(site / "content", asked)
    assert found == {"older.txt": 1_500_000_000, "sub dir/third é.txt": 1_650_000_000}
    assert committed_times(site / "content", set()) == {}


def test_a_shallow_clone_dates_by_its_oldest_commit_and_says_so(site: Path, tmp_path: Path) -> None:
    """actions/checkout fetches one commit by default: every file then looks added in it. The articles take that
    commit's time (the same on every rebuild of it, never the checkout's), and the build warns how to fix it."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", site.resolve().as_uri(), str(clone))
    result = CliRunner().invoke(main, ["build", "--site", str(clone)])
    assert result.exit_code == 0, result.output
    assert "2 undated articles (newer.txt, older.txt) dated by the oldest commit of a shallow git clone" in result.output
    assert "fetch-depth: 0" in result.output
    entries = feedparser.parse((clone / "output" / "atom.xml").read_bytes()).entries
    assert {calendar.timegm(entry.published_parsed) for entry in entries} == {1_700_000_000}
    # the whole history: no warning, each article its own time
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0 and "shallow git clone" not in result.output


def test_the_history_is_walked_once_per_commit_checked_out(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`digest serve` rebuilds in one process: the history is read again only once HEAD moves."""
    import generator.file_times

    walks: list[set[str]] = []
    walk = generator.file_times._last_commits
    monkeypatch.setattr(generator.file_times, "_last_commits", lambda *args: walks.append(args[1]) or walk(*args))
    content = site / "content"
    for _ in range(3):
        assert committed_times(content, {"older.txt", "newer.txt"}) == COMMITTED
    assert len(walks) == 1
    (content / "older.txt").write_text(undated("bridge", "Ann Lee") + "\nThe vote is next week.\n", encoding="utf-8")
    assert committed_times(content, {"older.txt", "newer.txt"}) == {"newer.txt": COMMITTED["newer.txt"]}
    git(site, "commit", "-q", "-am", "edit", when=1_750_000_000)
    assert committed_times(content, {"older.txt", "newer.txt"}) == {**COMMITTED, "older.txt": 1_750_000_000}
    assert len(walks) == 3  # the edited file asked about no more, then a new commit
