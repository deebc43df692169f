"""The settlement page as a new clerk uses it: 试算 before anything is written, 确认结算 records what was seen,
errors at their field as typed, the keyboard walking the form."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from imekit import commit
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select
from uikit import desk
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import make_valid
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import Settlement
from windowdesk.ui.pages.settlement_page import SettlementPage

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


def make_page(qtbot, window, today=date.today) -> SettlementPage:
    page = SettlementPage(desk(window), today=today)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # the keyboard goes to it
    return page


@pytest.fixture
def page(qtbot, window) -> SettlementPage:
    return make_page(qtbot, window)


def count(window) -> int:
    with window.store.reading() as session:
        return session.execute(select(func.count()).select_from(Settlement)).scalar_one()


def fill(qtbot, page, number: str, *, admitted="20240301", discharged="20240312", total="36000") -> None:
    """The ID number looked up, then the stay typed field after field with Enter, as the clerk does."""
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    commit(page.hospital, "龙港市人民医院")
    for field, text in ((page.diagnosis, "I63.9"), (page.admitted, admitted), (page.discharged, discharged),
                        (page.total, total), (page.out_of_catalog, "1800"), (page.partial_self_pay, "1200")):
        field.clear()
        qtbot.keyClicks(field, text)
    if not page.referred.isChecked():
        qtbot.mouseClick(page.referred, Qt.MouseButton.LeftButton)


def test_the_trial_shows_the_figures_and_writes_nothing_then_confirm_records_them(qtbot, page, window):
    number = add_person(window.store)
    fill(qtbot, page, number)
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    assert page.state.text() == "试算结果（未结算，未保存）"
    assert (page.reimbursed.text(), page.patient_pays.text()) == ("31260.00", "4740.00")
    assert page.reimbursed_capital.text() == "大写：叁万壹仟贰佰陆拾元整"
    assert page.steps_model.rows()[1].note == "困难群众倾斜"  # the notes come with the trial
    assert page.receipt_no.text() == "" and not page.print_button.isEnabled() and count(window) == 0
    assert page.settle_button.isEnabled() and page.settle_button.hasFocus()

    qtbot.keyClick(page.settle_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter
    assert page.state.text() == "已结算" and page.receipt_no.text() == "LG-01-00000001"
    with window.store.reading() as session:
        row = session.execute(select(Settlement)).scalar_one()
    assert (row.reimbursed, row.patient_pays) == (Decimal("31260.00"), Decimal("4740.00"))  # what was seen


def test_an_edit_after_the_trial_asks_for_a_new_one(qtbot, page, window):
    fill(qtbot, page, add_person(window.store))
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.total, "0")  # 360000: another visit
    assert not page.settle_button.isEnabled() and page.steps_model.rowCount() == 0 and page.state.text() == ""
    assert page.message.text() == "内容已修改，请重新试算"
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    assert count(window) == 0


def test_a_year_to_date_changed_since_the_trial_is_refused_and_tried_again(qtbot, page, window):
    number = add_person(window.store)
    fill(qtbot, page, number)
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    # Another window settles the same person in between.
    settle_visit(window.store, window.supervisor, id_number=number,
                 visit=parse_visit({**STAY, "admitted": "2024-02-01", "discharged": "2024-02-05"}))
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    assert page.message.text().endswith("请重新试算") and "变" in page.message.text()
    assert count(window) == 1 and page.steps_model.rowCount() == 0 and not page.settle_button.isEnabled()
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)  # the figures on the new year to date
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    assert count(window) == 2 and page.state.text() == "已结算"


def test_discharge_before_admission_is_said_at_the_field_and_goes_once_fixed(qtbot, page, window):
    fill(qtbot, page, add_person(window.store), discharged="20240220")
    assert page.form.errors.text(page.discharged) == "出院日期 2024-02-20 早于入院日期 2024-03-01"  # as typed
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    assert page.discharged.hasFocus() and page.steps_model.rowCount() == 0
    page.discharged.clear()
    qtbot.keyClicks(page.discharged, "2024-03-12")
    assert page.form.errors.text(page.discharged) == "" and page.discharged.styleSheet() == ""


def test_a_future_discharge_is_refused_at_the_field_by_the_page_and_by_the_service(qtbot, window):
    number = add_person(window.store, insured=(date.today().replace(month=1, day=1),
                                               date.today().replace(month=12, day=31)))
    tomorrow = date.today() + timedelta(days=1)
    page = make_page(qtbot, window)
    fill(qtbot, page, number, admitted=date.today().strftime("%Y%m%d"), discharged=tomorrow.strftime("%Y%m%d"))
    assert page.form.errors.text(page.discharged) == f"出院日期 {tomorrow} 晚于今天（{date.today()}），不能结算"
    # A page whose clock runs ahead still cannot record it: the service refuses at the same field.
    ahead = make_page(qtbot, window, today=lambda: tomorrow)
    fill(qtbot, ahead, number, admitted=date.today().strftime("%Y%m%d"), discharged=tomorrow.strftime("%Y%m%d"))
    qtbot.mouseClick(ahead.trial_button, Qt.MouseButton.LeftButton)
    assert ahead.form.errors.text(ahead.discharged).startswith(f"出院日期 {tomorrow} 晚于今天")
    assert count(window) == 0


def test_costs_above_the_total_are_said_as_typed_and_go_once_fixed(qtbot, page, window):
    fill(qtbot, page, add_person(window.store), total="2000")
    assert page.form.errors.text(page.partial_self_pay).startswith("目录外费用（1800.00）与部分自付（1200.00）")
    qtbot.keyClicks(page.total, "0")  # 20000
    assert page.form.errors.text(page.partial_self_pay) == ""


@pytest.mark.parametrize(("typed", "said"), [
    ("33038319610502123", "身份证号应为18位（或15位旧号），实际为17位"),
    ("330383196113021234", "身份证号中的出生日期无效：19611302"),
])
def test_an_id_number_is_checked_before_any_lookup(qtbot, page, typed, said):
    qtbot.keyClicks(page.id_number, typed)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    assert page.person_errors.text(page.id_number) == said and page.id_number.hasFocus()


def test_a_wrong_check_digit_is_not_called_not_in_the_roster(qtbot, page, window):
    number = add_person(window.store)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    qtbot.keyClicks(page.id_number, wrong)
    assert page.person_errors.text(page.id_number) == "身份证号校验位不符，请核对号码是否输错"  # as typed
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    assert "花名册" not in page.person_errors.text(page.id_number) and page.name.text() == "—"
    qtbot.keyClick(page.id_number, Qt.Key.Key_Backspace)
    assert page.person_errors.text(page.id_number) == ""  # shortened: no longer judged
    qtbot.keyClicks(page.id_number, number[17])
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    assert page.person_errors.text(page.id_number) == "" and page.name.text() == "张三"


def test_enter_walks_the_form_and_on_the_last_field_tries(qtbot, page, window):
    number = add_person(window.store)
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    walked = [page.kind]
    assert page.kind.hasFocus()
    for text in ("", "", "龙港市人民医院", "I63.9", "20240301", "20240312", "36000", "1800", "1200", ""):
        field = QApplication.focusWidget()
        if text and text.isascii():
            qtbot.keyClicks(field, text)
        elif text:
            commit(field, text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        walked.append(QApplication.focusWidget())
    assert walked[:10] == page.form.fields()  # the form's order, one field per Enter
    assert page.state.text() == "试算结果（未结算，未保存）"  # Enter on the last field ran 试算
    assert count(window) == 0


def test_tab_never_stops_inside_a_date(qtbot, page):
    page.admitted.setFocus()
    qtbot.keyClicks(page.admitted, "20240301")
    qtbot.keyClick(page.admitted, Qt.Key.Key_Tab)
    assert page.discharged.hasFocus() and page.admitted.text() == "2024-03-01"  # read back as understood


def test_an_outpatient_visit_has_a_visit_date_and_no_days(qtbot, page):
    assert page.form.admitted_label.text() == "入院日期" and page.days.isVisible()
    page.kind.setCurrentIndex(page.kind.findData("outpatient_special"))
    assert page.form.admitted_label.text() == "就诊日期"
    assert not page.discharged.isVisible() and not page.days.isVisible()
    assert not page.form.days_label.isVisible() and not page.form.discharged_label.isVisible()


def test_new_settlement_clears_a_trial_and_the_dates(qtbot, page, window):
    fill(qtbot, page, make_valid("330383", date(1961, 5, 2), "999"))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert [f.text() for f in (page.id_number, page.admitted, page.discharged, page.total)] == ["", "", "", ""]
    assert page.person_errors.text(page.id_number) == "" and page.id_number.hasFocus()
