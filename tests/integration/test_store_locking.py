"""SQLite locking: readers never wait for a writer (WAL + deferred read transactions); writers take the lock up front."""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import text

from windowdesk.services.people import get_person
from windowkit import add_person


def test_a_read_goes_through_while_another_process_holds_the_write_lock(window):
    number = add_person(window.store, name="李四")
    writer = sqlite3.connect(window.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO settings (key, value) VALUES ('probe', 'x')")
        started = time.monotonic()
        with window.store.reading() as session:
            assert get_person(session, number).name == "李四"
            # The uncommitted write is invisible to the reader.
            assert session.execute(text("SELECT count(*) FROM settings WHERE key = 'probe'")).scalar() == 0
        assert time.monotonic() - started < 2  # far below the 10 s busy timeout it would otherwise wait
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_database_is_in_wal_mode_with_full_sync_and_foreign_keys(window):
    with window.store.reading() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
