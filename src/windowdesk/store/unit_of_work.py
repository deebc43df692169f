"""The unit of work: one use case = one transaction + one audit entry, committed together or not at all."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .database import READ_ONLY
from . import text_guard  # noqa: F401 - registers the flush-time text check
from .models import AuditEntry, AuditHead
from .types import canonical_json

GENESIS_HASH = "0" * 64


def entry_hash(prev_hash: str, seq: int, at: str, user: str, action: str, target: str, detail: str) -> str:
    """What the chain hashes: the previous hash and every stored field, joined unambiguously."""
    payload = canonical_json([prev_hash, seq, at, user, action, target, detail])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class Transaction:
    session: Session
    audited: bool = False

    def audit(self, *, user: str, action: str, target: str = "", detail: dict[str, Any] | None = None) -> AuditEntry:
        """Append the transaction's audit entry to the chain (the head row is locked until commit)."""
        head = self.session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        seq = head.last_seq + 1
        at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        text = canonical_json(detail or {})
        digest = entry_hash(head.last_hash, seq, at, user, action, target, text)
        entry = AuditEntry(seq=seq, at=at, user=user, action=action, target=target, detail=text,
                           prev_hash=head.last_hash, hash=digest)
        self.session.add(entry)
        head.last_seq = seq
        head.last_hash = digest
        self.audited = True
        return entry


class Store:
    """The database as the services see it: transactions, nothing else."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Commits on success, rolls back on any exception; nothing half-done survives."""
        with Session(self.engine, expire_on_commit=False, autoflush=True) as session:
            with session.begin():
                yield Transaction(session)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self._reader, expire_on_commit=False) as session:
            with session.begin():
                yield session
