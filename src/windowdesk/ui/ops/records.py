"""Finding past settlements and the window's users (services.lookup)."""

from __future__ import annotations

from datetime import date

from ...services import lookup
from ..operations import Desk, QueryOp, query


def detail(desk: Desk, *, ref: str) -> QueryOp[lookup.SettlementDetail]:
    """One settlement by its id or its printed receipt number: breakdown, status, papers printed."""
    return query(desk, lambda d: lookup.settlement_detail(d.store, d.actor, ref=ref))


def find(desk: Desk, *, receipt_no: str | None = None, id_number: str | None = None, name: str | None = None,
         date_from: date | None = None, date_to: date | None = None,
         include_voided: bool = True) -> QueryOp[list[lookup.SettlementRow]]:
    return query(desk, lambda d: lookup.find_settlements(
        d.store, d.actor, receipt_no=receipt_no, id_number=id_number, name=name, date_from=date_from,
        date_to=date_to, include_voided=include_voided))


def users(desk: Desk) -> QueryOp[list[lookup.UserRow]]:
    return query(desk, lambda d: lookup.active_users(d.store))
