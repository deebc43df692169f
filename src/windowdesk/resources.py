"""Where the shipped resources (policy presets, fonts, translations) live: checkout, install or bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """`WINDOWDESK_RESOURCES` if set; the bundle's copy in a PyInstaller build; else the checkout's."""
    override = os.environ.get("WINDOWDESK_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
