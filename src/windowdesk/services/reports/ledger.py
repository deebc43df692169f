"""台账: the year by month and category, enrollments (count, contributions, subsidy per fund, paid by persons)
beside settlements (count, totals, every fund).

An enrollment of the year counts in the month it insures from (one enrolled before the year: January), so
the year's enrollments all fall in its twelve months; a settlement in the month of its discharge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import extract, func, select

from ...domain.categories import CATEGORIES
from ...domain.money import ZERO
from ...store.models import Enrollment, EnrollmentSubsidy
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import SETTLEMENT_SUMS, Scope, SettlementFigures, figures, fold, scope_of, yuan


@dataclass(frozen=True)
class LedgerRow(SettlementFigures):
    month: int
    category: str
    enrollments: int
    contribution: Decimal
    subsidy: Mapping[str, Decimal] = field(hash=False)  # fund -> amount, every fund of the report
    person_pays: Decimal


@dataclass(frozen=True)
class LedgerReport:
    NAME: ClassVar[str] = "ledger"
    scope: Scope
    funds: tuple[str, ...]  # the subsidising funds, in the order the policy lists them
    rows: tuple[LedgerRow, ...]
    all: LedgerRow  # month 0, category "all"


def ledger(store: Store, actor: Actor, *, year: int, month: int | None = None,
           now: datetime | None = None) -> LedgerReport:
    actor.require("supervisor")
    with store.reading() as session:
        scope = scope_of(session, year=year, month=month, now=now)
        enrolled_month = extract("month", Enrollment.insured_from)
        enrolled = [Enrollment.year == year] + ([enrolled_month == month] if month else [])
        # Grouped by the day insured from (ix_enrollments_report's order: no sort of the year's enrollments),
        # folded into months here.
        enrollments: dict[tuple[int, str], list] = {}
        for day, category, count, contribution, person_pays in session.execute(
                select(Enrollment.insured_from, Enrollment.category, func.count(),
                       func.coalesce(func.sum(Enrollment.contribution), 0),
                       func.coalesce(func.sum(Enrollment.person_pays), 0))
                .where(*enrolled).group_by(Enrollment.insured_from, Enrollment.category)):
            cell = enrollments.setdefault((day.month, category), [0, ZERO, ZERO])
            cell[0] += count
            cell[1] += yuan(contribution)
            cell[2] += yuan(person_pays)
        subsidies = session.execute(
            select(enrolled_month, Enrollment.category, EnrollmentSubsidy.fund, func.sum(EnrollmentSubsidy.amount))
            .join(EnrollmentSubsidy, EnrollmentSubsidy.enrollment_id == Enrollment.id)
            # year + 0: not through ix_enrollments_report, which would look up the subsidies of every enrollment;
            # walking the (fewer) subsidy lines and their enrollment by key is the cheaper plan.
            .where((Enrollment.year + 0) == year, *enrolled[1:])
            .group_by(enrolled_month, Enrollment.category, EnrollmentSubsidy.fund)).all()
        settlements = fold(figures(session, scope, ("month", "category")), lambda r: (r.month, r.category))
    funds = _funds(scope, {fund for _, _, fund, _ in subsidies})
    cells: dict[tuple[int, str], dict] = {}

    def cell(m, category) -> dict:
        return cells.setdefault((int(m), category), _empty(funds))

    for (m, category), (count, contribution, person_pays) in enrollments.items():
        cell(m, category).update(enrollments=count, contribution=contribution, person_pays=person_pays)
    for m, category, fund, amount in subsidies:
        cell(m, category)["subsidy"][fund] = yuan(amount)
    for (m, category), sums in settlements.items():
        cell(m, category).update(sums)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    keys = sorted(cells, key=lambda k: (k[0], order.get(k[1], len(order)), k[1]))
    rows = tuple(LedgerRow(month=m, category=c, **cells[(m, c)]) for m, c in keys)
    return LedgerReport(scope=scope, funds=funds, rows=rows, all=_sum(rows, funds))


def _funds(scope: Scope, seen: set[str]) -> tuple[str, ...]:
    listed = []
    for rule in scope.policy.enrollment.subsidies if scope.policy.enrollment else ():
        listed.extend(f.fund for f in rule.funds if f.fund not in listed)
    return tuple(listed) + tuple(sorted(seen - set(listed)))


def _empty(funds: tuple[str, ...]) -> dict:
    return {"enrollments": 0, "contribution": ZERO, "subsidy": {fund: ZERO for fund in funds},
            "person_pays": ZERO, "settlements": 0, **{name: ZERO for name in SETTLEMENT_SUMS}}


def _sum(rows: tuple[LedgerRow, ...], funds: tuple[str, ...]) -> LedgerRow:
    total = _empty(funds)
    for row in rows:
        for name, value in total.items():
            if name == "subsidy":
                for fund in funds:
                    value[fund] += row.subsidy[fund]
            else:
                total[name] = value + getattr(row, name)
    return LedgerRow(month=0, category="all", **total)
