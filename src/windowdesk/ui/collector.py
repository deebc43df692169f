"""Python's cyclic garbage collection, kept on the GUI thread while the window runs.

CPython collects in whichever thread crosses an allocation threshold. The window's long work (roster
import, export) runs on pool threads that allocate a great deal, so a collection there may free pages,
dialogs or models left in reference cycles, and destroy their QObjects off the GUI thread: Qt then
crashes (seen in CI as a segmentation fault inside a roster import). So while the window runs,
automatic collection is off and a GUI-thread timer collects what the interpreter would have collected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250  # cyclic garbage waits at most this long; a young-generation check costs microseconds


class GuiThreadCollector(QObject):
    """`start()` turns automatic collection off and checks the thresholds on a timer of the thread it lives
    in (the GUI thread); `stop()` turns it back on if it was on. Started twice (a test's and the window's),
    the inner one's stop leaves collection off for the outer one."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._resume = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self.running:
            return
        self._resume = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        if not self.running:
            return
        self._timer.stop()
        if self._resume:
            gc.enable()

    @staticmethod
    def collect_due() -> int | None:
        """Once the young generation is over its threshold, collect the oldest generation over its own, as
        the interpreter does on an allocation (less its rule that defers full collections while few objects
        are new: at most one full collection per hundred checks here). Returns that generation, or None."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return None
        due = next((generation for generation in (2, 1) if counts[generation] > thresholds[generation]), 0)
        gc.collect(due)
        return due
