"""`digest init DIR`: a new site folder with a commented config, an empty content/ and a Pages workflow."""

from __future__ import annotations

from pathlib import Path

from .config import CONFIG_NAME
from .errors import DigestError

SKELETON = Path(__file__).parent / "skeleton"
# Skeleton file -> where it goes in the new site (dot-files are stored without the dot so packaging keeps them).
_FILES = {
    "digest.toml": CONFIG_NAME,
    "gitignore": ".gitignore",
    "workflow.yml": ".github/workflows/digest.yml",
}


def init_site(directory: Path, title: str = "My Digest") -> list[Path]:
    """Create the site folder; refuse to touch one that already has a digest.toml."""
    if (directory / CONFIG_NAME).exists():
        raise DigestError(f"{directory / CONFIG_NAME} already exists; not overwriting an existing site")
    created = []
    for name, target in _FILES.items():
        path = directory / target
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (SKELETON / name).read_text(encoding="utf-8")
        if name == "digest.toml":
            text = text.replace("__TITLE__", title.replace("\\", "\\\\").replace('"', '\\"'))
        path.write_text(text, encoding="utf-8")
        created.append(path)
    content = directory / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / ".gitkeep").touch()
    created.append(content)
    return created
