"""Settlements found (services.lookup.SettlementRow) as a table: plain rows, the ID number masked."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ...domain.money import fmt
from ...services.lookup import SettlementRow
from .. import labels

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MONEY_COLUMNS = (6, 7, 8)


class SettlementsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[SettlementRow] = []
        self._headers = (self.tr("票据号"), self.tr("姓名"), self.tr("身份证号"), self.tr("就诊类别"),
                         self.tr("出院日期"), self.tr("结算时间"), self.tr("医疗总费用"), self.tr("报销合计"),
                         self.tr("个人支付"), self.tr("状态"))

    def set_rows(self, rows: list[SettlementRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> SettlementRow:
        return self._rows[index]

    def rows(self) -> list[SettlementRow]:
        return list(self._rows)

    def texts(self, index: int) -> tuple[str, ...]:
        """What row `index` shows, column by column."""
        r = self._rows[index]
        return (r.receipt_no or "—", r.name, r.id_masked, labels.kind(r.kind), r.discharged.isoformat(),
                f"{r.settled_at:%Y-%m-%d %H:%M}", fmt(r.total), fmt(r.reimbursed), fmt(r.patient_pays),
                self.tr("已作废") if r.voided else self.tr("正常"))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in MONEY_COLUMNS:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
