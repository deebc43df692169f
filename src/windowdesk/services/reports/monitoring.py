"""因病致贫返贫监测: the persons whose self-pay of a year crossed a `monitoring.rules` threshold, and when.

A crossing belongs to the year of the discharges summed (the settlement year), whatever day they were
settled; `crossed_on` is the discharge date of the visit that took the running self-pay over the threshold,
the visits taken in discharge order. The monthly package lists them too (services.export), as known then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import BigInteger, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ...domain.money import from_fen, to_fen
from ...domain.policy import MonitoringRule
from ...store.models import Household, Person, Reversal, Settlement
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import Scope, scope_of


@dataclass(frozen=True)
class Crossing:
    person_id: int
    settlement_id: str  # the settlement of the crossing visit
    window_id: str
    category: str  # the category that visit was settled under
    rule: str  # the rule's label
    threshold: Decimal
    self_pay: Decimal  # the year's self-pay up to and including the crossing visit
    crossed_on: date


@dataclass(frozen=True)
class MonitoringRow:
    id_number: str
    name: str
    household: str
    category: str
    rule: str
    threshold: Decimal
    self_pay: Decimal
    crossed_on: date
    settlement_id: str


@dataclass(frozen=True)
class MonitoringReport:
    NAME: ClassVar[str] = "monitoring"
    scope: Scope
    rows: tuple[MonitoringRow, ...]


def monitoring(store: Store, actor: Actor, *, year: int, month: int | None = None,
               now: datetime | None = None) -> MonitoringReport:
    """The year's list; with `month`, the persons who crossed with a discharge of that month."""
    actor.require("supervisor")
    with store.reading() as session:
        scope = scope_of(session, year=year, month=month, now=now)
        found = [c for c in crossings(session, scope.policy.monitoring, year)
                 if not month or c.crossed_on.month == month]
        people = _people(session, sorted({c.person_id for c in found}))
    rows = [MonitoringRow(*people[c.person_id], category=c.category, rule=c.rule, threshold=c.threshold,
                          self_pay=c.self_pay, crossed_on=c.crossed_on, settlement_id=c.settlement_id)
            for c in found]
    rows.sort(key=lambda r: (r.crossed_on, r.id_number, r.rule))
    return MonitoringReport(scope=scope, rows=tuple(rows))


def _people(session: Session, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """ID number, name and household of each person, asked for in chunks (SQLite limits a statement's parameters)."""
    found = {}
    for start in range(0, len(ids), _CHUNK):
        found.update((pid, (number, name, household or "")) for pid, number, name, household in session.execute(
            select(Person.id, Person.id_number, Person.name, Household.number)
            .outerjoin(Household, Household.id == Person.household_id)
            .where(Person.id.in_(ids[start:start + _CHUNK]))))
    return found


_CHUNK = 5000


def crossings(session: Session, rules: tuple[MonitoringRule, ...], year: int, *,
              as_of: date | None = None) -> list[Crossing]:
    """Every rule's crossings of `year`: over the settlements valid now, or as they stood at the end of `as_of`
    (recorded by then, not voided by then). Sorted by crossing date, then person."""
    if not rules:
        return []
    if as_of is None:
        valid = (Settlement.year == year, Settlement.voided == False)  # noqa: E712 (SQL, and the index's form)
    else:
        valid = (Settlement.year == year, Settlement.business_day <= as_of,
                 or_(Reversal.id.is_(None), Reversal.business_day > as_of))

    def over(query):
        return query.outerjoin(Reversal, Reversal.settlement_id == Settlement.id) if as_of else query

    # Only persons whose whole year reaches the lowest threshold can have crossed one: a grouped pass over the
    # index first, so the visits of the few are read in order, not the year's million.
    lowest = min(rule.threshold for rule in rules)
    candidates = over(select(Settlement.person_id)).where(*valid).group_by(Settlement.person_id).having(
        func.sum(Settlement.patient_pays) >= lowest)
    # Self-pay read as whole fen (the column's storage): int additions, where Decimals cost seconds at 10^6 rows.
    query = over(select(Settlement.person_id, Settlement.id, Settlement.window_id, Settlement.category,
                        Settlement.discharged, type_coerce(Settlement.patient_pays, BigInteger))).where(
        *valid, Settlement.person_id.in_(candidates.scalar_subquery())).order_by(
        Settlement.person_id, Settlement.discharged, Settlement.business_day, Settlement.id)
    named = frozenset().union(*(r.categories for r in rules if r.categories is not None))
    thresholds = [(index, rule, to_fen(rule.threshold)) for index, rule in enumerate(rules)]
    found: list[Crossing] = []
    person_id, running, entered = None, 0, set()
    # Core rows (the session's connection): the ORM's row processing cost seconds at 10^6 rows, measured.
    for pid, sid, window_id, category, discharged, pays in session.connection().execute(query):
        if pid != person_id:
            person_id, running, entered = pid, 0, set()
        running += pays
        for index, rule, threshold in thresholds:
            if running >= threshold and index not in entered and (
                    category in rule.categories if rule.categories is not None else category not in named):
                entered.add(index)
                found.append(Crossing(pid, sid, window_id, category, rule.label, rule.threshold,
                                      from_fen(running), discharged))
    found.sort(key=lambda c: (c.crossed_on, c.person_id, c.rule))
    return found
