"""The 票据 page driven as a clerk and a supervisor: find past settlements, open one, reprint it, void it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from imekit import commit
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import select
from uikit import answered, desk
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import AuditEntry, Settlement
from windowdesk.ui.confirm import confirmation_box
from windowdesk.ui.pages.records_page import RecordsPage

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


@pytest.fixture
def three(window):
    """李四 twice (March and May), 王五 once (April): receipts 1, 2 and 3 in that order."""
    li, wang = add_person(window.store, name="李四"), add_person(window.store, name="王五", household="H002")
    for number, admitted, discharged in ((li, "2024-03-01", "2024-03-12"), (wang, "2024-04-01", "2024-04-05"),
                                         (li, "2024-05-02", "2024-05-09")):
        settle_visit(window.store, window.clerk, id_number=number, now=datetime(2024, 6, 1, 9, 0),
                     visit=parse_visit({**STAY, "admitted": admitted, "discharged": discharged}))
    return li, wang


def page_for(qtbot, window, role: str) -> RecordsPage:
    page = RecordsPage(desk(window, role))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # the keyboard goes to it
    return page


def receipts_listed(page) -> list[str]:
    return [page.model.texts(i)[0] for i in range(page.model.rowCount())]


def find(qtbot, page, *, receipt_no="", person="", date_from="", date_to="") -> None:
    for field, text in ((page.receipt_no, receipt_no), (page.person, person), (page.date_from, date_from),
                        (page.date_to, date_to)):
        field.clear()
        if text and text.isascii():
            qtbot.keyClicks(field, text)
        elif text:
            commit(field, text)  # a name comes through the input method
    qtbot.keyClick(page.date_to, Qt.Key.Key_Return)  # Enter on the last field finds


def test_found_by_number_by_person_and_by_date(qtbot, window, three):
    li, wang = three
    page = page_for(qtbot, window, "clerk")
    find(qtbot, page, receipt_no="lg-01-00000002")
    assert receipts_listed(page) == ["LG-01-00000002"]
    assert page.model.texts(0)[1:3] == ("王五", wang[:6] + "********" + wang[-4:])  # the number masked
    find(qtbot, page, person=li)
    assert receipts_listed(page) == ["LG-01-00000003", "LG-01-00000001"]  # newest first
    find(qtbot, page, person="王")
    assert receipts_listed(page) == ["LG-01-00000002"]
    find(qtbot, page, date_from="20240401", date_to="2024-04-30")
    assert receipts_listed(page) == ["LG-01-00000002"]
    find(qtbot, page, person="赵")
    assert receipts_listed(page) == [] and page.message.text() == "没有符合条件的结算"


def test_a_reversed_or_bad_date_range_is_said_at_its_field(qtbot, window, three):
    page = page_for(qtbot, window, "clerk")
    find(qtbot, page, date_from="20240501", date_to="20240401")
    assert page.errors.text(page.date_to) == "结束日期早于开始日期" and page.date_to.hasFocus()
    assert receipts_listed(page) == []
    page.date_to.clear()
    qtbot.keyClicks(page.date_to, "20240531")
    assert page.errors.text(page.date_to) == ""  # fixed: the words go


def test_opening_one_shows_its_breakdown_and_status_then_a_reprint_is_marked(qtbot, window, three, monkeypatch,
                                                                             tmp_path):
    page = page_for(qtbot, window, "clerk")
    find(qtbot, page, receipt_no="LG-01-00000001")
    assert page.state.text() == "正常"
    assert page.summary.text().startswith("LG-01-00000001　李四　")
    assert page.steps_model.rows()[0].label == "基本医保统筹" and page.steps_model.rows()[0].paid > 0
    assert page.papers.text() == "已打印纸质票据 0 张，电子副本 0 份"
    papers: list[Path] = []

    def accept(dialog: QPrintDialog) -> int:
        papers.append(tmp_path / f"paper-{len(papers) + 1}.pdf")
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(papers[-1]))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    asked: list[str] = []
    monkeypatch.setattr(page.receipt, "confirm_reprint", lambda text: asked.append(text) or True)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)  # the original, never printed at settling
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)  # a second paper: a 补打
    assert asked and "补打" in asked[0]
    assert page.message.text() == f"票据 LG-01-00000001（补打 第1次）：已送打印机 {papers[1]}"
    assert page.papers.text() == "已打印纸质票据 2 张，电子副本 0 份"
    with window.store.reading() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("receipt.%"))
                                       .order_by(AuditEntry.seq)))
    assert actions == ["receipt.print", "receipt.reprint"]


def test_a_supervisor_voids_from_the_list(qtbot, window, three, monkeypatch):
    page = page_for(qtbot, window, "supervisor")
    find(qtbot, page, receipt_no="LG-01-00000002")
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or True)
    commit(page.reason, "金额录入错误")
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("确认作废票据 LG-01-00000002？")
    assert page.message.text() == "已作废票据 LG-01-00000002"
    assert page.state.text().startswith("已作废（sup 于 ") and page.state.text().endswith("原因：金额录入错误）")
    assert page.model.texts(0)[-1] == "已作废" and not page.void_button.isEnabled()
    with window.store.reading() as session:
        assert session.scalars(select(Settlement.voided).where(Settlement.receipt_no == "LG-01-00000002")).one()


def test_a_clerk_is_refused_voiding_with_the_reason(qtbot, window, three):
    page = page_for(qtbot, window, "clerk")
    find(qtbot, page, receipt_no="LG-01-00000002")
    assert not page.void_button.isEnabled() and not page.reason.isEnabled()
    assert page.void_hint.text() == "作废需要审核员权限：请审核员办理" == page.void_button.toolTip()
    page.void()  # however it is reached
    answered()
    assert page.message.text() == "作废需要审核员权限：请审核员办理"
    with window.store.reading() as session:
        assert not session.scalars(select(Settlement.voided).where(Settlement.receipt_no == "LG-01-00000002")).one()


def test_the_confirmation_names_the_act_and_cancel_is_the_default(qtbot):
    box = confirmation_box(None, "作废结算", "确认作废票据 LG-01-00000002？", "确认作废")
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["确认作废", "取消"]
    assert box.defaultButton().text() == "取消" == box.escapeButton().text()
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
