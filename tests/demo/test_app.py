"""The demo app stays apart: production apps never import it, and it never imports the test
suite (``seed_demo`` runs from an installed copy, which does not ship ``tests``)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_APPS = ["hub", "pages", "submissions", "directory", "search"]


def imported_modules(path: Path) -> set[str]:
    """Every absolute module a file imports, at any level of the file."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def importers_of(package: str, folders: list[str]) -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if any(
            module == package or module.startswith(f"{package}.")
            for module in imported_modules(path)
        )
    )


@pytest.mark.parametrize("app", PRODUCTION_APPS)
def test_production_apps_do_not_import_the_demo(app):
    assert importers_of("demo", [app]) == []


def test_the_demo_does_not_import_the_test_suite():
    assert importers_of("tests", ["demo"]) == []
