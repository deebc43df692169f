"""The enrollment page driven as a clerk: look up, choose year and day, enroll, read the receipt."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select
from windowkit import add_person

from windowdesk.store.models import Enrollment, Person
from windowdesk.ui.pages.enrollment_page import EnrollmentPage
from windowdesk.ui.operations import Desk


@pytest.fixture
def page(qtbot, window):
    p = EnrollmentPage(Desk(window.store, window.clerk))
    qtbot.addWidget(p)
    p.show()
    return p


def enroll(qtbot, page, number: str, year: int, on: date) -> None:
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    page.year.setValue(year)
    page.on.setDate(QDate(on))
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)


def stored(window, number: str) -> list[Enrollment]:
    with window.store.reading() as session:
        return list(session.execute(select(Enrollment).join(Person, Person.id == Enrollment.person_id)
                                    .where(Person.id_number == number)).scalars())


def test_dibao_person_is_enrolled_with_the_subsidy_and_the_receipt_shown(qtbot, page, window):
    number = add_person(window.store, name="王五", insured=None)
    enroll(qtbot, page, number, 2025, date(2024, 11, 5))
    assert (page.name.text(), page.current.text()) == ("王五", "低保对象")
    assert (page.category.text(), page.contribution.text(), page.person_pays.text()) == ("低保对象", "640.00", "0.00")
    assert page.subsidy_model.rows() == [("财政资助", "640.00")]
    assert page.person_pays_capital.text() == "大写：零元整"
    assert (page.insured.text(), page.receipt_no.text()) == ("2025-01-01 至 2025-12-31", "LG-01-00000001")
    assert page.message.text() == "参保登记成功，票据号 LG-01-00000001"
    assert page.enrolled_years.text() == "2025"
    [row] = stored(window, number)
    assert (row.year, row.person_pays, row.receipt_no, row.created_by) == (2025, Decimal("0.00"), "LG-01-00000001",
                                                                          "clerk")


def test_ordinary_person_pays_the_whole_contribution_from_next_month(qtbot, page, window):
    number = add_person(window.store, memberships=(), insured=None)
    enroll(qtbot, page, number, 2024, date(2024, 4, 15))
    assert (page.category.text(), page.person_pays.text()) == ("普通参保人", "600.00")
    assert page.person_pays_capital.text() == "大写：陆佰元整"
    assert page.subsidy_model.rows() == []
    assert page.insured.text() == "2024-05-01 至 2024-12-31"


def test_enrolling_twice_is_refused_in_chinese(qtbot, page, window):
    number = add_person(window.store, insured=None)
    enroll(qtbot, page, number, 2025, date(2024, 11, 5))
    assert not page.enroll_button.isEnabled()  # no second click on the same enrollment
    page.year.setValue(2024)
    assert page.already.text() == ""  # not enrolled for 2024
    page.year.setValue(2025)  # back to the year enrolled: said at once, with the period
    assert page.already.text() == "已参保：2025 年度，参保期 2025-01-01 至 2025-12-31，票据号 LG-01-00000001"
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == page.already.text()
    assert len(stored(window, number)) == 1
    assert page.receipt_no.text() == "LG-01-00000001"  # the result shown is still the enrollment made


def test_enrollment_receipt_can_be_saved(qtbot, page, window, monkeypatch, tmp_path):
    number = add_person(window.store, insured=None)
    enroll(qtbot, page, number, 2025, date(2024, 11, 5))
    monkeypatch.setattr(page.receipt, "ask_path", lambda suggested: str(tmp_path / "凭证.pdf"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "凭证.pdf").read_bytes().startswith(b"%PDF")
    assert page.message.text() == f"票据 LG-01-00000001（电子副本）：已保存到 {tmp_path / '凭证.pdf'}"


def test_a_year_the_policy_does_not_cover_is_refused_with_the_reason(qtbot, page, window):
    number = add_person(window.store, insured=None)
    enroll(qtbot, page, number, 2031, date(2030, 11, 5))
    assert page.message.text().startswith("政策") and "2031" in page.message.text()
    assert stored(window, number) == [] and page.receipt_no.text() == ""
    assert page.enroll_button.isEnabled()  # the clerk may correct the year and try again


def test_enter_walks_to_the_day_and_enrolls(qtbot, page, window):
    number = add_person(window.store, insured=None)
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    assert page.year.hasFocus()
    page.year.setValue(2025)
    qtbot.keyClick(page.year, Qt.Key.Key_Return)
    assert page.on.hasFocus()
    page.on.setDate(QDate(2024, 11, 5))
    qtbot.keyClick(page.on, Qt.Key.Key_Return)
    assert page.message.text() == "参保登记成功，票据号 LG-01-00000001"
    assert [e.year for e in stored(window, number)] == [2025]


def test_the_day_is_typed_as_digits_and_an_unfinished_one_is_refused_at_the_field(qtbot, page, window):
    number = add_person(window.store, insured=None)
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    page.year.setValue(2025)
    page.on.clear()
    qtbot.keyClicks(page.on, "2024110")  # one digit short
    qtbot.keyClick(page.on, Qt.Key.Key_Return)
    assert page.errors.text(page.on) == "不是有效日期：2024110（如 20260301）"
    assert page.on.hasFocus() and stored(window, number) == []
    qtbot.keyClicks(page.on, "5")
    assert page.errors.text(page.on) == ""  # gone once the field names a day
    qtbot.keyClick(page.on, Qt.Key.Key_Return)
    assert [(e.year, e.enrolled_on) for e in stored(window, number)] == [(2025, date(2024, 11, 5))]
