"""Finding a person of the roster: an ID number, or the first characters of a name with a pick list.

The settlement, enrollment and person pages share it. What a page shows of the person depends on a day (the
category on the admission date, the enrollments up to the day of enrollment), so the page gives the lookup
a function returning that day, and `refresh` runs the lookup again when the day changes.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..domain import idnumber
from ..services.people import PersonView
from . import ops
from .messages import error_text
from .operations import Desk
from .models.text_table_model import TextTableModel
from .table_view import read_only_table


VISIBLE_HITS = 6


def looks_like_id(text: str) -> bool:
    """A digit in it: an ID number (perhaps mistyped), not a name."""
    return any(ch.isdigit() for ch in text)


class PersonLookup(QWidget):
    """An entry field (Enter looks up), a 查询 button, and the names that match, picked with the arrows and Enter.

    Signals: `found(PersonView, asked)`, asked False when the page looked up for itself (`refresh`, or
    `look_up(asked=False, then=...)` before it acts), so that it updates what it shows without moving the focus or
    clearing its message; `failed(str)` with the message to show; `forgotten()` when the clerk edits the
    field, so the person shown no longer matches what it says."""

    found = Signal(object, bool)
    failed = Signal(str)
    forgotten = Signal()

    def __init__(self, desk: Desk, day: Callable[[], date], parent: QWidget | None = None, *,
                 keep_hits: bool = False):
        super().__init__(parent)
        self._desk = desk
        self._day = day
        self._keep_hits = keep_hits  # the list stays after a pick, to look at one person after another
        self._numbers: list[str] = []  # the ID numbers behind the (masked) rows of the pick list
        self.person: PersonView | None = None
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("身份证号，或姓名开头的字，按回车查询"))
        self.field.setMaxLength(40)
        self.button = QPushButton(self.tr("查询"))
        self.hits_model = TextTableModel((self.tr("姓名"), self.tr("身份证号"), self.tr("户号")), self)
        self.hits = read_only_table(self.hits_model)
        self.hits.setWordWrap(False)
        self.hits.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hits)
        self.field.returnPressed.connect(self.look_up)
        self.button.clicked.connect(self.look_up)
        self.field.textEdited.connect(self._edited)
        self.hits.clicked.connect(self._pick)  # Enter: eventFilter (`activated` would pick twice on a double-click)
        self.hits.installEventFilter(self)

    def look_up(self, *, asked: bool = True, then: Callable[[PersonView], None] | None = None) -> None:
        """The person the field names, found by ID number or by the only matching name (then `found`, and
        `then(view)` for a page that looked up before it acts); several matching names are listed to pick
        from. An ID number is checked (length, birth date, check character) before any lookup."""
        text = self.field.text().strip()
        if not text:
            self._fail(self.tr("请输入身份证号或姓名"))
            return
        if looks_like_id(text):
            self.show_person(text, asked=asked, then=then)
            return
        ops.people.named(self._desk, prefix=text).success(
            lambda hits: self._listed(text, hits, asked, then)).failure(self._failed).run(self)

    def _listed(self, text: str, hits: list, asked: bool, then) -> None:
        if not hits:
            self._fail(self.tr("没有姓名以“{0}”开头的人员").format(text))
            return
        if len(hits) == 1:
            self.show_person(hits[0].id_number, asked=asked, then=then)
            return
        self._numbers = [hit.id_number for hit in hits]
        self.hits_model.set_rows([(hit.name, idnumber.mask(hit.id_number), hit.household) for hit in hits])
        self.hits.show()
        self._fit_hits()
        self.hits.selectRow(0)
        self.hits.setFocus()

    def show_person(self, number: str, *, asked: bool = True, then: Callable[[PersonView], None] | None = None
                    ) -> None:
        try:
            idnumber.parse(number)
        except idnumber.IdNumberError as exc:
            # A mistyped number is said as such, never as "not in the roster".
            self._fail(error_text(exc))
            return
        ops.people.person(self._desk, id_number=number, day=self._day()).success(
            lambda view: self._show(view, asked, then)).failure(self._failed).run(self)

    def _show(self, view: PersonView, asked: bool, then) -> None:
        self.person = view
        self.field.setText(view.id_number)  # the canonical form (15 digits upgraded, x -> X)
        if not (self._keep_hits and view.id_number in self._numbers):
            self._hide_hits()
        self.found.emit(view, asked)
        if then is not None:
            then(view)

    def _failed(self, exc: BaseException) -> None:
        self._fail(error_text(exc))

    def refresh(self) -> None:
        """The day changed: the person shown, seen on the new day."""
        if self.person is not None:
            self.show_person(self.person.id_number, asked=False)

    def clear(self) -> None:
        self.field.clear()
        self.person = None
        self._hide_hits()

    def matches(self, id_number: str) -> bool:
        """The person found is the one the field still names."""
        return self.person is not None and self.person.id_number == id_number.strip().upper()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # Enter on the pick list picks on every platform (QTableView's `activated` is the style's choice);
        # Escape goes back to the field with the list closed.
        if watched is self.hits and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick(self.hits.currentIndex())
                return True
            if event.key() == Qt.Key.Key_Escape:
                self._hide_hits()
                self.field.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _pick(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self._numbers):
            self.show_person(self._numbers[index.row()])

    def _fail(self, message: str) -> None:
        self.person = None
        self._hide_hits()
        self.failed.emit(message)

    def _edited(self) -> None:
        self.person = None
        self.forgotten.emit()

    def _fit_hits(self) -> None:
        """As tall as its rows, up to VISIBLE_HITS of them (the rest scroll): the form below stays in view."""
        shown = min(self.hits_model.rowCount(), VISIBLE_HITS)
        rows = sum(self.hits.rowHeight(r) for r in range(shown))
        header = max(self.hits.horizontalHeader().height(), self.hits.horizontalHeader().sizeHint().height())
        bar = self.hits.horizontalScrollBar()
        below = bar.sizeHint().height() if bar.isVisible() else 0  # a narrow window scrolls sideways
        self.hits.setFixedHeight(header + rows + below + 2 * self.hits.frameWidth())

    def _hide_hits(self) -> None:
        self.hits.hide()
        self.hits_model.set_rows([])
        self._numbers = []
