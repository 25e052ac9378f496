"""The `digest` command. The only module that prints or exits; everything else is a library call.

A command imports the modules only it uses inside its own function, so `digest --help`, `digest --version` and a
build with nothing changed load no extraction, grouping or rendering code (tests/test_lazy_imports.py).

Exit codes: 0 ok, 1 build errors (or warnings under --strict), 2 usage errors.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Config, load_config
from .errors import DigestError, SourceError
from .models import Article
from .pipeline import BuildOptions, build
from .records import article_record

log = logging.getLogger("generator")
PROGRESS_THRESHOLD = 50  # show a progress bar from this many articles on


class CountingHandler(logging.Handler):
    """Prints warnings on one line each and counts them, so --strict can fail the build; with `digest --debug`, the
    debug messages too (not counted)."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            click.echo(f"{record.levelname}: {record.getMessage()}", err=True)
            if record.exc_info:
                click.echo(logging.Formatter().formatException(record.exc_info), err=True)
            return
        self.count += 1
        click.secho(f"{record.levelname}: {record.getMessage()}", err=True, fg="yellow")


def _debugging() -> bool:
    """Whether `digest --debug` was given."""
    context = click.get_current_context(silent=True)
    return bool(context is not None and context.find_root().params.get("debug"))


def _install_handler() -> CountingHandler:
    handler = CountingHandler(logging.DEBUG if _debugging() else logging.WARNING)
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if _debugging() else logging.INFO)
    log.propagate = False
    return handler


def _load(site: Path, **overrides: Any) -> Config:
    try:
        return load_config(site, **overrides)
    except DigestError as exc:
        _fail(exc)
        raise  # unreachable, for type checkers


def _fail(exc: DigestError) -> None:
    if _debugging() and sys.exc_info()[0] is not None:
        traceback.print_exc()  # what the one line stands for (a system error escaping a build, say)
    click.secho(f"Error: {exc}", err=True, fg="red")
    sys.exit(1)


site_option = click.option(
    "--site",
    "-s",
    # exists: a mistyped folder is an error, not a new empty site built there
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The site folder (holding digest.toml and content/; `digest init` makes one).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="digest")
@click.option("--debug", is_flag=True, help="Print debug messages, and the traceback behind an error.")
def main(debug: bool) -> None:
    """digest: turn raw news articles into a static news digest with topics, quotes, timelines and feeds."""


@main.command("build")
@site_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--output", "-o", "output_dir", default=None, help="Build into this folder instead of output_dir.")
@click.option("--site-url", default=None, help="Override site_url (e.g. for a preview at another address).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for the per-article work (default: one per CPU; 1 runs inline).")
@click.option("--executor", default="processes", show_default=True,
              help="Where the per-article work runs: inline, processes, or dask://HOST:PORT (a Dask scheduler).")
@click.option("--no-cache", is_flag=True, help="Ignore the build cache (cache_dir) and store nothing in it.")
@click.option("--relative-urls", is_flag=True, help="Relative internal links, to open the site from disk (file://).")
@click.option("--gc", is_flag=True,
              help="Then delete the cache entries this build did not use (older builds', other digest versions').")
def build_command(site: Path, strict: bool, output_dir: str | None, site_url: str | None, jobs: int | None,
                  executor: str, no_cache: bool, relative_urls: bool, gc: bool) -> None:
    """Build the site from content/ into output/."""
    handler = _install_handler()
    try:
        options = BuildOptions(executor=executor, jobs=jobs, use_cache=not no_cache, collect_garbage=gc,
                               shortcut=not gc)
    except DigestError as exc:
        raise click.BadParameter(str(exc), param_hint="--executor") from None
    # An absent flag is None, so the relative_urls of digest.toml holds.
    config = _load(site, output_dir=output_dir, site_url=site_url, relative_urls=relative_urls or None)
    with _progress() as progress:
        try:
            result = build(config, progress, options)
        except DigestError as exc:
            _fail(exc)
            return
        except OSError as exc:  # a full disk, a folder not writable, a file where a folder must go: one line too
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(DigestError(f"cannot build the site: {where}{exc.strerror or exc}"))
            return
    if result.collected is not None:
        files, size = result.collected
        click.echo(f"Deleted {_plural(files, 'cache file')} the build did not use ({size / 2**20:.1f} MB)")
    click.echo(
        f"Built {_plural(result.articles, 'article')}, {_plural(result.topics, 'topic')}, "
        f"{_plural(handler.count, 'warning')} in {result.seconds:.2f} s -> {config.output_path}"
    )
    if strict and handler.count:
        click.secho(f"Error: {_plural(handler.count, 'warning')} with --strict", err=True, fg="red")
        sys.exit(1)


