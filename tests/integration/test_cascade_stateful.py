"""Integration: the cascade's stateful rules on real databases: child rehabilitation across the new year,
special-disease registration before an outpatient-special settlement, the void of a visit before a later one,
ordinary outpatient, settled-upstream and relief figures stored with the settlement."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from windowkit import add_person, make_window

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.problems import Refusal
from windowdesk.services.diseases import add_registration, end_registration, list_registrations
from windowdesk.services.ledger import year_to_date
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, Person, Settlement

D = Decimal
EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example-2024.toml"
SMALL = {"kind": "outpatient_special", "hospital_level": "township", "in_region": True, "diagnosis": "E11.9",
         "admitted": "2024-05-01", "discharged": "2024-05-01", "total": "100.00"}


@pytest.fixture
def example_window(tmp_path):
    """A window under the example policy, in force through 2025 (for a stay across the new year)."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("effective_to = 2024-12-31", "effective_to = 2025-12-31")
    policy = tmp_path.parent / "example-2024-2025.toml"
    policy.write_text(text, encoding="utf-8")
    w = make_window(tmp_path, policy=str(policy), window_id="EX-01")
    yield w
    w.store.engine.dispose()


@pytest.fixture
def window(tmp_path):
    w = make_window(tmp_path)
    yield w
    w.store.engine.dispose()


def rehab(admitted: str, discharged: str, total: str) -> dict:
    return {"kind": "child_rehab", "hospital_level": "county", "admitted": admitted, "discharged": discharged,
            "total": total}


def test_child_rehab_stay_across_the_new_year_counts_each_year(example_window):
    w = example_window
    child = add_person(w.store, birth=date(2015, 6, 1), memberships=())
    first = settle_visit(w.store, w.clerk, id_number=child, visit=parse_visit(rehab("2024-02-01", "2024-10-31",
                                                                                   "30000.00")),
                         now=datetime(2024, 11, 1, 9))
    # February to October: 9 months * 2500 = 22500.00 (of 30000 in scope)
    assert first.result.basic == D("22500.00")
    across = settle_visit(w.store, w.clerk, id_number=child, visit=parse_visit(rehab("2024-11-15", "2025-02-10",
                                                                                    "12000.00")),
                          now=datetime(2025, 2, 11, 9))
    # 2024 has one month left (9 of 10 paid): 2024-11 paid, 2024-12 not; 2025-01 and 2025-02 paid: 3 * 2500
    assert across.result.basic == D("7500.00")
    december = settle_visit(w.store, w.clerk, id_number=child, visit=parse_visit(rehab("2024-12-01", "2024-12-20",
                                                                                      "2000.00")),
                            now=datetime(2025, 2, 11, 10))
    # settlement year 2024, but its ten months are full: the 2024-11 month sits on the 2025 settlement
    assert december.result.basic == D("0.00")
    with w.store.reading() as s:
        person_id = s.execute(select(Person.id).where(Person.id_number == child)).scalar_one()
        rows = {r.id: r for r in s.execute(select(Settlement)).scalars()}
        both = year_to_date(s, person_id, 2025, month_years=range(2024, 2026))
        only_2025 = year_to_date(s, person_id, 2025)
    assert rows[across.settlement_id].year == 2025
    assert rows[across.settlement_id].ytd_rehab_months == "2024-11,2025-01,2025-02"
    assert len([m for m in both.rehab_months if m.startswith("2024")]) == 10
    assert only_2025.rehab_months == ("2025-01", "2025-02")
    assert only_2025.basic_paid == D("7500.00")  # money figures are the settlement year's alone


