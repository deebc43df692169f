"""查询: a person of the roster by ID number (or a name's first characters): memberships and enrollments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QFormLayout,
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

from ...domain import idnumber
from ...domain.money import fmt
from ...services.people import PersonView, person_view, search_by_name
from ...store.unit_of_work import Store
from .. import labels
from ..messages import error_text, show
from ..models.text_table_model import TextTableModel


def _looks_like_id(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _table(model: TextTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    return view


class PersonPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._hits: list[str] = []  # the ID numbers behind the (masked) search rows
        self.person: PersonView | None = None
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("身份证号，或姓名开头的字，按回车查询"))
        self.search_button = QPushButton(self.tr("查询"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("查询")))
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        self.message = QLabel()
        self.hits_model = TextTableModel((self.tr("姓名"), self.tr("身份证号"), self.tr("户号")), self)
        self.hits = _table(self.hits_model)
        self.hits.setMaximumHeight(160)

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
        QVBoxLayout(memberships).addWidget(_table(self.memberships_model))
        enrollments = QGroupBox(self.tr("参保记录"))
        QVBoxLayout(enrollments).addWidget(_table(self.enrollments_model))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.hits)
        lower = QHBoxLayout()
        lower.addWidget(details, 2)
        tables = QVBoxLayout()
        tables.addWidget(memberships)
        tables.addWidget(enrollments)
        lower.addLayout(tables, 3)
        layout.addLayout(lower, 1)
        self.hits.hide()

    def _connect_signals(self) -> None:
        self.query.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.hits.activated.connect(self._open_hit)
        self.hits.clicked.connect(self._open_hit)

    def search(self) -> None:
        text = self.query.text().strip()
        self.message.clear()
        if not text:
            return
        if _looks_like_id(text):
            self.hits.hide()
            self.show_person(text)
            return
        try:
            with self._store.reading() as session:
                found = [(p.name, p.id_number, p.household.number if p.household else "")
                         for p in search_by_name(session, text)]
        except Exception as exc:  # noqa: BLE001 (shown inline)
            show(self.message, error_text(exc), error=True)
            return
        self._hits = [number for _, number, _ in found]
        self.hits_model.set_rows([(name, idnumber.mask(number), household) for name, number, household in found])
        self.hits.setVisible(bool(found))
        if not found:
            show(self.message, self.tr("没有姓名以“{0}”开头的人员").format(text), error=True)
        elif len(found) == 1:
            self.show_person(found[0][1])

    def _open_hit(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_person(self._hits[index.row()])

    def show_person(self, number: str) -> bool:
        try:
            with self._store.reading() as session:
                view = person_view(session, number, date.today())
        except Exception as exc:  # noqa: BLE001 (shown inline)
            show(self.message, error_text(exc), error=True)
            return False
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
        return True
