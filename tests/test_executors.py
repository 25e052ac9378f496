"""Where the per-article stage runs: inline, a local process pool, a Dask cluster. Every executor builds the same
site, in the same order, with problems reported once by the parent and progress for every article."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from generator import executors
from generator.cli import main
from generator.config import load_config
from generator.errors import BuildError
from generator.executors import Executor, open_executor
from generator.per_article import INLINE_BELOW
from generator.pipeline import BuildOptions, build

from .conftest import ROOT
from .test_cache import FURNITURE_ONLY, assert_not_rewritten, assert_same_tree, cache_entries

MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
ARTICLES = INLINE_BELOW + 8  # enough misses that the pool really starts
DASK_ARTICLES = 8  # Dask is used whatever the count


@pytest.fixture(scope="session")
def pool_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pool-corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(out), "--n", str(ARTICLES), "--seed", "5",
                    "--format", "raw"], check=True, stdout=subprocess.DEVNULL)
    return out


@pytest.fixture
def site(tmp_path: Path, pool_corpus: Path) -> Path:
    """Synthetic articles, one with no story (a problem found by a worker) and one empty (found by the parent)."""
    shutil.copytree(pool_corpus, tmp_path / "site" / "content")
    (tmp_path / "site" / "content" / "no-story.md").write_text(FURNITURE_ONLY, encoding="utf-8")
    (tmp_path / "site" / "content" / "empty.txt").write_text("  \n", encoding="utf-8")
    return tmp_path / "site"


def run_build(site: Path, output: str, *flags: str) -> str:
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--output", output, "--no-cache", *flags])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_process_pool_builds_the_same_site_as_inline_and_reports_problems_once(site: Path) -> None:
    inline = run_build(site, "inline", "--executor", "inline")
    pooled = run_build(site, "pooled", "--executor", "processes", "--jobs", "2")
    assert_same_tree(site / "inline", site / "pooled")
    for output in (inline, pooled):
        assert output.count("no-story.md: no article text found") == 1, output
        assert output.count("empty.txt: empty file") == 1, output
        assert f"Built {ARTICLES} articles" in output


def test_progress_counts_every_article_once_in_order(site: Path) -> None:
    calls: list[tuple[int, int]] = []
    config = load_config(site)
    result = build(config, lambda done, total: calls.append((done, total)),
                   BuildOptions(executor="processes", jobs=2, use_cache=False))
    total = ARTICLES + 2
    assert calls == [(n, total) for n in range(1, total + 1)]
    paths = [a.source_path for a in sorted(result.digest.articles, key=lambda a: a.source_path)]
    assert paths == sorted(p.name for p in (site / "content").iterdir() if p.suffix == ".txt" and p.name != "empty.txt")


@pytest.mark.parametrize("spec", ["threads", "dask://", "dask://host:notaport", "tcp://host:8786"])
def test_an_unknown_executor_is_a_usage_error_naming_the_accepted_forms(site: Path, spec: str) -> None:
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--executor", spec])
    assert result.exit_code == 2
    assert "--executor" in result.output and "inline, processes, dask://HOST:PORT" in result.output


def test_an_unreachable_scheduler_fails_with_one_line(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install 'digest[test]')")
    monkeypatch.setattr(executors, "CONNECT_SECONDS", 1)
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--executor", "dask://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output and not (site / "output").exists()


def test_a_stream_keeps_order_and_takes_items_only_a_few_chunks_ahead_of_its_results() -> None:
    """The build reads each source as the executor takes it: the bound here is what keeps the decoded sources of a
    whole collection out of memory."""
    taken: list[int] = []
    chunks: list[list[int]] = []
    advanced: list[int] = []

    def items() -> Iterator[int]:
        for n in range(1000):
            taken.append(n)
            yield n

    def task(chunk: list[int]) -> list[int]:
        chunks.append(chunk)
        return [x * 2 for x in chunk]

    executor = Executor()
    ahead = 0
    for n, (item, result) in enumerate(executor.map_stream(task, items(), advanced.append, expected=1000)):
        assert (item, result) == (n, 2 * n)
        ahead = max(ahead, len(taken) - n)
    assert max(map(len, chunks)) == executors.MAX_CHUNK and sum(advanced) == 1000
    assert ahead <= executors.TASKS_PER_WORKER * executors.MAX_CHUNK
    assert list(executor.map_stream(task, iter([]), advanced.append, expected=0)) == []


def test_a_pool_of_one_job_runs_inline() -> None:
    with open_executor("processes", 1) as executor:
        assert executor.name == "inline"
    with pytest.raises(BuildError):
        open_executor("nonsense", 2)


def test_a_local_dask_cluster_builds_the_same_site_and_fills_the_shared_cache(site: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install "
                                                            "'digest[test]')")
    for extra in sorted((site / "content").glob("*.txt"))[DASK_ARTICLES:]:  # a small site keeps the test quick
        extra.unlink()
    run_build(site, "inline", "--executor", "inline")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        flags = ("--site", str(site), "--executor", address)
        first = CliRunner().invoke(main, ["build", *flags, "--output", "dask"])
        assert first.exit_code == 0, first.output
        assert first.output.count("no-story.md: no article text found") == 1
        entries = cache_entries(site)  # written by the workers into the site's cache folder
        assert len(entries) >= DASK_ARTICLES
        again = CliRunner().invoke(main, ["build", *flags, "--output", "dask-again"])
        assert again.exit_code == 0, again.output
        assert_not_rewritten(site, entries)  # all hits: nothing recomputed
    assert_same_tree(site / "inline", site / "dask")
    assert_same_tree(site / "inline", site / "dask-again")
