"""因病致贫返贫监测: the persons whose self-pay of a year crossed a `monitoring.rules` threshold, and when
(services.reports.crossings says how a crossing is found). The monthly package lists them too (services.export),
as known then.

The year's crossings are read from report_crossings, kept as settlements are written (services.reports.totals);
where some person-year's were found with other rules (the policy's rules changed since), they are found from the
settlements here, as the package does: the same list, in seconds instead of milliseconds on a county's year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.policy import MonitoringRule
from ...store.models import Household, Person, ReportCrossing
from ...store.unit_of_work import Store
from ..auth import Actor
from . import totals
from .crossings import Crossing, crossings
from .scope import Scope, scope_of


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
        found = [c for c in _year(session, scope.policy.monitoring, year)
                 if not month or c.crossed_on.month == month]
        people = _people(session, sorted({c.person_id for c in found}))
    rows = [MonitoringRow(*people[c.person_id], category=c.category, rule=c.rule, threshold=c.threshold,
                          self_pay=c.self_pay, crossed_on=c.crossed_on, settlement_id=c.settlement_id)
            for c in found]
    rows.sort(key=lambda r: (r.crossed_on, r.id_number, r.rule))
    return MonitoringReport(scope=scope, rows=tuple(rows))


def _year(session: Session, rules: tuple[MonitoringRule, ...], year: int) -> list[Crossing]:
    if not totals.crossings_current(session, year, rules):
        return crossings(session, rules, year)
    return [Crossing(*row) for row in session.connection().execute(
        select(ReportCrossing.person_id, ReportCrossing.settlement_id, ReportCrossing.window_id,
               ReportCrossing.category, ReportCrossing.rule, ReportCrossing.threshold, ReportCrossing.self_pay,
               ReportCrossing.crossed_on, ReportCrossing.seq).where(ReportCrossing.year == year))]


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
