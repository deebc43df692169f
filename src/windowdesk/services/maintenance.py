"""Keeping the database whole: integrity and audit-chain check, online backup, restore of a backup."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ..store.database import database_url, open_engine, sqlite_path
from ..store.migrations import alembic_config, current_revision, head_revision, upgrade
from ..store.models import AuditEntry, AuditHead
from ..store.unit_of_work import GENESIS_HASH, Store, entry_hash
from .auth import Actor
from .errors import AuthError, InvalidInput, NotInitialised, Refused
from .files import sha256_file

# The tables a restore insists on: without them a file is not a windowdesk database, whatever it claims.
REQUIRED_TABLES = ("alembic_version", "settings", "users", "audit_entries", "audit_head")
NO_LOGIN = "(no login)"  # the audit user of a restore over a database too broken to log in to
_BATCH = 5_000
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Problem:
    """One break in the audit chain: the entry where it is (None when it is not one entry's) and what it is."""

    seq: int | None
    kind: str  # edited | missing | link | sequence | head | more
    message: str


def verify_audit_chain(session: Session, *, limit: int = 1000) -> list[Problem]:
    return _walk_chain(session, limit)[1]


def _walk_chain(session: Session, limit: int) -> tuple[int, list[Problem]]:
    """Streams the entries in seq order (a window's log runs into millions); returns (entries, problems).

    Each entry is checked against the stored hash of the one before, so one edited entry is one problem,
    not a cascade down the rest of the chain.
    """
    problems: list[Problem] = []
    count, expected, prev = 0, 1, GENESIS_HASH
    columns = (AuditEntry.seq, AuditEntry.at, AuditEntry.user, AuditEntry.action, AuditEntry.target,
               AuditEntry.detail, AuditEntry.prev_hash, AuditEntry.hash)
    # Core rows through the session's connection: the ORM's row handling would double the time.
    rows = session.connection().execute(select(*columns).order_by(AuditEntry.seq)
                                        .execution_options(yield_per=_BATCH))
    for seq, at, user, action, target, detail, prev_hash, stored in rows:
        count += 1
        if seq > expected:
            span = f"entry {expected} is" if seq == expected + 1 else f"entries {expected} to {seq - 1} are"
            problems.append(Problem(expected, "missing", f"{span} missing (deleted)"))
        elif seq < expected:
            problems.append(Problem(seq, "sequence", f"entry {seq} is out of sequence (expected {expected})"))
        elif prev_hash != prev:  # after a gap the link cannot be judged: the gap is the problem
            problems.append(Problem(seq, "link", f"entry {seq} does not link to entry {seq - 1} "
                                                 "(reordered, inserted or forged)"))
        if entry_hash(prev_hash, seq, at, user, action, target, detail) != stored:
            problems.append(Problem(seq, "edited", f"entry {seq} does not match its hash (edited)"))
        prev, expected = stored, max(expected, seq + 1)
    last = expected - 1
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    if head is None:
        problems.append(Problem(None, "head", "the chain's head row is missing"))
    elif head.last_seq > last:
        problems.append(Problem(last + 1, "head", f"the head records {head.last_seq} entries but the chain ends "
                                                  f"at {last}: entries at the end are missing (deleted)"))
    elif head.last_seq < last:
        problems.append(Problem(head.last_seq + 1, "head", f"entries after {head.last_seq} were added behind "
                                                           "the head (not by windowdesk)"))
    elif head.last_hash != prev:
        problems.append(Problem(last or None, "head", f"the head's hash does not match entry {last}"))
    if len(problems) > limit:
        problems[limit:] = [Problem(None, "more", f"{len(problems) - limit} more problems not listed")]
    return count, problems


def check_database(store: Store) -> dict:
    """SQLite's integrity and foreign keys, the schema's revision and the audit chain, read in one snapshot.

    Reads only: safe on a damaged database and while windows keep working.
    """
    sqlite = store.engine.url.get_backend_name() == "sqlite"
    na = "not applicable"  # PostgreSQL keeps its own pages whole and enforces foreign keys always
    report = {"database": store.engine.url.render_as_string(hide_password=True), "ok": False,
              "integrity": "ok" if sqlite else na, "foreign_keys": [] if sqlite else na,
              "revision": None, "head": head_revision(), "missing_tables": [],
              "audit": {"entries": 0, "problems": []}}
    try:
        with _snapshot(store) as session:
            if sqlite:
                messages = session.execute(text("PRAGMA integrity_check")).scalars().all()
                report["integrity"] = "ok" if messages == ["ok"] else messages
                report["foreign_keys"] = [{"table": table, "rowid": rowid, "parent": parent}
                                          for table, rowid, parent, _ in
                                          session.execute(text("PRAGMA foreign_key_check"))]
            tables = set(inspect(session.connection()).get_table_names())
            report["missing_tables"] = [t for t in REQUIRED_TABLES if t not in tables]
            if "alembic_version" in tables:
                report["revision"] = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if {"audit_entries", "audit_head"} <= tables:
                entries, problems = _walk_chain(session, limit=1000)
                report["audit"] = {"entries": entries, "problems": [asdict(p) for p in problems]}
    except DBAPIError as exc:  # a file too damaged to read at all ("file is not a database", malformed)
        earlier = report["integrity"] if isinstance(report["integrity"], list) else []
        report["integrity"] = [*earlier, f"unreadable: {exc.orig}"]
        return report
    report["ok"] = (report["integrity"] in ("ok", na) and not (sqlite and report["foreign_keys"])
                    and not report["missing_tables"] and report["revision"] in _known_revisions()
                    and not report["audit"]["problems"])
    return report


def open_for_check(db: str | None) -> Store:
    """The store as it is: not migrated, never created (a check must not change what it checks)."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).is_file():
        raise NotInitialised("database_missing", "db", path=url.database)
    return Store(open_engine(db, create_dir=False))


@contextmanager
def _snapshot(store: Store) -> Iterator[Session]:
    """One read transaction. On SQLite a private read-only connection with a plain BEGIN: the store's
    BEGIN IMMEDIATE would hold every window's writes for the length of a check."""
    if store.engine.url.get_backend_name() != "sqlite":
        with Session(store.engine.execution_options(isolation_level="REPEATABLE READ")) as session:
            with session.begin():
                yield session
        return
    engine = create_engine(store.engine.url, poolclass=NullPool, connect_args={"timeout": 10})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA query_only=ON")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")

    try:
        with Session(engine) as session:
            with session.begin():
                yield session
    finally:
        engine.dispose()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def backup(store: Store, actor: Actor, *, out: Path | str) -> dict:
    """A consistent copy of the live SQLite database through the online backup API (admin only).

    The "db.backup" entry is committed first so that the copy holds the record of its own making; a copy
    that then fails leaves that entry behind, which records the attempt.
    """
    actor.require("admin")
    source = sqlite_path(store.engine)
    if source is None:
        raise InvalidInput("backup_needs_sqlite", "db")
    out = Path(out)
    if out.exists():
        raise InvalidInput("file_exists", "out", path=str(out))
    if not out.parent.is_dir():
        raise InvalidInput("folder_missing", "out", path=str(out.parent))
    with store.transaction() as tx:
        entry = tx.audit(user=actor.name, action="db.backup", target=out.name[:100],
                         detail={"file": str(out.resolve())})
    part = out.with_name(out.name + ".part")
    try:
        _copy(source, part)
        part.rename(out)
    finally:
        part.unlink(missing_ok=True)
    return {"file": str(out), "bytes": out.stat().st_size, "sha256": sha256_file(out), "audit_seq": entry.seq}


