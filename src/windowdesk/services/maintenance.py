"""Keeping the database whole: integrity and audit-chain check, online backup, restore of a backup."""

from __future__ import annotations

import hmac
import json
import os
import shutil
import sqlite3
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, func, inspect, literal, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ..adapters import out_files
from ..domain.problems import Problem
from ..store.database import database_url, open_engine, read_only_sqlite, sqlite_path
from ..store.migrations import alembic_config, current_revision, head_revision, upgrade
from ..store.keyfile import KeyFileError, KeyRing, key_file_for, resealed_from
from ..store.keyfile import load as load_keys
from ..store.models import AuditEntry, AuditHead, User
from ..store.row_digest import row_digest
from ..store.unit_of_work import GENESIS_HASH, Store, entry_hash, entry_mac, head_mac
from . import backup_seal
from .auth import Actor
from .errors import AuthError, InvalidInput, NotInitialised, Refused
from .files import sha256_file

# The tables a restore insists on: without them a file is not a windowdesk database, whatever it claims.
REQUIRED_TABLES = ("alembic_version", "settings", "users", "audit_entries", "audit_head")
NO_LOGIN = "(no login)"  # the audit user of a restore over a database too broken to log in to
_BATCH = 5_000


def _finding(code: str, field: str, seq: int | None = None, **params) -> Problem:
    """One finding of a check: a code, the table (or part of the report) it concerns, and its parameters; `seq`
    is the audit entry where it is (absent when it is not one entry's). Worded in wording/problems.py."""
    return Problem(code, field, {**({"seq": seq} if seq is not None else {}), **params})


def verify_audit_chain(session: Session, *, limit: int = 1000, keys: KeyRing | None = None) -> list[Problem]:
    return _walk_chain(session, limit, keys)[1]


def _keys_of(store: Store) -> tuple[KeyRing, list[Problem]]:
    try:
        return store.keys, []
    except KeyFileError as exc:
        return KeyRing(None), [_finding("key_file_invalid", "county_key", path=str(exc.path))]


def _walk_chain(session: Session, limit: int, keys: KeyRing | None = None, *,
                seal_columns: bool = True) -> tuple[int, list[Problem]]:
    """Streams the entries in seq order (a window's log runs into millions); returns (entries, problems).

    Each entry is checked against the stored hash of the one before, so one edited entry is one problem,
    not a cascade down the rest of the chain; its MAC against the audit key of the key file (a chain
    recomputed with plain SHA-256 has hashes that link but MACs that fail); and the rows it records
    against the rows as they are now (the latest entry that records a row is the one that counts).
    """
    keys = keys or KeyRing(None)
    mac_key = keys.audit_mac_key()
    problems: list[Problem] = []
    count, expected, prev = 0, 1, GENESIS_HASH
    sealed_entries = 0
    covered: dict[tuple[str, str], tuple[int, str]] = {}
    blank = literal("")
    columns = (AuditEntry.seq, AuditEntry.at, AuditEntry.user, AuditEntry.action, AuditEntry.target,
               AuditEntry.detail, AuditEntry.prev_hash, AuditEntry.hash,
               *((AuditEntry.rows, AuditEntry.mac) if seal_columns else (blank, blank)))
    # Core rows through the session's connection: the ORM's row handling would double the time.
    rows = session.connection().execute(select(*columns).order_by(AuditEntry.seq)
                                        .execution_options(yield_per=_BATCH))
    for seq, at, user, action, target, detail, prev_hash, stored, recorded, mac in rows:
        count += 1
        if seq > expected:
            span = str(expected) if seq == expected + 1 else f"{expected}-{seq - 1}"
            problems.append(_finding("missing", "audit_entries", expected, entries=span))
        elif seq < expected:
            problems.append(_finding("sequence", "audit_entries", seq, expected=expected))
        elif prev_hash != prev:  # after a gap the link cannot be judged: the gap is the problem
            problems.append(_finding("link", "audit_entries", seq, previous=seq - 1))
        if entry_hash(prev_hash, seq, at, user, action, target, detail, recorded or "") != stored:
            problems.append(_finding("edited", "audit_entries", seq))
        if mac:
            sealed_entries += 1
            if mac_key is not None and not hmac.compare_digest(entry_mac(mac_key, stored), mac):
                problems.append(_finding("mac", "audit_entries", seq))
        elif mac_key is not None and seq >= keys.audit_from_seq:
            problems.append(_finding("unsealed", "audit_entries", seq, sealed_from=keys.audit_from_seq))
        if recorded:
            for table, key, digest in json.loads(recorded):
                covered[(table, key)] = (seq, digest)
        prev, expected = stored, max(expected, seq + 1)
    last = expected - 1
    if sealed_entries and mac_key is None:
        problems.append(_finding("key_missing", "audit_key", entries=sealed_entries, path=str(keys.path)))
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash,
                                  *((AuditHead.key_id, AuditHead.mac) if seal_columns else
                                    (blank.label("key_id"), blank.label("mac")))).where(AuditHead.id == 1)).first()
    # One code for the head whatever is wrong with it (a stable code); `head_state` says what (its words).
    if head is None:
        problems.append(_finding("head", "audit_head", head_state="missing", last=last))
    elif head.last_seq > last:
        problems.append(_finding("head", "audit_head", last + 1, head_state="ahead", head_seq=head.last_seq,
                                 last=last))
    elif head.last_seq < last:
        problems.append(_finding("head", "audit_head", head.last_seq + 1, head_state="behind",
                                 head_seq=head.last_seq, last=last))
    elif head.last_hash != prev:
        problems.append(_finding("head", "audit_head", last or None, head_state="hash", head_seq=head.last_seq,
                                 last=last))
    elif mac_key is not None and head.mac and head.key_id != keys.audit_key_id:
        problems.append(_finding("key_other", "audit_key", key_id=head.key_id, own_key_id=keys.audit_key_id))
    elif mac_key is not None and (head.mac or last >= keys.audit_from_seq) \
            and not hmac.compare_digest(head_mac(mac_key, head.last_seq, head.last_hash), head.mac or ""):
        problems.append(_finding("head_mac", "audit_head"))
    if seal_columns:
        problems += _check_rows(session, covered, sealed=sealed_entries > 0 and mac_key is not None)
    if len(problems) > limit:
        problems[limit:] = [_finding("more", "audit_entries", count=len(problems) - limit)]
    return count, problems


