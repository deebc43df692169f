"""The month's package for the county and its check (services.export)."""

from __future__ import annotations

from ...services import export
from ..operations import CollectionOp, Desk, QueryOp, collection, query


def export_period(desk: Desk, *, period: str, out_dir: str, unfinished: bool = False) -> CollectionOp[dict]:
    """`unfinished`: the clerk confirmed exporting a month that is not over (the manifest says so)."""
    return collection(desk, lambda d: export.export_period(d.store, d.actor, period=period, out_dir=out_dir,
                                                           unfinished=unfinished), "exports")


def verify(desk: Desk, *, folder: str) -> QueryOp[dict]:
    return query(desk, lambda d: export.verify_package(d.store, folder))