def test_outpatient_special_refused_without_a_registration_then_accepted(window):
    number = add_person(window.store)
    now = datetime(2024, 5, 2, 9)
    with pytest.raises(Refusal) as refused:
        settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(SMALL), now=now)
    assert (refused.value.code, refused.value.field) == ("disease_not_registered", "visit.diagnosis")
    assert refused.value.params == {"code": "E11", "admitted": "2024-05-01"}

    add_registration(window.store, window.clerk, id_number=number, code="e11", approved_on=date(2024, 4, 1), now=now)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(SMALL), now=now)
    assert settled.result.basic > 0

    end_registration(window.store, window.clerk, id_number=number, code="E11", on=date(2024, 5, 31), now=now)
    after_end = {**SMALL, "admitted": "2024-06-01", "discharged": "2024-06-01"}
    with pytest.raises(Refusal) as refused:
        settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(after_end),
                     now=datetime(2024, 6, 2, 9))
    assert refused.value.code == "disease_not_registered"
    assert [r.to_json() for r in list_registrations(window.store, id_number=number)] == [
        {"code": "E11", "name": "糖尿病胰岛素治疗", "from": "2024-04-01", "to": "2024-05-31"}]
    with pytest.raises(Refusal) as refused:  # the same disease again within the registration's period
        add_registration(window.store, window.clerk, id_number=number, code="E11", approved_on=date(2024, 5, 1))
    assert refused.value.code == "registration_overlaps"
    with pytest.raises(Refusal) as refused:
        add_registration(window.store, window.clerk, id_number=number, code="J45", approved_on=date(2024, 5, 1))
    assert (refused.value.code, refused.value.field) == ("unknown_disease", "code")
    with window.store.reading() as s:
        actions = [e.action for e in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]
    assert actions[-3:] == ["disease.add", "settlement.create", "disease.end"]


def test_void_before_a_later_settlement_keeps_the_later_one_and_records_it(window):
    number = add_person(window.store)
    stay = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
            "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "36000.00"}
    first = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(stay),
                         now=datetime(2024, 3, 12, 9))
    second = settle_visit(window.store, window.clerk, id_number=number,
                          visit=parse_visit({**stay, "admitted": "2024-04-01", "discharged": "2024-04-10"}),
                          now=datetime(2024, 4, 10, 9))
    void_settlement(window.store, window.supervisor, settlement_id=first.settlement_id, reason="重复",
                    now=datetime(2024, 4, 10, 10))
    with window.store.reading() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "settlement.void")).scalar_one()
        person_id = s.execute(select(Person.id).where(Person.id_number == number)).scalar_one()
        ytd = year_to_date(s, person_id, 2024)
    assert [x["settlement_id"] for x in json.loads(entry.detail)["later_settlements"]] == [second.settlement_id]
    # the first visit's own increments came off; the second stands as it was paid (not recomputed)
    assert ytd.basic_paid == second.result.basic
    assert ytd.critical_base == second.result.year_to_date.critical_base - first.result.year_to_date.critical_base


def test_upstream_relief_and_ordinary_outpatient_are_stored(example_window):
    w = example_window
    number = add_person(w.store)
    visit = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
             "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "36000.00", "out_of_catalog": "1800.00",
             "partial_self_pay": "1200.00", "settled_upstream": {"basic": "25000.00", "critical": "500.00"},
             "relief": {"temporary": "1000.00"}}
    settled = settle_visit(w.store, w.clerk, id_number=number, visit=parse_visit(visit), now=datetime(2024, 3, 12, 9))
    # basic 25000 + critical 500 as given; assistance (33000 - 25500) * 0.80 = 6000; supplementary 0;
    # temporary relief 1000 of the 4500 left; patient pays 3500.00
    assert settled.result.paid["relief"] == D("1000.00")
    op = settle_visit(w.store, w.clerk, id_number=number, visit=parse_visit(
        {"kind": "outpatient", "hospital_level": "township", "in_region": True, "admitted": "2024-04-02",
         "discharged": "2024-04-02", "total": "500.00"}), now=datetime(2024, 4, 2, 9))
    with w.store.reading() as s:
        row = s.get(Settlement, settled.settlement_id)
        op_row = s.get(Settlement, op.settlement_id)
    assert (row.basic, row.critical, row.assistance, row.relief, row.patient_pays) == (
        D("25000.00"), D("500.00"), D("6000.00"), D("1000.00"), D("3500.00"))
    assert row.settled_upstream is True and row.relief_granted == {"temporary": "1000.00"}
    assert (row.ytd_relief_paid, row.ytd_op_deductible_used) == (D("1000.00"), D("0.00"))
    # ordinary outpatient, township: (500 - 50) * 0.60 = 270.00
    assert (op_row.kind, op_row.basic, op_row.ytd_op_general_deductible_used, op_row.ytd_op_general_paid) == (
        "outpatient", D("270.00"), D("50.00"), D("270.00"))