class _progress:
    """A progress bar on stderr for long builds at an interactive terminal; silent otherwise."""

    def __enter__(self) -> Any:
        self.bar: Any = None
        self.interactive = sys.stderr.isatty()  # once: a system call, and `update` runs for every article
        return self.update

    def update(self, done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD or not self.interactive:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Extracting", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@main.command("serve")
@site_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
def serve_command(site: Path, host: str, port: int, open_browser: bool) -> None:
    """Build, serve output/ and rebuild on every change, reloading the browser."""
    from .serve import serve

    _install_handler()
    config = _load(site)
    try:
        serve(config, host=host, port=port, open_browser=open_browser, echo=click.echo)
    except DigestError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(DigestError(f"cannot serve on {host}:{port}: {exc.strerror or exc}"))


@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per article.")
@site_option
def extract_command(files: tuple[Path, ...], as_json: bool, site: Path) -> None:
    """Show what digest extracts from FILES (one record per article)."""
    _install_handler()
    config = _load(site)
    records: list[dict[str, Any]] = []
    failed = False
    for path in files:
        try:
            article = _extract_one(path, config)
        except SourceError as exc:
            click.secho(f"Error: {exc}", err=True, fg="red")
            failed = True
            continue
        records.append(article_record(article))
        if not as_json:
            click.echo(_describe(article))
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


def _extract_one(path: Path, config: Config) -> Article:
    if not path.is_file():
        raise SourceError(str(path), "no such file")
    from .clean import clean
    from .extract import extract
    from .read import read_source

    base = Path.cwd() if path.resolve().is_relative_to(Path.cwd()) else path.resolve().parent
    return extract(clean(read_source(path.resolve(), base)), config)


def _describe(article: Article) -> str:
    """A readable summary of one extraction."""
    head = f"{article.title}{'  (generated headline)' if article.title_generated else ''}"
    lines = [head, "=" * min(len(head), 78), f"file:      {article.source_path}"]
    for label, value in (("source", article.source), ("author", article.author), ("dateline", article.dateline)):
        if value:
            lines.append(f"{label + ':':<10} {value}")
    if article.published:
        lines.append(f"published: {article.published} ({article.published_basis})")
    lines += ["", "Summary:"] + [f"  {s}" for s in article.summary]
    if article.quotes:
        lines += ["", "Quotes (* = key):"]
        for q in article.quotes:
            who = q.speaker or "unattributed"
            role = f", {q.speaker_role}" if q.speaker_role else ""
            lines.append(f"  {'*' if q.key else ' '} “{q.text}” — {who}{role}")
    if article.dates:
        lines += ["", "Dates:"] + [f"  {d.value:<12} {d.text}" for d in article.dates]
    for label, values in (("People", article.people), ("Places", article.places),
                          ("Organisations", article.organizations), ("Keywords", article.keywords)):
        if values:
            lines.append(f"{label}: {', '.join(values)}")
    return "\n".join(lines) + "\n"


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="My Digest", show_default=True, help="The new site's title.")
def init_command(directory: Path, title: str) -> None:
    """Create a new site folder: digest.toml, content/ and a GitHub Pages workflow."""
    from .scaffold import init_site

    try:
        created = init_site(directory, title=title)
    except DigestError as exc:
        _fail(exc)
        return
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"\nNext: put articles in {directory / 'content'} and run: digest build --site {directory}")


@main.command("publish")
@site_option
@click.option("--remote", default="origin", show_default=True, help="The git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="The branch GitHub Pages serves.")
@click.option("--message", "-m", default="Publish the digest", show_default=True, help="The commit message.")
@click.option("--cname", default=None, help="Custom domain to write to CNAME (instead of cname in digest.toml).")
@click.option("--push/--no-push", default=True, help="Push the branch, or only commit it (--no-push).  [default: push]")
@click.option("--build/--no-build", "build_first", default=True, help="Build first.  [default: build]")
@click.option("--force", is_flag=True, help="Replace the branch's history with one new commit (force push).")
def publish_command(site: Path, remote: str, branch: str, message: str, cname: str | None, push: bool,
                    build_first: bool, force: bool) -> None:
    """Commit output/ to the gh-pages branch and push it; the working tree and current branch are not touched."""
    from .publish import PublishOptions, check_ready, publish

    handler = _install_handler()
    config = _load(site, cname=cname)
    options = PublishOptions(remote, branch, message, push, force)
    try:
        check_ready(config, options)  # refuse before a build that could not be published anyway
        if build_first:
            result = build(config)
            click.echo(f"Built {_plural(result.articles, 'article')}, "
                       f"{_plural(handler.count, 'warning')} -> {config.output_path}")
        done = publish(config, options)
    except DigestError as exc:
        _fail(exc)
        return
    where = f"pushed to {remote}/{branch}" if done.pushed else f"committed to the local {branch} branch, not pushed"
    click.echo(f"Published {_plural(done.files, 'file')}: {where} ({done.commit[:12]})")


@main.command("check")
@site_option
def check_command(site: Path) -> None:
    """Build in memory and report broken links, invalid feeds, misquotes, untitled pages and clashing slugs."""
    from .check import check_site

    _install_handler()
    config = _load(site)
    try:
        report = check_site(config)
    except DigestError as exc:
        _fail(exc)
        return
    for finding in report.findings:
        click.echo(str(finding))
    counts = f"{_plural(report.pages, 'page')}, {_plural(report.feeds, 'feed')}"
    if report.findings:
        click.secho(f"Error: {_plural(len(report.findings), 'problem')} in {counts}", err=True, fg="red")
        sys.exit(1)
    click.echo(f"No problems in {counts}")


def run() -> None:
    """The console command (`digest`, `python -m generator`): `main`, then out of the process without taking the
    interpreter down object by object. A rebuild of 10,000 articles ends holding ~300 MB of objects (the Digest,
    the page memo, the cards), and freeing them one by one at exit took 1.5 s of a 10 s one-change rebuild
    (measured side by side). Every command has finished its work when `main` returns: the build's writer, worker
    pool and indexer are closed, files written and closed; only the standard streams are left to flush.
    Tests call `main` through click's runner and never reach this."""
    try:
        main(prog_name="digest")  # standalone: always ends in SystemExit
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as the interpreter does for sys.exit("message")
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    run()
