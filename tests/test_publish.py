"""`digest publish` against real git repositories in tmp_path: a bare "remote" and a clone holding the site."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.config import load_config

from .conftest import BBC_SEED, NYT_SEED

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fixed identity and no user or system git config, so the tests behave the same on every machine."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Digest Test")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def make_site(folder: Path, toml: str = "") -> Path:
    content = folder / "content"
    content.mkdir(parents=True)
    for seed in (NYT_SEED, BBC_SEED):
        shutil.copy(seed, content / seed.name)
    (folder / "digest.toml").write_text(f'title = "Seed Digest"\nsite_url = "https://user.github.io/repo/"\n{toml}')
    (folder / ".gitignore").write_text("output/\n")
    return folder


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True)
    return bare


@pytest.fixture
def clone(tmp_path: Path, remote: Path) -> Path:
    """A clone of `remote` whose main branch holds a site; the site folder is the repository's root."""
    site = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(site)], check=True, capture_output=True)
    make_site(site)
    git(site, "symbolic-ref", "HEAD", "refs/heads/main")
    git(site, "add", ".")
    git(site, "commit", "--quiet", "-m", "The site")
    git(site, "push", "--quiet", "origin", "main")
    return site


def publish(runner: CliRunner, site: Path, *args: str) -> Result:
    return runner.invoke(main, ["publish", "--site", str(site), *args])


def published_files(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", branch).splitlines())


def test_publish_builds_and_pushes_the_site_to_gh_pages(runner: CliRunner, clone: Path, remote: Path) -> None:
    (clone / "notes.txt").write_text("work in progress\n")  # an untracked file, as a user's tree has
    assert runner.invoke(main, ["build", "--site", str(clone)]).exit_code == 0  # what a build itself adds
    status, head = git(clone, "status", "--porcelain"), git(clone, "rev-parse", "HEAD")
    result = publish(runner, clone, "--cname", "user.github.io")
    assert result.exit_code == 0, result.output
    assert "Built 2 articles" in result.output
    (line,) = [l for l in result.output.splitlines() if l.startswith("Published")]
    assert "pushed to origin/gh-pages" in line
    files = published_files(remote)
    assert {"index.html", ".nojekyll", "CNAME", "assets/style.css", "feed.xml"} <= files
    assert not any(f.startswith(("content/", "output/")) or f == "digest.toml" for f in files)
    assert git(remote, "show", "gh-pages:CNAME") == "user.github.io"
    # fast-import wrote the branch: the user's branch, commit, index and working tree are as they were.
    assert git(clone, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(clone, "rev-parse", "HEAD") == head
    assert git(clone, "status", "--porcelain") == status
    assert (clone / "notes.txt").read_text() == "work in progress\n"


def test_second_publish_adds_a_commit_on_top_and_force_replaces_history(
    runner: CliRunner, clone: Path, remote: Path
) -> None:
    assert publish(runner, clone).exit_code == 0
    first = git(remote, "rev-parse", "gh-pages")
    result = publish(runner, clone, "--no-build", "--message", "Second edition")
    assert result.exit_code == 0, result.output
    assert "Built" not in result.output
    assert git(remote, "rev-parse", "gh-pages^") == first
    assert git(remote, "log", "-1", "--format=%s", "gh-pages") == "Second edition"
    assert git(remote, "rev-list", "--count", "gh-pages") == "2"
    result = publish(runner, clone, "--no-build", "--force")
    assert result.exit_code == 0, result.output
    assert git(remote, "rev-list", "--count", "gh-pages") == "1"
    assert "index.html" in published_files(remote)


def test_publish_on_top_of_what_another_machine_published(
    runner: CliRunner, tmp_path: Path, clone: Path, remote: Path
) -> None:
    """A second clone (CI, a colleague) published since this clone last fetched: the new commit goes on top."""
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True, capture_output=True)
    assert publish(runner, other).exit_code == 0
    theirs = git(remote, "rev-parse", "gh-pages")
    result = publish(runner, clone)
    assert result.exit_code == 0, result.output
    assert git(remote, "rev-parse", "gh-pages^") == theirs


def test_cname_from_digest_toml_and_none_by_default(runner: CliRunner, clone: Path, remote: Path) -> None:
    assert publish(runner, clone).exit_code == 0
    assert "CNAME" not in published_files(remote)
    with (clone / "digest.toml").open("a") as toml:
        toml.write('cname = "news.example.org"\n')
    result = publish(runner, clone)
    assert result.exit_code == 0, result.output
    assert git(remote, "show", "gh-pages:CNAME") == "news.example.org"
    # The links were built for user.github.io, so the user is told to change site_url.
    assert "WARNING: cname is news.example.org but site_url's host is user.github.io" in result.output


def test_bad_cname_is_refused_naming_the_key(runner: CliRunner, clone: Path, remote: Path) -> None:
    result = publish(runner, clone, "--cname", "https://news.example.org/")
    assert result.exit_code == 1
    assert "'cname' must be a host name, got 'https://news.example.org/'" in result.output
    assert "gh-pages" not in git(remote, "branch", "--list")


def test_no_push_commits_locally_without_needing_a_remote(runner: CliRunner, tmp_path: Path) -> None:
    site = make_site(tmp_path / "local")
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(site)], check=True)
    assert publish(runner, site, "--no-push").exit_code == 0
    assert "index.html" in published_files(site)
    assert git(site, "symbolic-ref", "--short", "HEAD") == "main"
    result = publish(runner, site)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "no git remote named 'origin'" in result.output


