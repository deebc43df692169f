"""Typing Chinese as an input method does: QTest.keyClicks aborts on characters outside Latin-1."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def commit(widget: QWidget, text: str) -> None:
    """What a pinyin IME sends when the clerk picks the characters: one commit of the whole string."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
