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

from sqlalchemy import BigInteger, String, select, type_coerce
from sqlalchemy.orm import Session

from ...domain.money import from_fen
from ...store.models import Household, Person, ReportCrossing
from ...store.unit_of_work import Store
from ..auth import Actor
from . import totals
from .crossings import crossings
from .scope import Scope, scope_of


@dataclass(slots=True)  # not frozen: a county's 60,000 rows are made 5x faster (frozen costs 0.1 s of a second)
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
        rules = scope.policy.monitoring
        if totals.crossings_current(session, year, rules):
            return MonitoringReport(scope=scope, rows=tuple(_kept(session, scope)))
        found = [c for c in crossings(session, rules, year) if not month or c.crossed_on.month == month]
        people = _people(session, sorted({c.person_id for c in found}))
    rows = [MonitoringRow(*people[c.person_id], category=c.category, rule=c.rule, threshold=c.threshold,
                          self_pay=c.self_pay, crossed_on=c.crossed_on, settlement_id=c.settlement_id)
            for c in found]
    rows.sort(key=lambda r: (r.crossed_on, r.id_number, r.rule))
    return MonitoringReport(scope=scope, rows=tuple(rows))


def _kept(session: Session, scope: Scope) -> list[MonitoringRow]:
    """The rows from report_crossings with each person's ID number, name and household, in one statement."""
    c = ReportCrossing
    where = [c.year == scope.year] + ([c.crossed_on.between(scope.first, scope.last)] if scope.month else [])
    query = (select(Person.id_number, Person.name, Household.number, c.category, c.rule,
                    type_coerce(c.threshold, BigInteger), type_coerce(c.self_pay, BigInteger),
                    type_coerce(c.crossed_on, String), c.settlement_id)
             .join(Person, Person.id == c.person_id).outerjoin(Household, Household.id == Person.household_id)
             .where(*where).order_by(c.crossed_on, Person.id_number, c.rule, c.seq))  # the slow path's order
    # Core rows with amounts as whole fen and days as stored, each distinct threshold and day made once: the
    # ORM's and the column types' processing of a county's 60,000 rows cost 0.5 s of a second, measured.
    thresholds: dict[int, Decimal] = {}
    days: dict[object, date] = {}
    rows = []
    for number, name, household, category, rule, threshold, self_pay, day, settlement_id in \
            session.connection().execute(query).all():
        if threshold not in thresholds:
            thresholds[threshold] = from_fen(threshold)
        if day not in days:
            days[day] = day if isinstance(day, date) else date.fromisoformat(day)  # PostgreSQL: a date already
        rows.append(MonitoringRow(number, name, household or "", category, rule, thresholds[threshold],
                                  Decimal(self_pay).scaleb(-2), days[day], settlement_id))
    return rows


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
