"""票据: past settlements found by receipt number, ID number or name and discharge dates; one opened shows its
breakdown and status, is reprinted (补打) and, by a supervisor, voided (services.lookup, receipts, settlement)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import fmt
from ...services.lookup import SettlementDetail, SettlementRow
from .. import labels, ops
from ..confirm import confirm
from ..date_field import DateField
from ..field_errors import FieldErrors
from ..form_keys import EnterKeys
from ..models.settlements_model import SettlementsModel
from ..models.steps_model import StepsModel, rows_of_steps
from ..operations import Desk
from ..person_lookup import looks_like_id
from ..receipt_actions import ReceiptActions
from ..roles import may
from ..table_view import read_only_table
from .base import DeskPage

VOID_ROLE = "supervisor"


def void_refusal() -> str:
    return QCoreApplication.translate("RecordsPage", "作废需要审核员权限：请审核员办理")


class RecordsPage(DeskPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.detail: SettlementDetail | None = None
        self._may_void = may(desk.actor, VOID_ROLE)
        self.receipt = ReceiptActions(self, desk)
        self._build()
        self._connect_signals()
        self._show(None)

    def _build(self) -> None:
        self.errors = FieldErrors()
        self.receipt_no = QLineEdit()
        self.receipt_no.setPlaceholderText(self.tr("如 LG-01-00000001"))
        self.first_field = self.receipt_no
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("身份证号，或姓名开头的字"))
        self.date_from = DateField()
        self.date_to = DateField()
        self.include_voided = QCheckBox(self.tr("含已作废"))
        self.include_voided.setChecked(True)
        self.find_button = QPushButton(self.tr("查找"))
        search = QGridLayout()
        search.addWidget(QLabel(self.tr("票据号")), 0, 0)
        search.addWidget(self.receipt_no, 0, 1)
        search.addWidget(QLabel(self.tr("参保人")), 0, 2)
        search.addWidget(self.person, 0, 3)
        search.addWidget(QLabel(self.tr("出院日期")), 1, 0)
        dates = QHBoxLayout()
        dates.addWidget(self.errors.at(self.date_from), 1)
        dates.addWidget(QLabel(self.tr("至")), 0, Qt.AlignmentFlag.AlignTop)
        dates.addWidget(self.errors.at(self.date_to), 1)
        search.addLayout(dates, 1, 1)
        search.addWidget(self.include_voided, 1, 2)
        search.addWidget(self.find_button, 1, 3, Qt.AlignmentFlag.AlignRight)
        search.setColumnStretch(1, 1)
        search.setColumnStretch(3, 1)

        self.model = SettlementsModel(self)
        self.table = read_only_table(self.model)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(False)

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.papers = QLabel()
        self.steps_model = StepsModel(self)
        self.steps = read_only_table(self.steps_model)
        self.print_button = QPushButton(self.tr("打印 / 补打"))
        self.save_button = QPushButton(self.tr("保存电子副本 PDF…"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("作废原因（必填）"))
        self.reason.setMaxLength(500)
        self.void_button = QPushButton(self.tr("作废"))
        self.void_button.setStyleSheet("QPushButton:enabled { color: #b00020; font-weight: bold; }")
        self.void_hint = QLabel("" if self._may_void else void_refusal())
        self.void_hint.setStyleSheet("color: #555;")
        self.void_hint.setWordWrap(True)
        if not self._may_void:
            self.void_button.setToolTip(void_refusal())
        detail_box = QGroupBox(self.tr("结算单"))
        detail = QVBoxLayout(detail_box)
        facts = QFormLayout()
        facts.addRow(self.tr("状态"), self.state)
        facts.addRow(self.tr("结算"), self.summary)
        facts.addRow(self.tr("票据"), self.papers)
        detail.addLayout(facts)
        detail.addWidget(self.steps, 1)
        receipt_row = QHBoxLayout()
        receipt_row.addStretch(1)
        receipt_row.addWidget(self.save_button)
        receipt_row.addWidget(self.print_button)
        detail.addLayout(receipt_row)
        void_row = QHBoxLayout()
        void_row.addWidget(self.reason, 1)
        void_row.addWidget(self.void_button)
        detail.addLayout(void_row)
        detail.addWidget(self.void_hint)

        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(detail_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(search)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.enter_keys = EnterKeys(self, (self.receipt_no, self.person, self.date_from, self.date_to), self.find)

    def _connect_signals(self) -> None:
        self.find_button.clicked.connect(self.find)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self.open(current.row()))
        self.print_button.clicked.connect(self.receipt.print_pdf)
        self.save_button.clicked.connect(self.receipt.save_pdf)
        self.receipt.message.connect(self._receipt_said)
        self.void_button.clicked.connect(self.void)
        self.reason.returnPressed.connect(self.void)
        for field in (self.date_from, self.date_to):
            field.textChanged.connect(self._check_dates)

    # --- finding ----------------------------------------------------------------------------------

    def _check_dates(self) -> bool:
        ok = True
        for field in (self.date_from, self.date_to):
            bad = bool(field.text().strip()) and field.day() is None
            self.errors.set(field, self.tr("不是有效日期：{0}（如 20260301）").format(field.text().strip())
                            if bad else "")
            ok = ok and not bad
        start, end = self.date_from.day(), self.date_to.day()
        if ok and start and end and start > end:
            self.errors.set(self.date_to, self.tr("结束日期早于开始日期"))
            ok = False
        return ok

    def find(self, *, then=None) -> None:
        """The settlements matching what is typed, newest first; the first one opened."""
        if not self._check_dates():
            self.errors.first_bad().setFocus()
            return
        self.message.clear()
        person = self.person.text().strip()
        by_id = looks_like_id(person)
        ops.records.find(self.desk, receipt_no=self.receipt_no.text().strip() or None,
                         id_number=person if by_id else None, name=None if by_id else (person or None),
                         date_from=self.date_from.day(), date_to=self.date_to.day(),
                         include_voided=self.include_voided.isChecked()).success(
            lambda rows: self._found(rows, then)).failure(self._not_found).run(self)

    def _found(self, rows: list[SettlementRow], then) -> None:
        self.model.set_rows(rows)
        if not rows:
            self._show(None)
            self.say(self.tr("没有符合条件的结算"), error=True)
        else:
            self.say(self.tr("找到 {0} 笔结算").format(len(rows)))
            opened = self.detail.settlement_id if self.detail is not None else None
            # The settlement open before stays open (after a void, its new state); else the newest.
            row = next((i for i, r in enumerate(rows) if r.settlement_id == opened), 0)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.open(row)
            self.table.setFocus()
        if then is not None:
            then()

    def _not_found(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self._show(None)
        self.failed(exc)

    # --- one settlement ---------------------------------------------------------------------------

    def open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            ops.records.detail(self.desk, ref=self.model.row(row).settlement_id).success(self._show).failure(
                self.failed).run(self)

    def _show(self, detail: SettlementDetail | None) -> None:
        same = detail is not None and self.detail is not None and detail.settlement_id == self.detail.settlement_id
        if not same:
            self.reason.clear()  # a reason belongs to the settlement it was typed for
        self.detail = detail
        if detail is None:
            for label in (self.state, self.summary, self.papers):
                label.setText("—")
            self.state.setStyleSheet("")
            self.steps_model.set_rows([])
            self.receipt.clear()
        else:
            if detail.voided:
                self.state.setText(self.tr("已作废（{0} 于 {1}，原因：{2}）").format(
                    detail.voided_by, f"{detail.voided_at:%Y-%m-%d %H:%M}", detail.void_reason))
                self.state.setStyleSheet("color: #b00020; font-weight: bold;")
            else:
                self.state.setText(self.tr("正常"))
                self.state.setStyleSheet("color: #1b5e20; font-weight: bold;")
            self.summary.setText(self.tr("{0}　{1}　{2}　{3}；报销 {4} 元，个人支付 {5} 元").format(
                detail.receipt_no or "—", detail.name, detail.id_masked, labels.kind(detail.kind),
                fmt(detail.reimbursed), fmt(detail.patient_pays)))
            self.papers.setText(self.tr("已打印纸质票据 {0} 张，电子副本 {1} 份").format(
                detail.papers, detail.electronic_copies))
            self.steps_model.set_rows(rows_of_steps(detail.steps))
            self.receipt.set_target("settlement", detail.settlement_id, detail.receipt_no)
        opened = detail is not None
        for button in (self.print_button, self.save_button):
            button.setEnabled(opened)
        can_void = opened and not detail.voided and self._may_void
        self.reason.setEnabled(can_void)
        self.void_button.setEnabled(can_void)

    def _receipt_said(self, text: str, error: bool) -> None:
        self.say(text, error=error)
        if not error:
            self._reopen()  # the papers printed, as counted now

    def _reopen(self, *, then=None) -> None:
        if self.detail is not None:
            ops.records.detail(self.desk, ref=self.detail.settlement_id).success(
                lambda detail: (self._show(detail), then and then())).failure(self.failed).run(self)

    # --- voiding ----------------------------------------------------------------------------------

    # The point where a person answers; tests replace it.
    def confirm(self, text: str) -> bool:
        return confirm(self, self.tr("作废结算"), text, self.tr("确认作废"))

    def void(self) -> None:
        detail = self.detail
        if detail is None or detail.voided:
            return
        if not self._may_void:
            self.say(void_refusal(), error=True)
            return
        reason = self.reason.text().strip()
        if not reason:
            self.say(self.tr("作废必须填写原因"), error=True)
            self.reason.setFocus()
            return
        text = self.tr("确认作废票据 {0}？\n参保人 {1}，报销合计 {2} 元，个人支付 {3} 元。\n原因：{4}").format(
            detail.receipt_no or detail.settlement_id, detail.name, fmt(detail.reimbursed),
            fmt(detail.patient_pays), reason)
        if not self.confirm(text):
            return
        done = self.tr("已作废票据 {0}").format(detail.receipt_no or detail.settlement_id)
        ops.settlement.void(self.desk, settlement_id=detail.settlement_id, reason=reason).success(
            lambda _voided: self.find(then=lambda: self.say(done))).failure(self.failed).run(self)
