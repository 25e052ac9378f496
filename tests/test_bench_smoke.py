"""`python bench/evaluate.py --quick` runs every stage evaluation and prints every table row with scores in [0, 1]."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BENCHMARKS, ROOT

ROWS = (
    "digest clean (html)",
    "digest clean (text)",
    "digest clean (text), raw-entity pages",
    "keep-all baseline",
    "all: quote span (Jaccard >= 0.5)",
    "all: exact span",
    "all: gold quotes >= 4 words",
    "all: speaker accuracy (matched)",
    "all: quote+speaker",
    "attributed: quote span (Jaccard >= 0.5)",
    "attributed: quote+speaker",
    "strict extraction",
    "relaxed extraction",
    "value",
    "type",
    "digest summarise (K=3)",
    "Lead-3 baseline",
)
SCORE = re.compile(r"(?<![\w.])-?\d+\.\d+(?![\w.])")


def _scores(line: str) -> list[float]:
    return [float(x) for x in SCORE.findall(line)]


def test_evaluate_quick_prints_every_row_with_scores_in_unit_interval() -> None:
    # One test, one run: under pytest-xdist a shared fixture would run the whole evaluation once per worker.
    benchmarks = Path(os.environ.get("DIGEST_BENCHMARKS", BENCHMARKS))
    if not benchmarks.is_dir():
        pytest.skip(f"benchmark data not found at {benchmarks}")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "evaluate.py"), "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    lines = done.stdout.splitlines()
    problems = []
    for label in ROWS:
        row = next((line for line in lines if re.match(re.escape(label) + r"\s{2,}", line)), None)
        scores = _scores(row) if row else []
        if not scores or not all(0.0 <= s <= 1.0 for s in scores):
            problems.append(row or f"row {label!r} missing")
    stories = next((line for line in lines if line.rstrip().endswith("<- default")), None)
    story_scores = _scores(stories) if stories else []  # threshold, B3 P, R, F1
    if len(story_scores) != 4 or not all(0.0 <= s <= 1.0 for s in story_scores):
        problems.append(stories or "story clustering row missing")
    assert not problems, "\n".join(problems)
    assert re.search(r"all evaluations: \d+\.\d s wall", done.stdout)


MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
needs_corpus = pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason=f"corpus generator not found at {MAKE_CORPUS}")


def _bench(script: str, *args: str, timeout: int = 120) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@needs_corpus
def test_compare_generators_prints_digest_rows(tmp_path: Path) -> None:
    # digest alone: the smoke run installs nothing (Pelican and Hugo come from a throw-away venv in the real run).
    out = _bench("compare_generators.py", "--n", "20", "--repeat", "1", "--generators", "digest", "--formats", "md",
                 "--work", str(tmp_path))
    row = next(line for line in out.splitlines() if line.startswith("digest (md)"))
    cold, no_change, one_change, peak, per_second, html = row.split()[2:]
    assert float(cold) > 0 and float(no_change) > 0 and float(one_change) > 0
    assert float(peak) > 10 and float(per_second) > 0 and int(html) > 20
    assert list(tmp_path.iterdir()) == [], "the work folder is cleaned up"


@needs_corpus
def test_floors_times_each_part_and_adds_them_up() -> None:
    out = _bench("floors.py", "--n", "20", "--runs", "1", "--shard-sizes", "5,10")
    rows = {}
    for line in out.splitlines():
        for label in ("Python-Markdown", "creating output", "Pagefind, every", "imports", "Pagefind, the edited",
                      "sections fitted"):
            if label in line:
                rows[label] = _scores(line)
    assert len(rows) == 6, out
    assert all(wall > 0 and cpu > 0 for wall, cpu in rows.values()), out
    assert "20 pages" in next(line for line in out.splitlines() if "Pagefind, every" in line)
    # The two sums are of the rows above them: the cold parts' CPU, the one change's parts' wall.
    cold_cpu = sum(rows[label][1] for label in ("Python-Markdown", "creating output", "Pagefind, every"))
    change_wall = sum(rows[label][0] for label in ("imports", "Pagefind, the edited", "sections fitted"))
    assert abs(_scores(out.split("\ncold: ")[1])[0] - cold_cpu) < 0.01, out
    assert abs(_scores(out.split("\none change: ")[1])[0] - change_wall) < 0.01, out
    beside = rows["imports"][0] + max(rows["Pagefind, the edited"][0], rows["sections fitted"][0])
    assert abs(_scores(out.split("\none change: ")[1])[1] - beside) < 0.01, out
    shard_rows = [line.split() for line in out.splitlines() if line.split()[:1] in (["5"], ["10"])]
    assert [row[0] for row in shard_rows] == ["5", "10"] and all(float(row[1]) > 0 for row in shard_rows), out


@needs_corpus
def test_rebuild_against_a_revision_prints_both_rows() -> None:
    out = _bench("rebuild_against.py", "--against", "HEAD", "--n", "20", "--rounds", "1")
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith(("this", "HEAD"))}
    assert set(rows) == {"this", "HEAD"}
    for row in rows.values():
        cold, one_change, body_only, no_change, cold_peak, peak = map(float, row[-6:])
        assert cold > 0 and one_change > 0 and body_only > 0 and no_change > 0 and cold_peak > 10 and peak > 10
    for kind in ("one-change", "body-only", "no-change"):
        assert f"{kind}: this checkout / HEAD = " in out


@needs_corpus
def test_profile_build_stages_add_up() -> None:
    out = _bench("profile_build.py", "--n", "20", "--format", "md")
    top = {}  # the unindented rows: stages, not sub-stages
    for line in out.splitlines()[2:]:
        cells = re.split(r"\s{2,}", line)
        if not line.startswith(" ") and not cells[0].startswith("total"):
            top[cells[0]] = float(cells[2].rstrip("%"))
    assert abs(sum(top.values()) - 100) < 1.0, top
    assert top["extract"] > 5 and top["render"] > 5, top


@needs_corpus
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_serve_latency_sees_the_save_in_chromium() -> None:
    out = _bench("serve_latency.py", "--n", "20", "--saves", "1", "--idle", "0.5")
    row = next(line for line in out.splitlines() if line.startswith("save -> visible (page clock)"))
    median = float(row.split()[-4])
    assert 0 < median < 60_000


def _cold_profile():
    spec = importlib.util.spec_from_file_location("cold_profile", ROOT / "bench" / "cold_profile.py")
    assert spec is not None and spec.loader is not None
    cold_profile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cold_profile)
    return cold_profile


def test_cold_profile_gives_each_sample_to_its_innermost_stage_and_process() -> None:
    # py-spy's raw lines as `record --subprocesses -f raw` writes them; py-spy itself is not needed to read them.
    attribute = _cold_profile().attribute

    builder = ('process 10:"python -m generator build";<module> (generator/__main__.py:5);'
               'build (generator/pipeline.py:67)')
    worker = builder + ';process 11:"python -m generator build";_process_chunk (generator/per_article.py:97)'
    raw = [
        f"{worker};extract (generator/extract/__init__.py:40);find_entities (generator/extract/entities.py:369);"
        "find_keywords (generator/extract/keywords.py:264);_tally (generator/extract/keywords.py:170) 7",
        f"{worker};extract (generator/extract/__init__.py:40);find_entities (generator/extract/entities.py:370) 3",
        f"{worker.replace('process 11', 'process 12')};article_body_html (generator/render/article_body.py:26) 5",
        f"{builder};write_site (generator/full_build.py:350);SiteWriter.write (generator/output.py:267) 4",
        f"{builder};_collect (generator/full_build.py:156);_group (generator/full_build.py:70) 2",
        "not a sample line",
    ]
    by_builder, by_worker, workers = attribute(raw)
    assert workers == 2
    assert by_worker == {"extract: keywords": 7, "extract: people, places, organisations": 3, "Markdown -> HTML": 5}
    assert by_builder == {"writing files": 4, "grouping": 2}


def test_cold_profile_makes_the_edits_rebuild_against_times(tmp_path: Path) -> None:
    # The rebuilds it samples follow the edits the side-by-side bench times: a dated sentence, a sentence naming
    # nothing, a sentence in the lead, or nothing at all.
    cold_profile = _cold_profile()
    lead = " ".join(["word"] * 25)
    article = "---\ntitle: T\n---\nShort line.\n\n" + lead + "\n\nLast paragraph.\n"
    made = {}
    for kind in cold_profile.EDITS:
        path = tmp_path / f"{kind}.md"
        path.write_text(article, encoding="utf-8")
        cold_profile.edit(path, kind, 4)
        made[kind] = path.read_text(encoding="utf-8")
    assert made["no-change"] == article
    assert made["one-change"].startswith(article) and "Friday" in made["one-change"] and "4" in made["one-change"]
    assert made["body-only"].startswith(article) and made["body-only"] != made["one-change"]
    assert made["lead-edit"].endswith("\n\nLast paragraph.\n")
    assert f"{lead} The figures were confirmed again, round 4." in made["lead-edit"]
