"""The domain core imports no GUI, database, PDF or spreadsheet library (style.md, rule 1)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "src" / "windowdesk" / "domain"
FORBIDDEN = ("PySide6", "sqlalchemy", "reportlab", "openpyxl", "alembic")

_PROBE = f"""
import importlib, json, pkgutil, sys
import windowdesk.domain as domain
names = sorted(m.name for m in pkgutil.walk_packages(domain.__path__, "windowdesk.domain."))
for name in names:
    importlib.import_module(name)
forbidden = {FORBIDDEN!r}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
print(json.dumps({{"modules": names, "loaded": loaded}}))
"""


def test_importing_every_domain_module_loads_no_heavy_library():
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    # The probe really imported the whole package (every .py file in the folder).
    expected = {f"windowdesk.domain.{p.stem}" for p in DOMAIN_DIR.glob("*.py") if p.stem != "__init__"}
    assert expected <= set(report["modules"])
    assert report["loaded"] == []


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


def test_no_domain_file_imports_a_heavy_library():
    files = sorted(DOMAIN_DIR.rglob("*.py"))
    assert files
    offenders = {str(p.relative_to(DOMAIN_DIR)): sorted(_imported_roots(p) & set(FORBIDDEN)) for p in files}
    assert {f: libs for f, libs in offenders.items() if libs} == {}
