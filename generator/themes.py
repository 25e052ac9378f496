"""Theme search path: where templates and static files come from, most specific first.

Order of the search path (first match wins):

1. the site's override folder, ``<site>/<templates_dir>`` (``templates/`` unless digest.toml says otherwise);
2. the chosen theme, ``<site>/themes/<theme>/templates``, then its parents: a theme may name one in
   ``<site>/themes/<theme>/theme.toml`` as ``extends = "other"``;
3. the built-in ``default`` theme shipped with digest.

Overriding a whole template: put a file with the same name (``article.html``) in the override folder.

Overriding one block: every theme on the path is also reachable under its name as a prefix, so an override can
extend the original it replaces and change a single block::

    {# templates/article.html #}
    {% extends "default/article.html" %}
    {% block aside %}<p>Corrections: desk@example.org</p>{% endblock %}

Static files live in ``<theme>/static`` and are published under ``assets/``; a theme's file shadows its parent's
file of the same relative path.

The Jinja2 loader over this path is made in generator.render: every build's nothing-changed check reads the theme
chain, and needs no template engine for that.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import ThemeError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)

DEFAULT_THEME = "default"
THEME_FILE = "theme.toml"
ASSETS_DIR = "assets"
# An installed wheel carries the themes inside the package; a source checkout (or editable install) has them in
# the top-level themes/ folder.
_PACKAGED_THEMES = Path(__file__).resolve().parent / "builtin_themes"
BUILTIN_THEMES = _PACKAGED_THEMES if _PACKAGED_THEMES.is_dir() else Path(__file__).resolve().parent.parent / "themes"


@dataclass(frozen=True)
class Theme:
    """One theme folder on the search path."""

    name: str
    folder: Path

    @property
    def templates(self) -> Path:
        return self.folder / "templates"

    @property
    def static(self) -> Path:
        return self.folder / "static"


def _parent_name(theme: Theme) -> str:
    """The theme named by `extends` in theme.toml, or the default theme."""
    path = theme.folder / THEME_FILE
    if not path.is_file():
        return DEFAULT_THEME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path}: not valid TOML: {exc}") from None
    parent = data.get("extends", DEFAULT_THEME)
    if not isinstance(parent, str) or not parent.strip():
        raise ThemeError(f"{path}: 'extends' must be a theme name, got {parent!r}")
    return parent.strip()


def _find_theme(name: str, config: Config) -> Theme:
    """The folder of a site theme; 'default' is always the built-in one."""
    if name == DEFAULT_THEME:
        return Theme(DEFAULT_THEME, BUILTIN_THEMES / DEFAULT_THEME)
    folder = config.root / "themes" / name
    if not (folder / "templates").is_dir():
        looked = [str(folder / "templates"), str(BUILTIN_THEMES)]
        raise ThemeError(f"theme {name!r} not found; looked in {', '.join(looked)}")
    return Theme(name, folder)


def theme_chain(config: Config) -> list[Theme]:
    """The configured theme followed by its parents, ending with the built-in default."""
    chain = [_find_theme(config.theme, config)]
    while chain[-1].name != DEFAULT_THEME:
        parent = _parent_name(chain[-1])
        if parent in {t.name for t in chain}:
            raise ThemeError(f"theme {chain[-1].name!r} extends {parent!r}, which extends it back")
        chain.append(_find_theme(parent, config))
    return chain


def search_path(config: Config) -> list[Path]:
    """Template folders, most specific first: site overrides, the theme and its parents, the default."""
    folders = [t.templates for t in theme_chain(config)]
    if config.templates_path.is_dir():
        folders.insert(0, config.templates_path)
    return folders


def static_files(config: Config) -> list[tuple[Path, str]]:
    """Theme static files as (source path, output path under assets/), a theme's file shadowing its parent's."""
    chosen: dict[str, Path] = {}
    for theme in theme_chain(config):
        if not theme.static.is_dir():
            continue
        for path in sorted(theme.static.rglob("*")):
            rel = path.relative_to(theme.static).as_posix()
            if path.is_file() and not path.name.startswith(".") and rel not in chosen:
                chosen[rel] = path
    return [(path, f"{ASSETS_DIR}/{rel}") for rel, path in sorted(chosen.items())]
