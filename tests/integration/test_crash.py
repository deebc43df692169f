"""A window killed (SIGKILL) in the middle of writing: nothing half-done survives and the database stays whole."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from windowkit import PASSWORD, add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.services import auth
from windowdesk.services.export import verify_package
from windowdesk.services.keys import set_county_key
from windowdesk.services.maintenance import check_database
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import AuditEntry, ExportPackage, Person, RosterImport, Settlement, SettlementTier

CHILD = Path(__file__).with_name("crash_child.py")


pytest_plugins = ["pgkit"]  # the PostgreSQL server and database fixtures


@contextmanager
def _child(db: str, mode: str, *more: str) -> Iterator[subprocess.Popen]:
    """crash_child.py running `mode`, killed when the block ends (whatever the block asserted)."""
    child = subprocess.Popen([sys.executable, str(CHILD), db, mode, *more], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        yield child
    finally:
        _kill(child)


def _wait_for(child: subprocess.Popen, prefix: str, count: int) -> int:
    """Reads the child's lines until it reports `count` done (or, for count 0, its first such line)."""
    done = 0
    while True:
        line = child.stdout.readline()
        assert line.startswith(prefix), (line, child.stderr.read())
        done = int(line.split()[1]) if line.split()[1:] else done
        if done >= count:
            return done


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
    with _child(window.path, "bulk") as child:
        assert child.stdout.readline() == "started\n", child.stderr.read()
        # The uncommitted pages have spilled into the WAL: recovery, not luck, must discard them.
        assert wal.stat().st_size - wal_before > 1_000_000
    assert _counts(window.store) == (persons, entries) == (1, 3)
    with window.store.reading() as session:
        assert session.execute(select(Person.name)).scalars().all() == ["李四"]
        assert not session.execute(select(AuditEntry).where(AuditEntry.user == "crash")).first()
    _assert_whole_and_usable(window)
    assert _counts(window.store) == (1, 4)


def test_killed_between_and_during_commits_keeps_each_use_case_whole(window):
    persons, entries = _counts(window.store)
    with _child(window.path, "commits") as child:
        reported = _wait_for(child, "committed ", 40)
    with window.store.reading() as session:
        names = set(session.execute(select(Person.id_number)).scalars())
        targets = set(session.execute(select(AuditEntry.target).where(AuditEntry.action == "crash.person"))
                      .scalars())
    # Every commit the child reported survived, and each person came with its audit entry, never alone.
    assert len(names) >= reported
    assert names == targets
    assert _counts(window.store) == (persons + len(names), entries + len(names))
    _assert_whole_and_usable(window)


# --- roster import, settlement and export, on SQLite and on PostgreSQL ---------------------------------------


def test_killed_during_a_roster_import_applies_all_of_it_or_nothing(any_window, tmp_path):
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from bench_roster import write_csv

    roster = tmp_path / "roster.csv"
    write_csv(roster, 100_000, seed=7)
    persons, entries = _counts(any_window.store)
    with _child(any_window.path, "roster", str(roster)) as child:
        assert child.stdout.readline() == "started\n", child.stderr.read()
        time.sleep(0.8)  # well into the import's one transaction (100,000 rows take several seconds)
    after = _counts(any_window.store)
    with any_window.store.reading() as session:
        imports = session.execute(select(func.count()).select_from(RosterImport)).scalar_one()
    assert after == (persons, entries) and imports == 0, "the kill came after the import's commit: make it bigger"
    _assert_whole_and_usable(any_window)


def test_killed_while_settling_keeps_each_settlement_whole_and_numbers_gap_free(any_window):
    number = add_person(any_window.store)
    with _child(any_window.path, "settle", number) as child:
        _wait_for(child, "settled ", 5)
    with any_window.store.reading() as session:
        rows = session.execute(select(Settlement.receipt_no, Settlement.id)).all()
        tiers = session.execute(select(func.count(func.distinct(SettlementTier.settlement_id)))).scalar_one()
        created = session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "settlement.create")).scalar_one()
    assert len(rows) >= 5 and tiers == created == len(rows)  # no settlement without its lines or its entry
    assert sorted(no for no, _ in rows) == [f"LG-01-{n:08d}" for n in range(1, len(rows) + 1)]
    _assert_whole_and_usable(any_window)


def test_killed_while_exporting_leaves_a_package_that_verifies_and_a_whole_database(any_window, tmp_path):
    set_county_key(any_window.store, any_window.admin, key_hex="5a" * 32)
    number = add_person(any_window.store)
    settle_visit(any_window.store, any_window.clerk, id_number=number,
                 visit=parse_visit({"kind": "inpatient", "hospital_level": "county", "in_region": True,
                                    "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "3600.00"}),
                 now=datetime(2024, 3, 12, 9))
    folder = tmp_path / "package"
    with _child(any_window.path, "export", str(folder)) as child:
        _wait_for(child, "exported ", 2)
    with any_window.store.reading() as session:
        packages = session.execute(select(ExportPackage.period, ExportPackage.sequence)).all()
    assert packages == [("2024-03", 1)]
    # The same month exports byte-identical files, so a folder killed mid-rewrite still verifies.
    assert verify_package(any_window.store, folder)["ok"] is True
    _assert_whole_and_usable(any_window)
