"""综合保障率: settlements and every fund grouped by category, month, town or hospital, against the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, select

from ...domain.categories import CATEGORIES
from ...domain.problems import Refusal
from ...store.models import Person, ReportPersonYear, Settlement
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import SETTLEMENT_SUMS, Scope, SettlementFigures, counted, figures, fold, rate, scope_of, sums, yuan

GROUPINGS = ("category", "month", "town", "hospital")


@dataclass(frozen=True)
class CoverageRow(SettlementFigures):
    key: str
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
        if by == "town":
            found = _by_town(session, scope)
        else:
            keys, key = _GROUPS[by]
            found = fold(figures(session, scope, keys), lambda r: key(r, year))
    target = scope.policy.targets.coverage_rate if scope.policy.targets else None
    rows = sorted((_row(str(k or ""), cell["settlements"], cell, target) for k, cell in found.items()),
                  key=_order(by))
    everything = {name: sum((getattr(r, name) for r in rows), Decimal("0.00")) for name in SETTLEMENT_SUMS}
    total = _row("all", sum(r.settlements for r in rows), everything, target)
    return CoverageReport(scope=scope, by=by, rows=tuple(rows), all=total, target=target)


# by -> (the report_cells keys grouped by, the row's key)
_GROUPS = {"category": (("category",), lambda r, year: r.category),
           "month": (("month",), lambda r, year: f"{year:04d}-{r.month:02d}"),
           "hospital": (("hospital",), lambda r, year: r.hospital)}


def _by_town(session, scope: Scope) -> dict:
    """Through the person's town: a year from report_person_years (walked in town order by its index), a
    month from that month's settlements (ix_settlements_report_persons covers the person and the sums)."""
    if scope.month:
        query = (select(Person.town.label("key"), func.count().label("settlements"), *sums())
                 .join(Person, Person.id == Settlement.person_id).where(*counted(scope)).group_by(Person.town))
    else:
        query = (select(ReportPersonYear.town.label("key"),
                        func.sum(ReportPersonYear.settlements).label("settlements"), *sums(model=ReportPersonYear))
                 .where(ReportPersonYear.year == scope.year).group_by(ReportPersonYear.town))
    return {r.key: r._asdict() for r in session.execute(query)}


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
