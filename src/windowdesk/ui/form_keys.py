"""The keyboard of a form: Enter moves to the next field and, on the last, does the page's act."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterKeys(QObject):
    """Watches `fields` in form order: Enter (without Ctrl) on one moves the focus to the next enabled one,
    on the last calls `last`. The field's own Enter (a QLineEdit's returnPressed) is not also run."""

    def __init__(self, parent: QObject, fields: Sequence[QWidget], last: Callable[[], None]):
        super().__init__(parent)
        self._fields = list(fields)
        self._last = last
        for widget in self._fields:
            widget.installEventFilter(self)
            if isinstance(widget, QAbstractSpinBox):  # a date or spin box: its editor gets the keys
                widget.findChild(QWidget, "qt_spinbox_lineedit").installEventFilter(self)

    def _field_of(self, watched: QObject) -> int:
        for index, widget in enumerate(self._fields):
            if watched is widget or watched.parent() is widget:
                return index
        return -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or event.key() not in _ENTER:
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # Ctrl+Enter is the page's shortcut
        index = self._field_of(watched)
        if index < 0:
            return False
        if isinstance(self._fields[index], QComboBox) and self._fields[index].view().isVisible():
            return False  # Enter picks in an open list
        following = [w for w in self._fields[index + 1:] if w.isEnabled() and w.isVisible()]
        if following:
            following[0].setFocus(Qt.FocusReason.TabFocusReason)
            if hasattr(following[0], "selectAll"):
                following[0].selectAll()
        else:
            self._last()
        return True
