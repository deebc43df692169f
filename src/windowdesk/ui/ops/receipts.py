"""A receipt's paper size, preview and counted papers (services.receipts)."""

from __future__ import annotations

from ...services import receipts, settings
from ..operations import CollectionOp, Desk, QueryOp, collection, query

PAPERS = "papers"


def print_setup(desk: Desk) -> QueryOp[tuple[str, str]]:
    """The paper size and the default printer set on the settings page ("" for the system's default)."""
    return query(desk, lambda d: (receipts.paper_size(d.store), settings.read_settings(d.store)["default_printer"]))


def preview(desk: Desk, *, kind: str, target: str) -> QueryOp[tuple[bytes, str]]:
    """The next paper, stamped 预览, and its paper size: kind "settlement" (target = its id) or "enrollment"
    (its receipt number)."""
    def work(d: Desk) -> tuple[bytes, str]:
        if kind == "settlement":
            pdf = receipts.preview_settlement(d.store, d.actor, settlement_id=target)
        else:
            pdf = receipts.preview_enrollment(d.store, d.actor, receipt_no=target)
        return pdf, receipts.paper_size(d.store)
    return query(desk, work)


def counted(desk: Desk, *, kind: str, target: str, copy: str, reprint: bool,
            out: str | None) -> CollectionOp[receipts.Printed]:
    """copy "paper" (counted; a 补打 with `reprint`) or "electronic" (a saved PDF, marked as such, never the
    original); `out` is where the PDF is written (the save dialog has asked before a file is replaced)."""
    if kind == "settlement":
        return collection(desk, lambda d: receipts.print_settlement(d.store, d.actor, settlement_id=target, copy=copy,
                                                                    reprint=reprint, out=out, force=True), PAPERS)
    return collection(desk, lambda d: receipts.print_enrollment(d.store, d.actor, receipt_no=target, copy=copy,
                                                                reprint=reprint, out=out, force=True), PAPERS)
