"""Shared helpers of the bench/eval_*.py scripts: where the benchmarks live, loading them, printing tables.

The benchmark data sits next to the checkout (`../shared/benchmarks`); set DIGEST_BENCHMARKS to use another copy.
The article texts there are other publishers' copyright: they are read at run time and never stored here.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the checkout's generator, even without `pip install -e .`

from generator.clean import clean  # noqa: E402
from generator.errors import SourceError  # noqa: E402
from generator.models import Block, Source, SourceKind  # noqa: E402


def digest_env(pythonpath: str | None = None) -> dict[str, str]:
    """The environment of a timed digest process (its `generator` first on PYTHONPATH when given): this one without
    PYTHONDONTWRITEBYTECODE, so digest's modules are compiled on the first run and read from __pycache__ after, as
    an installed digest's are. pip compiles what it installs (Pelican, and every library digest imports), whatever
    that variable says; a machine that sets it had each timed run compile digest's ~100 modules again, ~0.1 s."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    return env


def benchmarks_dir() -> Path:
    """The shared benchmarks folder: $DIGEST_BENCHMARKS, else `../shared/benchmarks` beside the checkout."""
    override = os.environ.get("DIGEST_BENCHMARKS")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def load_jsonl(dataset: str, limit: int | None = None, split: str = "dev") -> list[dict[str, Any]]:
    """The first `limit` rows (all when None) of `<benchmarks>/<dataset>/<split>.jsonl`."""
    path = benchmarks_dir() / dataset / f"{split}.jsonl"
    if not path.is_file():
        raise SystemExit(f"benchmark data not found: {path} (set DIGEST_BENCHMARKS to the benchmarks folder)")
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(rows) >= limit:
                break
            if line.strip():
                rows.append(json.loads(line))
    return rows


def read_gz_text(dataset: str, relative: str) -> str:
    """A gzipped UTF-8 file of a benchmark, decoded (bad bytes replaced)."""
    return gzip.decompress((benchmarks_dir() / dataset / relative).read_bytes()).decode("utf-8", "replace")


def load_scorer(name: str) -> ModuleType:
    """Import `<benchmarks>/scorers/<name>.py` by path, so the benchmark's own metric code is what scores."""
    path = benchmarks_dir() / "scorers" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_scorer_{name}", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise SystemExit(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_blocks(text: str, kind: SourceKind, name: str = "doc") -> tuple[Block, ...]:
    """The blocks digest's clean stage makes of `text` read as `kind` (as a build would); () when none remain."""
    suffix = {"text": "txt", "html": "html", "markdown": "md"}[kind]
    try:
        return clean(Source(source_path=f"{name}.{suffix}", kind=kind, text=text, encoding="utf-8")).blocks
    except SourceError:
        return ()


def flexible(needle: str) -> re.Pattern[str]:
    """A pattern for `needle` that lets any run of whitespace stand for any other (clean joins lines with spaces)."""
    return re.compile(r"\s+".join(re.escape(token) for token in needle.split()))


def locate(haystack: str, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of `needle` in haystack[start:end], whitespace-tolerant; None if absent."""
    end = len(haystack) if end is None else end
    at = haystack.find(needle, start, end)
    if at >= 0:
        return at, at + len(needle)
    if not needle.split():
        return None
    match = flexible(needle).search(haystack, start, end)
    return (match.start(), match.end()) if match else None


def locate_blocks(text: str, blocks: Sequence[Block]) -> list[tuple[int, int] | None]:
    """Where each clean block sits in the original text, in reading order (None for a block clean rewrote)."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for block in blocks:
        span = locate(text, block.text, cursor)
        spans.append(span)
        if span:
            cursor = span[1]
    return spans


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Micro precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The command line every eval script shares: --limit N scores only the first N documents."""
    first = (doc or "").strip().splitlines()[0] if doc else None
    ap = argparse.ArgumentParser(description=first)
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents (smoke checks)")
    return ap


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A plain-text table: a title line, a header, one row per (label, values...); floats with 3 decimals."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(str(c)) for c in col) for col in zip(columns, *cells)]
    print(title)
    print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(columns, widths))))
    for row in cells:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print()


def export_revision(revision: str, folder: Path, *paths: str) -> Path:
    """These paths of the checkout (the `generator` package, its `themes`) as they were at a git revision, copied
    under `folder` (returned), to import or run that version beside this one."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, *paths], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder
