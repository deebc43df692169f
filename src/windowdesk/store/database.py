"""Opening the database: a SQLite file (WAL, synchronous=FULL, foreign keys, busy timeout) or a SQLAlchemy URL."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from ..adapters import out_files

BUSY_TIMEOUT_MS = 10_000
READ_ONLY = "windowdesk_read_only"  # execution option: this transaction only reads


def default_db_path() -> Path:
    """The per-user data folder's windowdesk.sqlite (env WINDOWDESK_DB overrides, read by the callers)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "windowdesk" / "windowdesk.sqlite"


def database_url(db: str | os.PathLike | None) -> str:
    """A plain path means SQLite; anything with '://' is a SQLAlchemy URL."""
    if db is None:
        db = default_db_path()
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def read_only_sqlite(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection that cannot write (a check, a copy's source, a backup being vetted)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def open_engine(db: str | os.PathLike | None = None, *, create_dir: bool = True) -> Engine:
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        path = Path(url.database)
        if create_dir:
            # Readable by the user alone: the file is made 0600 before SQLite opens it, and SQLite gives its
            # -wal and -shm the database's own mode.
            out_files.private_folder(path.parent)
            out_files.create_private_file(path)
        out_files.protect(path)  # never the target of an --out
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # We issue BEGIN ourselves (below): pysqlite's own deferred BEGIN would let two writers
        # both read, then fail to upgrade their lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        # A writer takes the write lock up front (IMMEDIATE); a reader begins deferred, so in WAL
        # mode it never waits for a writer.
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine
