"""Test support for the reports: settlement rows with amounts chosen by the test, as settle_visit stores them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update
from windowkit import add_person, make_window

from windowdesk.services.reports import totals
from windowdesk.services.settlement import void_settlement
from windowdesk.services.window import window_context
from windowdesk.store.models import Enrollment, EnrollmentSubsidy, Person, Settlement

D = Decimal
EXAMPLE_POLICY = str(Path(__file__).parent / "fixtures" / "example-2024.toml")
_ZERO_YTD = ("basic_paid", "op_deductible_used", "critical_base", "critical_paid", "assistance_deductible_used",
             "assistance_paid", "supplementary_base", "supplementary_ooc_base", "supplementary_paid", "excess_base",
             "backstop_paid")


def add_settlement(store, id_number: str, *, discharged: date, total: str, out_of_catalog: str = "0",
                   partial: str = "0", basic: str = "0", critical: str = "0", assistance: str = "0",
                   supplementary: str = "0", relief: str = "0", backstop: str = "0", category: str = "dibao",
                   hospital: str = "县人民医院", level: str = "county", settled_on: date | None = None,
                   created_by: str = "clerk", voided: bool = False, origin: str = "local") -> str:
    """One stored settlement; `reimbursed` and `patient_pays` follow from the tiers given. Returns its id."""
    amounts = {k: Decimal(v) for k, v in dict(total=total, out_of_catalog=out_of_catalog, partial_self_pay=partial,
                                              basic=basic, critical=critical, assistance=assistance,
                                              supplementary=supplementary, relief=relief,
                                              backstop=backstop).items()}
    reimbursed = sum(amounts[t] for t in ("basic", "critical", "assistance", "supplementary", "relief", "backstop"))
    settled_on = settled_on or discharged
    sid = str(uuid.uuid4())
    with store.transaction() as tx:
        s = tx.session
        person = s.execute(select(Person).where(Person.id_number == id_number)).scalar_one()
        row = Settlement(
            id=sid, person_id=person.id, year=discharged.year, origin=origin, window_id="LG-01",
            receipt_no=f"T-{sid[:8]}", category=category, tilt=True, kind="inpatient", hospital=hospital,
            hospital_level=level, in_region=True, referred=True, transfer=False, previous_deductible=Decimal(0),
            admitted=discharged, discharged=discharged, diagnosis="", **amounts,
            in_scope=amounts["total"] - amounts["out_of_catalog"] - amounts["partial_self_pay"],
            reimbursed=reimbursed, patient_pays=amounts["total"] - reimbursed, policy_id="example-2024",
            policy_hash="0" * 64, snapshot={"person": {"id_number": id_number, "name": person.name,
                                                       "household": person.household.number if person.household
                                                       else ""}},
            **{f"ytd_{name}": Decimal(0) for name in _ZERO_YTD}, ytd_rehab_months="", voided=voided,
            business_day=settled_on, created_by=created_by, created_at=datetime.combine(settled_on, datetime.min.time()))
        s.add(row)
        if not voided:  # counted in the reports' totals as settle_visit counts it
            totals.record(s, row, 1, window_context(s).policy.monitoring)
    return sid


def place(store, number: str, town: str, village: str) -> None:
    with store.transaction() as tx:
        tx.session.execute(update(Person).where(Person.id_number == number).values(town=town, village=village))
        totals.follow_towns(tx.session, select(Person.id).where(Person.id_number == number))  # as a roster import


def dataset(tmp_path, policy: str = EXAMPLE_POLICY):
    """The reports' fixed dataset (the expected figures are worked out in tests/integration/test_reports.py):
    (window, {letter: id_number})."""
    return fill(make_window(tmp_path, policy=policy))


@pytest.fixture
def data(tmp_path):
    """The dataset's window and people (a test module takes it with `from reportkit import data`)."""
    w, people = dataset(tmp_path)
    yield w, people
    w.store.engine.dispose()


def fill(w):
    """Put the dataset into the window `w` (SQLite or PostgreSQL): (w, {letter: id_number})."""
    s = w.store
    a = add_person(s, name="甲", household="H1")
    b = add_person(s, name="乙", household="H2", memberships=(("destitute", date(2019, 1, 1), None),))
    c = add_person(s, name="丙", household="H3", memberships=())
    e = add_person(s, name="戊", household="H5")
    f = add_person(s, name="己", household="H6", insured=None)  # dibao, not enrolled: 应保尽保 lists her
    g = add_person(s, name="庚", household="H7", insured=None,  # near_dibao is not subsidised by the policy
                   memberships=(("near_dibao", date(2020, 1, 1), None),))
    h = add_person(s, name="辛", household="H8", insured=None,  # left dibao before the year
                   memberships=(("dibao", date(2020, 1, 1), date(2023, 6, 1)),))
    i = add_person(s, name="壬", household="H9", insured=None,  # identified during the year
                   memberships=(("orphan", date(2024, 5, 1), None),))
    place(s, f, "灵溪镇", "南山村")
    place(s, i, "龙港镇", "东湖村")
    for number in (a, b, c, e, g, h):
        place(s, number, "龙港镇", "西岙村")
    with s.transaction() as tx:  # A's contribution paid by the finance fund
        enrollment = tx.session.execute(select(Enrollment).join(Person).where(Person.id_number == a)).scalar_one()
        tx.session.add(EnrollmentSubsidy(enrollment_id=enrollment.id, seq=1, fund="finance", amount=D("600.00")))
    # s1: in scope 10000 - 300 = 9700; reimbursed 6000 + 1000 + 1500 = 8500; pays 1500
    add_settlement(s, a, discharged=date(2024, 3, 10), total="10000", out_of_catalog="300", basic="6000",
                   critical="1000", assistance="1500")
    # s2, voided: it would lift 县人民医院's share to (300 + 2000) / 15000 = 0.1533, over the 0.05 limit
    s2 = add_settlement(s, a, discharged=date(2024, 3, 20), total="5000", out_of_catalog="2000", basic="2400",
                        settled_on=date(2024, 3, 20))
    void_settlement(s, w.supervisor, settlement_id=s2, reason="录入错误", now=datetime(2024, 3, 21, 10))
    # s3: township, in scope 2000, reimbursed 1800 + 200 = 2000, pays 0
    add_settlement(s, b, discharged=date(2024, 3, 15), total="2000", basic="1800", assistance="200",
                   category="destitute", hospital="龙港镇卫生院", level="township")
    # s4: in scope 4000 - 400 = 3600, reimbursed 2000, pays 2000; 县中医院 share 400 / 4000 = 0.1000 > 0.05
    add_settlement(s, c, discharged=date(2024, 4, 2), total="4000", out_of_catalog="400", basic="2000",
                   category="ordinary", hospital="县中医院")
    # E (dibao, threshold 20000): pays 15000 in June, then 6000 for a December stay settled in January:
    # 21000 >= 20000, crossed on the December discharge
    add_settlement(s, e, discharged=date(2024, 6, 10), total="15000", hospital="市人民医院", level="city")
    add_settlement(s, e, discharged=date(2024, 12, 28), total="6000", settled_on=date(2025, 1, 5),
                   hospital="市人民医院", level="city")
    # Another year's settlement never counts in 2024.
    add_settlement(s, a, discharged=date(2023, 12, 20), total="9999", basic="9999")
    return w, {"a": a, "b": b, "c": c, "e": e, "f": f, "g": g, "h": h, "i": i}
