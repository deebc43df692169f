"""The one way in from widgets to services: QueryOp (reads) and CollectionOp (use cases that write) run over
one task manager, off the GUI thread, and hand `success`/`failure` back on it (Anki's aqt/operations pattern).

A page builds an op from a thin function of ui/ops/ (which calls one service), says what to do with the
result and with a failure, and runs it:

    ops.settlement.trial(desk, id_number=..., visit=...).success(self._show_trial).failure(self._failed).run(self)

The work gets the desk's store and actor; the page never sees the store. Exactly one of success and failure is
called, on the GUI thread, and neither once the page that ran the op is gone (its widgets would be).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QObject, Signal

from ..services.auth import Actor
from .worker import Cancelled, Task

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Desk:
    """What the window works against: the open store (opaque to pages: only ui/ops hands it to services)
    and who is signed in."""

    store: Any
    actor: Actor


class _Relay(QObject):
    """Lives on the GUI thread; the task's signals, emitted on a pool thread, reach its methods queued."""

    def __init__(self, op: _Op, parent_widget: QObject | None, finished: Callable[[], None]):
        super().__init__()
        self._op = op
        self._parent = parent_widget
        self._finished = finished

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def progress(self, value: object) -> None:
        if self._op._on_progress is not None and self._alive():
            self._op._on_progress(value)

    def succeeded(self, result: object) -> None:
        if self._alive() and self._op._on_success is not None:
            self._op._on_success(result)
        if self._op.changes:
            tasks().changed.emit(self._op.changes)

    def failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        if self._op._on_failure is None:
            log.error("an op failed with nobody to tell: %s", type(exc).__name__)
            return
        self._op._on_failure(exc)

    def done(self) -> None:
        self._finished()


class TaskManager(QObject):
    """Every op of the window runs here: one place that knows what is running, for closing and for tests.

    `changed(kinds)` is emitted on the GUI thread after a CollectionOp succeeded (e.g. {"settlements"}): a
    page showing such records refreshes."""

    changed = Signal(object)
    idle_changed = Signal(bool)

    def __init__(self):
        super().__init__()
        self._running: dict[int, tuple[Task, _Relay]] = {}

    def run(self, op: _Op, parent: QObject | None) -> Task:
        desk, work = op.desk, op.work
        task = Task(lambda report: work(desk, report))
        key = id(task)
        relay = _Relay(op, parent, lambda: self._finished(key))
        # Bound methods of a GUI-thread object (not lambdas, which would run on the pool thread): queued.
        task.progress.connect(relay.progress)
        task.succeeded.connect(relay.succeeded)
        task.failed.connect(relay.failed)
        task.done.connect(relay.done)
        was_idle = not self._running
        self._running[key] = (task, relay)
        task.start()
        if was_idle:
            self.idle_changed.emit(False)
        return task

    def _finished(self, key: int) -> None:
        self._running.pop(key, None)
        if not self._running:
            self.idle_changed.emit(True)

    def idle(self) -> bool:
        return not self._running

    def cancel_all(self) -> None:
        for task, _relay in list(self._running.values()):
            task.cancel()

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Process events until nothing runs (closing the window; tests: the clerk waits for the answer)."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._running and not deadline.hasExpired():
            for task, _relay in list(self._running.values()):
                task.wait(0.005)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        return not self._running


_the_manager: TaskManager | None = None


def tasks() -> TaskManager:
    """The one task manager, made on first use (on the GUI thread, where ops are run)."""
    global _the_manager
    if _the_manager is None:
        _the_manager = TaskManager()
    return _the_manager


class _Op(Generic[T]):
    changes: frozenset[str] = frozenset()

    def __init__(self, desk: Desk, work: Callable[[Desk, Callable[[object], None]], T]):
        self.desk = desk
        self.work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[object], None] | None = None

    def success(self, callback: Callable[[T], None]) -> _Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> _Op[T]:
        """Called with what the service raised (a Refusal, a ServiceError, Cancelled ...); ui/messages words it."""
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[object], None]) -> _Op[T]:
        """The service's progress reports, on the GUI thread (the work receives `report`; Task.cancel stops it)."""
        self._on_progress = callback
        return self

    def run(self, parent: QObject | None) -> Task:
        """Start it; `parent` is the page: once it is gone, nothing is called back."""
        return tasks().run(self, parent)


class QueryOp(_Op[T]):
    """A read: nothing changes, nobody else is told."""


class CollectionOp(_Op[T]):
    """A use case that writes: after success the manager tells the window which kinds of records changed."""

    def __init__(self, desk: Desk, work: Callable[[Desk, Callable[[object], None]], T], *, changes: set[str]):
        super().__init__(desk, work)
        self.changes = frozenset(changes)


def query(desk: Desk, call: Callable[[Desk], T]) -> QueryOp[T]:
    """A QueryOp of a call that takes no progress callback."""
    return QueryOp(desk, lambda d, _report: call(d))


def collection(desk: Desk, call: Callable[[Desk], T], *changes: str) -> CollectionOp[T]:
    return CollectionOp(desk, lambda d, _report: call(d), changes=set(changes))


__all__ = ["Cancelled", "CollectionOp", "Desk", "QueryOp", "TaskManager", "collection", "query", "tasks"]
