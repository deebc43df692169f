"""The settlement page driven as a clerk: look the person up, type the visit, settle, read the result, print."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from imekit import commit
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from uikit import answered
from windowkit import add_person

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.domain.engine import settle
from windowdesk.domain.visit import Person as EnginePerson
from windowdesk.domain.visit import Visit, YearToDate
from windowdesk.store.models import AuditEntry, Person, Settlement
from windowdesk.ui.models.steps_model import StepRow, step_rows
from windowdesk.ui.pages.settlement_page import SettlementPage
from windowdesk.ui.operations import Desk

D = Decimal


@pytest.fixture
def page(qtbot, window):
    p = SettlementPage(Desk(window.store, window.clerk))
    qtbot.addWidget(p)
    p.show()
    return p


def look_up(qtbot, page, number: str) -> None:
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)


def type_visit(qtbot, page, *, total="36000", out_of_catalog="1800", partial="1200", kind="inpatient",
               admitted=date(2024, 3, 1), discharged=date(2024, 3, 12), diagnosis="I63.9", referred=True) -> None:
    """The stay of cli.md's example: a referred county inpatient stay in the region."""
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.level.setCurrentIndex(page.level.findData("county"))
    page.admitted.clear()
    qtbot.keyClicks(page.admitted, admitted.strftime("%Y%m%d"))  # digits, as the clerk types a date
    if kind == "inpatient":
        page.discharged.clear()
        qtbot.keyClicks(page.discharged, discharged.isoformat())
    commit(page.hospital, "龙港市人民医院")
    qtbot.keyClicks(page.diagnosis, diagnosis)
    if referred != page.referred.isChecked():
        qtbot.mouseClick(page.referred, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.total, total)
    qtbot.keyClicks(page.out_of_catalog, out_of_catalog)
    qtbot.keyClicks(page.partial_self_pay, partial)


def click_settle(qtbot, page) -> None:
    """试算, then 确认结算: the clerk reads the figures before anything is written."""
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    if page.settle_button.isEnabled():
        qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)


def settlements(window) -> list[Settlement]:
    with window.store.reading() as session:
        return list(session.execute(select(Settlement).order_by(Settlement.created_at)).scalars())


def test_id_number_and_enter_show_name_category_and_insured_period(qtbot, page, window):
    number = add_person(window.store, name="李四")
    page.admitted.setDate(QDate(2024, 3, 1))
    look_up(qtbot, page, number)
    assert (page.name.text(), page.category.text(), page.insured.text()) == \
        ("李四", "低保对象", "2024-01-01 至 2024-12-31")
    assert page.kind.hasFocus()  # the clerk goes on with the visit, the next field of the form


def test_category_and_insured_period_follow_the_admission_date(qtbot, page, window):
    number = add_person(window.store, name="王五", memberships=(("dibao", date(2024, 6, 1), None),))
    page.admitted.setDate(QDate(2024, 7, 1))
    look_up(qtbot, page, number)
    assert page.category.text() == "低保对象"
    page.admitted.setDate(QDate(2024, 3, 1))  # before the dibao identification
    answered()
    assert page.category.text() == "普通参保人"
    page.admitted.setDate(QDate(2023, 3, 1))
    answered()
    assert page.insured.text() == "入院日不在参保期内（参保期：2024-01-01 至 2024-12-31）"


def test_unknown_id_number_is_told_in_chinese(qtbot, page):
    look_up(qtbot, page, "11010519491231002X")
    assert page.person_errors.text(page.id_number) == "花名册中没有身份证号为 110105********002X 的人员"
    assert page.name.text() == "—"


