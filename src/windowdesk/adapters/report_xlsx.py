"""A report as an Excel sheet: a title row (window, policy, period, when made), Chinese headers, typed cells."""

from __future__ import annotations

import io
from pathlib import Path

from ..wording.reports import MADE_AT, PERIOD, POLICY, TARGET
from . import out_files
from .export_files import DAY, INT, MONEY, RATE, TEXT, cell, text_cell
from .report_tables import ReportTable, label_zh


_TYPED = (MONEY, RATE, INT, DAY)  # categories, levels and flags are written as their Chinese words


def title_of(table: ReportTable) -> str:
    """The line naming what the sheet holds: 窗口 · 政策 · 期间 · 表名 · 制表时间."""
    scope = table.scope
    parts = [f"{scope.window_name}（{scope.window_id}）", f"{POLICY}：{scope.policy.name}（{scope.policy.id}）",
             f"{PERIOD}：{scope.period}", table.title]
    target = getattr(scope.policy.targets, "coverage_rate", None) if table.name == "coverage" else None
    if target is not None:
        parts.append(f"{TARGET}：{target}")
    parts.append(f"{MADE_AT}：{scope.made_at:%Y-%m-%d %H:%M}")
    return "  ".join(parts)


def xlsx_bytes(table: ReportTable) -> bytes:
    from openpyxl import Workbook  # here, not at the top: most commands never write a sheet
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "windowdesk"
    sheet = workbook.create_sheet(table.title)
    sheet.append([text_cell(WriteOnlyCell, sheet, title_of(table))])
    sheet.append([text_cell(WriteOnlyCell, sheet, c.header) for c in table.columns])
    for row in table.rows:
        sheet.append([cell(WriteOnlyCell, sheet, label_zh(v, c.kind), c.kind if c.kind in _TYPED else TEXT)
                      for c, v in zip(table.columns, row)])
    raw = io.BytesIO()
    workbook.save(raw)
    return raw.getvalue()


def write_xlsx(table: ReportTable, path: str | Path, *, force: bool = False) -> Path:
    return out_files.write_out(path, xlsx_bytes(table), force=force, field="xlsx")
