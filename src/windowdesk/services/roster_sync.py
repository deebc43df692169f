"""Roster import (花名册导入): preview or apply a county roster file, one transaction and one audit entry.

Memory stays bounded whatever the file's size: rows are cleaned as they stream in, a chunk at a time,
and appended to a temporary staging table; SQL then finds the in-file conflicts, counts the differences
with the stored roster and applies them set-wise (never a Python loop over the roster). The file's
SHA-256 and report are kept: the same content again, with the roster untouched since, is answered from
the stored report without reading the file a second time.

The staging table and its SQL are services.roster_stage.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..adapters import roster_reader
from ..adapters.roster_reader import RosterFileError
from ..adapters.roster_rows import RejectedRow
from ..domain.problems import Problem, Refusal
from ..store.models import Membership, Person, RosterImport
from ..store.unit_of_work import Store
from .auth import Actor
from .errors import InvalidInput
from .roster_stage import KINDS, ImportProgress, RosterChange, Stage

PREVIEW_ROLE = "clerk"
APPLY_ROLE = "supervisor"  # the roster decides who is subsidised: a clerk previews, a supervisor applies
CHANGES_LISTED = 1_000  # of each kind in a report: who is added, changed, exited (the counts are whole)


@dataclass(frozen=True)
class ImportReport:
    """The report of cli.md's `roster import`: counts per distinct valid (ID number, category) row, and who
    is added, changed and exited (the first CHANGES_LISTED of each, in file order; the counts are whole)."""

    file: str
    sha256: str
    rows: int
    added: int
    changed: int
    exited: int
    unchanged: int
    invalid: tuple[RejectedRow, ...]
    applied: bool
    added_rows: tuple[RosterChange, ...] = ()
    changed_rows: tuple[RosterChange, ...] = ()
    exited_rows: tuple[RosterChange, ...] = ()

    def to_json(self) -> dict:
        return {**self.contract_json(),
                "changes": {kind: [c.to_json() for c in getattr(self, f"{kind}_rows")] for kind in KINDS}}

    def contract_json(self) -> dict:
        """The contract's keys alone (cli.md), as the import is stored."""
        return {"file": self.file, "sha256": self.sha256, "rows": self.rows, "added": self.added,
                "changed": self.changed, "exited": self.exited, "unchanged": self.unchanged,
                "invalid": [r.to_json() for r in self.invalid], "applied": self.applied}


class _Preview(Exception):
    """Raised to roll a dry run back: whatever it staged, nothing of it survives."""

    def __init__(self, report: ImportReport):
        self.report = report


def import_roster(store: Store, actor: Actor, *, path: str | Path, dry_run: bool = False,
                  now: datetime | None = None, progress: Callable[[ImportProgress], None] | None = None,
                  expect_sha256: str | None = None) -> ImportReport:
    """Preview (`dry_run`) or apply a roster file. Rows that are invalid are reported and the valid ones
    applied; a file that cannot be read at all is InvalidInput and changes nothing. `progress` is called
    after each chunk read and at each later step (ImportProgress); raising from it cancels the import,
    and nothing is written. `expect_sha256` (the preview's `sha256`) ties an apply to the content previewed:
    a file whose content differs, before or while it is read, is refused (`roster_file_changed`)."""
    actor.require(PREVIEW_ROLE if dry_run else APPLY_ROLE)
    now = now or datetime.now()
    try:
        source = roster_reader.inspect(path)
        if expect_sha256 is not None:
            _same_content(source, expect_sha256)
        with store.transaction() as tx:
            same = _unchanged_since(tx.session, source.sha256)
            if same is not None:
                report = _repeat_report(same, source, applied=not dry_run)
            else:
                report = _diff_and_apply(tx.session, source, dry_run=dry_run, now=now, progress=progress,
                                         recheck=expect_sha256 is not None)
            if dry_run:
                raise _Preview(report)
            _record(tx, actor, report, now, same_as=same.id if same is not None else None)
    except _Preview as preview:
        return preview.report
    except RosterFileError as exc:
        raise InvalidInput.of(Problem(p.code, p.field, {"file": Path(path).name, **p.params})
                              for p in exc.problems) from None
    return report


def _same_content(source, expected: str) -> None:
    if source.sha256 != expected.strip().lower():
        raise Refusal("roster_file_changed", "file", file=source.path.name, previewed=expected[:12],
                      found=source.sha256[:12])


def _diff_and_apply(session: Session, source, *, dry_run: bool, now: datetime, progress,
                    recheck: bool = False) -> ImportReport:
    tell = progress or (lambda _state: None)
    stage = Stage(session)
    with stage.tuned():
        with _collector_paused():
            rows, rejected = stage.load(source, today=now.date(), progress=tell)
        if recheck:
            # The file is read twice (hashed, then parsed): hashed again, what was parsed is what was hashed.
            _same_content(roster_reader.inspect(source.path), source.sha256)
        tell(ImportProgress(rows, "comparing"))
        rejected.extend(stage.reject_conflicts())
        diff = stage.classify()
        listed = stage.changes(diff, CHANGES_LISTED)
        if not dry_run:
            tell(ImportProgress(rows, "writing"))
            stage.apply(diff, now)
            tell(ImportProgress(rows, "saving"))
        stage.drop()
    return ImportReport(file=source.path.name, sha256=source.sha256, rows=rows, added=diff.added,
                        changed=diff.changed, exited=diff.exited, unchanged=diff.unchanged,
                        invalid=tuple(sorted(rejected, key=lambda r: r.row)), applied=not dry_run,
                        **{f"{kind}_rows": listed[kind] for kind in KINDS})


def _unchanged_since(session: Session, sha256: str) -> RosterImport | None:
    """The stored import of this very content, if the roster has not changed since it was applied.

    Then the file would change nothing, and its report follows from the stored one without reading it
    again: every writer of persons and memberships sets `updated_at`, so none being later than that
    import means the roster still says what the file says."""
    latest = session.execute(select(RosterImport).order_by(RosterImport.id.desc()).limit(1)).scalar_one_or_none()
    if latest is None or latest.sha256 != sha256 or not latest.applied:
        return None
    for table in (Person, Membership):
        changed = session.execute(select(func.max(table.updated_at))).scalar()
        if changed is not None and changed > latest.imported_at:
            return None
    return latest


def _repeat_report(same: RosterImport, source, *, applied: bool) -> ImportReport:
    stored = same.report
    valid = sum(stored[k] for k in ("added", "changed", "exited", "unchanged"))
    return ImportReport(file=source.path.name, sha256=source.sha256, rows=stored["rows"], added=0, changed=0,
                        exited=0, unchanged=valid, invalid=tuple(map(RejectedRow.from_json, stored["invalid"])),
                        applied=applied)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes millions of short-lived tuples and no cycles; the cyclic collector would otherwise
    walk the chunk in hand over and over (measured: a third of the load's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _record(tx, actor: Actor, report: ImportReport, now: datetime, *, same_as: int | None) -> None:
    document = report.contract_json()  # who changed is for the clerk to check: the audit keeps the counts
    counts = {k: document[k] for k in ("rows", "added", "changed", "exited", "unchanged")}
    tx.session.add(RosterImport(sha256=report.sha256, file_name=report.file[:260], imported_at=now,
                                imported_by=actor.name, applied=report.applied, invalid=len(report.invalid),
                                report=document, **counts))
    tx.audit(user=actor.name, action="roster.import", target=report.sha256,
             detail={"file": report.file, **counts, "invalid": len(report.invalid),
                     **({"same_as_import": same_as} if same_as is not None else {})})


