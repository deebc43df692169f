"""Settling a discharge at the window (settle-visit) and voiding a settlement."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from ..domain import idnumber, text_rules
from ..domain.case_json import settlement_json, year_to_date_json
from ..domain.categories import CATEGORY_LABELS_ZH
from ..domain.money import fmt
from ..domain.engine import settle
from ..domain.enrollment_rules import MembershipView, category_on
from ..domain.problems import Refusal
from ..domain.visit import CaseError, Visit
from ..domain.visit import Person as EnginePerson
from ..domain.visit import Settlement as Result
from ..domain.visit import YearToDate
from ..store.models import Enrollment, Reversal, Settlement, SettlementTier
from ..store.models import Person as PersonRow
from ..store.types import canonical_json
from ..store.unit_of_work import Store
from .auth import Actor
from .diseases import ensure_registered
from .errors import InvalidInput, NotFound, Refused
from .ledger import increments, year_to_date
from .people import get_person, memberships_of
from .reports import totals
from .window import WindowContext, ensure_day_open, next_receipt_no, window_context


@dataclass(frozen=True)
class SettledVisit:
    settlement_id: str
    receipt_no: str
    result: Result

    def to_json(self) -> dict:
        return {**settlement_json(self.result), "settlement_id": self.settlement_id, "receipt_no": self.receipt_no}


@dataclass(frozen=True)
class SettlementPreview:
    """A trial settlement (试算): the figures from the stored year to date, nothing written.

    `basis` is opaque: hand it back to settle_visit so the settlement recorded is the one the clerk saw.
    """

    result: Result
    name: str
    id_number: str  # the person's, normalised (the caller shows it masked)
    category: str
    basis: str

    def to_json(self) -> dict:
        return {**settlement_json(self.result), "dry_run": True}


@dataclass(frozen=True)
class _Checked:
    """Everything settle_visit decides before it writes: what a trial shows and a settlement records."""

    window: WindowContext
    person: PersonRow
    memberships: list[MembershipView]
    category: str
    before: YearToDate
    result: Result
    basis: str


def trial_settlement(store: Store, actor: Actor, *, id_number: str, visit: Visit,
                     now: datetime | None = None) -> SettlementPreview:
    """Every check of settle_visit on the stored year to date; no row, no receipt number, no audit entry."""
    actor.require("clerk")
    now = now or datetime.now()
    with store.reading() as session:
        checked = _check(session, actor, id_number=id_number, visit=visit, today=now.date(), lock=False)
    return SettlementPreview(result=checked.result, name=checked.person.name,
                             id_number=checked.person.id_number, category=checked.category, basis=checked.basis)


def settle_visit(store: Store, actor: Actor, *, id_number: str, visit: Visit,
                 now: datetime | None = None, basis: str | None = None) -> SettledVisit:
    """Settle and record a discharge. With the `basis` of a trial, refuse when the year to date (or the
    policy, or the category) changed since: another window may have settled the same person in between."""
    actor.require("clerk")
    now = now or datetime.now()
    with store.transaction() as tx:
        session = tx.session
        checked = _check(session, actor, id_number=id_number, visit=visit, today=now.date(), lock=True)
        if basis is not None and basis != checked.basis:
            raise Refusal("year_to_date_changed", id_number=idnumber.mask(checked.person.id_number))
        window, person, result, category = checked.window, checked.person, checked.result, checked.category
        policy, before, year = window.policy, checked.before, visit.discharged.year
        settlement_id = str(uuid.uuid4())
        receipt_no = next_receipt_no(session)
        snapshot = {
            "policy": {"id": policy.id, "name": policy.name, "region": policy.region, "hash": policy.content_hash},
            "window": {"id": window.window_id, "name": window.window_name},
            "person": {"name": person.name, "id_number": person.id_number,
                       "household": person.household.number if person.household else ""},
            "category": category,
            "category_zh": CATEGORY_LABELS_ZH[category],
            "memberships": [{"category": m.category, "identified_on": m.identified_on.isoformat(),
                             "exited_on": m.exited_on.isoformat() if m.exited_on else None}
                            for m in checked.memberships if m.valid_on(visit.admitted)],
            "ytd_before": year_to_date_json(before),
            "settled_upstream": visit.settled_upstream is not None,
            "result": settlement_json(result),
        }
        row = Settlement(
            id=settlement_id, person_id=person.id, year=year, origin="local", window_id=window.window_id,
            receipt_no=receipt_no, category=category, tilt=result.tilt, kind=visit.kind, hospital=visit.hospital,
            hospital_level=visit.hospital_level, in_region=visit.in_region, referred=visit.referred,
            transfer=visit.transfer, previous_deductible=visit.previous_deductible, admitted=visit.admitted,
            discharged=visit.discharged, diagnosis=visit.diagnosis, total=visit.total,
            out_of_catalog=visit.out_of_catalog, partial_self_pay=visit.partial_self_pay, in_scope=result.in_scope,
            basic=result.basic, critical=result.critical, assistance=result.assistance,
            supplementary=result.supplementary, relief=result.relief, backstop=result.backstop,
            reimbursed=result.reimbursed, patient_pays=result.patient_pays,
            settled_upstream=visit.settled_upstream is not None,
            relief_granted={office: str(amount) for office, amount in visit.relief},
            policy_id=policy.id, policy_hash=policy.content_hash,
            snapshot=snapshot, **increments(before, result.year_to_date), business_day=now.date(),
            created_by=actor.name, created_at=now)
        session.add(row)
        session.flush()  # the tier rows reference it
        # One Core executemany: as six ORM objects the lines cost ~0.7 ms more, a tenth of the whole call.
        session.execute(insert(SettlementTier.__table__), _tier_rows(settlement_id, result))
        totals.record(session, row, 1, policy.monitoring)
        tx.audit(user=actor.name, action="settlement.create", target=settlement_id,
                 detail={"receipt_no": receipt_no, "person": idnumber.mask(person.id_number),
                         "reimbursed": str(result.reimbursed), "patient_pays": str(result.patient_pays)},
                 rows=[session.get(Settlement, settlement_id)])
    return SettledVisit(settlement_id=settlement_id, receipt_no=receipt_no, result=result)


def _check(session: Session, actor: Actor, *, id_number: str, visit: Visit, today: date, lock: bool) -> _Checked:
    """The checks and the computation shared by the trial and the settlement, in the order a clerk fixes them."""
    if visit.discharged > today:
        raise Refusal("future_discharge", "visit.discharged", discharged=visit.discharged.isoformat(),
                      today=today.isoformat())
    window = window_context(session)
    policy = window.policy
    ensure_day_open(session, actor.name, today)
    person = get_person(session, id_number)
    if lock:
        # Windows sharing a PostgreSQL database may settle one person at the same moment: the second waits
        # here for the first to commit, then reads the year to date with the first settlement in it (READ
        # COMMITTED reads afresh at each statement), so annual caps hold. NO KEY UPDATE leaves rows that
        # merely reference the person free to be written. SQLite: BEGIN IMMEDIATE serialises already.
        session.execute(select(PersonRow.id).where(PersonRow.id == person.id).with_for_update(key_share=True))
    if not policy.in_force_on(visit.discharged):
        raise Refusal("policy_not_in_force", "visit.discharged", discharged=visit.discharged.isoformat(),
                      policy=policy.name, effective_from=policy.effective_from.isoformat(),
                      effective_to=policy.effective_to.isoformat())
    _ensure_insured(session, person.id, visit.admitted, person.id_number)
    memberships = memberships_of(session, person.id)
    category = category_on(memberships, visit.admitted, policy.category_priority)
    if visit.kind == "outpatient_special":
        ensure_registered(session, policy, person.id, visit.diagnosis, visit.admitted)
    year = visit.discharged.year
    # A stay across the new year counts rehabilitation months against each year it touches.
    before = year_to_date(session, person.id, year, month_years=range(visit.admitted.year, year + 1))
    try:
        result = settle(policy, EnginePerson(category=category, birth_date=person.birth_date), visit, before)
    except CaseError as exc:
        raise InvalidInput.of(exc.problems) from None
    return _Checked(window=window, person=person, memberships=memberships, category=category, before=before,
                    result=result, basis=_basis(policy.content_hash, category, before))


def _basis(policy_hash: str, category: str, before: YearToDate) -> str:
    """What decides a settlement besides the visit itself: equal bases give equal figures for one visit."""
    text = canonical_json([policy_hash, category, year_to_date_json(before)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tier_rows(settlement_id: str, result: Result) -> list[dict]:
    """One row per step, in the result's order: what each tier and each named fund paid, summable in SQL."""
    return [{"settlement_id": settlement_id, "seq": seq, "tier": step.tier, "name": step.name, "note": step.note,
             "base": step.base, "deductible": step.deductible, "ratio": step.ratio, "paid": step.paid,
             "cap_hit": step.cap_hit} for seq, step in enumerate(result.steps, start=1)]


