"""Integration fixtures: a real temporary SQLite built by Alembic (see windowkit), users of each role."""

from __future__ import annotations

import pytest
from windowkit import Window, make_window


@pytest.fixture
def window(tmp_path) -> Window:
    w = make_window(tmp_path)
    yield w
    w.store.engine.dispose()
