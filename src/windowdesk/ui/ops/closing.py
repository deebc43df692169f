"""A clerk's day: its figures and its closing (services.closing)."""

from __future__ import annotations

from datetime import date

from ...adapters import out_files
from ...services import closing
from ..operations import CollectionOp, Desk, QueryOp, collection, query

DAYS = "days"


def day_report(desk: Desk, *, clerk: str, day: date) -> QueryOp[dict]:
    return query(desk, lambda d: closing.day_report(d.store, d.actor, clerk=clerk, day=day))


def close_day(desk: Desk, *, clerk: str, day: date) -> CollectionOp[dict]:
    return collection(desk, lambda d: closing.close_day(d.store, d.actor, clerk=clerk, day=day), DAYS)


def day_pdf(desk: Desk, *, clerk: str, day: date, path: str) -> QueryOp[str]:
    """The printable 日结报表 of the day written to `path` (the stored summary once the day is closed); the save
    dialog has asked before a file is replaced."""
    def write(d: Desk) -> str:
        out_files.write_out(path, closing.day_report_pdf(d.store, d.actor, clerk=clerk, day=day), force=True)
        return path

    return query(desk, write)
