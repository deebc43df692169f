"""Previewing and applying a roster file (services.roster_sync), with progress and cancel."""

from __future__ import annotations

from ...services import roster_sync
from ..operations import CollectionOp, Desk, QueryOp

PEOPLE = "people"


def preview(desk: Desk, *, path: str) -> QueryOp[roster_sync.ImportReport]:
    return QueryOp(desk, lambda d, report: roster_sync.import_roster(d.store, d.actor, path=path, dry_run=True,
                                                                    progress=report))


def apply(desk: Desk, *, path: str, expect_sha256: str | None) -> CollectionOp[roster_sync.ImportReport]:
    """The file previewed, refused (roster_file_changed) when its content is no longer `expect_sha256`."""
    return CollectionOp(desk, lambda d, report: roster_sync.import_roster(
        d.store, d.actor, path=path, progress=report, expect_sha256=expect_sha256), changes={PEOPLE})
