"""Garbage collection stays on the GUI thread while the window's work runs on pool threads."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from windowdesk.ui import app as ui_app
from windowdesk.ui.collector import GuiThreadCollector
from windowdesk.ui.login_dialog import LoginDialog
from windowdesk.ui.worker import Task


class Cycle:
    """A thing only the cyclic collector can free."""

    def __init__(self):
        self.me = self


def cyclic_garbage(count: int) -> weakref.ref:
    """Make `count` cycles, dropped at once; returns a weak reference to the last one."""
    last = None
    for _ in range(count):
        last = Cycle()
    return weakref.ref(last)


@pytest.fixture
def collections():
    """The names of the threads the collections of the test ran in."""
    threads: list[str] = []

    def record(phase, info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(record)
    yield threads
    gc.callbacks.remove(record)


@pytest.fixture
def automatic_collection():
    """The interpreter's own collection, as outside the window (the UI tests run with a collector started).
    Nothing of Qt is left for a pool thread to collect: that is what would crash."""
    was = gc.isenabled()
    gc.collect()
    gc.enable()
    yield
    if not was:
        gc.disable()


def run(qtbot, work) -> Task:
    task = Task(work)
    task.start()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    return task


def test_without_the_collector_a_pool_thread_collects(qtbot, collections, automatic_collection):
    # Why the collector exists: the interpreter collects wherever the threshold is crossed.
    run(qtbot, lambda progress: cyclic_garbage(20_000))
    assert any(name != "MainThread" for name in collections)


def test_with_the_collector_only_the_gui_thread_collects_and_frees_the_pool_threads_cycles(
        qtbot, collections, automatic_collection):
    collector = GuiThreadCollector(interval_ms=20)
    collector.start()
    try:
        assert not gc.isenabled()
        made: list[weakref.ref] = []
        run(qtbot, lambda progress: made.append(cyclic_garbage(20_000)))
        # Freed by a collection on the timer. A tick during the work may have moved the last cycle to an older
        # generation: garbage made here meanwhile brings the older generations' turns.
        qtbot.waitUntil(lambda: cyclic_garbage(1_000) and made[0]() is None, timeout=20_000)
        assert collections and set(collections) == {"MainThread"}
    finally:
        collector.stop()
    assert gc.isenabled()  # as it was before


def test_nested_collectors_leave_collection_off_until_the_outer_one_stops(automatic_collection):
    outer, inner = GuiThreadCollector(), GuiThreadCollector()
    outer.start()
    inner.start()
    inner.stop()
    assert not gc.isenabled() and outer.running
    outer.stop()
    assert gc.isenabled()


def test_collect_due_collects_only_past_the_threshold(automatic_collection):
    thresholds = gc.get_threshold()
    gc.collect()
    gc.disable()
    try:
        gc.set_threshold(1_000, 10, 10)
        assert GuiThreadCollector.collect_due() is None
        keep = [[] for _ in range(2_000)]  # containers: counted in generation 0
        assert GuiThreadCollector.collect_due() == 0
        assert gc.get_count()[0] < 1_000 and gc.get_count()[1] == 1
        del keep
    finally:
        gc.set_threshold(*thresholds)


def test_the_window_collects_on_its_thread_while_its_event_loop_runs(monkeypatch, window, automatic_collection):
    seen: list[object] = []

    def running(app) -> int:
        return sum(c.running for c in app.findChildren(GuiThreadCollector))

    def fake_loop(app) -> int:
        seen.extend([running(app), gc.isenabled()])
        for widget in app.topLevelWidgets():
            widget.close()
        return 0

    def fake_exec(dialog: LoginDialog) -> int:
        dialog.actor = window.clerk
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    monkeypatch.setattr(ui_app, "run_event_loop", fake_loop)
    assert ui_app.main(window.path) == 0
    assert seen == [1, False]
    assert gc.isenabled() and running(QApplication.instance()) == 0
