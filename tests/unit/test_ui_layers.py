"""The window's one way in: no module under ui/ imports the store or opens a session (ui/ops calls services)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "src" / "windowdesk" / "ui"


def _imports(tree: ast.AST, module: Path) -> list[str]:
    """Absolute names of everything the module imports (relative imports resolved against its package)."""
    package = ["windowdesk", *module.relative_to(UI.parent).parent.parts]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            names += [name] + [f"{name}.{alias.name}" for alias in node.names]
    return names


def test_no_module_of_the_window_imports_the_store():
    offenders = []
    for module in sorted(UI.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        offenders += [f"{module.relative_to(UI)}: {name}" for name in _imports(tree, module)
                      if name == "windowdesk.store" or name.startswith("windowdesk.store.")
                      or name in ("sqlalchemy",) or name.startswith("sqlalchemy.")]
    assert offenders == []


def test_no_module_of_the_window_opens_a_session():
    offenders = []
    for module in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("reading", "transaction", "session"):
                offenders.append(f"{module.relative_to(UI)}:{node.lineno}: .{node.attr}")
    assert offenders == []


def test_the_check_sees_a_relative_import_of_the_store():
    module = UI / "pages" / "example.py"
    tree = ast.parse("from ...store.unit_of_work import Store\nfrom .. import ops\n")
    assert "windowdesk.store.unit_of_work" in _imports(tree, module)
    assert "windowdesk.ui.ops" in _imports(tree, module)
