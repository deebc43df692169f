"""综合保障率: settlements and every fund grouped by category, month, town or hospital, against the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, select

from ...domain.categories import CATEGORIES
from ...domain.problems import Refusal
from ...store.models import Person, Settlement
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import SETTLEMENT_SUMS, Scope, counted, figures, fold, rate, scope_of, sums, yuan

GROUPINGS = ("category", "month", "town", "hospital")


@dataclass(frozen=True)
class CoverageRow:
    key: str
    settlements: int
    total: Decimal
    in_scope: Decimal
    basic: Decimal
    critical: Decimal
    assistance: Decimal
    supplementary: Decimal
    relief: Decimal
    backstop: Decimal
    reimbursed: Decimal
    patient_pays: Decimal
    coverage_rate: Decimal | None  # reimbursed / total
    in_scope_rate: Decimal | None  # basic / in_scope
    below_target: bool  # coverage_rate under the policy's targets.coverage_rate


@dataclass(frozen=True)
class CoverageReport:
    NAME: ClassVar[str] = "coverage"
    scope: Scope
    by: str
    rows: tuple[CoverageRow, ...]
    all: CoverageRow
    target: Decimal | None


def coverage(store: Store, actor: Actor, *, year: int, month: int | None = None, by: str = "category",
             now: datetime | None = None) -> CoverageReport:
    actor.require("supervisor")
    if by not in GROUPINGS:
        raise Refusal("report_grouping", "by", by=by)
    with store.reading() as session:
        scope = scope_of(session, year=year, month=month, now=now)
        if by == "town":  # through the person: ix_settlements_report_persons covers person_id and the sums
            found = {r.key: r._asdict() for r in session.execute(
                select(Person.town.label("key"), func.count().label("settlements"), *sums())
                .join(Person, Person.id == Settlement.person_id).where(*counted(scope)).group_by(Person.town))}
        else:
            depth, key = _GROUPS[by]
            found = fold(figures(session, scope, depth), lambda r: key(r, year))
    target = scope.policy.targets.coverage_rate if scope.policy.targets else None
    rows = sorted((_row(str(k or ""), cell["settlements"], cell, target) for k, cell in found.items()),
                  key=_order(by))
    everything = {name: sum((getattr(r, name) for r in rows), Decimal("0.00")) for name in SETTLEMENT_SUMS}
    total = _row("all", sum(r.settlements for r in rows), everything, target)
    return CoverageReport(scope=scope, by=by, rows=tuple(rows), all=total, target=target)


# by -> (how many of FIGURE_KEYS to group by, the row's key)
_GROUPS = {"category": (1, lambda r, year: r.category),
           "month": (2, lambda r, year: f"{year:04d}-{r.discharged.month:02d}"),
           "hospital": (3, lambda r, year: r.hospital)}


def _order(by: str):
    if by == "category":
        return lambda r: (CATEGORIES.index(r.key) if r.key in CATEGORIES else len(CATEGORIES), r.key)
    return lambda r: r.key


def _row(key: str, count: int, amounts: dict, target: Decimal | None) -> CoverageRow:
    values = {name: yuan(amounts[name]) for name in SETTLEMENT_SUMS}
    covered = rate(values["reimbursed"], values["total"])
    return CoverageRow(key=key, settlements=count, **values, coverage_rate=covered,
                       in_scope_rate=rate(values["basic"], values["in_scope"]),
                       below_target=target is not None and covered is not None and covered < target)