def test_settling_shows_the_hand_computed_steps_and_amounts_and_stores_the_row(qtbot, page, window):
    number = add_person(window.store, name="李四")
    look_up(qtbot, page, number)
    type_visit(qtbot, page)
    assert page.in_scope.text() == "33000.00"
    click_settle(qtbot, page)

    # By hand (tests/integration/test_settlement_store.py): basic (33000 - 600) * 75% = 24300,
    # critical base 8700 under the tilt deductible 10000, assistance 8700 * 80% = 6960.
    rows = page.steps_model.rows()
    assert [(r.label, r.base, r.deductible, r.ratio, r.paid) for r in rows[:3]] == [
        ("基本医保统筹", D("33000.00"), D("600.00"), "75%", D("24300.00")),
        ("大病保险", D("8700.00"), D("10000.00"), "—", D("0.00")),
        ("医疗救助", D("8700.00"), D("0.00"), "80%", D("6960.00"))]
    assert sum(r.paid for r in rows) == D("31260.00")
    assert page.reimbursed.text() == "31260.00"
    assert page.reimbursed_capital.text() == "大写：叁万壹仟贰佰陆拾元整"
    assert page.patient_pays.text() == "4740.00"
    assert page.patient_pays_capital.text() == "大写：肆仟柒佰肆拾元整"
    assert page.receipt_no.text() == "LG-01-00000001"
    assert page.message.text() == "结算成功，票据号 LG-01-00000001"
    # What the table shows is the engine's own result, computed here independently of the page.
    expected = settle(load_policy("longgang-2022"), EnginePerson("dibao", date(1961, 5, 2)),
                      Visit(kind="inpatient", hospital_level="county", admitted=date(2024, 3, 1),
                            discharged=date(2024, 3, 12), total=D("36000.00"), out_of_catalog=D("1800.00"),
                            partial_self_pay=D("1200.00"), in_region=True, referred=True, diagnosis="I63.9",
                            hospital="龙港市人民医院"), YearToDate())
    assert rows == step_rows(expected) and len(rows) == len(expected.steps)
    assert page.steps_model.rowCount() == len(rows)
    assert page.steps_model.index(0, 4).data() == "24300.00"

    [row] = settlements(window)
    assert (row.receipt_no, row.patient_pays, row.reimbursed, row.created_by, row.hospital, row.referred) == \
        ("LG-01-00000001", D("4740.00"), D("31260.00"), "clerk", "龙港市人民医院", True)
    with window.store.reading() as session:
        assert session.get(Person, row.person_id).id_number == number


