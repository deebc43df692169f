"""The person lookup the pages share, driven from the keyboard: an ID number, or a name's first characters."""

from __future__ import annotations

from datetime import date

import pytest
from imekit import commit
from PySide6.QtCore import QDate, Qt
from uikit import answered
from windowkit import add_person

from windowdesk.domain.idnumber import mask
from windowdesk.ui.pages.enrollment_page import EnrollmentPage
from windowdesk.ui.pages.settlement_page import SettlementPage
from windowdesk.ui.person_lookup import PersonLookup
from windowdesk.ui.operations import Desk


@pytest.fixture
def lookup(qtbot, window):
    widget = PersonLookup(Desk(window.store, window.clerk), lambda: date(2024, 3, 1))
    widget.resize(640, 400)  # as wide as on the settlement page
    shown(qtbot, widget)
    found, failed = [], []
    widget.found.connect(lambda view, _asked: found.append(view))
    widget.failed.connect(failed.append)
    return widget, found, failed


def shown(qtbot, widget):
    """Shown and active, so that focus moves as on the clerk's screen."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def type_and_enter(qtbot, field, text: str) -> None:
    """Digits typed; Chinese committed as an input method does."""
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        commit(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_several_names_are_listed_and_picked_with_the_arrows_and_enter(qtbot, window, lookup):
    widget, found, failed = lookup
    first = add_person(window.store, name="赵六", household="H001")
    second = add_person(window.store, name="赵六一", household="H002")
    add_person(window.store, name="钱七")
    type_and_enter(qtbot, widget.field, "赵")
    assert widget.hits.isVisible() and widget.hits.hasFocus()
    assert widget.hits_model.rows() == [("赵六", mask(first), "H001"), ("赵六一", mask(second), "H002")]
    assert found == [] and failed == [] and widget.person is None
    qtbot.keyClick(widget.hits, Qt.Key.Key_Down)
    qtbot.keyClick(widget.hits, Qt.Key.Key_Return)
    assert [view.id_number for view in found] == [second]
    assert widget.field.text() == second and widget.hits.isHidden()
    assert widget.matches(second.lower()) and not widget.matches(first)


def test_escape_closes_the_list_and_goes_back_to_the_field(qtbot, window, lookup):
    widget, found, _failed = lookup
    add_person(window.store, name="孙一")
    add_person(window.store, name="孙二")
    type_and_enter(qtbot, widget.field, "孙")
    qtbot.keyClick(widget.hits, Qt.Key.Key_Escape)
    assert widget.hits.isHidden() and widget.field.hasFocus() and found == []


def test_an_id_number_is_found_directly_and_its_short_form_upgraded(qtbot, window, lookup):
    widget, found, _failed = lookup
    number = add_person(window.store, name="李四")
    type_and_enter(qtbot, widget.field, number[:6] + number[8:17])  # the old 15-digit form
    assert [(view.id_number, view.name, view.category_on) for view in found] == [(number, "李四", "dibao")]
    assert widget.field.text() == number


@pytest.mark.parametrize(("typed", "message"), [
    ("", "请输入身份证号或姓名"),
    ("周", "没有姓名以“周”开头的人员"),
    ("330383196105021", "身份证号中的出生日期无效：19196105"),  # 15 digits: 19 + 196105 is no date
    ("330327199001011232", "花名册中没有身份证号为 330327********1232 的人员"),
])
def test_what_is_not_found_says_why(qtbot, window, lookup, typed, message):
    widget, found, failed = lookup
    type_and_enter(qtbot, widget.field, typed)
    assert found == [] and widget.person is None
    assert failed and failed[0].startswith(message)


def test_editing_the_field_forgets_the_person(qtbot, window, lookup):
    widget, _found, _failed = lookup
    number = add_person(window.store)
    type_and_enter(qtbot, widget.field, number)
    assert widget.person is not None
    forgotten = []
    widget.forgotten.connect(lambda: forgotten.append(True))
    qtbot.keyClick(widget.field, Qt.Key.Key_Backspace)
    assert widget.person is None and forgotten == [True]


def test_the_settlement_page_finds_by_name_and_settles_that_person(qtbot, window):
    page = shown(qtbot, SettlementPage(Desk(window.store, window.clerk)))
    number = add_person(window.store, name="吴九")
    page.admitted.setDate(QDate(2024, 3, 1))
    type_and_enter(qtbot, page.id_number, "吴")
    assert (page.id_number.text(), page.name.text(), page.category.text()) == (number, "吴九", "低保对象")
    assert page.kind.hasFocus()  # the next field of the form


def test_the_enrollment_page_enrolls_the_person_picked_by_name(qtbot, window):
    page = shown(qtbot, EnrollmentPage(Desk(window.store, window.clerk)))
    add_person(window.store, name="郑一", insured=None)
    number = add_person(window.store, name="郑二", insured=None)
    type_and_enter(qtbot, page.id_number, "郑")
    qtbot.keyClick(page.lookup.hits, Qt.Key.Key_Down)
    qtbot.keyClick(page.lookup.hits, Qt.Key.Key_Return)
    assert (page.name.text(), page.year.hasFocus()) == ("郑二", True)
    page.year.setValue(2025)
    page.on.setDate(QDate(2024, 11, 5))
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "参保登记成功，票据号 LG-01-00000001"
    assert page.enrolled_years.text() == "2025" and page.id_number.text() == number


def test_the_list_is_as_tall_as_its_rows_up_to_six(qtbot, window, lookup):
    widget, _found, _failed = lookup
    for k in range(8):
        add_person(window.store, name=f"冯{'一二三四五六七八'[k]}")
    add_person(window.store, name="褚一")
    add_person(window.store, name="褚二")
    type_and_enter(qtbot, widget.field, "褚")
    two = widget.hits.height()
    assert widget.hits.verticalScrollBar().maximum() == 0  # both rows in view, no scrolling
    widget.clear()
    type_and_enter(qtbot, widget.field, "冯")
    assert widget.hits_model.rowCount() == 8
    six_rows = sum(widget.hits.rowHeight(r) for r in range(6))
    assert widget.hits.height() - two == six_rows - sum(widget.hits.rowHeight(r) for r in range(2))
    assert widget.hits.verticalScrollBar().maximum() > 0  # the other two scroll


def test_a_refresh_or_a_pages_own_lookup_is_not_the_clerks(qtbot, window, lookup):
    """Asked (the page moves the focus on) only when the clerk looked up; refreshed or implicit, not."""
    widget, _found, _failed = lookup
    asked = []
    widget.found.connect(lambda _view, was_asked: asked.append(was_asked))
    number = add_person(window.store)
    type_and_enter(qtbot, widget.field, number)
    widget.refresh()
    answered()
    widget.look_up(asked=False)
    answered()
    assert asked == [True, False, False]


def test_the_settlement_page_keeps_the_focus_when_the_admission_date_changes(qtbot, window):
    page = shown(qtbot, SettlementPage(Desk(window.store, window.clerk)))
    number = add_person(window.store, memberships=(("dibao", date(2024, 3, 1), None),))
    page.admitted.setDate(QDate(2024, 3, 1))
    type_and_enter(qtbot, page.id_number, number)
    assert page.category.text() == "低保对象"
    page.admitted.setFocus()
    page.admitted.setDate(QDate(2024, 2, 28))  # before the category was granted
    answered()
    assert page.category.text() == "普通参保人" and page.admitted.hasFocus()


def test_the_button_looks_up_and_a_double_click_picks_a_row_once(qtbot, window):
    widget = PersonLookup(Desk(window.store, window.clerk), lambda: date(2024, 3, 1), keep_hits=True)  # the person page's list
    widget.resize(640, 400)
    shown(qtbot, widget)
    found = []
    widget.found.connect(lambda view, _asked: found.append(view.id_number))
    add_person(window.store, name="卫一")
    second = add_person(window.store, name="卫二")
    commit(widget.field, "卫")
    qtbot.mouseClick(widget.button, Qt.MouseButton.LeftButton)
    assert widget.hits_model.rows()[1][0] == "卫二" and found == []
    row = widget.hits.visualRect(widget.hits_model.index(1, 0)).center()
    # A double-click as the mouse sends it: a click, then a second press that is a double-click, a release.
    qtbot.mouseClick(widget.hits.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.mouseDClick(widget.hits.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.mouseRelease(widget.hits.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert found == [second] and widget.hits.isVisible()
