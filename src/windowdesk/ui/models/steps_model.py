"""The settlement's steps as a table: one plain row per tier or fund, in the words the slip prints."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ...adapters.receipt_data import tier_lines
from ...domain.case_json import step_json
from ...domain.money import fmt
from ...domain.visit import Settlement, Step
from .. import labels


@dataclass(frozen=True)
class StepRow:
    label: str  # the tier or the fund's name, in the window's language
    base: Decimal | None  # None where the tier did not run
    deductible: Decimal | None
    ratio: str  # "75%", "60%/70%", or "—"
    paid: Decimal
    note: str = ""


def step_rows(result: Settlement) -> list[StepRow]:
    return rows_of_steps(result.steps)


def rows_of_steps(steps) -> list[StepRow]:
    """Steps (a result's, or a stored settlement's) through the slip's own wording (receipt_data.tier_lines),
    so screen and paper say the same (or its translation)."""
    return [StepRow(labels.step_label(line), line.base, line.deductible, line.ratio, line.paid,
                    labels.step_note(line))
            for line in tier_lines([step_json(step) for step in steps])]


class StepsModel(QAbstractTableModel):
    COLUMNS = ("label", "base", "deductible", "ratio", "paid", "note")
    _MONEY = frozenset({"base", "deductible", "paid"})

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[StepRow] = []
        self._headers = (self.tr("项目"), self.tr("计算基数"), self.tr("起付线"), self.tr("比例"),
                         self.tr("支付金额"), self.tr("说明"))

    def set_rows(self, rows: list[StepRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[StepRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(self._rows[index.row()], column)
            if column in self._MONEY:
                return "—" if value is None else fmt(value)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and (column in self._MONEY or column == "ratio"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
