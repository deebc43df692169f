"""A report's table (adapters.report_tables: plain typed rows) for a QTableView, in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from ...adapters.report_tables import FLAG, INT, LEVEL, MONEY, RATE, ReportTable, cell_text
from ...domain.categories import CATEGORY_LABELS_ZH
from ...wording.reports import CONTEXT, NO, YES
from .. import labels

MARKED = QColor("#b00020")  # under the coverage target, over the out-of-catalogue limit


def word(value: object, kind: str) -> str:
    """A code of the table in the window's language."""
    if kind == FLAG:
        return QCoreApplication.translate(CONTEXT, YES if value else NO)
    if kind == LEVEL:
        return labels.level(str(value))
    # a category, or the 合计 of the last row
    return labels.category(value) if value in CATEGORY_LABELS_ZH else QCoreApplication.translate(CONTEXT, value)


class ReportModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.table: ReportTable | None = None

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def texts(self) -> list[list[str]]:
        """Every row as shown (the tests read the table through this)."""
        return [[self.data(self.index(r, c)) for c in range(self.columnCount())] for r in range(self.rowCount())]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self.table.rows[index.row()][index.column()], column.kind, word)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (MONEY, RATE, INT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self.table.marked:
            return MARKED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and self.table:
            return QCoreApplication.translate(CONTEXT, self.table.columns[section].header)
        return None
