"""Imports only go downward: leaves -> config -> stages -> pipeline -> serve -> cli; stages never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
LEAVES = {"models", "errors", "text", "urls", "names", "records", "timeline", "vectors", "topic_labels", "section_words",
          "clustering", "neighbours",
          "editions", "feed_rules", "memo", "search_shards", "article_words", "page_bodies",
          "grouping_view", "memory", "shared_strings", "file_times", "frame", "lazy_articles", "buckets"}
STAGES = {"read", "content_files", "clean", "extract", "topics", "sections", "speakers", "pages", "render", "feeds",
          "themes", "output", "search", "cache", "executors", "articles_file"}
# Which of our modules each layer may import.
ALLOWED = {
    "leaf": LEAVES,
    "config": LEAVES,
    "stage": LEAVES | {"config"},
    # The build: the nothing-changed shortcut (pipeline), then every stage in order (full_build) when there is work.
    "pipeline": LEAVES | {"config", "build_options", "last_build", "full_build"} | STAGES,
    "full_build": LEAVES | {"config", "build_options", "last_build", "per_article"} | STAGES,
    "per_article": LEAVES | {"config", "build_options", "last_build"} | STAGES,  # the per-article stage, beside them
    "last_build": LEAVES | {"config"} | STAGES,  # the orchestrator's record of the last build, beside it
    "build_options": LEAVES | {"config", "cache", "executors"},  # how a build runs, kept light for the shortcut
    "serve": LEAVES | {"config", "pipeline", "full_build", "themes"},
    "cli": LEAVES | {"config", "pipeline", "serve", "scaffold", "read", "clean", "extract", "records", "publish",
                     "check"},
    "scaffold": LEAVES | {"config"},
    "publish": LEAVES | {"config"},
    "check": LEAVES | {"config", "full_build", "themes", "search"},
}
# A stage's own helper modules (its constants) belong to it.
OWN_HELPERS = {"render": {"themes"}, "read": {"content_files"}}


def _layer(module: str) -> str:
    top = module.split(".")[0]
    if top in LEAVES:
        return "leaf"
    if top in STAGES:
        return "stage"
    return top


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            rel = path.relative_to(PACKAGE).with_suffix("")
            parts = list(rel.parts[: len(rel.parts) - node.level])
            target = ".".join(parts + ([node.module] if node.module else []))
            found.update([target] if node.module else [".".join(parts + [a.name]) for a in node.names])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module.removeprefix("generator").lstrip("."))
    return {f for f in found if f}


def test_imports_only_go_downward() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        module = ".".join(rel.parts)
        if module in ("__init__", "__main__"):
            continue
        own_top = rel.parts[0]
        layer = _layer(own_top)
        for target in _imports(path):
            top = target.split(".")[0]
            if top.startswith("__") or not top or top == own_top or top in OWN_HELPERS.get(own_top, set()):
                continue
            if top not in ALLOWED.get(layer, set()):
                bad.append(f"{module} imports {target}")
    assert not bad, bad
