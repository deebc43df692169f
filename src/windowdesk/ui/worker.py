"""Long work off the GUI thread: a Task runs one service call in Qt's thread pool, reports, can be cancelled."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside the work by the progress callback once 取消 was pressed; the service rolls back."""


class Task(QObject):
    """`work(progress)` runs on a pool thread; `progress(value)` emits `progress` (whatever the service
    reports) and raises Cancelled once `cancel()` was called: how a service taking a progress callback is
    stopped between its steps.

    Signals are emitted from the pool thread: connected to a widget's methods they are queued to the GUI
    thread, so a page only ever touches its widgets there. Exactly one of `succeeded(result)` and
    `failed(exception)` is emitted, then `done()`. While tasks may run, the window keeps
    garbage collection on the GUI thread (collector.py): a collection on the pool thread could destroy widgets.
    """

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, work: Callable[[Callable[[int], None]], Any]):
        # No parent: the pool thread may still emit after the page that started it is gone.
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self._finished = threading.Event()

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runner(self))

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return not self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has ended (for closing the window, and for tests)."""
        return self._finished.wait(timeout)

    def report(self, value: object) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progress.emit(value)

    def _run(self) -> None:
        try:
            result = self._work(self.report)
        except BaseException as exc:  # noqa: BLE001 (every failure goes to the page, none is lost in the pool)
            self._finished.set()
            self.failed.emit(exc)
        else:
            self._finished.set()
            self.succeeded.emit(result)
        self.done.emit()


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task  # holds the task while it runs

    def run(self) -> None:
        self._task._run()
