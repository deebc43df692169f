"""查询: a person of the roster by ID number (or a name's first characters): memberships and enrollments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.money import fmt
from ...services.people import PersonView
from .. import labels
from ..models.text_table_model import TextTableModel
from ..operations import Desk
from ..table_view import read_only_table
from .base import PersonPageBase


class PersonPage(PersonPageBase):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, date.today, parent, keep_hits=True)  # a family, one after another
        self.person: PersonView | None = None
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.query = self.lookup.field
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("查询")), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.lookup, 1)

        self.labels = {key: QLabel("—") for key in
                       ("name", "id_number", "sex", "birth_date", "household", "address", "category")}
        details = QGroupBox(self.tr("人员信息"))
        form = QFormLayout(details)
        for key, text in (("name", self.tr("姓名")), ("id_number", self.tr("身份证号")), ("sex", self.tr("性别")),
                          ("birth_date", self.tr("出生日期")), ("household", self.tr("户号 / 与户主关系")),
                          ("address", self.tr("乡镇 / 村")), ("category", self.tr("今日人员类别"))):
            form.addRow(text, self.labels[key])
        self.memberships_model = TextTableModel((self.tr("人员类别"), self.tr("认定日期"), self.tr("退出日期")), self)
        self.enrollments_model = TextTableModel((self.tr("年度"), self.tr("资助类别"), self.tr("缴费标准"),
                                                 self.tr("个人实缴"), self.tr("参保期"), self.tr("票据号")), self)
        memberships = QGroupBox(self.tr("人员类别记录"))
        QVBoxLayout(memberships).addWidget(read_only_table(self.memberships_model))
        enrollments = QGroupBox(self.tr("参保记录"))
        QVBoxLayout(enrollments).addWidget(read_only_table(self.enrollments_model))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        lower = QHBoxLayout()
        lower.addWidget(details, 2)
        tables = QVBoxLayout()
        tables.addWidget(memberships)
        tables.addWidget(enrollments)
        lower.addLayout(tables, 3)
        layout.addLayout(lower, 1)

    def _connect_signals(self) -> None:
        self.lookup.found.connect(self._show)
        self.lookup.forgotten.connect(self.message.clear)

    def _show(self, view: PersonView, _asked: bool) -> None:
        self.message.clear()
        self.person = view
        values = {
            "name": view.name, "id_number": view.id_number, "sex": labels.sex(view.sex),
            "birth_date": str(view.birth_date), "household": " / ".join(x for x in (view.household, view.relation) if x),
            "address": " / ".join(x for x in (view.town, view.village) if x),
            "category": labels.category(view.category_on),
        }
        for key, value in values.items():
            self.labels[key].setText(value or "—")
        self.memberships_model.set_rows([(labels.category(m.category), str(m.identified_on),
                                          str(m.exited_on) if m.exited_on else "—") for m in view.memberships])
        self.enrollments_model.set_rows([(str(e.year), labels.category(e.category),
                                          fmt(e.contribution), fmt(e.person_pays),
                                          self.tr("{0} 至 {1}").format(e.insured_from, e.insured_to), e.receipt_no)
                                         for e in view.enrollments])
