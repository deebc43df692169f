"""A read-only table of text rows whose figure columns (amounts, counts) are right-aligned."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt

from .text_table_model import TextTableModel


class FiguresModel(TextTableModel):
    def __init__(self, headers: Sequence[str], figures: Collection[int], parent: QObject | None = None):
        super().__init__(headers, parent)
        self._figures = frozenset(figures)  # column numbers holding figures

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._figures:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
