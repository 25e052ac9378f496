"""`digest publish`: put the built site on the gh-pages branch of the site's git repository, with ghp-import.

ghp-import writes the branch with `git fast-import` straight into the object database, so the working tree, the
index and the checked-out branch stay as they were; a new commit goes on top of the branch as the remote has it
(fetched first), and the push is a plain fast-forward unless `force` asks for a rewrite.
"""

from __future__ import annotations

import logging
import os
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from ghp_import import GhpError, ghp_import

from .config import Config
from .errors import DigestError

log = logging.getLogger(__name__)

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}


class PublishError(DigestError):
    """The site cannot be published: no repository, no remote, nothing built, or git refused."""


@dataclass(frozen=True)
class PublishOptions:
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str = "Publish the digest"
    push: bool = True
    force: bool = False  # replace the branch's history with one new commit (a force push), for a small branch


@dataclass(frozen=True)
class Published:
    repository: Path
    branch: str
    commit: str
    files: int
    pushed: bool


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise PublishError("git is not installed (publishing needs the git command)") from None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else "no message from git"


def count_files(folder: Path) -> int:
    """Files under folder, 0 when it is missing."""
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def _repository(config: Config) -> Path:
    found = _git(config.root, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise PublishError(f"{config.root}: not inside a git repository (publish from a clone of the site's repository)")
    return Path(found.stdout.strip())


def _check_branch(repo: Path, options: PublishOptions) -> None:
    if _git(repo, "check-ref-format", "--branch", options.branch).returncode != 0:
        raise PublishError(f"'{options.branch}' is not a valid git branch name")
    current = _git(repo, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    if current == options.branch:
        # Moving the checked-out branch under the user's feet would leave the working tree out of step with it.
        raise PublishError(f"{repo}: '{options.branch}' is the checked-out branch; switch to your main branch first")


def _check_remote(repo: Path, options: PublishOptions) -> None:
    if _git(repo, "remote", "get-url", options.remote).returncode != 0:
        raise PublishError(f"{repo}: no git remote named '{options.remote}' (add one, pass --remote, or use --no-push)")


def _fetch(repo: Path, options: PublishOptions) -> None:
    """Bring the remote's branch into refs/remotes/, so the new commit goes on top of what is published."""
    ref = f"refs/heads/{options.branch}"
    if _git(repo, "ls-remote", "--exit-code", "--heads", options.remote, ref).returncode == 2:
        return  # first publish: the remote has no such branch yet
    fetched = _git(repo, "fetch", "--quiet", options.remote, f"+{ref}:refs/remotes/{options.remote}/{options.branch}")
    if fetched.returncode != 0:
        raise PublishError(f"cannot fetch '{options.branch}' from '{options.remote}': {_last_line(fetched.stderr)}")


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    # ghp-import runs git in the current directory and takes no repository argument.
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _warn_about_urls(config: Config, cname: str) -> None:
    host = urlsplit(config.site_url).hostname or ""
    if host in LOCAL_HOSTS:
        log.warning("site_url is %s, the local preview address: the published feeds and canonical links point there",
                    config.site_url)
    elif cname and host != cname.lower():
        log.warning("cname is %s but site_url's host is %s: set site_url to https://%s/", cname, host, cname)


def check_ready(config: Config, options: PublishOptions) -> Path:
    """The repository to publish into, after refusing what would fail or harm it; cheap, so run it before a build."""
    repo = _repository(config)
    _check_branch(repo, options)
    if options.push:
        _check_remote(repo, options)
    return repo


def publish(config: Config, options: PublishOptions) -> Published:
    """Commit config.output_path to options.branch (with .nojekyll and CNAME) and push it unless told not to."""
    repo = check_ready(config, options)
    output = config.output_path
    files = count_files(output)
    if not files:
        state = "is empty" if output.is_dir() else "does not exist"
        raise PublishError(f"{output}: {state}; build the site first (digest build, or drop --no-build)")
    _warn_about_urls(config, config.cname)
    if options.push:
        _fetch(repo, options)
    before = _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{options.branch}").stdout.strip()
    try:
        with _working_directory(repo):
            ghp_import(str(output), remote=options.remote, branch=options.branch, mesg=options.message,
                       push=options.push, no_history=options.force, nojekyll=True, cname=config.cname or None)
    except GhpError as exc:
        raise PublishError(f"{repo}: {exc.message}") from None
    except BrokenPipeError:  # fast-import stopped reading: it said why on stderr
        raise PublishError(f"{repo}: git fast-import failed (git's message is above)") from None
    except subprocess.CalledProcessError:
        raise PublishError(f"git push {options.remote} {options.branch} failed (git's message is above); "
                           f"the commit is on the local '{options.branch}' branch") from None
    after = _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{options.branch}").stdout.strip()
    if not after or after == before:
        raise PublishError(f"{repo}: git fast-import did not write the '{options.branch}' branch")
    return Published(repo, options.branch, after, files, options.push)