def _check_rows(session: Session, covered: dict[tuple[str, str], tuple[int, str]], *, sealed: bool) -> list[Problem]:
    """Each recorded row as it is now against its latest entry; and, once the chain is sealed, every user
    recorded by some entry (a user added behind windowdesk's back has none)."""
    connection = session.connection()
    problems = []
    for (table, key), (seq, digest) in covered.items():
        now = row_digest(connection, table, key)
        if now is None:
            problems.append(_finding("row_missing", table, seq, table=table, key=key, row=key))
        elif now != digest:
            problems.append(_changed(connection, table, key, seq))
    if sealed:
        for user_id, name in connection.execute(select(User.id, User.name).order_by(User.id)):
            if ("users", str(user_id)) not in covered:
                problems.append(_finding("row_uncovered", "users", key=str(user_id), name=name))
    return problems


def _changed(connection, table: str, key: str, seq: int) -> Problem:
    """A row edited outside windowdesk, named as a reader knows it: a user by name, with the role it has now
    (a raised role is the edit that matters most)."""
    if table == "users":
        user = connection.execute(select(User.name, User.role).where(User.id == int(key))).first()
        if user:
            return _finding("row_changed", table, seq, table=table, key=key, row=user.name, role=user.role)
    return _finding("row_changed", table, seq, table=table, key=key, row=key)


def check_database(store: Store) -> dict:
    """SQLite's integrity and foreign keys, the schema's revision and the audit chain, read in one snapshot.

    Reads only: safe on a damaged database and while windows keep working. The report keeps what SQLite and
    the schema say as they say it (`integrity`, `foreign_keys`, `missing_tables`, `revision`) and the findings
    as values: `problems` (the database's) and `audit.problems` (the chain's), each a domain Problem.
    """
    sqlite = store.engine.url.get_backend_name() == "sqlite"
    na = "not applicable"  # PostgreSQL keeps its own pages whole and enforces foreign keys always
    problems: list[Problem] = []
    report = {"database": store.engine.url.render_as_string(hide_password=True), "ok": False,
              "integrity": "ok" if sqlite else na, "foreign_keys": [] if sqlite else na,
              "revision": None, "head": head_revision(), "missing_tables": [], "problems": problems,
              "audit": {"entries": 0, "problems": []}}
    try:
        with _snapshot(store) as session:
            if sqlite:
                messages = session.execute(text("PRAGMA integrity_check")).scalars().all()
                report["integrity"] = "ok" if messages == ["ok"] else messages
                problems += [_finding("db_integrity", "integrity", detail=m[:200]) for m in messages if m != "ok"]
                report["foreign_keys"] = [{"table": table, "rowid": rowid, "parent": parent}
                                          for table, rowid, parent, _ in
                                          session.execute(text("PRAGMA foreign_key_check"))]
                problems += [_finding("db_orphan_row", row["table"], **row) for row in report["foreign_keys"]]
            tables = set(inspect(session.connection()).get_table_names())
            report["missing_tables"] = [t for t in REQUIRED_TABLES if t not in tables]
            problems += [_finding("db_table_missing", "missing_tables", table=t) for t in report["missing_tables"]]
            if "alembic_version" in tables:
                report["revision"] = revision = session.execute(text("SELECT version_num FROM alembic_version")
                                                                ).scalar()
                if revision is None:
                    problems.append(_finding("db_revision_missing", "revision"))
                elif revision not in _known_revisions():
                    problems.append(_finding("db_revision_unknown", "revision", revision=revision,
                                             head=report["head"]))
            if {"audit_entries", "audit_head"} <= tables:
                keys, key_problem = _keys_of(store)
                # A database before revision 0009 (a backup being vetted) has no MACs and no row digests.
                seal_columns = "mac" in {c["name"] for c in inspect(session.connection()).get_columns("audit_head")}
                entries, found = _walk_chain(session, 1000, keys, seal_columns=seal_columns)
                report["audit"] = {"entries": entries, "problems": [*key_problem, *found]}
                report["audit_key"] = {"key_id": keys.audit_key_id, "sealed_from": keys.audit_from_seq,
                                       "file": str(keys.path) if keys.path else None}
    except DBAPIError as exc:  # a file too damaged to read at all ("file is not a database", malformed)
        earlier = report["integrity"] if isinstance(report["integrity"], list) else []
        report["integrity"] = [*earlier, f"unreadable: {exc.orig}"]
        problems.append(_finding("db_unreadable", "integrity", detail=str(exc.orig)[:200]))
        return report
    report["ok"] = not problems and not report["audit"]["problems"]
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


def backup(store: Store, actor: Actor, *, out: Path | str, passphrase: str | None = None,
           force: bool = False) -> dict:
    """A consistent copy of the live SQLite database through the online backup API (admin only), sealed
    (services/backup_seal: the county-derived backup key, or `passphrase`). A database that fails SQLite's
    integrity check is refused; `out` is never the live database or its companions, never over a file unless
    `force` (adapters.out_files).

    The "db.backup" entry is committed first so that the copy holds the record of its own making; a copy
    that then fails leaves that entry behind, which records the attempt.
    """
    actor.require("admin")
    source = sqlite_path(store.engine)
    if source is None:
        raise InvalidInput("backup_needs_sqlite", "db")
    out = out_files.check_target(out, force=force)
    backup_seal.refuse_damaged(source)
    ring = store.keys
    if not passphrase and ring.county_key is None:
        raise Refused("backup_key_missing", "out")
    with store.transaction() as tx:
        entry = tx.audit(user=actor.name, action="db.backup", target=out.name[:100],
                         detail={"file": str(out.resolve()), "key": "passphrase" if passphrase else "county_key"})
    part, used = sealed_copy(source, out, ring, passphrase=passphrase)
    try:
        out_files.install(part, out, force=force)
    except FileExistsError:
        raise InvalidInput("file_exists", "out", path=str(out)) from None
    finally:
        part.unlink(missing_ok=True)
    return {"file": str(out), "bytes": out.stat().st_size, "sha256": sha256_file(out), "audit_seq": entry.seq,
            **used.to_json()}


def sealed_copy(source: Path, target: Path, ring: KeyRing, *,
                passphrase: str | None) -> tuple[Path, backup_seal.BackupKey]:
    """A consistent copy of the live database `source` sealed into a new private temporary file beside
    `target`, which the caller moves into place or deletes. The plain copy is made beside `source` (the data
    folder, the user's alone) and removed: only sealed bytes are written where `target` goes."""
    plain = _free_name(source.with_name(f".{source.name}.backup-{os.getpid()}.tmp"))
    fd, part = out_files.exclusive_temp(target)  # a fresh private name; seal_to creates it again exclusively
    os.close(fd)
    part.unlink()
    try:
        _copy(source, plain)
        return part, backup_seal.seal_to(plain, part, ring, passphrase=passphrase)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        plain.unlink(missing_ok=True)


def restore_needs_admin(db: str | None) -> bool:
    """Whether the current database works well enough that only its admin may replace it.

    A missing or unreadable database has no one to ask, so restoring over it needs no login.
    """
    live = _live_path(db)
    if not live.is_file():
        return False
    try:
        with closing(read_only_sqlite(live)) as conn:
            return conn.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active").fetchone()[0] > 0
    except sqlite3.DatabaseError:
        return False


