"""The annual family-cap batch (封顶制): self-pay of the year above a certificate's cap is paid 100%.

Rules (settlement-rules.md, "Family cap"), with the choices the text leaves open:
- a settlement counts only when its person's deciding category on its admission date (the roster's memberships,
  the policy's priority) is in `family_cap.cap`: costs while holding a capped certificate; voided ones never.
  This window's and those merged from the county ledger count alike (the cap is on the whole year).
- `base = "self_pay"` counts `patient_pays`; `base = "in_scope_self_pay"` counts, per settlement,
  `max(0, patient_pays - out_of_catalog - partial_self_pay)`: what the patient paid of in-scope costs.
- 特困 (destitute) is a person's certificate: each such member's counted self-pay is a pool of its own, capped at
  `cap.destitute`. 低保 / 低边 are the household's: the other counted settlements of its members form one pool,
  capped at the lowest cap among the categories they were counted under.
- a household's due = the sum over its pools of max(0, pool - cap), minus what earlier runs paid it for the year.
  A run writes one line per household it pays (with the pools it summed); a later run pays only what is new and
  never claws back (a void after a payout lowers nothing already paid). The line's category and cap are those
  of its household pool, or of its first person pool when it has none.
- persons without a household are not paid here (a payout line belongs to a household).
- a year's batch runs once the year is over.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..domain import idnumber
from ..domain.enrollment_rules import MembershipView, category_on
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
    pools: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        return {"household": self.household, "category": self.category, "self_pay": fmt(self.self_pay),
                "cap": fmt(self.cap), "payout": fmt(self.payout), "pools": list(self.pools)}


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
        pools = _pools(session, rule, policy.category_priority, year)
        paid: dict[int, Decimal] = {}  # summed in Decimal: SQLite's SUM fails on overflow
        for household_id, payout in session.execute(select(FamilyCapPayout.household_id, FamilyCapPayout.payout)
                                                    .where(FamilyCapPayout.year == year)):
            paid[household_id] = paid.get(household_id, ZERO) + payout
        numbers = dict(session.execute(select(Household.id, Household.number)
                                       .where(Household.id.in_(list(pools)))).all()) if pools else {}
        payouts = []
        for household_id, held in sorted(pools.items(), key=lambda item: numbers[item[0]]):
            due = sum((p.over for p in held), ZERO) - Decimal(paid.get(household_id) or 0)
            if due <= 0:
                continue
            line = held[-1] if held[-1].key == "household" else held[0]
            self_pay = sum((p.self_pay for p in held), ZERO)
            summed = tuple(p.to_json() for p in held)
            session.add(FamilyCapPayout(run_id=run_id, year=year, household_id=household_id, category=line.category,
                                        self_pay=self_pay, cap=line.cap, payout=due, pools=list(summed),
                                        created_at=now, created_by=actor.name))
            payouts.append(Payout(numbers[household_id], line.category, self_pay, line.cap, due, summed))
        total = sum((p.payout for p in payouts), ZERO)
        tx.audit(user=actor.name, action="family_cap.run", target=str(year),
                 detail={"run_id": run_id, "base": rule.base, "households": len(payouts), "total": fmt(total)})
    return {"year": year, "total": fmt(total), "payouts": [p.to_json() for p in payouts], "run_id": run_id}


@dataclass
class _Pool:
    key: str  # "household", or the member's masked ID number for a 特困 member's own pool
    category: str
    cap: Decimal
    self_pay: Decimal = ZERO

    @property
    def over(self) -> Decimal:
        return max(ZERO, self.self_pay - self.cap)

    def to_json(self) -> dict:
        return {"pool": self.key, "category": self.category, "self_pay": fmt(self.self_pay), "cap": fmt(self.cap),
                "over": fmt(self.over)}


_PERSONAL = frozenset({"destitute"})  # certificates held by a person, not by the household


def _pools(session: Session, rule: FamilyCap, priority: tuple[str, ...], year: int) -> dict[int, list[_Pool]]:
    """Each household's pools of counted self-pay: its 特困 members' own, then the household's."""
    query = (select(Person.id, Person.id_number, Person.household_id, Settlement.admitted, Settlement.patient_pays,
                    Settlement.out_of_catalog, Settlement.partial_self_pay)
             .join(Person, Person.id == Settlement.person_id)
             .where(Settlement.year == year, Settlement.voided.is_(False), Person.household_id.is_not(None))
             .order_by(Person.household_id, Person.id_number, Settlement.admitted, Settlement.id))
    rows = session.execute(query).all()
    held: dict[int, list[MembershipView]] = defaultdict(list)
    if rows:
        for person_id, *membership in session.execute(
                select(Membership.person_id, Membership.category, Membership.identified_on, Membership.exited_on)
                .where(Membership.person_id.in_({r[0] for r in rows}))):
            held[person_id].append(MembershipView(*membership))
    pools: dict[int, dict[str, _Pool]] = defaultdict(dict)
    for person_id, number, household_id, admitted, pays, out_of_catalog, partial in rows:
        category = category_on(held[person_id], admitted, priority)
        if category not in rule.cap:
            continue  # not holding a capped certificate when admitted
        if rule.base == "in_scope_self_pay":
            pays = max(ZERO, pays - out_of_catalog - partial)
        key = idnumber.mask(number) if category in _PERSONAL else "household"
        pool = pools[household_id].get(key)
        if pool is None:
            pool = pools[household_id][key] = _Pool(key, category, rule.cap[category])
        elif rule.cap[category] < pool.cap:  # the household's most favourable category decides its cap
            pool.category, pool.cap = category, rule.cap[category]
        pool.self_pay += pays
    # person pools first (in ID order), then the household's
    return {h: sorted(p.values(), key=lambda pool: (pool.key == "household", pool.key)) for h, p in pools.items()}
