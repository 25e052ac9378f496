"""Shared fixtures: site folders built from the seed articles and hand-written cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NYT_SEED = SEEDS / "000_427a53e85ff3b537.txt"
BBC_SEED = SEEDS / "003_8c01498c710a7303.txt"
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"


def site_records(output: Path) -> list[dict]:
    """Every article record a built site publishes, as a reader finds them: output/articles.json lists the parts,
    each a JSON list of records. Checks the listing against the parts on the way (counts and slugs)."""
    index = json.loads((output / "articles.json").read_text(encoding="utf-8"))
    records = []
    for part in index["parts"]:
        held = json.loads((output / part["url"]).read_text(encoding="utf-8"))
        assert [r["slug"] for r in held] == part["slugs"] and len(held) == part["count"] > 0, part["url"]
        records += held
    assert len(records) == index["count"]
    return records


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed_site(tmp_path: Path) -> Path:
    """A site folder whose content/ holds the two seed articles, configured for a GitHub Pages sub-path."""
    content = tmp_path / "content"
    content.mkdir()
    for seed in (NYT_SEED, BBC_SEED):
        shutil.copy(seed, content / seed.name)
    (tmp_path / "digest.toml").write_text(
        'title = "Seed Digest"\nsite_url = "https://user.github.io/repo/"\n', encoding="utf-8"
    )
    return tmp_path
