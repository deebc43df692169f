"""A start-up probe for benchmarks/bench_startup.py: with WINDOWDESK_STARTUP_PROBE set, the window prints a line
when the login dialog is first painted (`probe login <seconds>`) and, for `page`, logs in with
WINDOWDESK_USER / WINDOWDESK_PASSWORD (what the CLI reads too) and prints when the first page is painted
(`probe page <seconds>`), then quits. The seconds count from the interpreter's start (the benchmark also times
the whole process from outside). Unset, nothing here runs."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

VARIABLE = "WINDOWDESK_STARTUP_PROBE"
MODES = ("login", "page")


def mode() -> str | None:
    value = os.environ.get(VARIABLE, "").strip()
    return value if value in MODES else None


def _since_start() -> float:
    """Seconds since the process started (its creation time, so the interpreter's own start counts)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter()  # no /proc (Windows): the benchmark's outside figure is the one to read


class _FirstPaint(QObject):
    """Calls `then` once, just after the widget's first paint has been delivered."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self._then = then
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # getattr: Qt may deliver an event while the wrapper is being torn down, its attributes gone.
        if not getattr(self, "_done", True) and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._then)
        return False


def report(what: str) -> None:
    print(f"probe {what} {_since_start():.3f}", flush=True)
    sys.stdout.flush()


def watch_login(dialog) -> None:
    """On the login dialog's first paint: say so, then quit (`login`) or log in (`page`)."""
    chosen = mode()
    if chosen is None:
        return

    def shown() -> None:
        report("login")
        if chosen == "login":
            dialog.reject()
            return
        dialog.user_edit.setText(os.environ.get("WINDOWDESK_USER", ""))
        dialog.password_edit.setText(os.environ.get("WINDOWDESK_PASSWORD", ""))
        dialog.submit()

    _FirstPaint(dialog, shown)


def watch_window(window) -> None:
    """On the main window's first paint (its first page shown): say so and close it."""
    if mode() != "page":
        return

    def shown() -> None:
        report("page")
        window.close()

    _FirstPaint(window, shown)
