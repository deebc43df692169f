"""综合保障率: settlements and every fund grouped by category, month, town or hospital, against the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import extract, func, select

from ...domain.categories import CATEGORIES
from ...domain.problems import Refusal
from ...store.models import Person, Settlement
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import SETTLEMENT_SUMS, Scope, counted, rate, scope_of, sums, yuan

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
        key = _key(by)
        query = select(key.label("key"), func.count().label("settlements"), *sums()).where(*counted(scope))
        if by == "town":
            query = query.join(Person, Person.id == Settlement.person_id)
        found = session.execute(query.group_by(key)).all()
    target = scope.policy.targets.coverage_rate if scope.policy.targets else None
    rows = sorted((_row(_text(by, r.key, year), r.settlements, r, target) for r in found), key=_order(by))
    everything = {name: sum((getattr(r, name) for r in rows), Decimal("0.00")) for name in SETTLEMENT_SUMS}
    total = _row("all", sum(r.settlements for r in rows), everything, target)
    return CoverageReport(scope=scope, by=by, rows=tuple(rows), all=total, target=target)


def _key(by: str):
    if by == "category":
        return Settlement.category
    if by == "month":
        return extract("month", Settlement.discharged)
    if by == "town":
        return Person.town
    return Settlement.hospital


def _text(by: str, key, year: int) -> str:
    return f"{year:04d}-{int(key):02d}" if by == "month" else str(key or "")


def _order(by: str):
    if by == "category":
        return lambda r: (CATEGORIES.index(r.key) if r.key in CATEGORIES else len(CATEGORIES), r.key)
    return lambda r: r.key


def _row(key: str, count: int, amounts, target: Decimal | None) -> CoverageRow:
    get = amounts.get if isinstance(amounts, dict) else lambda name: getattr(amounts, name)
    values = {name: yuan(get(name)) for name in SETTLEMENT_SUMS}
    covered = rate(values["reimbursed"], values["total"])
    return CoverageRow(key=key, settlements=count, **values, coverage_rate=covered,
                       in_scope_rate=rate(values["basic"], values["in_scope"]),
                       below_target=target is not None and covered is not None and covered < target)
