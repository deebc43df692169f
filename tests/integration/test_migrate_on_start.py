"""Opening an older database migrates it to head, after backing the older file up next to it."""

from __future__ import annotations

import sqlite3

from windowkit import database_at

from windowdesk.services.setup import open_store
from windowdesk.store.migrations import current_revision, head_revision


def test_an_older_file_is_backed_up_then_migrated_to_head(tmp_path):
    path = tmp_path / "window.sqlite"
    database_at(path, "0001", {"window_id": "OLD-01"})

    store = open_store(str(path))
    try:
        assert current_revision(store.engine) == head_revision() != "0001"
    finally:
        store.engine.dispose()
    backups = list(tmp_path.glob("window.sqlite.before-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:  # the backup is the file as it was: revision 0001, its rows
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT value FROM settings WHERE key = 'window_id'").fetchone() == ("OLD-01",)


def test_a_current_file_is_opened_without_a_backup(tmp_path):
    path = tmp_path / "window.sqlite"
    database_at(path, "head")
    open_store(str(path)).engine.dispose()
    assert not list(tmp_path.glob("*.bak"))
