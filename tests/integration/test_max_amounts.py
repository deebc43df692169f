"""Sums that cannot overflow (issue 13): with every amount at most 99,999,999.99, a clerk settles visits of the
largest amounts and closes the day (日结), on SQLite and PostgreSQL; and a row stored before amounts were bounded
(9e16 yuan) no longer stops the person's next settlement nor the day's closing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import OperationalError
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.money import MAX_AMOUNT
from windowdesk.services.closing import close_day
from windowdesk.services.ledger import year_to_date
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import Settlement, SettlementTier

pytest_plugins = ["pgkit"]
NOW = datetime(2024, 3, 12, 10, 0)
DAY = NOW.date()
LARGEST = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
           "admitted": "2024-03-01", "discharged": "2024-03-12", "hospital": "龙港市人民医院",
           "total": f"{MAX_AMOUNT}", "out_of_catalog": f"{MAX_AMOUNT}", "partial_self_pay": "0.00",
           "previous_deductible": f"{MAX_AMOUNT}"}
VISITS = 5


def _settle_largest(window, visits=VISITS, **changes):
    number = add_person(window.store, insured=(date(2024, 1, 1), date(2024, 12, 31)))
    visit = parse_visit({**LARGEST, **changes})
    return number, [settle_visit(window.store, window.clerk, id_number=number, visit=visit, now=NOW)
                    for _ in range(visits)]


def test_the_largest_amounts_settle_and_the_day_closes_to_the_fen(any_window):
    # All out of catalogue, and all in scope: the funds pay up to their caps, the rest is the person's.
    _number, outside = _settle_largest(any_window)
    _other, inside = _settle_largest(any_window, out_of_catalog="0.00", previous_deductible="0.00")
    settled = [s.result for s in outside + inside]
    assert all(r.reimbursed + r.patient_pays == MAX_AMOUNT for r in settled)
    # Basic's annual cap (300,000) is reached by the first visit; the next ones get nothing more from it.
    assert [s.result.basic for s in inside] == [Decimal("300000.00")] + [Decimal("0.00")] * (VISITS - 1)
    closed = close_day(any_window.store, any_window.clerk, clerk="clerk", day=DAY, now=NOW)
    figures = closed["settlements"]
    reimbursed = sum((r.reimbursed for r in settled), Decimal(0))
    assert figures["count"] == 2 * VISITS
    assert Decimal(figures["total"]) == 2 * VISITS * MAX_AMOUNT == Decimal("999999999.90")
    assert Decimal(figures["in_scope"]) == VISITS * MAX_AMOUNT  # the other five were out of catalogue
    assert Decimal(figures["reimbursed"]) == reimbursed
    assert Decimal(figures["patient_pays"]) == 2 * VISITS * MAX_AMOUNT - reimbursed
    assert sum(Decimal(f["paid"]) for f in closed["funds"]) == reimbursed
    assert Decimal(closed["cash_collected"]) == 2 * VISITS * MAX_AMOUNT - reimbursed


def test_an_unbounded_stored_amount_no_longer_stops_settling_or_closing(window):
    number, settled = _settle_largest(window, visits=2, out_of_catalog="0.00", previous_deductible="0.00")
    huge = 90_000_000_000_000_000  # 9e16 yuan = 9e18 fen: two of them pass SQLite's 64-bit integers
    with window.store.transaction() as tx:
        tx.session.execute(update(Settlement).values(total=Decimal(huge), ytd_critical_base=Decimal(huge)))
        tx.session.execute(update(SettlementTier).where(SettlementTier.tier == "basic").values(paid=Decimal(huge)))
    with window.store.reading() as session:  # the SQL SUM the services used: SQLite refuses it
        with pytest.raises(OperationalError, match="integer overflow"):
            session.execute(text("SELECT sum(ytd_critical_base) FROM settlements")).scalar()
        person_id = session.get(Settlement, settled[0].settlement_id).person_id
        assert year_to_date(session, person_id, 2024).critical_base == 2 * huge
    void_settlement(window.store, window.supervisor, settlement_id=settled[0].settlement_id, reason="录入错误",
                    now=NOW)
    again = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(LARGEST), now=NOW)
    assert again.receipt_no
    closed = close_day(window.store, window.clerk, clerk="clerk", day=DAY, now=NOW)
    assert Decimal(closed["settlements"]["total"]) == 2 * huge + MAX_AMOUNT