def restore(db: str | None, file: Path | str, *, actor: Actor | None, now: datetime | None = None,
            passphrase: str | None = None, county_key: bytes | None = None) -> dict:
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
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        ring = load_keys(key_file_for(database_url(live)))
    except KeyFileError as exc:
        raise InvalidInput(exc.code, "county_key", path=str(exc.path)) from None
    encrypted = backup_seal.is_sealed(source)
    opened = (backup_seal.open_to_temporary(source, live.parent, ring, passphrase=passphrase, county_key=county_key)
              if encrypted else None)
    if not encrypted:
        backup_seal.check_plain(source)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    staging = _free_name(live.with_name(f"{live.name}.restore-{stamp}.tmp"))
    safety, readable = None, False
    try:
        try:
            _copy(opened or source, staging)
        except sqlite3.DatabaseError:
            raise Refused("not_a_windowdesk_database", "file", path=str(source)) from None
        restored_revision = _vet(source, staging, ring)
        if live.exists():
            safety, readable = _safety_copy(live, stamp)
        _replace(staging, live, into_live=readable)
    finally:
        staging.unlink(missing_ok=True)
        if opened is not None:
            opened.unlink(missing_ok=True)
    digest = sha256_file(source)
    engine = open_engine(live)
    try:
        upgrade(engine)
        store = Store(engine)
        with store.transaction() as tx:
            resealed = _adopt_chain(tx.session, store)
            tx.audit(user=actor.name if actor else NO_LOGIN, action="db.restore", target=source.name[:100],
                     detail={"file": str(source.resolve()), "sha256": digest, "encrypted": encrypted,
                             "revision": restored_revision, "safety_backup": safety.name if safety else None,
                             "resealed": resealed})
        revision = current_revision(engine)
        with store.reading() as session:
            entries = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    finally:
        engine.dispose()
    return {"file": str(source), "sha256": digest, "database": str(live),
            "safety_backup": str(safety) if safety else None, "restored_revision": restored_revision,
            "revision": revision, "audit_entries": entries}


def _vet(source: Path, staging: Path, ring: KeyRing) -> str:
    """The restored copy's revision, or Refused naming what makes the file not a sound windowdesk database.

    A chain sealed under this machine's audit key is checked with it (a backup rewritten without the key is
    refused); one sealed elsewhere, or before there were keys, is checked for its hashes and rows only."""
    store = Store(create_engine(f"sqlite:///{staging}", poolclass=NullPool), key_file=None)
    try:
        with closing(read_only_sqlite(staging)) as conn:
            try:
                sealed_by = conn.execute("SELECT key_id FROM audit_head WHERE id = 1").fetchone()
            except sqlite3.DatabaseError:
                sealed_by = None
        if sealed_by and ring.audit_key_id and sealed_by[0] == ring.audit_key_id:
            store.update_keys(ring)
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
    broken = [p for p in report["audit"]["problems"] if p.code not in ("key_missing", "key_other")]
    if broken:
        raise Refused("restore_audit_broken", "file", path=path, seq=str(broken[0].params.get("seq")))
    return report["revision"]


def _adopt_chain(session: Session, store: Store) -> str | None:
    """After a restore: a chain sealed under another machine's audit key (or under none, before revision
    0009) is taken into this machine's keeping. Its hashes and rows were vetted; its entries are sealed again
    under this machine's key, so `db check` here checks them from now on. Returns the key id it had."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    ring = store.keys
    if ring.audit_key and head.key_id == ring.audit_key_id:
        return None
    before = head.key_id or "none"
    if ring.audit_key is None:
        store.audit_key(head.last_seq + 1)
        ring = store.keys
    key = ring.audit_mac_key()
    sealed_before = session.execute(select(func.count()).select_from(AuditEntry).where(AuditEntry.mac != "")
                                    ).scalar_one()
    if sealed_before:
        for seq, digest in session.execute(select(AuditEntry.seq, AuditEntry.hash)).all():
            session.execute(update(AuditEntry).where(AuditEntry.seq == seq).values(mac=entry_mac(key, digest)))
        store.update_keys(resealed_from(ring, 1))
    else:
        store.update_keys(resealed_from(ring, head.last_seq + 1))  # the entries restored were never sealed
    head.key_id, head.mac = ring.audit_key_id, head_mac(key, head.last_seq, head.last_hash)
    return before


def _live_path(db: str | None) -> Path:
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput("restore_needs_sqlite", "db")
    return Path(url.database)


def _copy(source: Path, target: Path, *, fresh: bool = True) -> None:
    """Online backup into a new single file (rollback journal, so it can sit on read-only media); `fresh`
    False: into the empty file `target` as created (its mode kept)."""
    if fresh:
        target.unlink(missing_ok=True)
    with closing(read_only_sqlite(source)) as src, closing(sqlite3.connect(target)) as dst:
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
