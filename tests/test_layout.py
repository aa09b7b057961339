"""The house's layout rules that a command can check (docs/ARCHITECTURE.md): test modules share helpers only
through tests/support/ and conftest files, and application modules import at module level unless a comment
on the line says why not."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["accounts", "chat", "config", "content", "core", "forum", "moderation", "notify"]


def python_files(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]


def reason_above(lines: list[str], index: int) -> bool:
    """A comment line just above the block of imports (and blank lines) that this import belongs to."""
    index -= 1
    while index >= 0 and (not lines[index].strip() or lines[index].lstrip().startswith(("import ", "from "))):
        index -= 1
    return index >= 0 and lines[index].strip().startswith("#")


def test_no_test_module_imports_from_another_test_module():
    offenders = []
    for path in python_files("tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("tests.") and module.rsplit(".", 1)[-1].startswith("test_"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {module}")
    assert offenders == []


def test_imports_inside_functions_say_why():
    offenders = []
    for path in [*python_files(*PACKAGES), ROOT / "app.py"]:
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    said = "#" in lines[node.lineno - 1] or reason_above(lines, node.lineno - 1)
                    if not said:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert sorted(set(offenders)) == []
