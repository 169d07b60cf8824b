"""The layers: nothing outside trainer_desktop/ui imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "trainer_desktop"


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module":
            names = [a.value for a in node.args if isinstance(a, ast.Constant)]
        else:
            continue
        found += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {n}" for n in names
                  if str(n).split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}]  # fmt: skip
    return found


def test_no_qt_import_outside_the_ui_package():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if PACKAGE / "ui" in path.parents:
            continue
        offenders += qt_imports(path)
    assert offenders == []


def test_the_scan_sees_a_qt_import(tmp_path):
    # The rule above must be able to fail.
    sample = PACKAGE / "core" / "_probe_for_test.py"
    try:
        sample.write_text("from PySide6.QtCore import QObject\n")
        assert qt_imports(sample)
    finally:
        sample.unlink()


def test_core_cli_and_reports_run_without_loading_qt():
    code = (
        "import sys, pkgutil, importlib, trainer_desktop\n"
        "for m in pkgutil.walk_packages(trainer_desktop.__path__, 'trainer_desktop.'):\n"
        "    if not m.name.startswith('trainer_desktop.ui') and 'migrations' not in m.name and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "from trainer_desktop.cli.main import build_parser; build_parser()\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
