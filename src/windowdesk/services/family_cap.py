"""The annual family-cap batch (封顶制): a household's self-pay of the year above its category's cap is paid.

Rules (settlement-rules.md, "Family cap"), with the choices the text leaves open:
- self-pay: the sum over the household's members' settlements discharged in the year, voided ones excluded,
  this window's and those merged from the county ledger alike (the cap is on the household's whole year);
  members are the persons the roster places in the household now.
- `base = "self_pay"` counts `patient_pays`; `base = "in_scope_self_pay"` counts, per settlement,
  `max(0, patient_pays - out_of_catalog - partial_self_pay)`: what the patient paid of in-scope costs.
- the household's category: the capped category with the lowest cap held by any member on any day of the
  year (ties: the policy's category priority); a household without one has no cap and gets nothing.
- payout = max(0, self_pay - cap) minus what earlier runs paid the household for that year. A run writes one
  line per household it pays; a later run pays only what is new, and never claws back (a void after a
  payout lowers nothing already paid).
- a year's batch runs once the year is over.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..domain.money import ZERO, fmt
from ..domain.policy import FamilyCap
from ..store.models import FamilyCapPayout, Household, Membership, Person, Settlement
from ..store.unit_of_work import Store
from .auth import Actor
from .errors import InvalidInput, Refused
from .window import window_context


@dataclass(frozen=True)
class Payout:
    household: str
    category: str
    self_pay: Decimal
    cap: Decimal
    payout: Decimal

    def to_json(self) -> dict:
        return {"household": self.household, "category": self.category, "self_pay": fmt(self.self_pay),
                "cap": fmt(self.cap), "payout": fmt(self.payout)}


def run_family_cap(store: Store, actor: Actor, *, year: int, now: datetime | None = None) -> dict:
    """A supervisor runs the batch for `year`; returns {"year", "total", "payouts", "run_id"}."""
    actor.require("supervisor")
    now = now or datetime.now()
    if not 2000 <= year <= 2100:
        raise InvalidInput("year_invalid", "year", year=year)
    if year >= now.year:
        raise Refused("family_cap_year_open", "year", year=year, opens=f"{year + 1}-01-01")
    run_id = str(uuid.uuid4())
    with store.transaction() as tx:
        session = tx.session
        if session.get_bind().dialect.name == "postgresql":
            # Two supervisors running the batch at once on a county database would both read what was paid
            # and pay it again: batches wait for each other. SQLite's BEGIN IMMEDIATE serialises already.
            session.execute(text("LOCK TABLE family_cap_payouts IN SHARE ROW EXCLUSIVE MODE"))
        policy = window_context(session).policy
        rule = policy.family_cap
        if rule is None:
            raise Refused("policy_no_family_cap", "", policy=policy.id, name=policy.name)
        self_pay = _household_self_pay(session, rule, year)
        categories = _household_categories(session, rule, policy.category_priority, year, set(self_pay))
        paid = dict(session.execute(
            select(FamilyCapPayout.household_id, func.sum(FamilyCapPayout.payout))
            .where(FamilyCapPayout.year == year).group_by(FamilyCapPayout.household_id)).all())
        numbers = dict(session.execute(select(Household.id, Household.number)
                                       .where(Household.id.in_(list(categories)))).all()) if categories else {}
        payouts = []
        for household_id, category in sorted(categories.items(), key=lambda item: numbers[item[0]]):
            cap = rule.cap[category]
            due = max(ZERO, self_pay[household_id] - cap) - Decimal(paid.get(household_id) or 0)
            if due <= 0:
                continue
            session.add(FamilyCapPayout(run_id=run_id, year=year, household_id=household_id, category=category,
                                        self_pay=self_pay[household_id], cap=cap, payout=due, created_at=now,
                                        created_by=actor.name))
            payouts.append(Payout(numbers[household_id], category, self_pay[household_id], cap, due))
        total = sum((p.payout for p in payouts), ZERO)
        tx.audit(user=actor.name, action="family_cap.run", target=str(year),
                 detail={"run_id": run_id, "base": rule.base, "households": len(payouts), "total": fmt(total)})
    return {"year": year, "total": fmt(total), "payouts": [p.to_json() for p in payouts], "run_id": run_id}


def _household_self_pay(session: Session, rule: FamilyCap, year: int) -> dict[int, Decimal]:
    query = (select(Person.household_id, Settlement.patient_pays, Settlement.out_of_catalog,
                    Settlement.partial_self_pay)
             .join(Person, Person.id == Settlement.person_id)
             .where(Settlement.year == year, Settlement.voided.is_(False), Person.household_id.is_not(None)))
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for household_id, pays, out_of_catalog, partial in session.execute(query):
        if rule.base == "in_scope_self_pay":
            pays = max(ZERO, pays - out_of_catalog - partial)
        totals[household_id] += pays
    return totals


def _household_categories(session: Session, rule: FamilyCap, priority: tuple[str, ...], year: int,
                          households: set[int]) -> dict[int, str]:
    """Each household's most favourable capped category held by a member on some day of `year`."""
    if not households:
        return {}
    first, last = date(year, 1, 1), date(year, 12, 31)
    # The exit date is the first day without the category: a membership exited on 1 January never held.
    query = (select(Person.household_id, Membership.category).join(Person, Person.id == Membership.person_id)
             .where(Person.household_id.in_(households), Membership.category.in_(rule.cap),
                    Membership.identified_on <= last,
                    (Membership.exited_on.is_(None)) | (Membership.exited_on > first)))
    rank = {category: i for i, category in enumerate(priority)}
    best: dict[int, str] = {}
    for household_id, category in session.execute(query):
        held = best.get(household_id)
        key = (rule.cap[category], rank.get(category, len(rank)))
        if held is None or key < (rule.cap[held], rank.get(held, len(rank))):
            best[household_id] = category
    return best
