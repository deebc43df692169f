"""Test support for the reports: settlement rows with amounts chosen by the test, as settle_visit stores them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from windowdesk.store.models import Person, Settlement

EXAMPLE_POLICY = str(Path(__file__).parent / "fixtures" / "example-2024.toml")
_ZERO_YTD = ("basic_paid", "op_deductible_used", "critical_base", "critical_paid", "assistance_deductible_used",
             "assistance_paid", "supplementary_base", "supplementary_ooc_base", "supplementary_paid", "excess_base",
             "backstop_paid")


def add_settlement(store, id_number: str, *, discharged: date, total: str, out_of_catalog: str = "0",
                   partial: str = "0", basic: str = "0", critical: str = "0", assistance: str = "0",
                   supplementary: str = "0", backstop: str = "0", category: str = "dibao",
                   hospital: str = "县人民医院", level: str = "county", settled_on: date | None = None,
                   created_by: str = "clerk", voided: bool = False, origin: str = "local") -> str:
    """One stored settlement; `reimbursed` and `patient_pays` follow from the tiers given. Returns its id."""
    amounts = {k: Decimal(v) for k, v in dict(total=total, out_of_catalog=out_of_catalog, partial_self_pay=partial,
                                              basic=basic, critical=critical, assistance=assistance,
                                              supplementary=supplementary, backstop=backstop).items()}
    reimbursed = sum(amounts[t] for t in ("basic", "critical", "assistance", "supplementary", "backstop"))
    settled_on = settled_on or discharged
    sid = str(uuid.uuid4())
    with store.transaction() as tx:
        s = tx.session
        person = s.execute(select(Person).where(Person.id_number == id_number)).scalar_one()
        s.add(Settlement(
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
            business_day=settled_on, created_by=created_by, created_at=datetime.combine(settled_on, datetime.min.time())))
    return sid