def test_settle_cannot_be_pressed_twice_for_the_same_visit(qtbot, page, window):
    add_number = add_person(window.store)
    look_up(qtbot, page, add_number)
    type_visit(qtbot, page)
    click_settle(qtbot, page)
    assert not page.settle_button.isEnabled()
    qtbot.keyClick(page.total, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter again
    assert len(settlements(window)) == 1
    qtbot.keyClicks(page.diagnosis, "1")  # a change is a new visit: it must be tried again first
    assert not page.settle_button.isEnabled() and page.steps_model.rowCount() == 0
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    assert page.settle_button.isEnabled()


@pytest.mark.parametrize(("typed", "shown", "message"), [
    ("12.345", "12.345", "医疗总费用最多两位小数：12.345"),
    ("abc", "", "请填写医疗总费用"),  # letters never reach the field
])
def test_a_bad_amount_keeps_the_form_and_says_why(qtbot, page, window, typed, shown, message):
    number = add_person(window.store, name="李四")
    look_up(qtbot, page, number)
    type_visit(qtbot, page, total=typed)
    click_settle(qtbot, page)
    assert page.form.errors.text(page.total) == message and page.total.hasFocus()
    assert (page.total.text(), page.out_of_catalog.text(), page.hospital.text(), page.diagnosis.text()) == \
        (shown, "1800", "龙港市人民医院", "I63.9")
    assert page.name.text() == "李四" and page.referred.isChecked()
    assert settlements(window) == [] and page.steps_model.rowCount() == 0


def test_costs_beyond_the_total_are_refused_before_the_service(qtbot, page, window):
    number = add_person(window.store)
    look_up(qtbot, page, number)
    type_visit(qtbot, page, total="1000", out_of_catalog="800", partial="300")
    assert page.in_scope.text() == "—"
    assert page.form.errors.text(page.partial_self_pay) == \
        "目录外费用（800.00）与部分自付（300.00）之和超过医疗总费用（1000.00）"  # as typed, before 试算
    click_settle(qtbot, page)
    assert page.partial_self_pay.hasFocus() and page.steps_model.rowCount() == 0
    assert settlements(window) == []
    qtbot.keyClick(page.partial_self_pay, Qt.Key.Key_Backspace)  # 30: within the total, the words go
    assert page.form.errors.text(page.partial_self_pay) == ""


def test_an_uninsured_admission_is_refused_in_chinese(qtbot, page, window):
    number = add_person(window.store)
    look_up(qtbot, page, number)
    type_visit(qtbot, page, admitted=date(2023, 6, 1), discharged=date(2023, 6, 10))
    click_settle(qtbot, page)
    assert page.form.errors.text(page.admitted).startswith("入院日期 2023-06-01 不在参保期内")
    assert page.total.text() == "36000" and settlements(window) == []


def test_an_engine_case_error_is_worded_in_chinese(qtbot, page, window):
    number = add_person(window.store)
    look_up(qtbot, page, number)
    type_visit(qtbot, page, kind="outpatient_special", diagnosis="J18.9", total="500", out_of_catalog="0",
               partial="0", admitted=date(2024, 5, 1), discharged=date(2024, 5, 1))
    click_settle(qtbot, page)
    assert page.message.text() == "诊断编码不在本地门诊慢特病病种目录内"
    assert settlements(window) == []


def test_print_sends_the_slip_to_the_printer_and_a_second_paper_is_a_marked_reprint(qtbot, page, window, monkeypatch,
                                                                                   tmp_path):
    number = add_person(window.store)
    look_up(qtbot, page, number)
    type_visit(qtbot, page)
    click_settle(qtbot, page)
    papers: list[Path] = []

    def accept(dialog: QPrintDialog) -> int:  # the clerk chooses a printer: here one writing PDF files
        papers.append(tmp_path / f"paper-{len(papers) + 1}.pdf")
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(papers[-1]))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    asked: list[str] = []
    monkeypatch.setattr(page.receipt, "confirm_reprint", lambda text: asked.append(text) or True)

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert papers[0].read_bytes().startswith(b"%PDF")
    assert page.message.text() == f"票据 LG-01-00000001：已送打印机 {papers[0]}"
    assert asked == []

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert asked and "已打印 1 次" in asked[0]
    assert page.message.text().startswith("票据 LG-01-00000001（补打 第1次）")
    with window.store.reading() as session:
        actions = [a for (a,) in session.execute(select(AuditEntry.action).where(
            AuditEntry.action.like("receipt.%")).order_by(AuditEntry.seq))]
    assert actions == ["receipt.print", "receipt.reprint"]
    assert settlements(window)[0].print_count == 2


def test_save_pdf_writes_where_the_clerk_chose(qtbot, page, window, monkeypatch, tmp_path):
    number = add_person(window.store)
    look_up(qtbot, page, number)
    type_visit(qtbot, page)
    assert not page.save_button.isEnabled()  # nothing to save before a settlement
    click_settle(qtbot, page)
    monkeypatch.setattr(page.receipt, "ask_path", lambda suggested: str(tmp_path / "结算单"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "结算单.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    # A saved PDF is an electronic copy: the first paper printed afterwards is still the original.
    assert page.message.text() == f"票据 LG-01-00000001（电子副本）：已保存到 {saved}"
    assert settlements(window)[0].print_count == 0


def test_new_settlement_clears_form_and_result(qtbot, page, window):
    number = add_person(window.store)
    look_up(qtbot, page, number)
    type_visit(qtbot, page)
    click_settle(qtbot, page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert (page.id_number.text(), page.name.text(), page.total.text(), page.receipt_no.text()) == ("", "—", "", "")
    assert (page.admitted.text(), page.discharged.text(), page.hospital.text(), page.diagnosis.text()) == \
        ("", "", "", "")  # the dates too: the next patient's are typed afresh
    assert page.steps_model.rows() == [] and not page.settle_button.isEnabled() and page.id_number.hasFocus()


def test_steps_model_shows_money_with_two_places_and_a_dash_where_a_tier_did_not_run(qtbot):
    from windowdesk.ui.models.steps_model import StepsModel

    model = StepsModel()
    model.set_rows([StepRow("商业补充保险", None, None, "—", D("0"), "本地政策未设")])
    assert [model.index(0, c).data() for c in range(6)] == ["商业补充保险", "—", "—", "—", "0.00", "本地政策未设"]