@pytest.mark.parametrize(
    ("args", "prepare", "message"),
    [
        (["--remote", "upstream"], None, "no git remote named 'upstream'"),
        (["--no-build"], None, "output: does not exist; build the site first"),
        (["--no-build"], "empty output", "output: is empty; build the site first"),
        (["--branch", "main"], None, "'main' is the checked-out branch"),
        (["--branch", "bad name"], None, "'bad name' is not a valid git branch name"),
    ],
)
def test_refusals_are_one_line(
    runner: CliRunner, clone: Path, remote: Path, args: list[str], prepare: str | None, message: str
) -> None:
    if prepare == "empty output":
        (clone / "output").mkdir()
    result = publish(runner, clone, *args)
    assert result.exit_code == 1
    assert message in result.output and result.output.count("Error:") == 1
    (error,) = [l for l in result.output.splitlines() if l.startswith("Error:")]
    assert message in error
    assert git(remote, "rev-parse", "main") == git(clone, "rev-parse", "HEAD")  # nothing pushed anywhere
    assert "gh-pages" not in git(remote, "branch", "--list")


def test_refuses_a_site_outside_any_git_repository(runner: CliRunner, seed_site: Path) -> None:
    if subprocess.run(["git", "-C", str(seed_site), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is itself inside a git repository")
    result = publish(runner, seed_site)
    assert result.exit_code == 1
    assert f"Error: {seed_site.resolve()}: not inside a git repository" in result.output


def test_init_writes_a_workflow_with_the_official_pages_actions(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["init", str(tmp_path / "site")]).exit_code == 0
    workflow = (tmp_path / "site" / ".github" / "workflows" / "digest.yml").read_text()
    for step in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert step in workflow, step
    assert "digest build --gc --site-url" in workflow and "path: output" in workflow
    assert "pages: write" in workflow and "id-token: write" in workflow


def test_init_workflow_keeps_the_build_cache_between_runs(runner: CliRunner, tmp_path: Path) -> None:
    """The workflow restores the build cache and the last site (the default cache_dir and output_dir) before the
    build, and saves them under a key that changes with the content, or every run on a fresh runner builds cold."""
    assert runner.invoke(main, ["init", str(tmp_path / "site")]).exit_code == 0
    workflow = yaml.safe_load((tmp_path / "site" / ".github" / "workflows" / "digest.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    build = next(i for i, step in enumerate(steps) if "digest build" in step.get("run", ""))
    cache = uses.index("actions/cache")
    assert cache < build
    config = load_config(tmp_path / "site")
    assert steps[cache]["with"]["path"].split() == [config.cache_dir, config.output_dir]
    assert "hashFiles('content/**'" in steps[cache]["with"]["key"] and steps[cache]["with"]["restore-keys"]


def test_init_workflow_checks_out_the_whole_history(runner: CliRunner, tmp_path: Path) -> None:
    """Undated articles are timed by their files' last commits (generator.file_times): a shallow clone knows only
    the newest commit, which would date every one of them by it."""
    assert runner.invoke(main, ["init", str(tmp_path / "site")]).exit_code == 0
    workflow = yaml.safe_load((tmp_path / "site" / ".github" / "workflows" / "digest.yml").read_text())
    checkout = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("uses", "").startswith(
        "actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
