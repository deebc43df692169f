"""Integration: settle-visit and void on a real SQLite built by Alembic: rows, snapshot, year to date, receipts, audit."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from windowkit import add_person

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import make_valid
from windowdesk.domain.problems import Refusal
from windowdesk.domain.visit import YTD_MONEY_FIELDS, YearToDate
from windowdesk.services import auth, ledger
from windowdesk.services import settlement as settlement_service
from windowdesk.services.enrollment import enroll
from windowdesk.services.errors import AuthError, InvalidInput, NotFound, Refused
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import (
    AuditEntry,
    Person,
    ReceiptCounter,
    Reversal,
    Settlement,
)

D = Decimal
NOW = datetime(2024, 12, 30, 10, 0)  # after every discharge below: a later one is refused
# The case of cli.md: a referred county stay, 36,000 total of which 33,000 in scope.
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
SMALL = {"kind": "outpatient_special", "hospital_level": "township", "in_region": True, "diagnosis": "E11.9",
         "admitted": "2024-05-01", "discharged": "2024-05-01", "total": "100.00"}
ID_SHAPE = re.compile(r"\d{17}[\dX]")


def visit(base=STAY, **changes):
    return parse_visit({**base, **changes})


def count(store, model) -> int:
    with store.reading() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def audit(store) -> list[AuditEntry]:
    with store.reading() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def row(store, settlement_id: str) -> Settlement:
    with store.reading() as s:
        return s.get(Settlement, settlement_id)


def ytd(store, number: str, year: int = 2024) -> YearToDate:
    with store.reading() as s:
        person_id = s.execute(select(Person.id).where(Person.id_number == number)).scalar_one()
        return ledger.year_to_date(s, person_id, year)


def next_number(store) -> int:
    with store.reading() as s:
        counter = s.get(ReceiptCounter, "LG-01")
        return 1 if counter is None else counter.next_number


def increments(settlement: Settlement) -> dict[str, Decimal]:
    return {name: getattr(settlement, f"ytd_{name}") for name in YTD_MONEY_FIELDS}


# Hand computation of STAY for a dibao person under longgang-2022 (settlement-rules.md, the preset's numbers):
#   in_scope = 36000 - 1800 - 1200 = 33000; dibao is a poverty category, no referral condition -> tilt
#   basic: county deductible 600, ratio 0.75 (in region): (33000 - 600) * 0.75 = 24300.00
#   critical: base 33000 - 24300 = 8700; tilt deductible 20000 * 0.5 = 10000 > 8700 -> 0.00
#   assistance: dibao 0.80, no deductible: 8700 * 0.80 = 6960.00
#   supplementary: in-scope base 8700 - 6960 = 1740, ooc base 1800, tilt deductible 5000 -> 0.00
#   backstop: self-pay 36000 - 24300 - 6960 = 4740 below 40000 -> 0.00
#   reimbursed 31260.00, patient pays 4740.00
DIBAO_STAY_INCREMENTS = {
    "basic_paid": D("24300.00"), "op_deductible_used": D("0.00"), "critical_base": D("8700.00"),
    "critical_paid": D("0.00"), "assistance_deductible_used": D("0.00"), "assistance_paid": D("6960.00"),
    "supplementary_base": D("1740.00"), "supplementary_ooc_base": D("1800.00"), "supplementary_paid": D("0.00"),
    "excess_base": D("4740.00"), "backstop_paid": D("0.00"),
}


def test_settle_visit_stores_the_hand_computed_row(window):
    number = add_person(window.store, name="李四")
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)

    assert settled.receipt_no == "LG-01-00000001"
    r = row(window.store, settled.settlement_id)
    assert (r.in_scope, r.basic, r.critical, r.assistance, r.supplementary, r.backstop) == \
        (D("33000.00"), D("24300.00"), D("0.00"), D("6960.00"), D("0.00"), D("0.00"))
    assert (r.reimbursed, r.patient_pays) == (D("31260.00"), D("4740.00"))
    assert (r.total, r.out_of_catalog, r.partial_self_pay) == (D("36000.00"), D("1800.00"), D("1200.00"))
    assert (r.category, r.tilt, r.kind, r.hospital_level, r.in_region, r.referred) == \
        ("dibao", True, "inpatient", "county", True, True)
    assert (r.admitted, r.discharged, r.year, r.diagnosis, r.hospital) == \
        (date(2024, 3, 1), date(2024, 3, 12), 2024, "I63.9", "龙港市人民医院")
    assert (r.receipt_no, r.window_id, r.origin, r.voided, r.created_by, r.business_day) == \
        ("LG-01-00000001", "LG-01", "local", False, "clerk", date(2024, 12, 30))
    assert increments(r) == DIBAO_STAY_INCREMENTS
    assert r.ytd_rehab_months == ""
    with window.store.reading() as s:
        assert s.get(Person, r.person_id).id_number == number
    assert settled.to_json()["settlement_id"] == r.id and settled.to_json()["receipt_no"] == r.receipt_no


def test_snapshot_records_policy_category_ytd_and_steps(window):
    number = add_person(window.store)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    r = row(window.store, settled.settlement_id)
    policy = load_policy("longgang-2022")
    snap = r.snapshot

    assert (r.policy_id, r.policy_hash) == ("longgang-2022", policy.content_hash)
    assert snap["policy"]["id"] == "longgang-2022" and snap["policy"]["hash"] == policy.content_hash
    assert snap["category"] == "dibao" and snap["category_zh"] == "低保对象"
    assert snap["memberships"] == [{"category": "dibao", "identified_on": "2020-01-01", "exited_on": None}]
    assert snap["ytd_before"] == {**{name: "0.00" for name in YTD_MONEY_FIELDS}, "rehab_months": []}
    steps = snap["result"]["steps"]
    assert [s["tier"] for s in steps] == ["basic", "critical", "assistance", "supplementary", "supplementary",
                                          "backstop"]
    assert (steps[0]["base"], steps[0]["deductible"], steps[0]["ratio"], steps[0]["paid"]) == \
        ("33000.00", "600.00", "0.75", "24300.00")
    assert (steps[1]["base"], steps[1]["deductible"], steps[1]["paid"]) == ("8700.00", "10000.00", "0.00")
    assert (steps[2]["base"], steps[2]["ratio"], steps[2]["paid"]) == ("8700.00", "0.80", "6960.00")
    assert snap["result"]["year_to_date"]["basic_paid"] == "24300.00"
    assert snap["result"]["patient_pays"] == "4740.00"


@pytest.mark.parametrize(("memberships", "category", "tilt", "patient_pays", "valid"), [
    # two valid memberships: the most favourable decides
    ((("registered_poor", date(2019, 6, 1), None), ("dibao", date(2020, 1, 1), None)), "dibao", True, "4740.00",
     {"dibao", "registered_poor"}),
    # dibao identified after the admission date (though before discharge) does not count
    ((("registered_poor", date(2019, 6, 1), None), ("dibao", date(2024, 3, 5), None)), "registered_poor", False,
     "11700.00", {"registered_poor"}),
    # identified on the admission day counts
    ((("dibao", date(2024, 3, 1), None),), "dibao", True, "4740.00", {"dibao"}),
    # exited before admission: ordinary (no tilt, no assistance: 36000 - 24300)
    ((("dibao", date(2020, 1, 1), date(2024, 2, 1)),), "ordinary", False, "11700.00", set()),
    # the exit date is the first day without the category
    ((("dibao", date(2020, 1, 1), date(2024, 3, 1)),), "ordinary", False, "11700.00", set()),
])
def test_category_is_decided_on_the_admission_date(window, memberships, category, tilt, patient_pays, valid):
    number = add_person(window.store, memberships=memberships)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    r = row(window.store, settled.settlement_id)
    assert (r.category, r.tilt, r.patient_pays) == (category, tilt, D(patient_pays))
    assert r.snapshot["category"] == category
    # The snapshot keeps the memberships valid on the admission date, which decided the category.
    assert {m["category"] for m in r.snapshot["memberships"]} == valid


def _nothing_written(window, before_audit: int) -> None:
    assert count(window.store, Settlement) == 0
    assert next_number(window.store) == 1
    assert len(audit(window.store)) == before_audit


@pytest.mark.parametrize("insured", [(date(2024, 4, 1), date(2024, 12, 31)), None])
def test_uninsured_admission_is_refused_and_writes_nothing(window, insured):
    number = add_person(window.store, insured=insured)
    before = len(audit(window.store))
    with pytest.raises(Refusal) as caught:
        settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    assert (caught.value.code, caught.value.field) == ("not_insured", "visit.admitted")
    assert caught.value.params["day"] == "2024-03-01"
    assert caught.value.params["periods"] == ("2024-04-01~2024-12-31" if insured else "-")
    assert number not in str(caught.value) and number not in str(caught.value.params)
    _nothing_written(window, before)


def test_unknown_person_is_not_found_and_writes_nothing(window):
    stranger = make_valid("330383", date(1970, 1, 1), "999")
    before = len(audit(window.store))
    with pytest.raises(NotFound) as caught:
        settle_visit(window.store, window.clerk, id_number=stranger, visit=visit(), now=NOW)
    assert stranger not in str(caught.value) and stranger[:6] in str(caught.value)
    _nothing_written(window, before)


def test_case_error_is_invalid_input_and_writes_nothing(window):
    number = add_person(window.store)
    before = len(audit(window.store))
    with pytest.raises(InvalidInput) as caught:
        settle_visit(window.store, window.clerk, id_number=number, visit=visit(SMALL, diagnosis="I63.9"), now=NOW)
    assert "visit.diagnosis" in str(caught.value)
    _nothing_written(window, before)


def test_discharge_outside_the_policy_period_is_refused(window):
    number = add_person(window.store, insured=(date(2026, 1, 1), date(2026, 12, 31)))
    before = len(audit(window.store))
    with pytest.raises(Refusal) as caught:
        settle_visit(window.store, window.clerk, id_number=number,
                     visit=visit(admitted="2026-01-05", discharged="2026-01-10"), now=datetime(2026, 2, 1, 9, 0))
    assert (caught.value.code, caught.value.field) == ("policy_not_in_force", "visit.discharged")
    assert caught.value.params["discharged"] == "2026-01-10"
    _nothing_written(window, before)


def test_year_to_date_across_visits_with_a_void_in_between(window):
    number = add_person(window.store)
    assert ytd(window.store, number) == YearToDate()

    first = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    assert increments(row(window.store, first.settlement_id)) == DIBAO_STAY_INCREMENTS
    after_one = ytd(window.store, number)
    assert {name: getattr(after_one, name) for name in YTD_MONEY_FIELDS} == DIBAO_STAY_INCREMENTS
    second = settle_visit(window.store, window.clerk, id_number=number,
                          visit=visit(admitted="2024-04-01", discharged="2024-04-10"), now=NOW)
    r2 = row(window.store, second.settlement_id)
    # By hand: critical base 8700 -> 17400, above the tilt deductible 10000: (17400 - 10000) * 0.80 = 5920.00;
    # assistance (8700 - 5920) * 0.80 = 2224.00; patient pays 36000 - 24300 - 5920 - 2224 = 3556.00.
    assert (r2.critical, r2.assistance, r2.patient_pays) == (D("5920.00"), D("2224.00"), D("3556.00"))
    assert r2.snapshot["ytd_before"]["critical_base"] == "8700.00"
    after_two = ytd(window.store, number)
    assert after_two.critical_base == D("17400.00") and after_two.critical_paid == D("5920.00")
    assert after_two.assistance_paid == D("9184.00") and after_two.basic_paid == D("48600.00")

    voided = void_settlement(window.store, window.supervisor, settlement_id=first.settlement_id,
                             reason="重复结算", now=NOW)
    assert voided == {"settlement_id": first.settlement_id, "receipt_no": "LG-01-00000001", "voided": True,
                      "reason": "重复结算", "voided_by": "sup", "voided_at": "2024-12-30T10:00:00"}
    after_void = ytd(window.store, number)
    assert {name: getattr(after_void, name) for name in YTD_MONEY_FIELDS} == increments(r2)

    third = settle_visit(window.store, window.clerk, id_number=number,
                         visit=visit(admitted="2024-05-01", discharged="2024-05-10"), now=NOW)
    r3 = row(window.store, third.settlement_id)
    assert r3.snapshot["ytd_before"] == {**{name: f"{value:.2f}" for name, value in increments(r2).items()},
                                        "rehab_months": []}
    # Only visit 2 counts, so visit 3 settles exactly as visit 2 did (with visit 1 it would pay 6960 critical).
    assert (r3.critical, r3.assistance, r3.patient_pays) == (D("5920.00"), D("2224.00"), D("3556.00"))
    final = ytd(window.store, number)
    assert {name: getattr(final, name) for name in YTD_MONEY_FIELDS} == \
        {name: increments(r2)[name] + increments(r3)[name] for name in YTD_MONEY_FIELDS}
    assert third.receipt_no == "LG-01-00000003"


def test_void_keeps_the_row_and_links_a_reversal(window):
    number = add_person(window.store)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    void_settlement(window.store, window.supervisor, settlement_id=settled.settlement_id,
                    reason="  录入错误  ", now=datetime(2024, 3, 13, 9, 30))

    r = row(window.store, settled.settlement_id)
    assert r.voided is True and r.receipt_no == "LG-01-00000001" and r.reimbursed == D("31260.00")
    with window.store.reading() as s:
        reversal = s.execute(select(Reversal)).scalar_one()
    assert (reversal.settlement_id, reversal.reason, reversal.voided_by) == (settled.settlement_id, "录入错误", "sup")
    assert (reversal.voided_at, reversal.business_day) == (datetime(2024, 3, 13, 9, 30), date(2024, 3, 13))
    assert ytd(window.store, number) == YearToDate()


def test_void_refusals(window):
    number = add_person(window.store)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    with pytest.raises(AuthError):
        void_settlement(window.store, window.clerk, settlement_id=settled.settlement_id, reason="x", now=NOW)
    assert count(window.store, Reversal) == 0 and row(window.store, settled.settlement_id).voided is False
    with pytest.raises(InvalidInput):
        void_settlement(window.store, window.supervisor, settlement_id=settled.settlement_id, reason="  ", now=NOW)
    with pytest.raises(NotFound):
        void_settlement(window.store, window.supervisor, settlement_id="no-such-id", reason="x", now=NOW)

    void_settlement(window.store, window.supervisor, settlement_id=settled.settlement_id, reason="x", now=NOW)
    entries = len(audit(window.store))
    with pytest.raises(Refused):
        void_settlement(window.store, window.admin, settlement_id=settled.settlement_id, reason="again", now=NOW)
    assert count(window.store, Reversal) == 1 and len(audit(window.store)) == entries


def test_receipt_series_is_gap_free_under_many_settlements(window, monkeypatch):
    people = [add_person(window.store, name=f"人员{i}", household=f"H{i}") for i in range(4)]
    uninsured = add_person(window.store, insured=None, household="H9")
    stranger = make_valid("330383", date(1970, 1, 1), "999")
    real_increments = settlement_service.increments

    def broken(*args, **kwargs):  # fails after the receipt number was taken: the rollback must give it back
        raise RuntimeError("disk full")

    receipts = []
    for i in range(200):
        if i % 10 == 3:
            with pytest.raises(Refusal):
                settle_visit(window.store, window.clerk, id_number=uninsured, visit=visit(SMALL), now=NOW)
            with pytest.raises(NotFound):
                settle_visit(window.store, window.clerk, id_number=stranger, visit=visit(SMALL), now=NOW)
            with pytest.raises(InvalidInput):
                settle_visit(window.store, window.clerk, id_number=people[0], visit=visit(SMALL, diagnosis="J45"),
                             now=NOW)
        if i % 50 == 7:
            monkeypatch.setattr(settlement_service, "increments", broken)
            with pytest.raises(RuntimeError):
                settle_visit(window.store, window.clerk, id_number=people[1], visit=visit(SMALL), now=NOW)
            monkeypatch.setattr(settlement_service, "increments", real_increments)
        settled = settle_visit(window.store, window.clerk, id_number=people[i % 4], visit=visit(SMALL), now=NOW)
        receipts.append(settled.receipt_no)

    expected = [f"LG-01-{n:08d}" for n in range(1, 201)]
    assert receipts == expected
    with window.store.reading() as s:
        stored = list(s.execute(select(Settlement.receipt_no).order_by(Settlement.created_at, Settlement.receipt_no))
                      .scalars())
    assert sorted(stored) == expected
    assert next_number(window.store) == 201
    assert count(window.store, Settlement) == 200


def test_each_use_case_writes_exactly_one_audit_entry(window):
    number = add_person(window.store)
    start = len(audit(window.store))

    settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    entries = audit(window.store)
    assert len(entries) == start + 1
    last = entries[-1]
    assert (last.user, last.action, last.target) == ("clerk", "settlement.create", settled.settlement_id)
    assert '"receipt_no":"LG-01-00000001"' in last.detail

    void_settlement(window.store, window.supervisor, settlement_id=settled.settlement_id, reason="作废", now=NOW)
    entries = audit(window.store)
    assert len(entries) == start + 2
    assert (entries[-1].user, entries[-1].action, entries[-1].target) == \
        ("sup", "settlement.void", settled.settlement_id)

    auth.add_user(window.store, window.admin, name="clerk2", role="clerk", password="another-pass")
    entries = audit(window.store)
    assert len(entries) == start + 3
    assert (entries[-1].user, entries[-1].action, entries[-1].target) == ("admin", "user.add", "clerk2")

    newcomer = add_person(window.store, insured=None)
    enrolled = enroll(window.store, window.clerk, id_number=newcomer, year=2025, on=date(2024, 12, 2), now=NOW)
    entries = audit(window.store)
    assert len(entries) == start + 4
    assert (entries[-1].user, entries[-1].action, entries[-1].target) == \
        ("clerk", "enrollment.create", enrolled.receipt_no)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))


def test_no_unmasked_id_number_in_the_audit_log(window):
    numbers = [add_person(window.store, name=f"人员{i}") for i in range(3)]
    uninsured = add_person(window.store, insured=None)
    for number in numbers:
        settled = settle_visit(window.store, window.clerk, id_number=number, visit=visit(), now=NOW)
    void_settlement(window.store, window.supervisor, settlement_id=settled.settlement_id, reason="作废", now=NOW)
    with pytest.raises(Refusal):
        settle_visit(window.store, window.clerk, id_number=uninsured, visit=visit(), now=NOW)
    enroll(window.store, window.clerk, id_number=uninsured, year=2025, on=date(2024, 12, 2), now=NOW)

    entries = audit(window.store)
    texts = [" ".join((e.at, e.user, e.action, e.target, e.detail)) for e in entries]
    assert sum("settlement.create" == e.action for e in entries) == 3
    assert all(not ID_SHAPE.search(text) for text in texts), [t for t in texts if ID_SHAPE.search(t)]
    whole = " ".join(texts + [e.hash + e.prev_hash for e in entries])
    assert all(number not in whole for number in numbers + [uninsured])
    # The masked form is what the log keeps.
    assert any(f"{numbers[0][:6]}********{numbers[0][-4:]}" in e.detail for e in entries)
