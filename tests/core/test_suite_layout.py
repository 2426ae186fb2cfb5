"""The suite's own layout: a folder per app, and test modules that never import each other
(they share through conftest.py, tests/factories.py and helper modules such as
tests/e2e/steps.py)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
APPS = TESTS.parent / "organizing"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
            names |= (
                {alias.name for alias in node.names} if node.level and not node.module else set()
            )
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def test_no_test_module_imports_another():
    offenders = {
        str(path.relative_to(TESTS)): sorted(
            name for name in _imported_modules(path) if name.rsplit(".", 1)[-1].startswith("test_")
        )
        for path in TESTS.rglob("test_*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_every_app_has_its_test_folder():
    apps = {path.parent.name for path in APPS.glob("*/apps.py")}
    assert apps - {path.name for path in TESTS.iterdir() if path.is_dir()} == set()
