"""E2E fixtures: the installed `windowdesk` console script, run as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WINDOWDESK = Path(sys.executable).parent / ("windowdesk.exe" if os.name == "nt" else "windowdesk")


@pytest.fixture
def run_cli(tmp_path):
    """`run_cli(*args, input=None)` -> CompletedProcess (text, captured), run in a temporary folder."""
    assert WINDOWDESK.exists(), f"console script not found next to {sys.executable}"
    env = {**os.environ, "WINDOWDESK_DB": str(tmp_path / "windowdesk.sqlite")}
    env.pop("WINDOWDESK_DEBUG", None)

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(WINDOWDESK), *map(str, args)], input=input, capture_output=True, text=True,
                              encoding="utf-8", env=env, cwd=tmp_path, timeout=60)

    return run
