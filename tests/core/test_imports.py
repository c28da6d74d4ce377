"""Imports point down: the project package uses the apps, the apps use `core`, and `core`
uses none of them (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ("entities", "sources", "curation", "research")


def imported_packages(package: str) -> set[tuple[str, str]]:
    """(module path, top-level package) of every import in `package`'s modules."""
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {(str(path.relative_to(ROOT)), name.split(".")[0]) for name in names}
    return found


def test_core_imports_none_of_the_apps_nor_the_project():
    above = {*APPS, "newsroom"}
    assert not {(path, name) for path, name in imported_packages("core") if name in above}


@pytest.mark.parametrize("app", APPS)
def test_apps_do_not_import_the_project_package(app):
    assert not {(path, name) for path, name in imported_packages(app) if name == "newsroom"}
