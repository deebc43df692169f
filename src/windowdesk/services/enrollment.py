"""Enrolling a person for a year (参保登记): contribution, subsidy by fund, insured period, receipt."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain import idnumber
from ..domain.categories import CATEGORY_LABELS_ZH
from ..domain.money import ZERO, fmt, round_fen
from ..domain.policy import Enrollment as EnrollmentRules
from ..store.models import Enrollment, EnrollmentSubsidy
from ..store.unit_of_work import Store
from .auth import Actor
from .errors import Refused
from .people import (
    EnrollmentView,
    MembershipView,
    category_on,
    get_person,
    memberships_of,
)
from .window import ensure_day_open, next_receipt_no, window_context

# What `enroll` returns is the enrollment as stored, the same object `person` lists.
EnrollmentResult = EnrollmentView


def subsidy_category(memberships: list[MembershipView], *, year: int, on: date,
                     priority: tuple[str, ...]) -> str:
    """The category that decides the year's subsidy: the most favourable one held on the enrolling day,
    leaving out what cannot subsidise `year`.

    - A category exited before 1 January of `year` subsidised its own year only: "the subsidy stops
      the next year", even when, enrolling early, the exit is still ahead on the enrolling day.
    - `phasing_out` "keeps the subsidy for the current year": it counts for the year it began in only.
    """
    first_day = date(year, 1, 1)
    counted = [m for m in memberships
               if (m.exited_on is None or m.exited_on > first_day)
               and (m.category != "phasing_out" or m.identified_on.year == year)]
    return category_on(counted, on, priority)


def split_contribution(contribution: Decimal, rules: EnrollmentRules,
                       category: str) -> tuple[tuple[tuple[str, Decimal], ...], Decimal]:
    """(fund, amount) in the policy's order and what the person pays: the first rule naming the category
    decides; each fund pays its amount (never more than is left) or "all" that is left."""
    rule = next((r for r in rules.subsidies if category in r.categories), None)
    left = round_fen(contribution)
    paid: list[tuple[str, Decimal]] = []
    for fund in rule.funds if rule else ():
        amount = left if fund.amount is None else min(round_fen(fund.amount), left)
        if amount > ZERO:  # a fund with nothing left to pay does not appear on the receipt
            paid.append((fund.fund, amount))
            left -= amount
    return tuple(paid), left


def insured_period(rules: EnrollmentRules, *, year: int, on: date) -> tuple[date, date]:
    """Before the year: all of it. During the year: from the next month's first day ("next_month") or
    from the enrolling day ("immediate"). Refused when that leaves nothing of the year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if on > end:
        raise Refused("enrollment_year_ended", "year", year=year, on=on.isoformat())
    if on.year < year - 1:
        raise Refused("enrollment_too_early", "year", year=year, opens=year - 1, on=on.isoformat())
    if on < start:
        return start, end
    if rules.effective == "immediate":
        return on, end
    next_month = (on.replace(day=28) + timedelta(days=4)).replace(day=1)
    if next_month > end:
        # December: insurance would begin after the year it was paid for; the clerk enrolls for the next year.
        raise Refused("enrollment_after_year", "year", year=year, on=on.isoformat(),
                      starts=next_month.isoformat(), next_year=year + 1)
    return next_month, end


def enroll(store: Store, actor: Actor, *, id_number: str, year: int, on: date,
           now: datetime | None = None) -> EnrollmentResult:
    """A clerk enrolls a person of the roster for `year` on the day `on`: one enrollment, one audit entry."""
    actor.require("clerk")
    now = now or datetime.now()
    with store.transaction() as tx:
        session = tx.session
        window = window_context(session)
        policy = window.policy
        rules = policy.enrollment
        if rules is None:
            raise Refused("policy_no_enrollment", "", policy=policy.id, name=policy.name)
        contribution = rules.contribution.get(year)
        if contribution is None:
            raise Refused("policy_no_contribution", "year", policy=policy.id, name=policy.name, year=year)
        insured_from, insured_to = insured_period(rules, year=year, on=on)
        # The day-end closing counts an enrollment on the day it is recorded, whatever `on` says.
        ensure_day_open(session, actor.name, now.date())
        person = get_person(session, id_number)
        masked = idnumber.mask(person.id_number)
        enrolled = session.execute(select(Enrollment.receipt_no).where(
            Enrollment.person_id == person.id, Enrollment.year == year)).scalar_one_or_none()
        if enrolled is not None:
            raise Refused("already_enrolled", "id_number", id_number=masked, year=year, receipt_no=enrolled)
        category = subsidy_category(memberships_of(session, person.id), year=year, on=on,
                                    priority=policy.category_priority)
        subsidy, person_pays = split_contribution(contribution, rules, category)
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
            # Another window enrolled the person between our check and our write (unique person + year).
            raise Refused("already_enrolled", "id_number", id_number=masked, year=year, receipt_no="—") from None
        result = EnrollmentResult.from_row(row, person.id_number)
        tx.audit(user=actor.name, action="enrollment.create", target=receipt_no,
                 detail={"person": masked, "year": year, "category": category,
                         "category_zh": CATEGORY_LABELS_ZH.get(category, category),
                         "contribution": fmt(contribution),
                         "subsidy": [{"fund": fund, "amount": fmt(amount)} for fund, amount in subsidy],
                         "person_pays": fmt(person_pays), "insured_from": insured_from.isoformat(),
                         "insured_to": insured_to.isoformat()})
    return result
