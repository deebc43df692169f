"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 did not, and the window died of it.

Its Signal.emit and disconnect returned True/False without a reference. Python 3.11's bools are counted
like any object, so every emit took one from True; after some thousands (a clerk's keystrokes emit
signals) the interpreter aborted with "deallocating True or False". pyproject.toml pins a release
without the fault; this test fails on 6.12.0.
"""

from __future__ import annotations

import sys
import warnings

from PySide6.QtCore import QObject, Signal


class Sender(QObject):
    bare = Signal()
    with_values = Signal(object, bool)


def test_emitting_and_disconnecting_keep_the_counts_of_true_and_false():
    sender = Sender()
    received: list[object] = []
    sender.with_values.connect(lambda value, flag: received.append((value, flag)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the second disconnect's: its record would count bools
        before = sys.getrefcount(True), sys.getrefcount(False)
        for _ in range(100):
            sender.bare.emit()
            sender.with_values.emit(1, False)

            def slot():
                pass

            sender.bare.connect(slot)
            sender.bare.disconnect(slot)
            sender.bare.disconnect(slot)  # not connected any more: False
        received.clear()
        after = sys.getrefcount(True), sys.getrefcount(False)
    assert after == before