def restore_needs_admin(db: str | None) -> bool:
    """Whether the current database works well enough that only its admin may replace it.

    A missing or unreadable database has no one to ask, so restoring over it needs no login.
    """
    live = _live_path(db)
    if not live.is_file():
        return False
    try:
        with closing(_read_only(live)) as conn:
            return conn.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active").fetchone()[0] > 0
    except sqlite3.DatabaseError:
        return False


def restore(db: str | None, file: Path | str, *, actor: Actor | None, now: datetime | None = None) -> dict:
    """Replace the database with a vetted backup; the replaced one is kept next to it first.

    The file is copied and checked before anything is touched; the live file is overwritten through the
    backup API (SQLite's own locking and WAL), then migrated to head and the restore audited in it.
    """
    live = _live_path(db)
    source = Path(file)
    if not source.is_file():
        raise InvalidInput("file_missing", "file", path=str(source))
    if live.exists() and source.resolve() == live.resolve():
        raise InvalidInput("restore_from_live", "file", path=str(source))
    if restore_needs_admin(db):
        if actor is None:
            raise AuthError("restore_needs_admin", "user")
        actor.require("admin")
    with open(source, "rb") as handle:
        if handle.read(16) != _SQLITE_MAGIC:
            raise Refused("not_a_windowdesk_database", "file", path=str(source))
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    live.parent.mkdir(parents=True, exist_ok=True)
    staging = _free_name(live.with_name(f"{live.name}.restore-{stamp}.tmp"))
    safety, readable = None, False
    try:
        try:
            _copy(source, staging)
        except sqlite3.DatabaseError as exc:
            raise Refused("not_a_windowdesk_database", "file", path=str(source)) from None
        restored_revision = _vet(source, staging)
        if live.exists():
            safety, readable = _safety_copy(live, stamp)
        _replace(staging, live, into_live=readable)
    finally:
        staging.unlink(missing_ok=True)
    digest = sha256_file(source)
    engine = open_engine(live)
    try:
        upgrade(engine)
        store = Store(engine)
        with store.transaction() as tx:
            tx.audit(user=actor.name if actor else NO_LOGIN, action="db.restore", target=source.name[:100],
                     detail={"file": str(source.resolve()), "sha256": digest,
                             "revision": restored_revision, "safety_backup": safety.name if safety else None})
        revision = current_revision(engine)
        with store.reading() as session:
            entries = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    finally:
        engine.dispose()
    return {"file": str(source), "sha256": digest, "database": str(live),
            "safety_backup": str(safety) if safety else None, "restored_revision": restored_revision,
            "revision": revision, "audit_entries": entries}


