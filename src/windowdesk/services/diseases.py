"""Special-disease registrations (慢特病认定): add, end, list, and the check a stateful outpatient-special
settlement makes (settlement-rules.md, "Special-disease registration").

A registration holds from `approved_on` to `ended_on` inclusive (the `--to` / `--on` day is its last day);
without an end it holds on. Two registrations of one disease may not overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import idnumber
from ..domain.policy import Policy
from ..domain.problems import Refusal
from ..store.models import DiseaseRegistration
from ..store.unit_of_work import Store
from .auth import Actor
from .people import get_person
from .window import window_context


@dataclass(frozen=True)
class Registration:
    code: str
    name: str
    approved_on: date
    ended_on: date | None

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "from": self.approved_on.isoformat(),
                "to": self.ended_on.isoformat() if self.ended_on else None}


def add_registration(store: Store, actor: Actor, *, id_number: str, code: str, approved_on: date,
                     ended_on: date | None = None, now: datetime | None = None) -> Registration:
    actor.require("clerk")
    now = now or datetime.now()
    with store.transaction() as tx:
        session = tx.session
        policy = window_context(session).policy
        code = _listed_code(policy, code)
        if ended_on is not None and ended_on < approved_on:
            raise Refusal("registration_ends_before_start", "to", approved_on=approved_on.isoformat(),
                          ended_on=ended_on.isoformat())
        person = get_person(session, id_number)
        for row in _rows(session, person.id, code):
            if _overlap(row.approved_on, row.ended_on, approved_on, ended_on):
                raise Refusal("registration_overlaps", "from", code=code, approved_on=row.approved_on.isoformat())
        session.add(DiseaseRegistration(person_id=person.id, code=code, approved_on=approved_on, ended_on=ended_on,
                                        created_by=actor.name, created_at=now))
        tx.audit(user=actor.name, action="disease.add", target=idnumber.mask(person.id_number),
                 detail={"code": code, "from": approved_on.isoformat(),
                         "to": ended_on.isoformat() if ended_on else None})
    return Registration(code, _name(policy, code), approved_on, ended_on)


def end_registration(store: Store, actor: Actor, *, id_number: str, code: str, on: date,
                     now: datetime | None = None) -> Registration:
    """Ends the registration of `code` that holds on `on`: `on` becomes its last day."""
    actor.require("clerk")
    with store.transaction() as tx:
        session = tx.session
        policy = window_context(session).policy
        code = _listed_code(policy, code)
        person = get_person(session, id_number)
        row = next((r for r in _rows(session, person.id, code) if _holds(r.approved_on, r.ended_on, on)), None)
        if row is None:
            raise Refusal("no_registration_on", "on", code=code, on=on.isoformat())
        row.ended_on = on
        tx.audit(user=actor.name, action="disease.end", target=idnumber.mask(person.id_number),
                 detail={"code": code, "from": row.approved_on.isoformat(), "to": on.isoformat()})
    return Registration(code, _name(policy, code), row.approved_on, on)


def list_registrations(store: Store, *, id_number: str) -> list[Registration]:
    with store.reading() as session:
        policy = window_context(session).policy
        person = get_person(session, id_number)
        rows = session.execute(select(DiseaseRegistration).where(DiseaseRegistration.person_id == person.id)
                               .order_by(DiseaseRegistration.approved_on, DiseaseRegistration.code)).scalars()
        return [Registration(r.code, _name(policy, r.code), r.approved_on, r.ended_on) for r in rows]


def ensure_registered(session: Session, policy: Policy, person_id: int, diagnosis: str, day: date) -> None:
    """Refuses an outpatient-special visit unless a registration valid on `day` matches the diagnosis."""
    code = policy.basic.outpatient_special.disease_of(diagnosis) if policy.basic.outpatient_special else None
    if code is None:
        return  # the engine refuses a diagnosis outside the disease list, with its own code
    if not any(_holds(r.approved_on, r.ended_on, day) for r in _rows(session, person_id, code)):
        raise Refusal("disease_not_registered", "visit.diagnosis", code=code, admitted=day.isoformat())


def _rows(session: Session, person_id: int, code: str) -> list[DiseaseRegistration]:
    return list(session.execute(select(DiseaseRegistration).where(
        DiseaseRegistration.person_id == person_id, DiseaseRegistration.code == code)).scalars())


def _listed_code(policy: Policy, code: str) -> str:
    benefit = policy.basic.outpatient_special
    code = code.strip().upper()
    if benefit is None or code not in benefit.diseases:
        raise Refusal("unknown_disease", "code", code=code[:20],
                      known=", ".join(benefit.diseases) if benefit else "")
    return code


def _name(policy: Policy, code: str) -> str:
    benefit = policy.basic.outpatient_special
    return benefit.disease_names.get(code, "") if benefit else ""


def _holds(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day <= end)


def _overlap(a0: date, a1: date | None, b0: date, b1: date | None) -> bool:
    return (a1 is None or b0 <= a1) and (b1 is None or a0 <= b1)
