"""Read-only look-ups for the window: this window's settlements (found, then opened), and the window's users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..domain import idnumber
from ..domain.case_json import parse_step
from ..domain.money import fmt
from ..domain.problems import Refusal
from ..domain.visit import Step
from ..store.models import AuditEntry, Person, Settlement, User
from ..store.unit_of_work import Store
from .auth import Actor
from .people import normalized_id

ELECTRONIC_COPY = "receipt.electronic"  # the audit action of a PDF saved to a file (services.receipts)


@dataclass(frozen=True)
class SettlementRow:
    """One settlement as a list shows it (cli.md `settlements`); name and ID number as settled (printed)."""

    settlement_id: str
    receipt_no: str
    id_number: str  # whole: a screen shows `id_masked`
    name: str
    kind: str
    discharged: date
    settled_at: datetime
    hospital: str
    total: Decimal
    reimbursed: Decimal
    patient_pays: Decimal
    voided: bool

    @property
    def id_masked(self) -> str:
        return idnumber.mask(self.id_number)

    def to_json(self) -> dict:
        return {"settlement_id": self.settlement_id, "receipt_no": self.receipt_no, "id_number": self.id_number,
                "name": self.name, "kind": self.kind, "discharged": self.discharged.isoformat(),
                "settled_at": self.settled_at.isoformat(timespec="seconds"), "hospital": self.hospital,
                "total": fmt(self.total), "reimbursed": fmt(self.reimbursed),
                "patient_pays": fmt(self.patient_pays), "voided": self.voided}


@dataclass(frozen=True)
class SettlementDetail(SettlementRow):
    """A settlement opened: its breakdown as settled (the stored snapshot), its status and its papers."""

    category: str
    tilt: bool
    hospital_level: str
    admitted: date
    business_day: date
    created_by: str
    in_scope: Decimal
    out_of_catalog: Decimal
    partial_self_pay: Decimal
    paid: tuple[tuple[str, Decimal], ...]  # (tier, amount): basic, critical, assistance, supplementary, backstop
    steps: tuple[Step, ...]  # the engine's explanation, as stored when it was settled
    papers: int  # paper slips printed (the original and its 补打 copies)
    electronic_copies: int  # PDFs saved to a file (电子副本): not papers
    void_reason: str = ""
    voided_by: str = ""
    voided_at: datetime | None = None

    def to_json(self) -> dict:
        from ..domain.case_json import step_json

        return {**super().to_json(), "category": self.category, "tilt": self.tilt,
                "hospital_level": self.hospital_level, "admitted": self.admitted.isoformat(),
                "business_day": self.business_day.isoformat(), "created_by": self.created_by,
                "in_scope": fmt(self.in_scope), "out_of_catalog": fmt(self.out_of_catalog),
                "partial_self_pay": fmt(self.partial_self_pay),
                "paid": {tier: fmt(amount) for tier, amount in self.paid},
                "steps": [step_json(step) for step in self.steps], "papers": self.papers,
                "electronic_copies": self.electronic_copies,
                "void": {"reason": self.void_reason, "by": self.voided_by,
                         "at": self.voided_at.isoformat(timespec="seconds")} if self.voided else None}


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str


def find_settlements(store: Store, actor: Actor, *, receipt_no: str | None = None, id_number: str | None = None,
                     name: str | None = None, date_from: date | None = None, date_to: date | None = None,
                     include_voided: bool = False, limit: int = 500) -> list[SettlementRow]:
    """This window's settlements, newest first: by receipt number, ID number, name prefix, discharge dates."""
    actor.require("clerk")
    query = (select(Settlement).join(Settlement.person).options(selectinload(Settlement.person))
             .where(Settlement.origin == "local"))
    if receipt_no and receipt_no.strip():
        query = query.where(Settlement.receipt_no == receipt_no.strip().upper())
    if id_number and id_number.strip():
        query = query.where(Person.id_number == normalized_id(id_number))
    if name and name.strip():
        prefix = name.strip()  # an index range: LIKE would not use the index on SQLite
        query = query.where(Person.name >= prefix, Person.name < prefix + "\U0010ffff")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise Refusal("date_range_reversed", "date_to", date_from=date_from.isoformat(), date_to=date_to.isoformat())
    if date_from is not None:
        query = query.where(Settlement.discharged >= date_from)
    if date_to is not None:
        query = query.where(Settlement.discharged <= date_to)
    if not include_voided:
        query = query.where(Settlement.voided.is_(False))
    query = query.order_by(Settlement.created_at.desc(), Settlement.receipt_no.desc()).limit(max(1, limit))
    with store.reading() as session:
        return [_row(SettlementRow, row) for row in session.execute(query).scalars()]


def settlement_detail(store: Store, actor: Actor, *, ref: str) -> SettlementDetail:
    """A settlement of this window by its id or by the receipt number printed on the slip (`LG-01-00000013`)."""
    actor.require("clerk")
    with store.reading() as session:
        row = local_settlement(session, ref, lock=False)
        reversal = row.reversal
        result = row.snapshot["result"]
        return _row(SettlementDetail, row, category=row.category, tilt=bool(result["tilt"]),
                    hospital_level=row.hospital_level, admitted=row.admitted, business_day=row.business_day,
                    created_by=row.created_by, in_scope=row.in_scope, out_of_catalog=row.out_of_catalog,
                    partial_self_pay=row.partial_self_pay,
                    paid=(("basic", row.basic), ("critical", row.critical), ("assistance", row.assistance),
                          ("supplementary", row.supplementary), ("backstop", row.backstop)),
                    steps=tuple(parse_step(step) for step in result["steps"]), papers=row.print_count,
                    electronic_copies=electronic_copies(session, row.id),
                    void_reason=reversal.reason if reversal else "", voided_by=reversal.voided_by if reversal else "",
                    voided_at=reversal.voided_at if reversal else None)


def local_settlement(session: Session, ref: str, *, lock: bool) -> Settlement:
    """This window's settlement row by id or receipt number (for the services: never handed to a page)."""
    ref = (ref or "").strip()
    if not ref:
        raise Refusal("settlement_ref_missing", "ref")
    query = (select(Settlement).options(selectinload(Settlement.person), selectinload(Settlement.reversal))
             .where(Settlement.origin == "local",
                    or_(Settlement.id == ref.lower(), Settlement.receipt_no == ref.upper())))
    row = session.execute(query.with_for_update(of=Settlement) if lock else query).scalar_one_or_none()
    if row is None:
        # Merged county rows are not this window's: they cannot be reprinted or voided here, so not found.
        raise Refusal("settlement_not_found", "ref", ref=ref)
    return row


def electronic_copies(session: Session, target: str) -> int:
    """Electronic copies saved of a receipt (a settlement id or an enrollment's receipt number), from the audit."""
    return session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.target == target, AuditEntry.action == ELECTRONIC_COPY)).scalar_one()


def _row(cls, row: Settlement, **more):
    person = row.snapshot.get("person", {})  # as settled: the name printed on the slip
    return cls(settlement_id=row.id, receipt_no=row.receipt_no or "",
               id_number=person.get("id_number", row.person.id_number), name=person.get("name", row.person.name),
               kind=row.kind, discharged=row.discharged, settled_at=row.created_at, hospital=row.hospital,
               total=row.total, reimbursed=row.reimbursed, patient_pays=row.patient_pays, voided=row.voided, **more)


def active_users(store: Store) -> list[UserRow]:
    """The users who can log in, by name: whose day a supervisor may close."""
    with store.reading() as session:
        return [UserRow(name, role) for name, role in session.execute(
            select(User.name, User.role).where(User.active.is_(True)).order_by(User.name))]