def _ensure_insured(session, person_id: int, day: date, number: str) -> None:
    covered = session.execute(select(Enrollment.id).where(
        Enrollment.person_id == person_id, Enrollment.insured_from <= day, Enrollment.insured_to >= day)).first()
    if not covered:
        periods = session.execute(select(Enrollment.insured_from, Enrollment.insured_to)
                                  .where(Enrollment.person_id == person_id)
                                  .order_by(Enrollment.insured_from)).all()
        raise Refusal("not_insured", "visit.admitted", id_number=idnumber.mask(number), day=day.isoformat(),
                      periods=", ".join(f"{a.isoformat()}~{b.isoformat()}" for a, b in periods) or "-")


def void_settlement(store: Store, actor: Actor, *, settlement_id: str, reason: str,
                    now: datetime | None = None) -> dict:
    """A supervisor reverses a settlement: it stays, a linked reversal is recorded, year-to-date drops it."""
    actor.require("supervisor")
    reason = reason.strip()
    if not reason:
        raise InvalidInput("void_reason_required", "reason")
    text_rules.checked_text(reason, "reason", text_rules.REASON)
    now = now or datetime.now()
    with store.transaction() as tx:
        session = tx.session
        ensure_day_open(session, actor.name, now.date())
        row = session.get(Settlement, settlement_id)
        if row is None or row.origin != "local":
            raise NotFound("settlement_not_found", "ref", ref=settlement_id)
        if row.voided:
            raise Refused("already_void", "settlement", key=settlement_id)
        if row.created_by != actor.name:
            # The void changes the settling clerk's day too: it must still be open.
            ensure_day_open(session, row.created_by, now.date())
        # The contract's void: this settlement's own increments leave the year to date (the ytd query skips
        # voided rows); the later ones stand as paid. The audit entry names them for the county's review.
        later = [s.to_json() for s in _later(session, row)]
        row.voided = True
        reversal = Reversal(settlement_id=row.id, reason=reason, voided_by=actor.name, voided_at=now,
                            business_day=now.date())
        session.add(reversal)
        totals.record(session, row, -1, window_context(session).policy.monitoring)
        tx.audit(user=actor.name, action="settlement.void", target=row.id,
                 detail={"receipt_no": row.receipt_no, "reason": reason, "reimbursed": str(row.reimbursed),
                         "later_settlements": later}, rows=[row, reversal])
        return {"settlement_id": row.id, "receipt_no": row.receipt_no, "voided": True, "reason": reason,
                "voided_by": actor.name, "voided_at": now.isoformat(timespec="seconds"),
                "later_settlements": later}


