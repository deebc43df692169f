"""Errors shown at their field: the field framed red, the words right under it, gone once it is fixed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .messages import ERROR_STYLE

BAD_FRAME = "border: 1px solid #b00020;"


class FieldErrors:
    """Each field given to `at()` gets a hidden line under it; `set(field, text)` shows or clears it."""

    def __init__(self):
        self._lines: dict[int, tuple[QWidget, QLabel]] = {}
        self._order: list[QWidget] = []

    def at(self, field: QWidget, *, carrier: QWidget | None = None) -> QWidget:
        """The field with its error line below, to put in the layout (`carrier`: what holds the field, if
        the field itself is inside another widget)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(carrier or field)
        line = QLabel()
        line.setStyleSheet(ERROR_STYLE + " font-size: 9pt;")
        line.setWordWrap(True)
        line.hide()
        layout.addWidget(line)
        self._lines[id(field)] = (field, line)
        self._order.append(field)
        return box

    def set(self, field: QWidget, text: str = "") -> None:
        _field, line = self._lines[id(field)]
        line.setText(text)
        line.setVisible(bool(text))
        field.setStyleSheet(BAD_FRAME if text else "")

    def text(self, field: QWidget) -> str:
        return self._lines[id(field)][1].text()

    def clear(self) -> None:
        for field in self._order:
            self.set(field)

    def first_bad(self) -> QWidget | None:
        """The first field in form order that has an error."""
        return next((f for f in self._order if self._lines[id(f)][1].text()), None)
