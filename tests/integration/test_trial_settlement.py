"""Integration: the trial settlement (试算) writes nothing, and the settlement confirmed is the one the clerk saw."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit, settlement_json
from windowdesk.domain.problems import Refusal
from windowdesk.services.closing import close_day
from windowdesk.services.settlement import settle_visit, trial_settlement, void_settlement
from windowdesk.store.models import AuditEntry, ReceiptCounter, Settlement, SettlementTier

D = Decimal
NOW = datetime(2024, 6, 1, 10, 0)
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
LATER_STAY = {**STAY, "admitted": "2024-04-01", "discharged": "2024-04-10"}


def counts(store) -> tuple[int, int, int, int]:
    """Settlements, tier lines, audit entries, and the receipt counter's next number."""
    with store.reading() as s:
        def n(model):
            return s.execute(select(func.count()).select_from(model)).scalar_one()
        counter = s.get(ReceiptCounter, "LG-01")
        return n(Settlement), n(SettlementTier), n(AuditEntry), counter.next_number if counter else 1


def test_trial_shows_the_hand_computed_figures_and_writes_nothing(window):
    number = add_person(window.store, name="李四")
    before = counts(window.store)
    preview = trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    # By hand (test_settlement_store): basic 24300, assistance 6960, patient pays 4740.
    r = preview.result
    assert (r.in_scope, r.basic, r.critical, r.assistance, r.reimbursed, r.patient_pays) == \
        (D("33000.00"), D("24300.00"), D("0.00"), D("6960.00"), D("31260.00"), D("4740.00"))
    assert (preview.name, preview.id_number, preview.category) == ("李四", number, "dibao")
    assert len(preview.basis) == 64
    assert preview.to_json() == {**settlement_json(r), "dry_run": True}
    assert "settlement_id" not in preview.to_json() and "receipt_no" not in preview.to_json()
    assert counts(window.store) == before


def test_confirming_with_the_trial_basis_records_the_figures_shown(window):
    number = add_person(window.store)
    preview = trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW,
                           basis=preview.basis)
    assert settled.result == preview.result and settled.receipt_no == "LG-01-00000001"
    # The second stay's trial starts from the first one's year to date: its basis differs.
    second = trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(LATER_STAY), now=NOW)
    assert second.basis != preview.basis
    assert (second.result.critical, second.result.assistance, second.result.patient_pays) == \
        (D("5920.00"), D("2224.00"), D("3556.00"))


def test_a_settlement_between_trial_and_confirmation_is_refused(window):
    number = add_person(window.store)
    preview = trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(LATER_STAY), now=NOW)
    # Another window settles the same person in between.
    settle_visit(window.store, window.supervisor, id_number=number, visit=parse_visit(STAY), now=NOW)
    before = counts(window.store)
    with pytest.raises(Refusal) as caught:
        settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(LATER_STAY), now=NOW,
                     basis=preview.basis)
    assert caught.value.code == "year_to_date_changed"
    assert caught.value.params["id_number"] == f"{number[:6]}********{number[-4:]}"
    assert counts(window.store) == before  # no row, no receipt number, no audit entry


def test_a_void_between_trial_and_confirmation_is_refused_too(window):
    number = add_person(window.store)
    first = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    preview = trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(LATER_STAY), now=NOW)
    void_settlement(window.store, window.supervisor, settlement_id=first.settlement_id, reason="录入错误", now=NOW)
    with pytest.raises(Refusal, match="year_to_date_changed"):
        settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(LATER_STAY), now=NOW,
                     basis=preview.basis)


@pytest.mark.parametrize("settle", [trial_settlement, settle_visit])
def test_a_discharge_after_today_is_refused(window, settle):
    number = add_person(window.store)
    before = counts(window.store)
    with pytest.raises(Refusal) as caught:
        settle(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=datetime(2024, 3, 11, 23))
    assert (caught.value.code, caught.value.field) == ("future_discharge", "visit.discharged")
    assert dict(caught.value.params) == {"discharged": "2024-03-12", "today": "2024-03-11"}
    assert counts(window.store) == before
    # Discharged today is fine.
    settle(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=datetime(2024, 3, 12, 8))


def test_the_trial_makes_every_check_of_the_settlement(window):
    uninsured = add_person(window.store, insured=None)
    with pytest.raises(Refusal, match="not_insured"):
        trial_settlement(window.store, window.clerk, id_number=uninsured, visit=parse_visit(STAY), now=NOW)
    with pytest.raises(Refusal, match="policy_not_in_force"):
        trial_settlement(window.store, window.clerk, id_number=uninsured,
                         visit=parse_visit({**STAY, "admitted": "2026-01-02", "discharged": "2026-01-05"}),
                         now=datetime(2026, 2, 1, 9))
    number = add_person(window.store)
    close_day(window.store, window.clerk, clerk=None, day=date(2024, 6, 1), now=datetime(2024, 6, 1, 17))
    with pytest.raises(Exception, match="closed"):
        trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
