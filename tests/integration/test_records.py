"""Integration: finding this window's settlements (find_settlements) and opening one (settlement_detail)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.problems import Refusal
from windowdesk.services.lookup import SettlementRow, find_settlements, settlement_detail
from windowdesk.services.receipts import print_settlement
from windowdesk.services.settlement import settle_visit, void_settlement

D = Decimal
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


def stay(discharged: str, **more):
    return parse_visit({**STAY, "admitted": discharged[:8] + "01", "discharged": discharged, **more})


@pytest.fixture
def records(window):
    """Four settlements of three persons, settled in this order; the third is voided."""
    li = add_person(window.store, name="李四", household="H1")
    li_ming = add_person(window.store, name="李明", household="H2")
    wang = add_person(window.store, name="王五", household="H3")
    made = []
    for number, discharged, at in ((li, "2024-03-12", datetime(2024, 3, 12, 9)),
                                   (wang, "2024-04-10", datetime(2024, 4, 10, 9)),
                                   (li_ming, "2024-05-20", datetime(2024, 5, 20, 9)),
                                   (li, "2024-06-15", datetime(2024, 6, 15, 9))):
        made.append(settle_visit(window.store, window.clerk, id_number=number, visit=stay(discharged), now=at))
    void_settlement(window.store, window.supervisor, settlement_id=made[2].settlement_id, reason="录入错误",
                    now=datetime(2024, 5, 20, 11))
    return window, made, {"li": li, "li_ming": li_ming, "wang": wang}


def receipts(rows: list[SettlementRow]) -> list[str]:
    return [row.receipt_no for row in rows]


def test_newest_first_and_voided_only_when_asked(records):
    window, made, _ = records
    assert receipts(find_settlements(window.store, window.clerk)) == \
        ["LG-01-00000004", "LG-01-00000002", "LG-01-00000001"]
    every = find_settlements(window.store, window.clerk, include_voided=True)
    assert receipts(every) == ["LG-01-00000004", "LG-01-00000003", "LG-01-00000002", "LG-01-00000001"]
    assert [row.voided for row in every] == [False, True, False, False]
    assert receipts(find_settlements(window.store, window.clerk, include_voided=True, limit=2)) == \
        ["LG-01-00000004", "LG-01-00000003"]


def test_by_receipt_number_person_name_and_dates(records):
    window, made, people = records
    by_receipt = find_settlements(window.store, window.clerk, receipt_no=" lg-01-00000002 ")
    assert [row.settlement_id for row in by_receipt] == [made[1].settlement_id]
    assert receipts(find_settlements(window.store, window.clerk, id_number=people["li"])) == \
        ["LG-01-00000004", "LG-01-00000001"]
    # A name matches as a prefix: 李 finds 李四 and 李明 (the voided one only with include_voided).
    assert receipts(find_settlements(window.store, window.clerk, name="李", include_voided=True)) == \
        ["LG-01-00000004", "LG-01-00000003", "LG-01-00000001"]
    assert receipts(find_settlements(window.store, window.clerk, name="李明")) == []
    # The range is on the discharge date, both ends included.
    assert receipts(find_settlements(window.store, window.clerk, date_from=date(2024, 4, 10),
                                     date_to=date(2024, 6, 14), include_voided=True)) == \
        ["LG-01-00000003", "LG-01-00000002"]
    assert receipts(find_settlements(window.store, window.clerk, id_number=people["li"],
                                     date_from=date(2024, 6, 1))) == ["LG-01-00000004"]


def test_a_row_is_plain_data_with_the_contract_fields(records):
    window, made, people = records
    row = find_settlements(window.store, window.clerk, receipt_no="LG-01-00000001")[0]
    assert row.to_json() == {
        "settlement_id": made[0].settlement_id, "receipt_no": "LG-01-00000001", "id_number": people["li"],
        "name": "李四", "kind": "inpatient", "discharged": "2024-03-12", "settled_at": "2024-03-12T09:00:00",
        "hospital": "龙港市人民医院", "total": "36000.00", "reimbursed": "31260.00", "patient_pays": "4740.00",
        "voided": False}
    assert row.id_masked == f"{people['li'][:6]}********{people['li'][-4:]}"


def test_refusals(records):
    window, _, _ = records
    with pytest.raises(Refusal) as caught:
        find_settlements(window.store, window.clerk, date_from=date(2024, 5, 1), date_to=date(2024, 4, 1))
    assert (caught.value.code, caught.value.field) == ("date_range_reversed", "date_to")
    with pytest.raises(Refusal) as caught:
        settlement_detail(window.store, window.clerk, ref="LG-01-00000099")
    assert (caught.value.code, caught.value.field, caught.value.params["ref"]) == \
        ("settlement_not_found", "ref", "LG-01-00000099")
    with pytest.raises(Refusal, match="settlement_ref_missing"):
        settlement_detail(window.store, window.clerk, ref="  ")


def test_detail_by_id_or_printed_receipt_number(records):
    window, made, _ = records
    by_number = settlement_detail(window.store, window.clerk, ref="LG-01-00000001")
    assert settlement_detail(window.store, window.clerk, ref=made[0].settlement_id.upper()) == by_number
    assert (by_number.category, by_number.tilt, by_number.admitted, by_number.created_by) == \
        ("dibao", True, date(2024, 3, 1), "clerk")
    assert by_number.in_scope == D("33000.00")
    assert dict(by_number.paid) == {"basic": D("24300.00"), "critical": D("0.00"), "assistance": D("6960.00"),
                                    "supplementary": D("0.00"), "backstop": D("0.00")}
    # The steps are the engine's own explanation, as stored when it was settled.
    assert by_number.steps == made[0].result.steps
    assert (by_number.papers, by_number.electronic_copies, by_number.voided, by_number.voided_at) == \
        (0, 0, False, None)
    print_settlement(window.store, window.clerk, copy="paper", settlement_id=made[0].settlement_id)
    print_settlement(window.store, window.clerk, copy="paper", settlement_id=made[0].settlement_id, reprint=True)
    assert settlement_detail(window.store, window.clerk, ref="LG-01-00000001").papers == 2


def test_detail_of_a_voided_settlement_says_who_why_and_when(records):
    window, made, _ = records
    detail = settlement_detail(window.store, window.clerk, ref="LG-01-00000003")
    assert (detail.voided, detail.void_reason, detail.voided_by, detail.voided_at) == \
        (True, "录入错误", "sup", datetime(2024, 5, 20, 11))
    assert detail.to_json()["void"] == {"reason": "录入错误", "by": "sup", "at": "2024-05-20T11:00:00"}


def test_rows_merged_from_other_windows_are_not_this_windows(records):
    window, made, _ = records
    from sqlalchemy import update

    from windowdesk.store.models import Settlement

    with window.store.transaction() as tx:  # as ledger_merge stores another window's settlement
        tx.session.execute(update(Settlement).where(Settlement.id == made[1].settlement_id).values(origin="county"))
    assert "LG-01-00000002" not in receipts(find_settlements(window.store, window.clerk, include_voided=True))
    with pytest.raises(Refusal, match="settlement_not_found"):
        settlement_detail(window.store, window.clerk, ref=made[1].settlement_id)
