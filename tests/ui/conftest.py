"""UI tests: pytest-qt on the offscreen platform, each test with a window database of its own."""

from __future__ import annotations

import os

# Before anything imports Qt: no display on the build machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("WINDOWDESK_LANG", None)  # the tests choose the language themselves

import pytest
from windowkit import Window, make_window

from windowdesk.ui.app import prepare


@pytest.fixture(scope="session", autouse=True)
def _chinese_app(qapp):
    """The application as the window starts it: the shipped font, zh_CN."""
    prepare(qapp)


@pytest.fixture
def window(tmp_path) -> Window:
    w = make_window(tmp_path)
    yield w
    w.store.engine.dispose()
