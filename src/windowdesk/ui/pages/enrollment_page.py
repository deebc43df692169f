"""参保: enrolling a person of the roster for a year (services.enrollment.enroll)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.capital import to_capital
from ...domain.money import fmt
from ...services.enrollment import EnrollmentResult
from ...services.people import PersonView
from .. import labels, ops
from ..models.text_table_model import TextTableModel
from ..operations import Desk
from ..date_field import DateField
from ..field_errors import FieldErrors
from ..form_keys import EnterKeys
from .base import PersonPageBase


class EnrollmentPage(PersonPageBase):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, self._on, parent)
        self._person: PersonView | None = None
        self.last: EnrollmentResult | None = None
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.name = QLabel("—")
        self.current = QLabel("—")
        self.enrolled_years = QLabel("—")
        today = QDate.currentDate()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year())
        self.on = DateField(today)  # typed as digits: Tab does not stop inside it as in a QDateEdit
        self.errors = FieldErrors()
        self.enroll_button = QPushButton(self.tr("办理参保"))
        self.enroll_button.setMinimumHeight(34)
        form_box = QGroupBox(self.tr("参保登记"))
        form = QFormLayout(form_box)
        form.addRow(self.tr("身份证号"), self.lookup)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("当前人员类别"), self.current)
        form.addRow(self.tr("已参保年度"), self.enrolled_years)
        form.addRow(self.tr("参保年度"), self.year)
        form.addRow(self.tr("办理日期"), self.errors.at(self.on))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.enroll_button)
        self.already = QLabel()
        self.already.setStyleSheet("color: #8a6d00; font-weight: bold;")
        self.already.setWordWrap(True)
        form.addRow("", self.already)
        left = QVBoxLayout()
        left.addWidget(form_box)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addStretch(1)

        self.category = QLabel()
        self.contribution = QLabel()
        self.person_pays = QLabel()
        self.person_pays.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.person_pays_capital = QLabel()
        self.insured = QLabel()
        self.receipt_no = QLabel()
        self.receipt_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subsidy_model = TextTableModel((self.tr("资助资金"), self.tr("资助金额")), self)
        self.subsidy = QTableView()
        self.subsidy.setModel(self.subsidy_model)
        self.subsidy.verticalHeader().setVisible(False)
        self.subsidy.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.subsidy.setMaximumHeight(120)
        receipt_buttons = self.receipt_buttons(self.tr("保存参保凭证 PDF…"), self.tr("打印参保凭证"))
        result_box = QGroupBox(self.tr("参保结果"))
        result = QFormLayout(result_box)
        result.addRow(self.tr("资助类别"), self.category)
        result.addRow(self.tr("个人缴费标准"), self.contribution)
        result.addRow(self.tr("资助"), self.subsidy)
        result.addRow(self.tr("个人实缴"), self.person_pays)
        result.addRow("", self.person_pays_capital)
        result.addRow(self.tr("参保期"), self.insured)
        result.addRow(self.tr("票据号"), self.receipt_no)
        result.addRow(receipt_buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(result_box)
        right.addStretch(1)
        layout.addLayout(right, 1)
        self._show_result(None)

    def _connect_signals(self) -> None:
        self.lookup.found.connect(self._show_person)
        self.lookup.forgotten.connect(self.forget_person)
        self.year.valueChanged.connect(self._changed)
        self.on.dateChanged.connect(self._changed)
        self.on.dateChanged.connect(self._day_changed)
        self.enroll_button.clicked.connect(self.enroll)
        # Enter walks the form as on the other pages, and on the last field enrolls.
        self.enter_keys = EnterKeys(self, (self.year, self.on), self.enroll)

    def _show_person(self, view: PersonView, asked: bool) -> None:
        self._person = view
        self.name.setText(view.name)
        self.current.setText(labels.category(view.category_on))
        self.enrolled_years.setText(labels.listing(str(e.year) for e in view.enrollments) or self.tr("无"))
        self._show_already()
        if asked:
            self.message.clear()
            self.year.setFocus()
            self.year.selectAll()

    def forget_person(self) -> None:
        self._person = None
        for label in (self.name, self.current, self.enrolled_years):
            label.setText("—")
        self._changed()

    def _enrolled(self) -> object | None:
        """The person's enrollment for the year chosen, if they have one."""
        if self._person is None:
            return None
        return next((e for e in self._person.enrollments if e.year == self.year.value()), None)

    def _show_already(self) -> None:
        held = self._enrolled()
        self.already.setText(self.tr("已参保：{0} 年度，参保期 {1} 至 {2}，票据号 {3}").format(
            held.year, held.insured_from, held.insured_to, held.receipt_no) if held else "")

    def _day_changed(self) -> None:
        if self.on.day() is not None:
            self.errors.set(self.on)
            self.lookup.refresh()  # the category is the one held on that day

    def _day_problem(self) -> str:
        text = self.on.text().strip()
        if self.on.day() is not None:
            return ""
        return self.tr("请填写日期") if not text else self.tr("不是有效日期：{0}（如 20260301）").format(text)

    def enroll(self) -> None:
        if not self.enroll_button.isEnabled():
            return
        self.message.clear()
        problem = self._day_problem()
        self.errors.set(self.on, problem)
        if problem:
            self.on.setFocus()
            return
        if not self.lookup.matches(self.id_number.text()):
            self.lookup.look_up(asked=False, then=lambda _view: self._enroll())
            return  # not found (said why), or several names to pick from
        self._enroll()

    def _enroll(self) -> None:
        held = self._enrolled()
        if held is not None:
            self.say(self.already.text(), error=True)
            return
        self.enroll_button.setEnabled(False)  # no second enrollment while this one runs
        ops.enrollment.enroll(self.desk, id_number=self._person.id_number, year=self.year.value(),
                              on=self._on()).success(self._enrolled_now).failure(self._refused).run(self)

    def _refused(self, exc: BaseException) -> None:
        self.enroll_button.setEnabled(True)
        self.failed(exc)

    def _enrolled_now(self, result: EnrollmentResult) -> None:
        self.last = result
        self._show_result(result)
        self.lookup.refresh()  # the enrolled years now include this one
        self.say(self.tr("参保登记成功，票据号 {0}").format(result.receipt_no))

    def _show_result(self, result: EnrollmentResult | None) -> None:
        if result is None:
            for label in (self.category, self.contribution, self.person_pays, self.person_pays_capital,
                          self.insured, self.receipt_no):
                label.clear()
            self.subsidy_model.set_rows([])
            self.receipt.clear()
        else:
            self.category.setText(labels.category(result.category))
            self.contribution.setText(fmt(result.contribution))
            self.subsidy_model.set_rows([(labels.fund(fund), fmt(amount))
                                         for fund, amount in result.subsidy])
            self.person_pays.setText(fmt(result.person_pays))
            self.person_pays_capital.setText(self.tr("大写：{0}").format(to_capital(result.person_pays)))
            self.insured.setText(self.tr("{0} 至 {1}").format(result.insured_from, result.insured_to))
            self.receipt_no.setText(result.receipt_no)
            self.receipt.set_target("enrollment", result.receipt_no, result.receipt_no)
        self.enable_receipt(result is not None)

    def _changed(self) -> None:
        self.enroll_button.setEnabled(True)
        self._show_already()

    def _on(self) -> date:
        """The day of enrolling; while the field names no day, today (the lookup still needs one)."""
        return self.on.day() or date.today()
