"""`digest --help`, `digest --version` and a build with nothing changed load none of the stages: importing
extraction, grouping and rendering was most of such a build's time (issue 8). Each case runs the command in a
fresh interpreter and lists the modules it loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import ROOT

# The stages behind the nothing-changed shortcut and the libraries they bring (each costs tens to hundreds of ms),
# the libraries of reading a file (the check lists files, reads none), and asyncio (Pagefind's Python API loads it).
HEAVY = ("generator.full_build", "generator.per_article", "generator.clean", "generator.extract", "generator.topics",
         "generator.render", "generator.feeds", "generator.read", "trafilatura", "lxml", "numpy", "scipy", "markdown",
         "feedgen", "jinja2", "yaml", "charset_normalizer", "asyncio")
# Runs the command as `digest` would, then prints the names of the modules loaded.
PROBE = """
import json, sys
from generator.cli import main
try:
    main(sys.argv[1:], prog_name="digest")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by(*args: str) -> list[str]:
    """The HEAVY modules a fresh `digest ARGS` loaded (a package is loaded with any module of it)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    return [name for name in HEAVY if name in modules]


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("build", "--help")])
def test_help_and_version_load_no_stage(args: tuple[str, ...]) -> None:
    assert loaded_by(*args) == []


def test_a_build_with_nothing_changed_loads_no_stage(seed_site: Path) -> None:
    assert CliRunner().invoke(main, ["build", "--site", str(seed_site)]).exit_code == 0
    assert loaded_by("build", "--site", str(seed_site)) == []
    (seed_site / "content" / "new.txt").write_text("A new headline\n\nA story with something to tell.\n")
    assert {"generator.full_build", "generator.extract", "numpy"} <= set(loaded_by("build", "--site", str(seed_site)))


def test_a_build_of_text_and_markdown_does_not_load_the_html_extractor(seed_site: Path) -> None:
    # trafilatura (and urllib3, courlan behind it) only for HTML pages: ~0.25 s of every build and rebuild else
    (seed_site / "content" / "note.md").write_text("# A note\n\nA story with something to tell.\n")
    assert "trafilatura" not in loaded_by("build", "--site", str(seed_site))
    (seed_site / "content" / "page.html").write_text(
        "<html><head><title>A page</title></head><body><article><h1>A page</h1>"
        "<p>A story with something to tell, told at some length so that it is a story.</p></article></body></html>")
    assert "trafilatura" in loaded_by("build", "--site", str(seed_site))
