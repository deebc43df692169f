"""Settling a visit: the trial (试算), the settlement, its voiding (services.settlement)."""

from __future__ import annotations

from ...domain.visit import Visit
from ...services import settlement
from ..operations import CollectionOp, Desk, QueryOp, collection, query

SETTLEMENTS = "settlements"  # what a CollectionOp here changes: the records page and the day's figures follow


def trial(desk: Desk, *, id_number: str, visit: Visit) -> QueryOp[settlement.SettlementPreview]:
    return query(desk, lambda d: settlement.trial_settlement(d.store, d.actor, id_number=id_number, visit=visit))


def settle(desk: Desk, *, id_number: str, visit: Visit, basis: str) -> CollectionOp[settlement.SettledVisit]:
    return collection(desk, lambda d: settlement.settle_visit(d.store, d.actor, id_number=id_number, visit=visit,
                                                              basis=basis), SETTLEMENTS)


def void(desk: Desk, *, settlement_id: str, reason: str) -> CollectionOp[object]:
    return collection(desk, lambda d: settlement.void_settlement(d.store, d.actor, settlement_id=settlement_id,
                                                                 reason=reason), SETTLEMENTS)


def later(desk: Desk, *, settlement_id: str) -> QueryOp[list[settlement.LaterSettlement]]:
    """The person's settlements of the same year made after this one: they stand if it is voided."""
    return query(desk, lambda d: settlement.later_settlements(d.store, settlement_id=settlement_id))
