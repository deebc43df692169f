"""Read-only look-ups for the window: a settlement by its id or receipt number, and the window's users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..domain import idnumber
from ..store.models import Settlement, User
from ..store.unit_of_work import Store
from .errors import InvalidInput, NotFound


@dataclass(frozen=True)
class SettlementSummary:
    """What a supervisor checks before voiding: plain data, the ID number already masked."""

    settlement_id: str
    receipt_no: str
    person_name: str
    id_number: str  # masked
    category: str
    kind: str
    hospital: str
    admitted: date
    discharged: date
    business_day: date
    created_by: str
    total: Decimal
    reimbursed: Decimal
    patient_pays: Decimal
    voided: bool
    void_reason: str = ""
    voided_by: str = ""
    voided_at: datetime | None = None


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str


def find_settlement(store: Store, *, key: str) -> SettlementSummary:
    """This window's settlement whose id or receipt number is `key` (merged county rows cannot be voided
    here, so they are not found either)."""
    key = key.strip()
    if not key:
        raise InvalidInput("settlement_key_missing", "settlement")
    with store.reading() as session:
        row = session.execute(
            select(Settlement).options(selectinload(Settlement.person), selectinload(Settlement.reversal))
            .where(Settlement.origin == "local",
                   or_(Settlement.id == key.lower(), Settlement.receipt_no == key.upper()))
        ).scalar_one_or_none()
        if row is None:
            raise NotFound("settlement_not_found", "settlement", key=key)
        person = row.snapshot.get("person", {})  # as settled: the name printed on the slip
        reversal = row.reversal
        return SettlementSummary(
            settlement_id=row.id, receipt_no=row.receipt_no or "", person_name=person.get("name", row.person.name),
            id_number=idnumber.mask(person.get("id_number", row.person.id_number)), category=row.category,
            kind=row.kind, hospital=row.hospital, admitted=row.admitted, discharged=row.discharged,
            business_day=row.business_day, created_by=row.created_by, total=row.total, reimbursed=row.reimbursed,
            patient_pays=row.patient_pays, voided=row.voided,
            void_reason=reversal.reason if reversal else "", voided_by=reversal.voided_by if reversal else "",
            voided_at=reversal.voided_at if reversal else None)


def active_users(store: Store) -> list[UserRow]:
    """The users who can log in, by name: whose day a supervisor may close."""
    with store.reading() as session:
        return [UserRow(name, role) for name, role in session.execute(
            select(User.name, User.role).where(User.active.is_(True)).order_by(User.name))]
