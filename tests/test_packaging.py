"""A regular install carries every package and the default theme; `python -m generator` works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_for_setuptools() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "generator").rglob("__init__.py")
    }
    assert on_disk <= listed, on_disk - listed


def test_build_ships_the_default_theme_and_skeleton(tmp_path: Path) -> None:
    """What setuptools puts in a wheel, built offline with build_py (the wheel step only zips this tree)."""
    result = subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "--build-lib", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    for required in ("generator/builtin_themes/default/templates/base.html",
                     "generator/builtin_themes/default/static/style.css",
                     "generator/skeleton/workflow.yml", "generator/render/__init__.py",
                     "generator/clean/__init__.py", "generator/extract/__init__.py"):
        assert (tmp_path / required).is_file(), required


def test_python_dash_m_generator() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("digest, version")
