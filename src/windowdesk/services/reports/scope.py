"""What every report shares: the period asked for, the window it describes, the settlements that count."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from ...domain.money import ZERO, from_fen
from ...domain.policy import Policy
from ...domain.problems import Refusal
from ...store.models import ReportCell, Settlement
from ..window import window_context

RATE = Decimal("0.0001")  # rates and shares: 4 places, as cli.md's "0.8683"
# The funds a settlement's reimbursement is made of, in the order of the cascade (cli.md's six paid keys).
FUNDS = ("basic", "critical", "assistance", "supplementary", "relief", "backstop")
SETTLEMENT_SUMS = ("total", "in_scope", *FUNDS, "reimbursed", "patient_pays")


@dataclass(frozen=True)
class SettlementFigures:
    """The counted settlements of a row of a report: how many, their costs and what each fund paid."""

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


@dataclass(frozen=True)
class Scope:
    """The report's period and the window it is made for (the Excel title row names all of it)."""

    year: int
    month: int | None
    window_id: str
    window_name: str
    policy: Policy
    made_at: datetime

    @property
    def first(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def last(self) -> date:
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


def scope_of(session: Session, *, year: int, month: int | None = None, now: datetime | None = None) -> Scope:
    if not 1900 <= year <= 9999:
        raise Refusal("report_year", "year", year=year)
    if month is not None and not 1 <= month <= 12:
        raise Refusal("report_month", "month", month=month)
    window = window_context(session)
    return Scope(year=year, month=month, window_id=window.window_id, window_name=window.window_name,
                 policy=window.policy, made_at=now or datetime.now().replace(microsecond=0))


def counted(scope: Scope) -> tuple:
    """The settlements a report counts: not voided, discharged in the period (settlement year = discharge year)."""
    where = [Settlement.year == scope.year, Settlement.voided.is_(False)]
    if scope.month:
        where.append(Settlement.discharged.between(scope.first, scope.last))
    return tuple(where)


def figures(session: Session, scope: Scope, keys: tuple[str, ...], names: tuple[str, ...] = SETTLEMENT_SUMS) -> list:
    """The counted settlements' count and sums grouped by `keys` (of report_cells: category, month, hospital,
    hospital_level), from the totals kept as settlements are written (services.reports.totals)."""
    where = [ReportCell.year == scope.year] + ([ReportCell.month == scope.month] if scope.month else [])
    columns = [getattr(ReportCell, key) for key in keys]
    # Sums as whole fen (the columns' storage), folded into Decimals once.
    fen = [func.coalesce(func.sum(type_coerce(getattr(ReportCell, name), BigInteger)), 0).label(name)
           for name in names]
    return session.connection().execute(select(*columns, func.sum(ReportCell.settlements).label("settlements"),
                                               *fen).where(*where).group_by(*columns)).all()


def fold(rows, key, names: tuple[str, ...] = SETTLEMENT_SUMS) -> dict:
    """Rows of `figures` summed per key(row): {key: {"settlements": n, name: Decimal, ...}}, in first-seen order."""
    out: dict = {}
    for row in rows:
        cell = out.setdefault(key(row), {"settlements": 0, **{name: 0 for name in names}})
        cell["settlements"] += row.settlements
        for name in names:
            cell[name] += getattr(row, name)
    for cell in out.values():
        for name in names:
            cell[name] = from_fen(int(cell[name]))
    return out


def sums(names: tuple[str, ...] = SETTLEMENT_SUMS, model=Settlement) -> list:
    return [func.coalesce(func.sum(getattr(model, name)), 0).label(name) for name in names]


def yuan(value: Any) -> Decimal:
    """A SUM of a money column: SQLAlchemy gives yuan already, COALESCE's 0 comes back as a plain integer."""
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return ZERO if not value else Decimal(value).quantize(Decimal("0.01"))


def rate(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole to 4 places, half up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (part / whole).quantize(RATE, rounding=ROUND_HALF_UP)


def plain(value: Any) -> Any:
    """A report as JSON-ready data: Decimals as their text (money has 2 places, rates 4), dates ISO."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value) if f.name != "scope"}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
