"""A window killed (SIGKILL) in the middle of writing: nothing half-done survives and the database stays whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from windowkit import PASSWORD, add_person

from windowdesk.services import auth
from windowdesk.services.maintenance import check_database
from windowdesk.store.models import AuditEntry, Person

CHILD = Path(__file__).with_name("crash_child.py")


def _spawn(db: str, mode: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), db, mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _kill(child: subprocess.Popen) -> None:
    child.kill()  # SIGKILL on POSIX: no handler, no rollback, no atexit runs in the child
    child.wait(timeout=10)
    child.stdout.close()
    child.stderr.close()
    if sys.platform != "win32":
        assert child.returncode == -9


def _counts(store) -> tuple[int, int]:
    with store.reading() as session:
        return (session.execute(select(func.count()).select_from(Person)).scalar_one(),
                session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def _assert_whole_and_usable(window) -> None:
    report = check_database(window.store)
    assert report["ok"], report
    auth.add_user(window.store, window.admin, name="after-crash", role="clerk", password=PASSWORD)
    assert auth.authenticate(window.store, "after-crash", PASSWORD).role == "clerk"
    assert check_database(window.store)["ok"]


def test_killed_inside_a_long_transaction_leaves_no_rows(window):
    add_person(window.store, name="李四")
    persons, entries = _counts(window.store)
    wal = Path(window.path + "-wal")
    wal_before = wal.stat().st_size if wal.exists() else 0
    child = _spawn(window.path, "bulk")
    try:
        line = child.stdout.readline()
        assert line == "started\n", child.stderr.read()
        # The uncommitted pages have spilled into the WAL: recovery, not luck, must discard them.
        assert wal.stat().st_size - wal_before > 1_000_000
    finally:
        _kill(child)
    assert _counts(window.store) == (persons, entries) == (1, 3)
    with window.store.reading() as session:
        assert session.execute(select(Person.name)).scalars().all() == ["李四"]
        assert not session.execute(select(AuditEntry).where(AuditEntry.user == "crash")).first()
    _assert_whole_and_usable(window)
    assert _counts(window.store) == (1, 4)


def test_killed_between_and_during_commits_keeps_each_use_case_whole(window):
    persons, entries = _counts(window.store)
    child = _spawn(window.path, "commits")
    try:
        reported = 0
        while reported < 40:
            line = child.stdout.readline()
            assert line.startswith("committed "), child.stderr.read()
            reported = int(line.split()[1])
    finally:
        _kill(child)
    with window.store.reading() as session:
        names = set(session.execute(select(Person.id_number)).scalars())
        targets = set(session.execute(select(AuditEntry.target).where(AuditEntry.action == "crash.person"))
                      .scalars())
    # Every commit the child reported survived, and each person came with its audit entry, never alone.
    assert len(names) >= reported
    assert names == targets
    assert _counts(window.store) == (persons + len(names), entries + len(names))
    _assert_whole_and_usable(window)
