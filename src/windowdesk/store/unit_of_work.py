"""The unit of work: one use case = one transaction + one audit entry, committed together or not at all.

Each entry carries the digests of the rows it records (store.row_digest) and a MAC under the audit key of
the key file (store.keyfile), which is never in the database: editing a row, deleting it, or rewriting the
chain with plain SHA-256 all show in `db check`.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..adapters import sealed
from . import keyfile
from .database import READ_ONLY
from . import text_guard  # noqa: F401 - registers the flush-time text check
from .models import AuditEntry, AuditHead, Setting, User
from .row_digest import row_digest, row_ref
from .types import canonical_json

GENESIS_HASH = "0" * 64


def entry_hash(prev_hash: str, seq: int, at: str, user: str, action: str, target: str, detail: str,
               rows: str = "") -> str:
    """What the chain hashes: the previous hash and every stored field, joined unambiguously (entries without
    row digests hash as they did before there were any)."""
    fields = [prev_hash, seq, at, user, action, target, detail] + ([rows] if rows else [])
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def entry_mac(key: bytes, digest: str) -> str:
    return sealed.mac(key, b"entry:" + digest.encode("ascii"))


def head_mac(key: bytes, seq: int, digest: str) -> str:
    return sealed.mac(key, f"head:{seq}:{digest}".encode("ascii"))


def seal_rows(session: Session, objects: Iterable[Any]) -> str:
    """The rows an entry records, as canonical JSON [[table, key, sha256], ...] ("" for none)."""
    session.flush()
    connection = session.connection()
    refs = sorted({row_ref(obj) for obj in objects})
    return canonical_json([[table, key, row_digest(connection, table, key)] for table, key in refs]) if refs else ""


@dataclass
class Transaction:
    session: Session
    store: Store | None = None
    audited: bool = False

    def audit(self, *, user: str, action: str, target: str = "", detail: dict[str, Any] | None = None,
              rows: Iterable[Any] = ()) -> AuditEntry:
        """Append the transaction's audit entry to the chain (the head row is locked until commit); `rows` are
        the mapped objects this act wrote or changed (settlements, reversals, enrollments, users, settings)."""
        head = self.session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        seq = head.last_seq + 1
        rows = list(rows)
        if self.store is not None and self.store.keys.audit_key is None:
            # The first entry sealed under a new audit key also records every user and setting as it stands:
            # from here on a role raised or a setting changed behind windowdesk's back shows.
            rows += [*self.session.execute(select(User)).scalars(), *self.session.execute(select(Setting)).scalars()]
        covered = seal_rows(self.session, rows)
        at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        text = canonical_json(detail or {})
        digest = entry_hash(head.last_hash, seq, at, user, action, target, text, covered)
        key = self.store.audit_key(seq) if self.store is not None else None
        entry = AuditEntry(seq=seq, at=at, user=user, action=action, target=target, detail=text,
                           prev_hash=head.last_hash, hash=digest, rows=covered,
                           mac=entry_mac(key, digest) if key else "")
        self.session.add(entry)
        head.last_seq = seq
        head.last_hash = digest
        head.key_id = (self.store.keys.audit_key_id or "") if key else ""
        head.mac = head_mac(key, seq, digest) if key else ""
        self.audited = True
        return entry


class Store:
    """The database as the services see it: transactions, nothing else."""

    def __init__(self, engine: Engine, *, key_file: Path | None | bool = True):
        """`key_file` True: the database's own key file (store.keyfile); a path: that one; None: keys held in
        memory only (a database that must not have a key file, such as a restore's staging copy)."""
        self.engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})
        self.key_file = keyfile.key_file_for(engine.url) if key_file is True else key_file
        self._keys: keyfile.KeyRing | None = None
        self._stamp: tuple | None = None

    @property
    def keys(self) -> keyfile.KeyRing:
        """The key file's ring, read again whenever the file changes (`package set-key` from another process)."""
        path = self.key_file
        try:
            stat = path.stat() if path is not None else None
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino) if stat else None
        except FileNotFoundError:
            stamp = None
        if self._keys is None or (path is not None and stamp != self._stamp):
            self._keys = keyfile.load(path) if path is not None else (self._keys or keyfile.KeyRing(None))
            self._stamp = stamp
        return self._keys

    def update_keys(self, ring: keyfile.KeyRing) -> None:
        self._keys, self._stamp = ring, None

    def audit_key(self, seq: int) -> bytes | None:
        """The MAC key for entry `seq`: the key file's, made now if the file has none yet."""
        ring = self.keys
        if ring.audit_key is None:
            ring = keyfile.with_new_audit_key(ring, seq)
            self.update_keys(ring)
        return ring.audit_mac_key()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Commits on success, rolls back on any exception; nothing half-done survives."""
        with Session(self.engine, expire_on_commit=False, autoflush=True) as session:
            with session.begin():
                yield Transaction(session, self)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self._reader, expire_on_commit=False) as session:
            with session.begin():
                yield session