def _vet(source: Path, staging: Path) -> str:
    """The restored copy's revision, or Refused naming what makes the file not a sound windowdesk database."""
    store = Store(create_engine(f"sqlite:///{staging}", poolclass=NullPool))
    try:
        report = check_database(store)
    finally:
        store.engine.dispose()
    path = str(source)
    if report["integrity"] != "ok":
        raise Refused("restore_integrity_failed", "file", path=path, detail=str(report["integrity"][0])[:200])
    if "alembic_version" in report["missing_tables"] or report["revision"] is None:
        raise Refused("restore_no_revision", "file", path=path)
    if report["revision"] not in _known_revisions():
        raise Refused("restore_unknown_revision", "file", path=path, revision=report["revision"])
    if report["missing_tables"]:
        raise Refused("restore_missing_tables", "file", path=path, tables=", ".join(report["missing_tables"]))
    if report["foreign_keys"]:
        raise Refused("restore_orphan_rows", "file", path=path, table=report["foreign_keys"][0]["table"])
    if report["audit"]["problems"]:
        raise Refused("restore_audit_broken", "file", path=path, seq=str(report["audit"]["problems"][0]["seq"]))
    return report["revision"]


def _live_path(db: str | None) -> Path:
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput("restore_needs_sqlite", "db")
    return Path(url.database)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def _copy(source: Path, target: Path) -> None:
    """Online backup into a new single file (rollback journal, so it can sit on read-only media)."""
    target.unlink(missing_ok=True)
    with closing(_read_only(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


copy_database = _copy  # public: services.backups makes the daily copies the same way


def _safety_copy(live: Path, stamp: str) -> tuple[Path, bool]:
    """A copy of the database about to be replaced; returns it and whether SQLite could read the original."""
    target = _free_name(live.with_name(f"{live.name}.before-restore-{stamp}.bak"))
    try:
        _copy(live, target)
        return target, True
    except sqlite3.OperationalError:
        raise  # locked, no space...: a working database, so stop here
    except sqlite3.DatabaseError:
        # Too damaged for SQLite to read: keep the bytes as they are, WAL included, for whoever looks later.
        target.unlink(missing_ok=True)
        shutil.copyfile(live, target)
        wal = live.with_name(live.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        return target, False


def _replace(staging: Path, live: Path, *, into_live: bool) -> None:
    """Into a readable live file through the backup API, so open connections and its WAL stay consistent;
    a file SQLite cannot read has nothing to keep consistent and is simply swapped."""
    if into_live:
        with closing(sqlite3.connect(staging)) as src, closing(sqlite3.connect(live, timeout=10)) as dst:
            src.backup(dst)
        return
    for name in (live.name, live.name + "-wal", live.name + "-shm"):
        live.with_name(name).unlink(missing_ok=True)
    os.replace(staging, live)


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
