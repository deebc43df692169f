"""A report's table as a printable PDF (A4 landscape, the receipts' embedded font), the title row on top."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from .receipt_pdf import _build, _grid, _Layout, _style, _title, register_font
from .report_tables import MONEY, RATE, ReportTable, cell_text
from .report_xlsx import title_of

_LAYOUT = _Layout(landscape(A4), 10 * mm, 10 * mm, 7, 14, 1.6, 0, 3 * mm)




def render_table(table: ReportTable, *, printed_at: datetime) -> bytes:
    register_font()
    lay = _LAYOUT
    rows = [[c.header for c in table.columns]]
    rows += [[cell_text(v, c.kind) for c, v in zip(table.columns, row)] for row in table.rows]
    widths = tuple(1 / len(table.columns) for _ in table.columns)
    amounts = tuple(i for i, c in enumerate(table.columns) if c.kind in (MONEY, RATE))
    grid = _grid(rows, lay, widths, header=True, amounts=amounts)
    grid.repeatRows = 1
    story = [_title(table.title, lay), Paragraph(escape(title_of(table)), _style(lay)), Spacer(0, lay.gap), grid]
    return _build(story, lay, lambda *_: None, title=f"{table.title} {table.scope.period}", printed_at=printed_at)
