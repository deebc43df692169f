"""结算: the clerk's one-step settlement of a discharge (services.settlement.settle_visit)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.capital import to_capital
from ...domain.categories import KINDS, LEVELS
from ...domain.money import fmt
from ...domain.visit import Visit, in_scope_of
from ...services.auth import Actor
from ...services.people import PersonView
from ...services.settlement import SettledVisit, settle_visit
from ...services.window import relief_offices
from ...store.unit_of_work import Store
from .. import labels
from ..messages import error_text, show
from ..models.steps_model import StepsModel, step_rows
from ..money_field import MoneyField, MoneyInputError
from ..person_lookup import PersonLookup
from ..receipt_actions import ReceiptActions
from ..upstream_relief_box import UpstreamReliefBox


def insured_text(view: PersonView, day: date) -> tuple[str, bool]:
    """The insured period covering `day` (True), else every period the person has (False)."""
    periods = [(e.insured_from, e.insured_to) for e in view.enrollments]
    for start, end in periods:
        if start <= day <= end:
            return QCoreApplication.translate("SettlementPage", "{0} 至 {1}").format(start, end), True
    words = labels.listing(QCoreApplication.translate("SettlementPage", "{0} 至 {1}").format(a, b) for a, b in periods)
    return words or QCoreApplication.translate("SettlementPage", "无"), False


class SettlementPage(QWidget):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._actor = actor
        self._person: PersonView | None = None
        self.last: SettledVisit | None = None
        self.receipt = ReceiptActions(self, store, actor)
        self._build()
        self._connect_signals()
        self._update_in_scope()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.lookup = PersonLookup(self._store, self._admission)
        self.id_number = self.lookup.field  # takes a name's first characters too
        self.look_up_button = self.lookup.button
        self.name = QLabel("—")
        self.category = QLabel("—")
        self.insured = QLabel("—")
        self.insured.setWordWrap(True)
        person_box = QGroupBox(self.tr("参保人"))
        grid = QGridLayout(person_box)
        grid.addWidget(QLabel(self.tr("身份证号")), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.lookup, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("姓名")), 1, 0)
        grid.addWidget(self.name, 1, 1)
        grid.addWidget(QLabel(self.tr("人员类别（入院日）")), 1, 2)
        grid.addWidget(self.category, 1, 3)
        grid.addWidget(QLabel(self.tr("参保期")), 2, 0)
        grid.addWidget(self.insured, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.kind = QComboBox()
        for code in KINDS:
            self.kind.addItem(labels.kind(code), code)
        self.level = QComboBox()
        for code in LEVELS:
            self.level.addItem(labels.level(code), code)
        self.level.setCurrentIndex(LEVELS.index("county"))
        self.hospital = QLineEdit()
        self.diagnosis = QLineEdit()
        self.diagnosis.setPlaceholderText(self.tr("ICD-10，如 I63.9"))
        today = QDate.currentDate()
        self.admitted = self._date_edit(today)
        self.discharged = self._date_edit(today)
        self.in_region = QCheckBox(self.tr("统筹区内就医"))
        self.in_region.setChecked(True)
        self.referred = QCheckBox(self.tr("已办理转诊"))
        self.transfer = QCheckBox(self.tr("转院（续住）"))
        self.previous_deductible = MoneyField(self.tr("前次已付起付线"))
        self.total = MoneyField(self.tr("医疗总费用"), required=True)
        self.out_of_catalog = MoneyField(self.tr("目录外费用"))
        self.partial_self_pay = MoneyField(self.tr("部分自付费用"))
        self.in_scope = QLabel("0.00")
        self.in_scope.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        visit_box = QGroupBox(self.tr("就诊信息"))
        form = QGridLayout(visit_box)
        rows = [
            (self.tr("就诊类别"), self.kind, self.tr("医院等级"), self.level),
            (self.tr("医疗机构"), self.hospital, self.tr("诊断"), self.diagnosis),
            (self.tr("入院日期"), self.admitted, self.tr("出院日期"), self.discharged),
            (self.tr("医疗总费用"), self.total, self.tr("目录外费用"), self.out_of_catalog),
            (self.tr("部分自付费用"), self.partial_self_pay, self.tr("前次已付起付线"), self.previous_deductible),
        ]
        for r, (label_a, widget_a, label_b, widget_b) in enumerate(rows):
            form.addWidget(QLabel(label_a), r, 0)
            form.addWidget(widget_a, r, 1)
            form.addWidget(QLabel(label_b), r, 2)
            form.addWidget(widget_b, r, 3)
        flags = QHBoxLayout()
        for box in (self.in_region, self.referred, self.transfer):
            flags.addWidget(box)
        flags.addStretch(1)
        form.addLayout(flags, len(rows), 0, 1, 4)
        form.addWidget(QLabel(self.tr("政策范围内费用")), len(rows) + 1, 2)
        form.addWidget(self.in_scope, len(rows) + 1, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        self.upstream_relief = UpstreamReliefBox(relief_offices(self._store))

        self.settle_button = QPushButton(self.tr("结算"))
        self.settle_button.setToolTip(self.tr("Ctrl+回车"))
        self.settle_button.setMinimumHeight(34)
        self.new_button = QPushButton(self.tr("新结算"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.settle_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QVBoxLayout()
        left.addWidget(person_box)
        left.addWidget(visit_box)
        left.addWidget(self.upstream_relief)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addStretch(1)

        self.steps_model = StepsModel(self)
        self.steps = QTableView()
        self.steps.setModel(self.steps_model)
        self.steps.verticalHeader().setVisible(False)
        self.steps.setSelectionMode(QTableView.SelectionMode.NoSelection)
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.reimbursed = self._figure()
        self.reimbursed_capital = QLabel()
        self.patient_pays = self._figure()
        self.patient_pays_capital = QLabel()
        self.receipt_no = QLabel()
        self.receipt_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tilt = QLabel()
        totals = QGridLayout()
        totals.addWidget(QLabel(self.tr("报销合计")), 0, 0)
        totals.addWidget(self.reimbursed, 0, 1)
        totals.addWidget(self.reimbursed_capital, 0, 2)
        totals.addWidget(QLabel(self.tr("个人支付")), 1, 0)
        totals.addWidget(self.patient_pays, 1, 1)
        totals.addWidget(self.patient_pays_capital, 1, 2)
        totals.addWidget(QLabel(self.tr("票据号")), 2, 0)
        totals.addWidget(self.receipt_no, 2, 1, 1, 2)
        totals.addWidget(self.tilt, 3, 0, 1, 3)
        totals.setColumnStretch(2, 1)
        self.save_button = QPushButton(self.tr("保存结算单 PDF…"))
        self.print_button = QPushButton(self.tr("打印结算单"))
        self.preview_button = QPushButton(self.tr("打印预览"))
        receipt_buttons = QHBoxLayout()
        receipt_buttons.addStretch(1)
        receipt_buttons.addWidget(self.save_button)
        receipt_buttons.addWidget(self.preview_button)
        receipt_buttons.addWidget(self.print_button)
        result_box = QGroupBox(self.tr("结算结果"))
        right = QVBoxLayout(result_box)
        right.addWidget(self.steps, 1)
        right.addLayout(totals)
        right.addLayout(receipt_buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(result_box, 6)
        self.settle_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self._show_result(None)

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _figure(self) -> QLabel:
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        label.setMinimumWidth(120)
        return label

    def _connect_signals(self) -> None:
        self.lookup.found.connect(self._show_person)
        self.lookup.failed.connect(self._person_not_found)
        self.lookup.forgotten.connect(self._forget_person)
        self.admitted.dateChanged.connect(self._admission_changed)
        self.settle_button.clicked.connect(self.settle)
        self.settle_shortcut.activated.connect(self.settle)
        self.new_button.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.receipt.save_pdf)
        self.print_button.clicked.connect(self.receipt.print_pdf)
        self.preview_button.clicked.connect(self.receipt.preview)
        self.receipt.message.connect(lambda text, error: show(self.message, text, error=error))
        for field in (self.total, self.out_of_catalog, self.partial_self_pay):
            field.textChanged.connect(self._update_in_scope)
        for edit in (self.hospital, self.diagnosis, self.total, self.out_of_catalog, self.partial_self_pay,
                     self.previous_deductible):
            edit.textEdited.connect(self._form_changed)
        for box in (self.kind, self.level):
            box.currentIndexChanged.connect(self._form_changed)
        for edit in (self.admitted, self.discharged):
            edit.dateChanged.connect(self._form_changed)
        for check in (self.in_region, self.referred, self.transfer):
            check.toggled.connect(self._form_changed)
        self.upstream_relief.changed.connect(self._form_changed)

    # --- the person -----------------------------------------------------------------------------

    def _show_person(self, view: PersonView, asked: bool) -> None:
        """The person on the admission date: name, deciding category, insured period."""
        self._person = view
        self.name.setText(view.name)
        self.category.setText(labels.category(view.category_on))
        text, covered = insured_text(view, self._admission())
        self.insured.setText(text if covered else self.tr("入院日不在参保期内（参保期：{0}）").format(text))
        self.insured.setStyleSheet("" if covered else "color: #b00020;")
        if asked:
            self.message.clear()
            self.hospital.setFocus()

    def _person_not_found(self, text: str) -> None:
        self._forget_person()
        show(self.message, text, error=True)

    def _forget_person(self) -> None:
        self._person = None
        for label in (self.name, self.category, self.insured):
            label.setText("—")
        self.insured.setStyleSheet("")

    def _admission_changed(self) -> None:
        self.lookup.refresh()  # the category and the insured period depend on the admission date

    def _admission(self) -> date:
        return self.admitted.date().toPython()

    # --- settling -------------------------------------------------------------------------------

    def visit(self) -> Visit:
        """The visit as typed; MoneyInputError names a field the clerk must correct."""
        visit = Visit(kind=self.kind.currentData(), hospital_level=self.level.currentData(),
                      admitted=self._admission(), discharged=self.discharged.date().toPython(),
                      total=self.total.amount(), out_of_catalog=self.out_of_catalog.amount(),
                      partial_self_pay=self.partial_self_pay.amount(), in_region=self.in_region.isChecked(),
                      referred=self.referred.isChecked(), transfer=self.transfer.isChecked(),
                      previous_deductible=self.previous_deductible.amount(),
                      diagnosis=self.diagnosis.text().strip(), hospital=self.hospital.text().strip(),
                      settled_upstream=self.upstream_relief.settled_upstream(), relief=self.upstream_relief.relief())
        if visit.discharged < visit.admitted:
            raise MoneyInputError(self.tr("出院日期早于入院日期"))
        if visit.in_scope < 0:
            raise MoneyInputError(self.tr("目录外费用与部分自付费用之和超过医疗总费用"))
        return visit

    def settle(self) -> None:
        if not self.settle_button.isEnabled():
            return  # settled already: a second Ctrl+Enter must not settle the same visit twice
        self.message.clear()
        if not self.lookup.matches(self.id_number.text()) and not self.lookup.look_up(asked=False):
            return  # not found (said why), or several names to pick from
        try:
            visit = self.visit()
            settled = settle_visit(self._store, self._actor, id_number=self._person.id_number, visit=visit)
        except Exception as exc:  # noqa: BLE001 (shown inline; the form keeps everything typed)
            show(self.message, error_text(exc), error=True)
            return
        self.last = settled
        self._show_result(settled)
        self.settle_button.setEnabled(False)  # until the form changes: no double settlement
        show(self.message, self.tr("结算成功，票据号 {0}").format(settled.receipt_no), error=False)

    def _show_result(self, settled: SettledVisit | None) -> None:
        if settled is None:
            self.steps_model.set_rows([])
            for label in (self.reimbursed, self.reimbursed_capital, self.patient_pays, self.patient_pays_capital,
                          self.receipt_no, self.tilt):
                label.clear()
            self.receipt.clear()
        else:
            result = settled.result
            self.steps_model.set_rows(step_rows(result))
            self.reimbursed.setText(fmt(result.reimbursed))
            self.reimbursed_capital.setText(self.tr("大写：{0}").format(to_capital(result.reimbursed)))
            self.patient_pays.setText(fmt(result.patient_pays))
            self.patient_pays_capital.setText(self.tr("大写：{0}").format(to_capital(result.patient_pays)))
            self.receipt_no.setText(settled.receipt_no)
            self.tilt.setText(self.tr("享受困难群众倾斜政策") if result.tilt else "")
            self.receipt.set_target("settlement", settled.settlement_id, settled.receipt_no)
        for button in (self.save_button, self.preview_button, self.print_button):
            button.setEnabled(settled is not None)

    def _form_changed(self) -> None:
        self.settle_button.setEnabled(True)

    def _update_in_scope(self) -> None:
        try:
            value = in_scope_of(self.total.amount(), self.out_of_catalog.amount(), self.partial_self_pay.amount())
        except MoneyInputError:
            self.in_scope.setText("—")
            return
        self.in_scope.setText(fmt(value))

    def clear(self) -> None:
        """A new settlement: empty form and result, focus on the ID number."""
        self.lookup.clear()
        self._forget_person()
        for edit in (self.hospital, self.diagnosis, self.total, self.out_of_catalog, self.partial_self_pay,
                     self.previous_deductible):
            edit.clear()
        self.upstream_relief.clear()
        self.referred.setChecked(False)
        self.transfer.setChecked(False)
        self.in_region.setChecked(True)
        self.last = None
        self._show_result(None)
        self.message.clear()
        self.settle_button.setEnabled(True)
        self.id_number.setFocus()
