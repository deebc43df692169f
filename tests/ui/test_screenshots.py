"""scripts/screenshots.py renders the README's pictures: every one the README embeds, the pages at 1366x768."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def test_the_script_renders_every_picture_the_readme_shows(tmp_path):
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "scripts" / "screenshots.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main(["--out", str(tmp_path)]) == 0
    embedded = re.findall(r"\]\(docs/screenshots/([\w-]+\.png)\)", (REPO / "README.md").read_text(encoding="utf-8"))
    assert len(embedded) == 8 and sorted(p.name for p in tmp_path.glob("*.png")) == sorted(embedded)
    for name in embedded:
        assert (REPO / "docs" / "screenshots" / name).is_file()  # committed
    for name in ("settlement.png", "receipts.png", "person.png", "reports.png", "settings.png", "users.png"):
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1366, 768), name
