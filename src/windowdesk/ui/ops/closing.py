"""A clerk's day: its figures and its closing (services.closing)."""

from __future__ import annotations

from datetime import date

from ...services import closing
from ..operations import CollectionOp, Desk, QueryOp, collection, query

DAYS = "days"


def day_report(desk: Desk, *, clerk: str, day: date) -> QueryOp[dict]:
    return query(desk, lambda d: closing.day_report(d.store, d.actor, clerk=clerk, day=day))


def close_day(desk: Desk, *, clerk: str, day: date) -> CollectionOp[dict]:
    return collection(desk, lambda d: closing.close_day(d.store, d.actor, clerk=clerk, day=day), DAYS)
