"""The visit as the clerk types it (就诊信息): its fields in form order, labels that follow the kind, and the
checks shown at their field as the clerk types (domain codes worded by wording/, through tr())."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ..domain.categories import KINDS, LEVELS
from ..domain.money import ZERO, fmt
from ..domain.problems import Refusal
from ..domain.visit import Visit, in_scope_of
from . import labels
from .date_field import DateField
from .field_errors import FieldErrors
from .messages import error_text
from .money_field import MoneyField, MoneyInputError

INPATIENT = "inpatient"  # the one kind that is a stay: the others are visits on one day


class VisitForm(QGroupBox):
    """`visit()` is the Visit typed, or None with every problem shown at its field (focus on the first).
    `changed()` whenever the clerk edits anything."""

    changed = Signal()

    def __init__(self, today=date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("就诊信息"))
        self._today = today
        self.errors = FieldErrors()
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
        self.admitted = DateField()
        self.discharged = DateField()
        self.days = QLabel()
        self.in_region = QCheckBox(self.tr("统筹区内就医"))
        self.in_region.setChecked(True)
        self.referred = QCheckBox(self.tr("已办理转诊"))
        self.transfer = QCheckBox(self.tr("转院（续住）"))
        self.total = MoneyField(self.tr("医疗总费用"), required=True)
        self.out_of_catalog = MoneyField(self.tr("目录外费用"))
        self.partial_self_pay = MoneyField(self.tr("部分自付费用"))
        self.previous_deductible = MoneyField(self.tr("前次已付起付线"))
        self.in_scope = QLabel("0.00")
        self.in_scope.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.admitted_label = QLabel()
        self.discharged_label = QLabel(self.tr("出院日期"))
        self.days_label = QLabel(self.tr("住院天数"))
        self._layout()
        self._connect_signals()
        self._kind_changed()

    def fields(self) -> list[QWidget]:
        """The typed fields in form order: Enter walks them, Tab follows them."""
        return [self.kind, self.level, self.hospital, self.diagnosis, self.admitted, self.discharged, self.total,
                self.out_of_catalog, self.partial_self_pay, self.previous_deductible]

    def _layout(self) -> None:
        form = QGridLayout(self)
        at = self.errors.at
        rows = [
            (QLabel(self.tr("就诊类别")), self.kind, QLabel(self.tr("医院等级")), self.level),
            (QLabel(self.tr("医疗机构")), self.hospital, QLabel(self.tr("诊断")), self.diagnosis),
            (self.admitted_label, at(self.admitted), self.discharged_label, at(self.discharged)),
            (QLabel(self.tr("医疗总费用")), at(self.total), QLabel(self.tr("目录外费用")), at(self.out_of_catalog)),
            (QLabel(self.tr("部分自付费用")), at(self.partial_self_pay), QLabel(self.tr("前次已付起付线")),
             at(self.previous_deductible)),
        ]
        for r, row in enumerate(rows):
            for c, widget in enumerate(row):
                form.addWidget(widget, r, c, Qt.AlignmentFlag.AlignTop if c % 2 == 0 else Qt.AlignmentFlag(0))
        flags = QHBoxLayout()
        for box in (self.in_region, self.referred, self.transfer):
            flags.addWidget(box)
        flags.addStretch(1)
        form.addLayout(flags, len(rows), 0, 1, 4)
        form.addWidget(self.days_label, len(rows) + 1, 0)
        form.addWidget(self.days, len(rows) + 1, 1)
        form.addWidget(QLabel(self.tr("政策范围内费用")), len(rows) + 1, 2)
        form.addWidget(self.in_scope, len(rows) + 1, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        fields = self.fields()
        for before, after in zip(fields, fields[1:]):
            QWidget.setTabOrder(before, after)
        QWidget.setTabOrder(fields[-1], self.in_region)
        QWidget.setTabOrder(self.in_region, self.referred)
        QWidget.setTabOrder(self.referred, self.transfer)

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.hospital, self.diagnosis, self.total, self.out_of_catalog, self.partial_self_pay,
                     self.previous_deductible, self.admitted, self.discharged):
            edit.textChanged.connect(self._edited)
        for box in (self.kind, self.level):
            box.currentIndexChanged.connect(self._edited)
        for check in (self.in_region, self.referred, self.transfer):
            check.toggled.connect(self._edited)

    def outpatient(self) -> bool:
        return self.kind.currentData() != INPATIENT

    def _kind_changed(self) -> None:
        # A visit on one day: 就诊日期, no discharge date to type and no days in hospital.
        outpatient = self.outpatient()
        self.admitted_label.setText(self.tr("就诊日期") if outpatient else self.tr("入院日期"))
        for widget in (self.discharged_label, self.discharged.parentWidget(), self.days_label, self.days):
            widget.setVisible(not outpatient)

    def _edited(self) -> None:
        self.check(final=False)
        self.changed.emit()

    # --- reading and checking -----------------------------------------------------------------------

    def discharged_day(self) -> date | None:
        return self.admitted.day() if self.outpatient() else self.discharged.day()

    def check(self, *, final: bool) -> dict[QWidget, str]:
        """Every problem at its field, shown; `final` (试算) also names what is missing or incomplete."""
        problems: dict[QWidget, str] = {}
        admitted, discharged = self.admitted.day(), self.discharged_day()
        for field, day in ((self.admitted, admitted), (self.discharged, discharged)):
            if day is None and (final or field.text().strip()) and not (field is self.discharged
                                                                          and self.outpatient()):
                problems[field] = (self.tr("请填写日期") if not field.text().strip()
                                   else self.tr("不是有效日期：{0}（如 20260301）").format(field.text().strip()))
        today = self._today()
        date_field = self.admitted if self.outpatient() else self.discharged
        if admitted and discharged and discharged < admitted:
            problems[date_field] = error_text(Refusal("discharge_before_admission", "visit.discharged",
                                                      admitted=admitted.isoformat(),
                                                      discharged=discharged.isoformat()))
        elif discharged and discharged > today:
            problems.setdefault(date_field, error_text(Refusal("future_discharge", "visit.discharged",
                                                               discharged=discharged.isoformat(),
                                                               today=today.isoformat())))
        amounts = {}
        for field in (self.total, self.out_of_catalog, self.partial_self_pay, self.previous_deductible):
            if not final and not field.text().strip():
                continue
            try:
                amounts[field] = field.amount()
            except MoneyInputError as exc:
                if final or field.text().strip():
                    problems[field] = error_text(exc)
        if all(f in amounts for f in (self.total, self.out_of_catalog, self.partial_self_pay)) \
                and in_scope_of(amounts[self.total], amounts[self.out_of_catalog],
                                amounts[self.partial_self_pay]) < 0:
            problems[self.partial_self_pay] = error_text(Refusal(
                "in_scope_negative", "visit.total", total=fmt(amounts[self.total]),
                out_of_catalog=fmt(amounts[self.out_of_catalog]),
                partial_self_pay=fmt(amounts[self.partial_self_pay])))
        for field in (self.admitted, self.discharged, self.total, self.out_of_catalog, self.partial_self_pay,
                      self.previous_deductible):
            self.errors.set(field, problems.get(field, ""))
        self._show_figures(admitted, discharged, amounts)
        return problems

    def _show_figures(self, admitted: date | None, discharged: date | None, amounts: dict) -> None:
        stay = (discharged - admitted).days if admitted and discharged and discharged >= admitted else None
        # Days in hospital as the slip counts them: the day of discharge is not a day of stay (at least one).
        self.days.setText(self.tr("{0} 天").format(max(stay, 1)) if stay is not None else "—")
        parts = [amounts.get(f) for f in (self.total, self.out_of_catalog, self.partial_self_pay)]
        if None in parts and self.total.text().strip():
            self.in_scope.setText("—")
            return
        total, out, partial = (p if p is not None else ZERO for p in parts)
        value = in_scope_of(total, out, partial)
        self.in_scope.setText(fmt(value) if value >= 0 else "—")

    def visit(self) -> Visit | None:
        """The visit typed; None when a field is wrong (each said at its field, the first one focused)."""
        if self.check(final=True):
            first = self.errors.first_bad()
            if first is not None:
                first.setFocus()
                if hasattr(first, "selectAll"):
                    first.selectAll()
            return None
        return Visit(kind=self.kind.currentData(), hospital_level=self.level.currentData(),
                     admitted=self.admitted.day(), discharged=self.discharged_day(),
                     total=self.total.amount(), out_of_catalog=self.out_of_catalog.amount(),
                     partial_self_pay=self.partial_self_pay.amount(), in_region=self.in_region.isChecked(),
                     referred=self.referred.isChecked(), transfer=self.transfer.isChecked(),
                     previous_deductible=self.previous_deductible.amount(),
                     diagnosis=self.diagnosis.text().strip(), hospital=self.hospital.text().strip())

    def clear(self) -> None:
        """A new visit: every field empty (dates too), the flags as for a visit in the region."""
        for edit in (self.hospital, self.diagnosis, self.total, self.out_of_catalog, self.partial_self_pay,
                     self.previous_deductible, self.admitted, self.discharged):
            edit.clear()
        self.kind.setCurrentIndex(0)
        self.level.setCurrentIndex(LEVELS.index("county"))
        self.referred.setChecked(False)
        self.transfer.setChecked(False)
        self.in_region.setChecked(True)
        self.errors.clear()

