"""A date typed as digits: `20260301`, `2026-03-01`, `2026/3/1`; one field, no sections for Tab to stop in."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
# 2026-3-1, 2026/3/1, 2026.3.1 and 2026年3月1日 (the escapes are 年, 月 and 日: no words outside tr()).
_SEPARATED = re.compile(r"(\d{4})[-/.\u5e74](\d{1,2})[-/.\u6708](\d{1,2})\u65e5?")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def parse_day(text: str) -> date | None:
    """The day `text` names, or None (incomplete, or not a calendar day)."""
    text = text.strip().translate(_FULL_WIDTH)
    match = _DIGITS.fullmatch(text) or _SEPARATED.fullmatch(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class DateField(QLineEdit):
    """`date()` is a QDate (invalid while the text names no day), `day()` the Python date or None;
    `dateChanged(QDate)` whenever the day named changes (an invalid QDate when it stops naming one)."""

    dateChanged = Signal(QDate)  # noqa: N815 (QDateEdit's name: pages treat both alike)

    def __init__(self, day: QDate | date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("年月日，如 20260301"))
        self.setMaxLength(12)
        self._day: date | None = None
        self.textChanged.connect(self._changed)
        self.editingFinished.connect(self._tidy)
        if day is not None:
            self.setDate(day)

    def day(self) -> date | None:
        return self._day

    def date(self) -> QDate:  # noqa: A003 (QDateEdit's name)
        return QDate(self._day) if self._day else QDate()

    def setDate(self, day: QDate | date | None) -> None:  # noqa: N802 (QDateEdit's name)
        if isinstance(day, QDate):
            day = day.toPython() if day.isValid() else None
        self.setText(day.isoformat() if day else "")

    def _changed(self, text: str) -> None:
        day = parse_day(text)
        if day != self._day:
            self._day = day
            self.dateChanged.emit(self.date())

    def _tidy(self) -> None:
        # "20260301" reads back as "2026-03-01" once the clerk leaves the field: what was understood.
        if self._day is not None and self.text() != self._day.isoformat():
            self.setText(self._day.isoformat())
