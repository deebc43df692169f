"""The void page: a supervisor finds a settlement by receipt number or id, gives a reason and voids it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from imekit import commit
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from uikit import answered
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import mask
from windowdesk.domain.money import fmt
from windowdesk.services import lookup
from windowdesk.domain.problems import Refusal
from windowdesk.services.ledger import year_to_date
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import AuditEntry, Person, Reversal, Settlement
from windowdesk.ui.main_window import MainWindow
from windowdesk.ui.pages.void_page import VoidPage
from windowdesk.ui.operations import Desk

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


@pytest.fixture
def settled(window):
    number = add_person(window.store, name="李四")
    return number, settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY))


@pytest.fixture
def page(qtbot, window, monkeypatch):
    p = VoidPage(Desk(window.store, window.supervisor))
    qtbot.addWidget(p)
    p.show()
    return p


def look_up(qtbot, page, key: str) -> None:
    qtbot.keyClicks(page.key, key)
    qtbot.keyClick(page.key, Qt.Key.Key_Return)


def stored(window, settlement_id: str) -> tuple[Settlement, Reversal | None]:
    with window.store.reading() as session:
        row = session.get(Settlement, settlement_id)
        return row, session.execute(select(Reversal).where(Reversal.settlement_id == settlement_id)
                                    ).scalar_one_or_none()


def test_receipt_number_shows_the_settlement_with_the_id_number_masked(qtbot, page, settled):
    number, result = settled
    look_up(qtbot, page, "lg-01-00000001")  # typed in lower case: found all the same
    labels = {key: label.text() for key, label in page.labels.items()}
    assert labels == {
        "receipt_no": "LG-01-00000001", "settlement_id": result.settlement_id, "person": f"李四　{mask(number)}",
        "category": "低保对象", "visit": "住院 龙港市人民医院", "dates": "2024-03-01 / 2024-03-12",
        "business_day": date.today().isoformat(), "created_by": "clerk", "total": "36000.00",
        "reimbursed": "31260.00", "patient_pays": "4740.00", "state": "正常"}
    assert number not in "".join(labels.values())
    assert page.reason.hasFocus() and page.void_button.isEnabled()


def test_void_with_a_reason_flips_the_row_and_the_page_shows_it(qtbot, page, window, settled, monkeypatch):
    number, result = settled
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or True)
    look_up(qtbot, page, result.settlement_id)
    commit(page.reason, "金额录入错误，重新结算")
    qtbot.keyClick(page.reason, Qt.Key.Key_Return)  # Enter in the reason voids, after the confirmation

    assert asked and asked[0].startswith("确认作废票据 LG-01-00000001？")
    row, reversal = stored(window, result.settlement_id)
    assert row.voided and (reversal.reason, reversal.voided_by) == ("金额录入错误，重新结算", "sup")
    with window.store.reading() as session:
        person_id = session.execute(select(Person.id).where(Person.id_number == number)).scalar_one()
        assert year_to_date(session, person_id, 2024).basic_paid == 0  # the void leaves the year to date
        [audit] = session.execute(select(AuditEntry).where(AuditEntry.action == "settlement.void")).scalars().all()
    assert audit.user == "sup"
    assert page.labels["state"].text() == \
        f"已作废（sup 于 {reversal.voided_at:%Y-%m-%d %H:%M}，原因：金额录入错误，重新结算）"
    assert page.message.text() == "已作废票据 LG-01-00000001"
    assert not page.void_button.isEnabled() and not page.reason.isEnabled() and page.reason.text() == ""


def test_a_void_needs_a_reason(qtbot, page, window, settled, monkeypatch):
    _, result = settled
    monkeypatch.setattr(page, "confirm", lambda text: pytest.fail("no confirmation without a reason"))
    look_up(qtbot, page, "LG-01-00000001")
    qtbot.keyClicks(page.reason, "   ")
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "作废必须填写原因"
    assert not stored(window, result.settlement_id)[0].voided


def test_declining_the_confirmation_voids_nothing(qtbot, page, window, settled, monkeypatch):
    _, result = settled
    monkeypatch.setattr(page, "confirm", lambda text: False)
    look_up(qtbot, page, "LG-01-00000001")
    commit(page.reason, "重复结算")
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert not stored(window, result.settlement_id)[0].voided
    assert page.labels["state"].text() == "正常" and page.reason.text() == "重复结算"
    page.look_up()  # the same settlement again: the reason stays
    answered()
    assert page.reason.text() == "重复结算"
    page.key.setText("LG-01-00000099")
    page.look_up()
    answered()  # another (here: none): the reason typed for the first one goes
    assert page.reason.text() == ""


def test_an_unknown_receipt_number_is_told_in_chinese(qtbot, page):
    look_up(qtbot, page, "LG-01-00000099")
    assert page.message.text() == "本窗口没有结算单号或票据号为 LG-01-00000099 的结算"
    assert page.labels["receipt_no"].text() == "—" and not page.void_button.isEnabled()


def test_a_second_void_is_refused_by_the_service_in_chinese(qtbot, window, settled, monkeypatch):
    first = VoidPage(Desk(window.store, window.supervisor))
    second = VoidPage(Desk(window.store, window.admin))  # two screens had the same row open
    for p in (first, second):
        qtbot.addWidget(p)
        monkeypatch.setattr(p, "confirm", lambda text: True)
        p.key.setText("LG-01-00000001")
        p.look_up()
        answered()
        p.reason.setText("重复结算")
    first.void()
    answered()
    second.void()
    answered()
    assert second.message.text().endswith("已作废")  # the service's refusal, in the catalogue's words
    with window.store.reading() as session:
        assert len(session.execute(select(Reversal)).all()) == 1


def test_the_void_page_is_for_supervisors_only(qtbot, window):
    clerk_window = MainWindow(Desk(window.store, window.clerk))
    sup_window = MainWindow(Desk(window.store, window.supervisor))
    for w in (clerk_window, sup_window):
        qtbot.addWidget(w)
    titles = [clerk_window.nav.item(i).text() for i in range(clerk_window.nav.count())]
    assert titles == ["结算  F2", "参保  F3", "票据  F4", "查询  F5", "花名册  F6", "日结  F7"]
    assert clerk_window.void_page is None and clerk_window.export_page is None
    assert [sup_window.nav.item(i).text() for i in range(sup_window.nav.count())][-3:] == ["作废  F8", "上报  F9", "报表  F10"]
    sup_window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sup_window)  # shortcuts go to the active window
    qtbot.keyClick(sup_window.settlement_page.id_number, Qt.Key.Key_F8)
    assert sup_window.current_page() is sup_window.void_page and sup_window.void_page.key.hasFocus()


def test_lookup_finds_only_this_windows_rows(window):
    with pytest.raises(Refusal, match="settlement_not_found"):
        lookup.settlement_detail(window.store, window.supervisor, ref="00000000-0000-0000-0000-000000000000")


def test_the_later_settlements_of_the_person_and_year_are_shown_and_stand(qtbot, page, window, settled,
                                                                          monkeypatch):
    number, first = settled
    later = [settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(
        {**STAY, "admitted": f"2024-0{m}-01", "discharged": f"2024-0{m}-10", "total": total}))
        for m, total in ((4, "36000.00"), (5, "5000.00"))]
    other = add_person(window.store, name="王五")  # another person's settlement is not his
    settle_visit(window.store, window.clerk, id_number=other, visit=parse_visit(STAY))
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or False)

    look_up(qtbot, page, first.receipt_no)
    # Shown as stored: each row's figures are the settlement's own (they stand; nothing is recomputed).
    rows = [(r.receipt_no, r.total, r.reimbursed, r.patient_pays)
            for r in (stored(window, x.settlement_id)[0] for x in later)]
    assert [(r[0], r[1]) for r in rows] == [("LG-01-00000002", D("36000.00")), ("LG-01-00000003", D("5000.00"))]
    # By hand (tests/integration/test_settlement_store.py): the second stay of the year pays basic 24300,
    # critical (17400 - 10000) * 0.80 = 5920, assistance (8700 - 5920) * 0.80 = 2224: reimbursed 32444.00,
    # the patient 36000 - 32444 = 3556.00.
    assert rows[0][2:] == (D("32444.00"), D("3556.00"))
    assert page.later_model.rows() == [
        ("LG-01-00000002", "2024-04-10", "36000.00", fmt(rows[0][2]), fmt(rows[0][3])),
        ("LG-01-00000003", "2024-05-10", "5000.00", fmt(rows[1][2]), fmt(rows[1][3]))]
    assert [page.later_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "票据号", "出院日期", "医疗总费用", "报销合计", "个人支付"]
    assert page.later_note.text() == "该参保人本年度此后还有 2 笔结算，作废后保持原支付不变："
    assert page.later_box.isVisible()

    commit(page.reason, "重复结算")
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith(
        "该参保人本年度此后还有 2 笔结算，作废后保持原支付不变：\n"
        f"LG-01-00000002（出院 2024-04-10，医疗总费用 36000.00 元，报销 {fmt(rows[0][2])} 元，"
        f"个人支付 {fmt(rows[0][3])} 元）\n"
        f"LG-01-00000003（出院 2024-05-10，医疗总费用 5000.00 元，报销 {fmt(rows[1][2])} 元，"
        f"个人支付 {fmt(rows[1][3])} 元）")
    assert not stored(window, first.settlement_id)[0].voided  # declined: nothing voided

    look_up_again = later[1].receipt_no  # the last one of the year: nothing after it
    page.key.setText(look_up_again)
    page.look_up()
    answered()
    assert page.later_model.rows() == [] and not page.later_box.isVisible()


def test_after_the_void_the_later_settlements_stand_as_paid_and_the_list_goes(qtbot, page, window, settled,
                                                                              monkeypatch):
    number, first = settled
    second = settle_visit(window.store, window.clerk, id_number=number,
                          visit=parse_visit({**STAY, "admitted": "2024-04-01", "discharged": "2024-04-10"}))
    monkeypatch.setattr(page, "confirm", lambda text: True)
    look_up(qtbot, page, first.receipt_no)
    assert [row[0] for row in page.later_model.rows()] == ["LG-01-00000002"]
    commit(page.reason, "重复结算")
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    row, _ = stored(window, second.settlement_id)
    assert not row.voided and row.reimbursed == second.result.reimbursed  # it stands
    with window.store.reading() as session:
        [audit] = session.execute(select(AuditEntry).where(AuditEntry.action == "settlement.void")).scalars().all()
    assert [x["receipt_no"] for x in json.loads(audit.detail)["later_settlements"]] == ["LG-01-00000002"]
    assert page.labels["state"].text().startswith("已作废") and not page.later_box.isVisible()
