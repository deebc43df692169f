"""作废: a supervisor finds a settlement by id or receipt number, checks it, and voids it with a reason."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import fmt
from ...services.lookup import SettlementDetail
from ...services.settlement import LaterSettlement
from .. import labels, ops
from ..models.text_table_model import TextTableModel
from ..operations import Desk
from ..table_view import read_only_table
from . import voiding
from .base import DeskPage

# The summary's lines, in the order shown: (key, label).
FIELDS = (("receipt_no", QT_TRANSLATE_NOOP("VoidPage", "票据号")),
          ("settlement_id", QT_TRANSLATE_NOOP("VoidPage", "结算单号")),
          ("person", QT_TRANSLATE_NOOP("VoidPage", "参保人")), ("category", QT_TRANSLATE_NOOP("VoidPage", "人员类别")),
          ("visit", QT_TRANSLATE_NOOP("VoidPage", "就诊")), ("dates", QT_TRANSLATE_NOOP("VoidPage", "入院 / 出院")),
          ("business_day", QT_TRANSLATE_NOOP("VoidPage", "结算日期")),
          ("created_by", QT_TRANSLATE_NOOP("VoidPage", "结算经办员")),
          ("total", QT_TRANSLATE_NOOP("VoidPage", "医疗总费用")), ("reimbursed", QT_TRANSLATE_NOOP("VoidPage", "报销合计")),
          ("patient_pays", QT_TRANSLATE_NOOP("VoidPage", "个人支付")), ("state", QT_TRANSLATE_NOOP("VoidPage", "状态")))

LATER_HEADERS = (QT_TRANSLATE_NOOP("VoidPage", "票据号"), QT_TRANSLATE_NOOP("VoidPage", "出院日期"),
                 QT_TRANSLATE_NOOP("VoidPage", "医疗总费用"), QT_TRANSLATE_NOOP("VoidPage", "报销合计"),
                 QT_TRANSLATE_NOOP("VoidPage", "个人支付"))


class VoidPage(DeskPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.found: SettlementDetail | None = None
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("票据号（如 LG-01-00000001）或结算单号，按回车查询"))
        self.first_field = self.key
        self.look_up_button = QPushButton(self.tr("查询"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("票据号 / 结算单号")))
        top.addWidget(self.key, 1)
        top.addWidget(self.look_up_button)

        self.labels = {key: QLabel("—") for key, _ in FIELDS}
        for label in self.labels.values():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        for key in ("total", "reimbursed", "patient_pays"):
            self.labels[key].setStyleSheet("font-weight: bold;")
        summary_box = QGroupBox(self.tr("结算单"))
        form = QFormLayout(summary_box)
        for key, text in FIELDS:
            form.addRow(self.tr(text), self.labels[key])

        # The person's later settlements of the year: a void leaves them as paid (settlement-rules.md), and the
        # supervisor sees which before confirming.
        self.later_note = QLabel()
        self.later_note.setWordWrap(True)
        self.later_note.setStyleSheet("color: #b00020;")
        self.later_model = TextTableModel([self.tr(text) for text in LATER_HEADERS], self)
        self.later_table = read_only_table(self.later_model)
        self.later_box = QGroupBox(self.tr("此后的结算"))
        later_layout = QVBoxLayout(self.later_box)
        later_layout.addWidget(self.later_note)
        later_layout.addWidget(self.later_table)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填，如：金额录入错误，重新结算"))
        self.reason.setMaxLength(500)
        self.void_button = QPushButton(self.tr("作废"))
        self.void_button.setMinimumHeight(34)
        self.void_button.setStyleSheet("QPushButton:enabled { color: #b00020; font-weight: bold; }")
        void_box = QGroupBox(self.tr("作废"))
        void_row = QHBoxLayout(void_box)
        void_row.addWidget(QLabel(self.tr("作废原因")))
        void_row.addWidget(self.reason, 1)
        void_row.addWidget(self.void_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(summary_box)
        layout.addWidget(self.later_box)
        layout.addWidget(void_box)
        layout.addStretch(1)
        self._show(None)

    def _connect_signals(self) -> None:
        self.key.returnPressed.connect(self.look_up)
        self.look_up_button.clicked.connect(self.look_up)
        self.key.textEdited.connect(lambda _text: self._show(None))
        self.reason.returnPressed.connect(self.void)
        self.void_button.clicked.connect(self.void)

    def look_up(self, *, then=None) -> None:
        self.message.clear()
        ops.records.detail(self.desk, ref=self.key.text()).success(
            lambda found: self._found(found, then)).failure(self._not_found).run(self)

    def _found(self, found: SettlementDetail, then) -> None:
        self._show(found)
        if not found.voided:
            self.reason.setFocus()
            ops.settlement.later(self.desk, settlement_id=found.settlement_id).success(
                lambda later: self._show_later(found.settlement_id, later)).failure(self.failed).run(self)
        if then is not None:
            then()

    def _show_later(self, settlement_id: str, later: list[LaterSettlement]) -> None:
        if self.found is None or self.found.settlement_id != settlement_id:
            return  # another settlement was looked up meanwhile
        self.later_model.set_rows([voiding.later_row(x) for x in later])
        self.later_note.setText(voiding.stand_note(len(later)))
        self.later_box.setVisible(bool(later))

    def _not_found(self, exc: BaseException) -> None:
        self._show(None)
        self.failed(exc)

    def _show(self, found: SettlementDetail | None) -> None:
        same = found is not None and self.found is not None and found.settlement_id == self.found.settlement_id
        if not same:
            self.reason.clear()  # a reason belongs to the settlement it was typed for
        self.found = found
        self.later_model.set_rows([])
        self.later_box.setVisible(False)
        if found is None:
            for label in self.labels.values():
                label.setText("—")
            self.labels["state"].setStyleSheet("")
        else:
            values = {
                "receipt_no": found.receipt_no or "—", "settlement_id": found.settlement_id,
                "person": f"{found.name}　{found.id_masked}",
                "category": labels.category(found.category),
                "visit": " ".join(x for x in (labels.kind(found.kind), found.hospital) if x),
                "dates": f"{found.admitted} / {found.discharged}", "business_day": str(found.business_day),
                "created_by": found.created_by, "total": fmt(found.total), "reimbursed": fmt(found.reimbursed),
                "patient_pays": fmt(found.patient_pays),
                "state": (self.tr("已作废（{0} 于 {1}，原因：{2}）").format(
                    found.voided_by, f"{found.voided_at:%Y-%m-%d %H:%M}", found.void_reason)
                    if found.voided else self.tr("正常")),
            }
            for key, value in values.items():
                self.labels[key].setText(value)
            self.labels["state"].setStyleSheet("color: #b00020; font-weight: bold;" if found.voided else "")
        can_void = found is not None and not found.voided
        self.reason.setEnabled(can_void)
        self.void_button.setEnabled(can_void)

    # The point where a person answers; tests replace it.
    def confirm(self, text: str) -> bool:
        return voiding.ask(self, text)

    def void(self) -> None:
        voiding.void(self, self.found, self.reason, lambda then: self.look_up(then=then))
