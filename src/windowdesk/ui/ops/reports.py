"""The county's reports for the 报表 page (services.reports): a report with the year's chart figures; its files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ...adapters.report_pdf import render_table
from ...adapters.report_tables import ReportTable, table_of
from ...adapters.report_xlsx import write_xlsx
from ...adapters import out_files
from ...services.reports.coverage import coverage
from ...services.reports.out_of_catalog import out_of_catalog
from ...services.reports.run import run_report
from ...services.reports.scope import FUNDS
from ..operations import Desk, QueryOp, query

STEPS = 3  # the report, the monthly figures, the hospitals' shares: the page's progress counts them


@dataclass(frozen=True)
class ChartFigures:
    months: tuple[str, ...]  # "01" ... "12"
    paid: dict[str, tuple[Decimal, ...]]  # fund -> paid in each month (stacked)
    coverage: tuple[Decimal | None, ...]  # coverage rate of each month
    target: Decimal | None
    hospitals: tuple[str, ...]
    shares: tuple[Decimal | None, ...]
    limits: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class ReportView:
    table: ReportTable
    charts: ChartFigures


def report(desk: Desk, *, name: str, year: int, month: int | None, by: str) -> QueryOp[ReportView]:
    """Run off the GUI thread; `tell(step)` after each query, where a 取消 stops it (Task.cancel)."""

    def work(d: Desk, tell) -> ReportView:
        tell(0)
        made = run_report(d.store, d.actor, name=name, year=year, month=month, by=by)
        tell(1)
        monthly = made if name == "coverage" and by == "month" and not month else \
            coverage(d.store, d.actor, year=year, by="month")
        tell(2)
        shares = made if name == "out-of-catalog" else out_of_catalog(d.store, d.actor, year=year, month=month)
        tell(3)
        return ReportView(table=table_of(made), charts=_charts(monthly, shares))

    return QueryOp(desk, work)


def _charts(monthly, shares) -> ChartFigures:
    rows = {row.key[5:]: row for row in monthly.rows}
    months = tuple(f"{m:02d}" for m in range(1, 13))
    zero = Decimal("0.00")
    return ChartFigures(
        months=months,
        paid={fund: tuple(getattr(rows[m], fund) if m in rows else zero for m in months) for fund in FUNDS},
        coverage=tuple(rows[m].coverage_rate if m in rows else None for m in months), target=monthly.target,
        hospitals=tuple(r.hospital for r in shares.rows), shares=tuple(r.share for r in shares.rows),
        limits=tuple(r.limit for r in shares.rows))


def save_xlsx(desk: Desk, *, table: ReportTable, path: str) -> QueryOp[str]:
    # force: the save dialog has asked before a file is replaced
    return query(desk, lambda _d: str(write_xlsx(table, path, force=True)))


def save_pdf(desk: Desk, *, table: ReportTable, path: str) -> QueryOp[str]:
    def write(_d: Desk) -> str:
        out_files.write_out(path, render_table(table, printed_at=datetime.now().replace(microsecond=0)), force=True)
        return path

    return query(desk, write)
