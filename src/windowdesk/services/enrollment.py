"""Enrolling a person for a year (参保登记): the rules of domain.enrollment_rules applied to the stored person,
one enrollment, one receipt number, one audit entry."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import idnumber
from ..domain.categories import CATEGORY_LABELS_ZH
from ..domain.enrollment_rules import insured_period, split_contribution, subsidy_category, year_contribution
from ..domain.money import fmt, round_fen
from ..domain.problems import Refusal
from ..store.models import Enrollment, EnrollmentSubsidy
from ..store.unit_of_work import Store
from .auth import Actor
from .people import EnrollmentView, get_person, memberships_of
from .window import ensure_day_open, next_receipt_no, window_context

# What `enroll` returns is the enrollment as stored, the same object `person` lists.
EnrollmentResult = EnrollmentView


class _Raced(Exception):
    """Another window enrolled the person between our check and our write (unique person + year)."""

    def __init__(self, person_id: int, masked: str):
        super().__init__(masked)
        self.person_id, self.masked = person_id, masked


def enroll(store: Store, actor: Actor, *, id_number: str, year: int, on: date,
           now: datetime | None = None) -> EnrollmentResult:
    """A clerk enrolls a person of the roster for `year` on the day `on`: one enrollment, one audit entry.
    Refused: `enrollment_year_not_covered` (the policy has no rules for that year), `already_enrolled` (with
    the enrollment's receipt number and insured period), and the insured-period refusals of the rules."""
    actor.require("clerk")
    try:
        return _enroll(store, actor, id_number=id_number, year=year, on=on, now=now or datetime.now())
    except _Raced as raced:
        # The refusal names the other window's enrollment: read now that our transaction has rolled back.
        with store.reading() as session:
            _refuse_if_enrolled(session, raced.person_id, year, raced.masked)
        raise Refusal("already_enrolled", "year", id_number=raced.masked, year=year) from None


def _enroll(store: Store, actor: Actor, *, id_number: str, year: int, on: date, now: datetime) -> EnrollmentResult:
    with store.transaction() as tx:
        session = tx.session
        window = window_context(session)
        policy = window.policy
        contribution = year_contribution(policy, year)
        insured_from, insured_to = insured_period(policy.enrollment, year=year, on=on)
        # The day-end closing counts an enrollment on the day it is recorded, whatever `on` says.
        ensure_day_open(session, actor.name, now.date())
        person = get_person(session, id_number)
        masked = idnumber.mask(person.id_number)
        _refuse_if_enrolled(session, person.id, year, masked)
        category = subsidy_category(memberships_of(session, person.id), year=year, on=on,
                                    priority=policy.category_priority)
        subsidy, person_pays = split_contribution(contribution, policy.enrollment, category)
        receipt_no = next_receipt_no(session)
        row = Enrollment(person_id=person.id, year=year, category=category, contribution=round_fen(contribution),
                         person_pays=person_pays, insured_from=insured_from, insured_to=insured_to,
                         enrolled_on=on, policy_id=policy.id, receipt_no=receipt_no, window_id=window.window_id,
                         created_by=actor.name, created_at=now)
        row.subsidies = [EnrollmentSubsidy(seq=seq, fund=fund, amount=amount)
                         for seq, (fund, amount) in enumerate(subsidy, start=1)]
        session.add(row)
        try:
            session.flush()
        except IntegrityError:
            raise _Raced(person.id, masked) from None
        result = EnrollmentResult.from_row(row, person.id_number)
        tx.audit(user=actor.name, action="enrollment.create", target=receipt_no,
                 detail={"person": masked, "year": year, "category": category,
                         "category_zh": CATEGORY_LABELS_ZH.get(category, category),
                         "contribution": fmt(contribution),
                         "subsidy": [{"fund": fund, "amount": fmt(amount)} for fund, amount in subsidy],
                         "person_pays": fmt(person_pays), "insured_from": insured_from.isoformat(),
                         "insured_to": insured_to.isoformat()}, rows=[row])
    return result


def _refuse_if_enrolled(session: Session, person_id: int, year: int, masked: str) -> None:
    enrolled = session.execute(select(Enrollment.receipt_no, Enrollment.insured_from, Enrollment.insured_to).where(
        Enrollment.person_id == person_id, Enrollment.year == year)).first()
    if enrolled is not None:
        receipt_no, insured_from, insured_to = enrolled
        raise Refusal("already_enrolled", "year", id_number=masked, year=year, receipt_no=receipt_no,
                      insured_from=insured_from.isoformat(), insured_to=insured_to.isoformat())
