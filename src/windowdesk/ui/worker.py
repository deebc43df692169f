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
    `failed(exception)` is emitted, then `done()`.

    Qt objects must be destroyed on the GUI thread: the task itself is dropped there (_Keeper), and while
    tasks may run the window keeps garbage collection there too (collector.py).
    """

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, work: Callable[[Callable[[int], None]], Any]):
        # No parent: the pool thread may still emit after the page that started it is gone; the keeper
        # holds the task until then.
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self._finished = threading.Event()

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runner(self, _keeper()))

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


class _Keeper(QObject):
    """Holds each started task on the GUI thread until its pool thread has let go of it, then drops it there.

    Otherwise, when the page lets its task go first (on `done`), the pool thread's reference is the last one
    and the task's QObject is destroyed on the pool thread, which Qt does not allow (it can crash)."""

    _let_go = Signal(object)  # the key: id() does not fit a C int

    def __init__(self):
        super().__init__()
        self._tasks: dict[int, Task] = {}
        self._let_go.connect(self._drop)  # emitted on pool threads: queued to this object's, the GUI thread

    def keep(self, task: Task) -> int:
        self._tasks[id(task)] = task
        return id(task)

    def let_go(self, key: int) -> None:
        self._let_go.emit(key)

    def _drop(self, key: int) -> None:
        del self._tasks[key]


_the_keeper: _Keeper | None = None


def _keeper() -> _Keeper:
    """The one keeper, made by the first start() (on the GUI thread, where tasks are started)."""
    global _the_keeper
    if _the_keeper is None:
        _the_keeper = _Keeper()
    return _the_keeper


class _Runner(QRunnable):
    def __init__(self, task: Task, keeper: _Keeper):
        super().__init__()
        self._task: Task | None = task
        self._keeper = keeper
        self._key = keeper.keep(task)

    def run(self) -> None:
        task, self._task = self._task, None
        task._run()
        del task  # this thread's last reference: only now may the GUI thread drop the task
        self._keeper.let_go(self._key)
