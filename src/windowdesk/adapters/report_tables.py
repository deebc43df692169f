"""A report as one table: its columns (field, Chinese header, kind) and rows of typed values, for Excel and the window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.categories import CATEGORY_LABELS_ZH, LEVEL_LABELS_ZH
from ..wording.reports import ALL, HEADERS, NO, TITLES, YES
from .receipt_data import FUND_LABELS_ZH

TEXT, INT, MONEY, RATE, DAY, FLAG, CATEGORY, LEVEL = "text", "int", "money", "rate", "date", "flag", "category", \
    "level"


@dataclass(frozen=True)
class ReportColumn:
    field: str
    header: str  # Chinese, the source text of the window's translation
    kind: str = TEXT


@dataclass(frozen=True)
class ReportTable:
    name: str  # the report's command name: coverage, out-of-catalog, ...
    title: str
    scope: Any  # services.reports.scope.Scope: the period and window the title row names
    columns: tuple[ReportColumn, ...]
    rows: Sequence[Sequence[object]]
    marked: tuple[int, ...] = ()  # rows under the target or over the limit


def columns(*spec: tuple[str, str]) -> tuple[ReportColumn, ...]:
    return tuple(ReportColumn(field, HEADERS[field], kind) for field, kind in spec)


# The settlement amounts of services.reports.scope.SETTLEMENT_SUMS, in its order.
_AMOUNTS = tuple((name, MONEY) for name in ("total", "in_scope", "basic", "critical", "assistance", "supplementary",
                                            "relief", "backstop", "reimbursed", "patient_pays"))


def table_of(report) -> ReportTable:
    """The one table of a report of services.reports (told apart by its NAME: adapters import no services)."""
    return _BUILDERS[report.NAME](report)


def _coverage(report) -> ReportTable:
    key_kind = CATEGORY if report.by == "category" else TEXT
    cols = (ReportColumn("key", HEADERS[report.by if report.by != "month" else "month"], key_kind),) + columns(
        ("settlements", INT), *_AMOUNTS, ("coverage_rate", RATE), ("in_scope_rate", RATE), ("below_target", FLAG))
    rows = [[getattr(r, c.field) for c in cols] for r in (*report.rows, report.all)]
    rows[-1][0] = ALL
    marked = tuple(i for i, r in enumerate((*report.rows, report.all)) if r.below_target)
    return ReportTable("coverage", TITLES["coverage"], report.scope, cols, rows, marked)


def _out_of_catalog(report) -> ReportTable:
    cols = columns(("hospital", TEXT), ("level", LEVEL), ("settlements", INT), ("total", MONEY),
                   ("out_of_catalog", MONEY), ("share", RATE), ("limit", RATE), ("over", FLAG))
    rows = [[getattr(r, c.field) for c in cols] for r in report.rows]
    marked = tuple(i for i, r in enumerate(report.rows) if r.over)
    return ReportTable("out-of-catalog", TITLES["out-of-catalog"], report.scope, cols, rows, marked)


def _monitoring(report) -> ReportTable:
    cols = columns(("id_number", TEXT), ("name", TEXT), ("household", TEXT), ("category", CATEGORY),
                   ("rule", TEXT), ("threshold", MONEY), ("self_pay", MONEY), ("crossed_on", DAY),
                   ("settlement_id", TEXT))
    return ReportTable("monitoring", TITLES["monitoring"], report.scope, cols,
                       [[getattr(r, c.field) for c in cols] for r in report.rows])


def _ledger(report) -> ReportTable:
    funds = tuple(ReportColumn(f"subsidy.{fund}", f"{HEADERS['subsidy']}：{FUND_LABELS_ZH.get(fund, fund)}", MONEY)
                  for fund in report.funds)
    cols = (*columns(("month", INT), ("category", CATEGORY), ("enrollments", INT), ("contribution", MONEY)),
            *funds, *columns(("person_pays", MONEY), ("settlements", INT), *_AMOUNTS))
    rows = []
    for r in (*report.rows, report.all):
        rows.append([r.subsidy[c.field.split(".", 1)[1]] if c.field.startswith("subsidy.") else getattr(r, c.field)
                     for c in cols])
    rows[-1][0], rows[-1][1] = None, ALL
    return ReportTable("ledger", TITLES["ledger"], report.scope, cols, rows)


def _unenrolled(report) -> ReportTable:
    cols = columns(("town", TEXT), ("village", TEXT), ("household", TEXT), ("id_number", TEXT), ("name", TEXT),
                   ("category", CATEGORY), ("identified_on", DAY))
    return ReportTable("unenrolled", TITLES["unenrolled"], report.scope, cols,
                       [[getattr(r, c.field) for c in cols] for r in report.rows])


_BUILDERS = {"coverage": _coverage, "out-of-catalog": _out_of_catalog, "monitoring": _monitoring,
             "ledger": _ledger, "unenrolled": _unenrolled}


def label_zh(value: object, kind: str) -> object:
    """A code as the Chinese the sheet prints (categories, levels, 是/否); other values unchanged."""
    if kind == CATEGORY:
        return CATEGORY_LABELS_ZH.get(value, value)
    if kind == LEVEL:
        return LEVEL_LABELS_ZH.get(value, value)
    if kind == FLAG:
        return YES if value else NO
    return value
