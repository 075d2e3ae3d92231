"""The core never imports Qt: it must run in the CLI, in tests and on a headless server."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import timeline_app

PACKAGE = Path(timeline_app.__file__).parent
QT_FREE = [PACKAGE / "core", PACKAGE / "cli", PACKAGE / "paths.py", PACKAGE / "__init__.py"]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def python_files() -> list[Path]:
    files: list[Path] = []
    for entry in QT_FREE:
        files.extend(sorted(entry.rglob("*.py")) if entry.is_dir() else [entry])
    return files


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_or_cli_module_imports_qt() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] in QT_MODULES
        )
        for path in python_files()
    }
    # The CLI starts the GUI through one lazy import of timeline_app.gui, never Qt itself.
    assert {path: names for path, names in offenders.items() if names} == {}


def test_importing_the_whole_core_and_listing_loads_no_qt() -> None:
    modules = sorted(
        "timeline_app." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in python_files()
        if p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
