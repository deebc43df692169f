"""Finding past settlements (services.lookup)."""

from __future__ import annotations

from ...services import lookup
from ..operations import Desk, QueryOp, query


def find(desk: Desk, *, key: str) -> QueryOp[lookup.SettlementSummary]:
    """One settlement by its id or receipt number (the void page)."""
    return query(desk, lambda d: lookup.find_settlement(d.store, key=key))


def users(desk: Desk) -> QueryOp[list[lookup.UserRow]]:
    return query(desk, lambda d: lookup.active_users(d.store))
