"""UI tests: pytest-qt on the offscreen platform, each test with a window database of its own."""

from __future__ import annotations

import gc
import os

# Before anything imports Qt: no display on the build machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("WINDOWDESK_LANG", None)  # the tests choose the language themselves

import pytest
from windowkit import Window, make_window

from pytestqt.qtbot import QtBot

from windowdesk.ui.app import prepare
from windowdesk.ui.collector import GuiThreadCollector
from uikit import answered, waits

# What a clerk does with the keyboard and the mouse: after each, the test waits for the window's answer
# (the ops it started run on pool threads and call back on this one), as the clerk would.
_ACTS = ("keyClick", "keyClicks", "keyPress", "keySequence", "mouseClick", "mouseDClick")


@pytest.fixture(scope="session", autouse=True)
def _chinese_app(qapp):
    """The application as the window starts it: the shipped font, zh_CN."""
    prepare(qapp)


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp):
    """As in the window: no garbage collection on the pool threads the pages start (a collection there can
    destroy a previous test's widgets off their thread); what the test left in cycles goes here."""
    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()
    gc.collect()


@pytest.fixture(autouse=True)
def _clerk_waits_for_the_window(monkeypatch):
    for name in _ACTS:
        act = getattr(QtBot, name)

        def waiting(*args, _act=act, **kwargs):
            result = _act(*args, **kwargs)
            if waits():
                answered()
            return result
        monkeypatch.setattr(QtBot, name, staticmethod(waiting))
    yield
    answered()  # nothing of this test calls back into the next one


@pytest.fixture
def window(tmp_path) -> Window:
    w = make_window(tmp_path)
    yield w
    w.store.engine.dispose()