@dataclass(frozen=True)
class LaterSettlement:
    """A settlement of the same person and year made after one being voided: it stands as it was paid."""

    settlement_id: str
    receipt_no: str
    discharged: date
    settled_at: datetime
    reimbursed: Decimal
    total: Decimal
    patient_pays: Decimal

    def to_json(self) -> dict:
        return {"settlement_id": self.settlement_id, "receipt_no": self.receipt_no or "",
                "discharged": self.discharged.isoformat(), "settled_at": self.settled_at.isoformat(timespec="seconds"),
                "reimbursed": fmt(self.reimbursed)}


def later_settlements(store: Store, *, settlement_id: str) -> list[LaterSettlement]:
    """What a supervisor sees before confirming a void: the person's later settlements of that year."""
    with store.reading() as session:
        row = session.get(Settlement, settlement_id)
        if row is None:
            raise NotFound("settlement_not_found", "ref", ref=settlement_id)
        return _later(session, row)


def _later(session, row: Settlement) -> list[LaterSettlement]:
    rows = session.execute(select(Settlement).where(
        Settlement.person_id == row.person_id, Settlement.year == row.year, Settlement.voided.is_(False),
        # settled after it: later in time, or in the same second with a later receipt number of the series
        or_(Settlement.created_at > row.created_at,
            and_(Settlement.created_at == row.created_at, Settlement.receipt_no > (row.receipt_no or ""))),
        Settlement.id != row.id)
        .order_by(Settlement.created_at, Settlement.receipt_no)).scalars()
    return [LaterSettlement(s.id, s.receipt_no or "", s.discharged, s.created_at, s.reimbursed, s.total,
                            s.patient_pays) for s in rows]
