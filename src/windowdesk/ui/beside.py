"""A field with its button beside it (`选择…`), as one widget to put in a form or under an error line."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def beside(field: QWidget, button: QWidget) -> QWidget:
    """`field` stretched, `button` at its right, no margins: the holder FieldErrors.at takes as `carrier`."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(button)
    return holder
