"""结算: 试算 (the figures from the stored year to date, nothing written), then 确认结算 (Ctrl+Enter) records
what the clerk saw (services.settlement.trial_settlement / settle_visit with the trial's basis)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import idnumber
from ...domain.capital import to_capital
from ...domain.money import fmt
from ...domain.problems import Refusal
from ...services.people import PersonView
from ...services.settlement import SettledVisit, SettlementPreview
from .. import labels, ops
from ..field_errors import FieldErrors
from ..form_keys import EnterKeys
from ..messages import error_text
from ..models.steps_model import StepsModel, step_rows
from ..operations import Desk
from ..person_lookup import looks_like_id
from ..visit_form import VisitForm
from .base import PersonPageBase


def insured_text(view: PersonView, day: date) -> tuple[str, bool]:
    """The insured period covering `day` (True), else every period the person has (False)."""
    periods = [(e.insured_from, e.insured_to) for e in view.enrollments]
    for start, end in periods:
        if start <= day <= end:
            return QCoreApplication.translate("SettlementPage", "{0} 至 {1}").format(start, end), True
    words = labels.listing(QCoreApplication.translate("SettlementPage", "{0} 至 {1}").format(a, b) for a, b in periods)
    return words or QCoreApplication.translate("SettlementPage", "无"), False


class SettlementPage(PersonPageBase):
    def __init__(self, desk: Desk, parent: QWidget | None = None, *, today=date.today):
        super().__init__(desk, self._admission, parent)
        self._person: PersonView | None = None
        self.trial: SettlementPreview | None = None  # the figures on screen, while the form is as tried
        self.last: SettledVisit | None = None
        self._busy = False
        self._edits = 0  # counts the clerk's edits: a trial answering after one is not shown
        self._today = today
        self._build()
        self._connect_signals()
        self._show_result()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.person_errors = FieldErrors()
        self.look_up_button = self.lookup.button
        self.name = QLabel("—")
        self.category = QLabel("—")
        self.insured = QLabel("—")
        self.insured.setWordWrap(True)
        person_box = QGroupBox(self.tr("参保人"))
        grid = QGridLayout(person_box)
        grid.addWidget(QLabel(self.tr("身份证号")), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.person_errors.at(self.id_number, carrier=self.lookup), 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("姓名")), 1, 0)
        grid.addWidget(self.name, 1, 1)
        grid.addWidget(QLabel(self.tr("人员类别（入院日）")), 1, 2)
        grid.addWidget(self.category, 1, 3)
        grid.addWidget(QLabel(self.tr("参保期")), 2, 0)
        grid.addWidget(self.insured, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.form = VisitForm(self._today)
        for name in ("kind", "level", "hospital", "diagnosis", "admitted", "discharged", "in_region", "referred",
                     "transfer", "total", "out_of_catalog", "partial_self_pay", "previous_deductible", "in_scope",
                     "days"):
            setattr(self, name, getattr(self.form, name))  # the page's fields, as tests and the clerk know them

        self.trial_button = QPushButton(self.tr("试算"))
        self.trial_button.setToolTip(self.tr("回车（在最后一栏）"))
        self.settle_button = QPushButton(self.tr("确认结算"))
        self.settle_button.setToolTip(self.tr("Ctrl+回车"))
        for button in (self.trial_button, self.settle_button):
            button.setMinimumHeight(34)
        self.new_button = QPushButton(self.tr("新结算"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.trial_button, self.settle_button):
            buttons.addWidget(button)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QVBoxLayout()
        left.addWidget(person_box)
        left.addWidget(self.form)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addStretch(1)

        self.steps_model = StepsModel(self)
        self.steps = QTableView()
        self.steps.setModel(self.steps_model)
        self.steps.verticalHeader().setVisible(False)
        self.steps.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.steps.setWordWrap(True)
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.state = QLabel()
        self.state.setStyleSheet("font-weight: bold;")
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
        for label in (self.reimbursed_capital, self.patient_pays_capital):
            label.setWordWrap(True)
        receipt_buttons = self.receipt_buttons(self.tr("保存结算单 PDF…"), self.tr("打印结算单"))
        result_box = QGroupBox(self.tr("结算结果"))
        right = QVBoxLayout(result_box)
        right.addWidget(self.state)
        right.addWidget(self.steps, 1)
        right.addLayout(totals)
        right.addLayout(receipt_buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(result_box, 6)
        self.settle_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.settle_shortcut_enter = QShortcut(QKeySequence("Ctrl+Enter"), self)  # the keypad's Enter
        self.enter_keys = EnterKeys(self, self.form.fields(), self.run_trial)

    def _figure(self) -> QLabel:
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        label.setMinimumWidth(110)
        return label

    def _connect_signals(self) -> None:
        self.lookup.found.connect(self._show_person)
        self.lookup.forgotten.connect(self.forget_person)
        self.id_number.textEdited.connect(self._id_typed)
        self.admitted.dateChanged.connect(self._admission_changed)
        self.trial_button.clicked.connect(self.run_trial)
        self.settle_button.clicked.connect(self.settle)
        self.settle_shortcut.activated.connect(self.settle)
        self.settle_shortcut_enter.activated.connect(self.settle)
        self.new_button.clicked.connect(self.clear)
        self.form.changed.connect(self._form_changed)

    # --- the person -----------------------------------------------------------------------------

    def _show_person(self, view: PersonView, asked: bool) -> None:
        """The person on the admission date: name, deciding category, insured period."""
        self._person = view
        self.person_errors.set(self.id_number)
        self.name.setText(view.name)
        self.category.setText(labels.category(view.category_on))
        text, covered = insured_text(view, self._admission())
        self.insured.setText(text if covered else self.tr("入院日不在参保期内（参保期：{0}）").format(text))
        self.insured.setStyleSheet("" if covered else "color: #b00020;")
        if asked:
            self.message.clear()
            self.kind.setFocus()  # the next field of the form

    def _person_failed(self, text: str) -> None:
        self.forget_person()
        self.person_errors.set(self.id_number, text)
        self.id_number.setFocus()

    def _id_typed(self, text: str) -> None:
        """A complete ID number is checked as typed (length, birth date, check character); the words go as
        soon as it is fixed or shortened."""
        digits = text.strip()
        problem = ""
        if looks_like_id(digits) and len(digits) >= 18:
            problem = id_problem(digits)
        self.person_errors.set(self.id_number, problem)

    def forget_person(self) -> None:
        self._person = None
        for label in (self.name, self.category, self.insured):
            label.setText("—")
        self.insured.setStyleSheet("")
        self._invalidate()

    def _admission_changed(self) -> None:
        if self.admitted.day() is not None:
            self.lookup.refresh()  # the category and the insured period depend on the admission date

    def _admission(self) -> date:
        return self.admitted.day() or self._today()

    # --- trial and settlement ---------------------------------------------------------------------

    def run_trial(self) -> None:
        """试算: the visit checked at its fields, the person looked up if need be, then the figures."""
        if self._busy:
            return
        self.message.clear()
        text = self.id_number.text().strip()
        if not text:
            self.person_errors.set(self.id_number, self.tr("请输入身份证号或姓名"))
        elif looks_like_id(text):
            self.person_errors.set(self.id_number, id_problem(text))
        visit = self.form.visit()  # every problem said at its field, the first one focused
        if self.person_errors.text(self.id_number):
            self.id_number.setFocus()  # the first field of the form
            return
        if visit is None:
            return
        if not self.lookup.matches(text):
            self.lookup.look_up(asked=False, then=lambda _view: self.run_trial())
            return  # not found (said at the field), or several names to pick from
        self._busy = True
        edits = self._edits
        ops.settlement.trial(self.desk, id_number=self._person.id_number, visit=visit).success(
            lambda preview: self._tried(preview, edits)).failure(self._refused).run(self)

    def _tried(self, preview: SettlementPreview, edits: int) -> None:
        self._busy = False
        if edits != self._edits:
            self.say(self.tr("内容已修改，请重新试算"))
            return  # edited while it ran: these figures are not the form's
        self.trial = preview
        self.last = None
        self._show_result()
        self.say(self.tr("试算完成，尚未结算：核对后按“确认结算”（Ctrl+回车）"))
        self.settle_button.setFocus()

    def settle(self) -> None:
        """确认结算: records the settlement tried, with the trial's basis; without a trial, tries first."""
        if self._busy or self.last is not None:
            return  # settled already: a second Ctrl+Enter must not settle the same visit twice
        if self.trial is None:
            self.run_trial()
            return
        visit = self.form.visit()
        if visit is None:
            return
        self._busy = True
        self.settle_button.setEnabled(False)
        ops.settlement.settle(self.desk, id_number=self.trial.id_number, visit=visit,
                              basis=self.trial.basis).success(self._settled).failure(self._refused).run(self)

    def _settled(self, settled: SettledVisit) -> None:
        self._busy = False
        self.last = settled
        self._show_result()
        self.say(self.tr("结算成功，票据号 {0}").format(settled.receipt_no))
        self.print_button.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, Refusal) and exc.code == "year_to_date_changed":
            # Another window settled this person meanwhile: the figures shown are no longer theirs.
            self.trial = None
            self._show_result()
            self.say(error_text(exc) + "\n" + self.tr("请重新试算"), error=True)
            self.trial_button.setFocus()
            return
        field = getattr(exc, "field", "")
        target = {"visit.discharged": self.form.discharged if not self.form.outpatient() else self.form.admitted,
                  "visit.admitted": self.form.admitted, "visit.total": self.form.partial_self_pay,
                  "id_number": self.id_number}.get(field)
        self._show_result()
        if target is self.id_number:
            self.person_errors.set(self.id_number, error_text(exc))
        elif target is not None:
            self.form.errors.set(target, error_text(exc))
        else:
            self.failed(exc)
            return
        target.setFocus()

    def _show_result(self) -> None:
        """The settlement recorded, else the trial (marked 试算, nothing written), else nothing."""
        shown = self.last or self.trial
        if shown is None:
            self.steps_model.set_rows([])
            for label in (self.reimbursed, self.reimbursed_capital, self.patient_pays, self.patient_pays_capital,
                          self.receipt_no, self.tilt, self.state):
                label.clear()
            self.receipt.clear()
        else:
            result = shown.result
            self.steps_model.set_rows(step_rows(result))
            self.steps.resizeRowsToContents()
            self.reimbursed.setText(fmt(result.reimbursed))
            self.reimbursed_capital.setText(self.tr("大写：{0}").format(to_capital(result.reimbursed)))
            self.patient_pays.setText(fmt(result.patient_pays))
            self.patient_pays_capital.setText(self.tr("大写：{0}").format(to_capital(result.patient_pays)))
            self.tilt.setText(self.tr("享受困难群众倾斜政策") if result.tilt else "")
            if self.last is not None:
                self.state.setText(self.tr("已结算"))
                self.state.setStyleSheet("font-weight: bold; color: #1b5e20;")
                self.receipt_no.setText(self.last.receipt_no)
                self.receipt.set_target("settlement", self.last.settlement_id, self.last.receipt_no)
            else:
                self.state.setText(self.tr("试算结果（未结算，未保存）"))
                self.state.setStyleSheet("font-weight: bold; color: #8a6d00;")
                self.receipt_no.clear()
                self.receipt.clear()
        self.enable_receipt(self.last is not None)
        self.settle_button.setEnabled(self.trial is not None and self.last is None)

    def _form_changed(self) -> None:
        self._edits += 1
        self._invalidate()

    def _invalidate(self) -> None:
        """Any edit after a trial: its figures are no longer the form's (and a settled form starts anew)."""
        if self.trial is not None or self.last is not None:
            had_trial = self.trial is not None and self.last is None
            self.trial = None
            self.last = None
            self._show_result()
            if had_trial:
                self.say(self.tr("内容已修改，请重新试算"), error=False)

    def clear(self) -> None:
        """新结算: the whole form empty (dates too), no result, focus on the ID number."""
        self.lookup.clear()
        self.person_errors.clear()
        self.form.clear()
        self.forget_person()
        self.trial = None
        self.last = None
        self._show_result()
        self.message.clear()
        self.id_number.setFocus()


def id_problem(text: str) -> str:
    """What is wrong with an ID number as typed, in words; "" when it is a valid one."""
    try:
        idnumber.parse(text)
    except idnumber.IdNumberError as exc:
        return error_text(exc)
    return ""
