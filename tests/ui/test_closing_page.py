"""The closing page: today's figures as settled through the services, the confirmation, the closed day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select
from uikit import answered
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.money import fmt
from windowdesk.services.errors import Refused
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import DayClosing, Settlement
from windowdesk.ui.pages.closing_page import ClosingPage
from windowdesk.ui.operations import Desk

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
SMALL = {**STAY, "hospital_level": "township", "total": "5000.00", "out_of_catalog": "300.00",
         "partial_self_pay": "0.00"}
ITEMS = {"医疗总费用": "total", "政策范围内费用": "in_scope", "基本医保统筹": "basic", "大病保险": "critical",
         "医疗救助": "assistance", "商业补充保险": "supplementary", "兜底保障": "backstop", "报销合计": "reimbursed",
         "个人支付": "patient_pays"}


def settle(window, number: str, stay: dict):
    return settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(stay))


@pytest.fixture
def today(window):
    """The clerk's day so far: three settlements, the small one voided by the supervisor."""
    first = add_person(window.store, name="张三")
    second = add_person(window.store, name="李四", household="H002")
    settle(window, first, STAY)
    small = settle(window, second, SMALL)
    settle(window, second, {**SMALL, "admitted": "2024-04-01", "discharged": "2024-04-03"})
    void_settlement(window.store, window.supervisor, settlement_id=small.settlement_id, reason="录入错误")
    return small


def make_page(qtbot, window, actor) -> ClosingPage:
    page = ClosingPage(Desk(window.store, actor))
    qtbot.addWidget(page)
    page.show()  # the day's figures as they are now
    answered()
    return page


def figures(page) -> dict[str, tuple[str, str]]:
    return {item.strip("　"): (count, amount) for item, count, amount in page.summary_model.rows()}


def test_preview_sums_equal_the_days_settlements_and_the_void_refunds_cash(qtbot, window, today):
    page = make_page(qtbot, window, window.clerk)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)

    with window.store.reading() as session:
        rows = session.execute(select(Settlement).where(Settlement.created_by == "clerk")).scalars().all()
    assert len(rows) == 3
    shown = figures(page)
    assert shown["结算（含已作废）"] == ("3", "")
    for item, column in ITEMS.items():
        assert shown[item] == ("", fmt(sum((getattr(r, column) for r in rows), Decimal("0.00")))), item
    assert shown["参保"] == ("0", "") and shown["作废"] == ("1", "")
    collected = sum((r.patient_pays for r in rows), Decimal("0.00"))
    refunded = next(r.patient_pays for r in rows if r.id == today.settlement_id)
    assert page.cash["cash_collected"].text() == fmt(collected)
    assert page.cash["cash_refunded"].text() == fmt(refunded)
    assert page.cash["net_cash"].text() == fmt(collected - refunded)
    [void] = page.voids_model.rows()
    assert void[:5] == (today.receipt_no, "录入错误", fmt(refunded), fmt(refunded), "sup")
    assert void[6:] == ("clerk", date.today().isoformat())
    assert page.state.text() == "未日结" and page.close_button.isEnabled()
    # A clerk closes only their own day: the combo offers nobody else.
    assert (page.clerk.count(), page.clerk.currentData(), page.clerk.isEnabled()) == (1, "clerk", False)


def test_closing_after_confirmation_freezes_the_day_and_settling_is_refused(qtbot, window, today, monkeypatch):
    page = make_page(qtbot, window, window.clerk)
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or True)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)

    assert asked and f"确认对 clerk 的 {date.today()} 日结？" in asked[0] and "结算 3 笔" in asked[0]
    with window.store.reading() as session:
        [closing] = session.execute(select(DayClosing)).scalars().all()
    assert (closing.clerk, closing.day, closing.closed_by) == ("clerk", date.today(), "clerk")
    assert closing.summary["net_cash"] == page.cash["net_cash"].text()
    assert page.state.text() == f"已日结：clerk 于 {closing.closed_at:%Y-%m-%d %H:%M:%S} 日结"
    assert page.message.text() == f"clerk 的 {date.today()} 已日结"
    assert not page.close_button.isEnabled()

    number = add_person(window.store, name="王五", household="H003")
    with pytest.raises(Refused) as refused:
        settle(window, number, STAY)
    assert refused.value.code == "day_closed"


def test_declining_the_confirmation_closes_nothing(qtbot, window, today, monkeypatch):
    page = make_page(qtbot, window, window.clerk)
    monkeypatch.setattr(page, "confirm", lambda text: False)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    with window.store.reading() as session:
        assert session.execute(select(DayClosing)).first() is None
    assert page.state.text() == "未日结" and page.close_button.isEnabled()


def test_a_supervisor_picks_the_clerk_and_closes_their_day(qtbot, window, today, monkeypatch):
    page = make_page(qtbot, window, window.supervisor)
    assert page.clerk.isEnabled()
    assert [page.clerk.itemData(i) for i in range(page.clerk.count())] == ["sup", "admin", "clerk"]
    assert page.clerk.itemText(2) == "clerk（经办员）"
    assert figures(page)["结算（含已作废）"] == ("0", "")  # the supervisor's own day first: settled nothing
    page.clerk.setCurrentIndex(2)
    assert page.summary_model.rows() == [] and not page.close_button.isEnabled()  # a new choice needs a preview
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert figures(page)["结算（含已作废）"] == ("3", "")
    monkeypatch.setattr(page, "confirm", lambda text: True)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    with window.store.reading() as session:
        [closing] = session.execute(select(DayClosing)).scalars().all()
    assert (closing.clerk, closing.closed_by) == ("clerk", "sup")
    assert page.state.text().startswith("已日结：sup 于 ")


def test_a_day_to_come_cannot_be_closed(qtbot, window, monkeypatch):
    page = make_page(qtbot, window, window.clerk)
    page.day.setDate(QDate.currentDate().addDays(1))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(page, "confirm", lambda text: True)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == f"{QDate.currentDate().addDays(1).toPython()} 尚未到来，不能日结"
    with window.store.reading() as session:
        assert session.execute(select(DayClosing)).first() is None


def test_the_day_end_report_is_saved_as_a_pdf_to_print(qtbot, window, today, tmp_path, monkeypatch):
    import subprocess

    page = make_page(qtbot, window, window.supervisor)
    page.clerk.setCurrentIndex(page.clerk.findData("clerk"))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(page, "ask_save_path", lambda suggested: str(tmp_path / suggested))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    path = tmp_path / f"day-end-clerk-{date.today().isoformat()}.pdf"
    assert page.message.text() == f"已保存到 {path}"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "经办员日结报表" in text and "经办员：clerk" in text
    assert page.cash["net_cash"].text() in text and today.receipt_no in text


def test_the_day_is_typed_and_an_unfinished_one_shows_no_figures(qtbot, window, today):
    page = make_page(qtbot, window, window.clerk)
    assert figures(page)["个人支付"][1] != ""
    page.day.clear()
    qtbot.keyClicks(page.day, "2024031")
    assert figures(page) == {} and not page.close_button.isEnabled()  # the figures of another day are gone
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.errors.text(page.day) == "不是有效日期：2024031（如 20260301）"
    page.day.setText(date.today().strftime("%Y%m%d"))
    assert page.errors.text(page.day) == ""
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    answered()
    assert figures(page)["结算（含已作废）"][0] == "3" and page.close_button.isEnabled()
