"""A Task ends on the GUI thread: its signals reach the page there, and its QObject is destroyed there."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt

from windowdesk.ui.worker import Cancelled, Task


class Page(QObject):
    """What a page does with its task: keeps it while it runs, lets it go on `done`."""

    def __init__(self, on_done=lambda: None):
        super().__init__()
        self.task: Task | None = None
        self.got: list[tuple[str, object]] = []
        self._on_done = on_done

    def started(self, task: Task) -> None:
        self.task = task
        task.progress.connect(lambda value: self.got.append(("progress", value)))
        task.succeeded.connect(lambda value: self.got.append(("succeeded", value)))
        task.failed.connect(lambda exc: self.got.append(("failed", type(exc).__name__)))
        task.done.connect(self.done)

    def done(self) -> None:
        self.got.append(("done", threading.current_thread().name))
        self.task = None
        self._on_done()


def test_a_task_reports_ends_and_is_destroyed_on_the_gui_thread_even_if_the_page_lets_go_first(qtbot):
    page_let_go = threading.Event()
    page = Page(on_done=page_let_go.set)
    destroyed_in: list[str] = []

    def linger() -> None:
        """On the pool thread, right after `done`: the page lets its task go while the pool thread holds it."""
        page_let_go.wait(5)
        time.sleep(0.05)

    task = Task(lambda progress: progress(1) or progress(2) or "result")
    task.destroyed.connect(lambda *_: destroyed_in.append(threading.current_thread().name),
                           Qt.ConnectionType.DirectConnection)
    page.started(task)
    task.done.connect(linger, Qt.ConnectionType.DirectConnection)
    task.start()
    del task
    qtbot.waitUntil(lambda: bool(destroyed_in), timeout=10_000)
    assert page.got == [("progress", 1), ("progress", 2), ("succeeded", "result"), ("done", "MainThread")]
    assert destroyed_in == ["MainThread"]  # a QObject destroyed off its thread can crash Qt


def test_cancel_stops_the_work_at_its_next_report_and_fails_with_cancelled(qtbot):
    page = Page()
    reported = threading.Event()
    go_on = threading.Event()

    def work(progress):
        progress("first")
        reported.set()
        go_on.wait(5)
        progress("second")  # raises Cancelled
        return "never"

    task = Task(work)
    page.started(task)
    task.start()
    assert reported.wait(5)
    task.cancel()
    go_on.set()
    assert task.wait(5)
    qtbot.waitUntil(lambda: page.task is None, timeout=5_000)
    assert page.got == [("progress", "first"), ("failed", Cancelled.__name__), ("done", "MainThread")]
