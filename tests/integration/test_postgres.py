"""PostgreSQL: the services exactly as on SQLite, and windows sharing one county database at the same moment."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, text, update
from windowkit import PASSWORD, add_person, audit_findings

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.visit import YTD_MONEY_FIELDS
from windowdesk.services import auth, ledger
from windowdesk.services import closing as closing_service
from windowdesk.services import export as export_service
from windowdesk.services import package_files
from windowdesk.services import settlement as settlement_service
from windowdesk.services.closing import close_day
from windowdesk.services.enrollment import enroll
from windowdesk.domain.problems import Refusal
from windowdesk.services.errors import AuthError, InvalidInput, Refused
from windowdesk.services.export import export_period, verify_package
from windowdesk.services.keys import set_county_key
from windowdesk.services.maintenance import check_database
from windowdesk.services.receipts import print_settlement
from windowdesk.services.settlement import settle_visit, trial_settlement, void_settlement
from windowdesk.services.setup import initialise, open_store
from windowdesk.services.window import next_receipt_no
from windowdesk.store.database import open_engine
from windowdesk.store.migrations import alembic_config, current_revision, head_revision, upgrade
from windowdesk.store.models import (
    AuditEntry,
    DayClosing,
    Enrollment,
    ReceiptCounter,
    Settlement,
)

pytest_plugins = ["pgkit"]  # the server and database fixtures
D = Decimal
NOW = datetime(2024, 3, 12, 10, 0)
LATER = datetime(2024, 6, 1, 10, 0)  # after the later stays' discharges (a future one is refused)
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
# Basic pays (240600 - 600 deductible) * 0.75 = 180000.00: two of them would pass the 300,000 annual cap.
BIG = {**STAY, "total": "240600.00", "out_of_catalog": "0.00", "partial_self_pay": "0.00"}
BASIC_CAP = D("300000.00")
KEY = "00112233445566778899aabbccddeeff"


def visit(base=STAY, **changes):
    return parse_visit({**base, **changes})


def settlements(store) -> list[Settlement]:
    with store.reading() as s:
        return list(s.execute(select(Settlement).order_by(Settlement.receipt_no)).scalars())


def audit_count(store) -> int:
    with store.reading() as s:
        return s.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def assert_chain_whole(store, entries: int) -> None:
    report = check_database(store)
    assert report["ok"], report
    assert (report["integrity"], report["audit"]) == ("not applicable", {"entries": entries, "problems": []})


def assert_serial(rows: list[Settlement]) -> None:
    """Each settlement read as year-to-date exactly what the ones numbered before it added: as if one after another."""
    running = {name: D("0.00") for name in YTD_MONEY_FIELDS}
    for row in rows:
        assert row.snapshot["ytd_before"] == {**{k: f"{v:.2f}" for k, v in running.items()}, "rehab_months": []}
        for name in YTD_MONEY_FIELDS:
            running[name] += getattr(row, f"ytd_{name}")


def lock_waiters(store) -> int:
    """Sessions of this database blocked on a lock right now."""
    with store.engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                              "AND wait_event_type = 'Lock'")).scalar_one()


def hold(store, until, timeout: float = 30) -> None:
    """Hold this window until `until()` or until another session waits on a lock (the serialising case)."""
    deadline = time.monotonic() + timeout
    while not until() and lock_waiters(store) == 0:
        assert time.monotonic() < deadline, "the other window neither went ahead nor waited on a lock"
        time.sleep(0.01)


# --- the same code as on SQLite


def test_init_migrates_an_empty_database_and_downgrade_and_upgrade_round_trip(pg_url):
    result = initialise(pg_url, policy="longgang-2022", window_id="LG-01", name="县医保中心", admin="admin",
                        password=PASSWORD)
    assert (result["created"], result["window_id"], result["policy"]) == (True, "LG-01", "longgang-2022")
    engine = open_engine(pg_url)
    try:
        assert current_revision(engine) == head_revision()
        columns = {c["name"]: c["type"].__class__.__name__ for c in inspect(engine).get_columns("settlements")}
        assert (columns["total"], columns["snapshot"], columns["admitted"]) == ("BIGINT", "TEXT", "DATE")
        again = initialise(pg_url, policy=None, window_id=None, name="县医保中心一号窗口", admin="admin",
                           password=PASSWORD)
        assert (again["created"], again["changed"]) == (False, ["window_name"])
        assert again["window_name"] == "县医保中心一号窗口"

        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert inspect(engine).get_table_names() == ["alembic_version"]
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert "audit_head" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_users_passwords_and_lockout(pg_window):
    store = pg_window.store
    assert auth.authenticate(store, "clerk", PASSWORD) == auth.Actor("clerk", "clerk")
    for _ in range(4):
        with pytest.raises(AuthError, match="wrong_password"):
            auth.authenticate(store, "clerk", "wrong-password", now=NOW)
    with pytest.raises(AuthError, match="wrong_password_locked .*minutes=15"):
        auth.authenticate(store, "clerk", "wrong-password", now=NOW)
    with pytest.raises(AuthError, match="account_locked .*until="):
        auth.authenticate(store, "clerk", PASSWORD, now=NOW)
    with pytest.raises(InvalidInput, match="user_exists"):
        auth.add_user(store, pg_window.admin, name="clerk", role="clerk", password="another-pass-1")
    with store.reading() as s:
        actions = s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
    assert actions == ["init", "user.add", "user.add"] + ["login.failed"] * 4 + ["login.locked", "login.refused"]
    assert_chain_whole(store, 9)


def test_year_to_date_across_visits_with_a_void(pg_window):
    store = pg_window.store
    number = add_person(store, name="李四")
    first = settle_visit(store, pg_window.clerk, id_number=number, visit=visit(), now=NOW)
    second = settle_visit(store, pg_window.clerk, id_number=number,
                          visit=visit(admitted="2024-04-01", discharged="2024-04-10"), now=LATER)
    one, two = settlements(store)
    # By hand (as test_settlement_store): basic 24300, assistance 6960, patient 4740; the second stay's
    # critical base 8700 -> 17400 passes the tilt deductible 10000: critical 5920, assistance 2224.
    assert (one.basic, one.critical, one.assistance, one.patient_pays) == \
        (D("24300.00"), D("0.00"), D("6960.00"), D("4740.00"))
    assert (two.critical, two.assistance, two.patient_pays) == (D("5920.00"), D("2224.00"), D("3556.00"))
    assert two.snapshot["ytd_before"]["critical_base"] == "8700.00"

    void_settlement(store, pg_window.supervisor, settlement_id=first.settlement_id, reason="重复结算", now=NOW)
    third = settle_visit(store, pg_window.clerk, id_number=number,
                         visit=visit(admitted="2024-05-01", discharged="2024-05-10"), now=LATER)
    rows = {r.id: r for r in settlements(store)}
    assert rows[first.settlement_id].voided is True
    # Only visit 2 counts now, so visit 3 settles exactly as visit 2 did.
    r3 = rows[third.settlement_id]
    assert (r3.critical, r3.assistance, r3.patient_pays) == (D("5920.00"), D("2224.00"), D("3556.00"))
    assert (second.receipt_no, third.receipt_no) == ("LG-01-00000002", "LG-01-00000003")
    with store.reading() as s:
        ytd = ledger.year_to_date(s, r3.person_id, 2024)
    assert (ytd.basic_paid, ytd.critical_base, ytd.critical_paid) == (D("48600.00"), D("17400.00"), D("11840.00"))
    assert_chain_whole(store, 3 + 4)


def test_trial_then_confirm_and_a_settlement_in_between_on_postgresql(pg_window):
    store, clerk = pg_window.store, pg_window.clerk
    number = add_person(store)
    first = trial_settlement(store, clerk, id_number=number, visit=visit(), now=NOW)
    assert (first.result.reimbursed, first.result.patient_pays) == (D("31260.00"), D("4740.00"))
    with store.reading() as s:
        assert s.execute(select(func.count()).select_from(Settlement)).scalar_one() == 0
    settled = settle_visit(store, clerk, id_number=number, visit=visit(), now=NOW, basis=first.basis)
    assert settled.result == first.result and settled.receipt_no == "LG-01-00000001"
    later = visit(admitted="2024-04-01", discharged="2024-04-10")
    stale = trial_settlement(store, clerk, id_number=number, visit=later, now=LATER)
    settle_visit(store, pg_window.supervisor, id_number=number, visit=later, now=LATER)  # another window
    with pytest.raises(Refusal, match="year_to_date_changed"):
        settle_visit(store, clerk, id_number=number, visit=later, now=LATER, basis=stale.basis)
    with store.reading() as s:
        assert s.get(ReceiptCounter, "LG-01").next_number == 3  # the refused one used no number


def test_enrollment_settlement_and_printing_share_one_gap_free_series(pg_window):
    store, clerk = pg_window.store, pg_window.clerk
    newcomer = add_person(store, name="王五", memberships=(("destitute", date(2019, 6, 1), None),), insured=None)
    enrolled = enroll(store, clerk, id_number=newcomer, year=2025, on=date(2024, 10, 15), now=NOW)
    assert enrolled.to_json() == {
        "id_number": newcomer, "year": 2025, "category": "destitute", "contribution": "640.00",
        "subsidy": [{"fund": "finance", "amount": "640.00"}], "person_pays": "0.00",
        "insured_from": "2025-01-01", "insured_to": "2025-12-31", "receipt_no": "LG-01-00000001"}
    with pytest.raises(Refusal, match="already_enrolled"):
        enroll(store, clerk, id_number=newcomer, year=2025, on=date(2024, 10, 16), now=NOW)
    settled = settle_visit(store, clerk, id_number=add_person(store), visit=visit(), now=NOW)
    assert settled.receipt_no == "LG-01-00000002"

    original = print_settlement(store, clerk, copy="paper", settlement_id=settled.settlement_id, now=NOW)
    copy = print_settlement(store, clerk, copy="paper", settlement_id=settled.settlement_id, reprint=True, now=NOW)
    assert (original.copy_no, copy.copy_no, original.pdf[:5]) == (1, 2, b"%PDF-")
    with store.reading() as s:
        assert s.get(ReceiptCounter, "LG-01").next_number == 3
        assert s.execute(select(Enrollment.receipt_no).where(Enrollment.window_id == "LG-01",
                                                             Enrollment.created_by == "clerk")).scalars().all() == \
            ["LG-01-00000001"]
    assert_chain_whole(store, 3 + 4)


def test_day_closing_sums_the_day_and_freezes_it(pg_window):
    store, clerk = pg_window.store, pg_window.clerk
    number = add_person(store)
    settle_visit(store, clerk, id_number=number, visit=visit(), now=NOW)
    voided = settle_visit(store, clerk, id_number=number, visit=visit(admitted="2024-03-05", discharged="2024-03-11"),
                          now=NOW)
    void_settlement(store, pg_window.supervisor, settlement_id=voided.settlement_id, reason="录入错误", now=NOW)
    closed = close_day(store, clerk, clerk=None, day=NOW.date(), now=datetime(2024, 3, 12, 17, 30))
    refund = voided.result.patient_pays
    assert (closed["settlements"]["count"], len(closed["voids"]), closed["cash_refunded"]) == (2, 1, f"{refund:.2f}")
    assert closed["net_cash"] == "4740.00"
    with pytest.raises(Refused, match="day_closed"):
        settle_visit(store, clerk, id_number=number, visit=visit(), now=NOW)
    with store.reading() as s:
        assert s.execute(select(DayClosing.summary)).scalar_one() == {k: v for k, v in closed.items()
                                                                      if k not in ("closed_at", "closed_by")}
    assert_chain_whole(store, 3 + 4)


def test_monthly_export_is_signed_verifiable_and_byte_identical_again(pg_window, tmp_path):
    store = pg_window.store
    set_county_key(store, pg_window.admin, key_hex=KEY)
    number = add_person(store)
    settle_visit(store, pg_window.clerk, id_number=number, visit=visit(), now=datetime(2024, 3, 12, 9))
    first = export_period(store, pg_window.supervisor, period="2024-03", out_dir=tmp_path / "a",
                          now=datetime(2024, 4, 2, 9))
    again = export_period(store, pg_window.supervisor, period="2024-03", out_dir=tmp_path / "b",
                          now=datetime(2024, 4, 3, 9))
    assert first == again and first["sequence"] == 1
    assert {f["plain_name"]: f["rows"] for f in first["files"]}["settlements.csv"] == 1
    sealed_file = "settlements.csv.sealed"
    assert (tmp_path / "a" / sealed_file).read_bytes() == (tmp_path / "b" / sealed_file).read_bytes()
    assert verify_package(store, tmp_path / "a")["ok"] is True
    assert_chain_whole(store, 3 + 4)


def test_the_check_finds_edited_money_a_deleted_settlement_and_a_raised_role(pg_window):
    """The row digests read back through the same column types on PostgreSQL: a whole window checks ok, and each
    tampering (as someone with the server's password would do it, past the services) is found."""
    store = pg_window.store
    first = settle_visit(store, pg_window.clerk, id_number=add_person(store), visit=visit(), now=NOW)
    second = settle_visit(store, pg_window.clerk, id_number=add_person(store), visit=visit(), now=NOW)
    void_settlement(store, pg_window.supervisor, settlement_id=second.settlement_id, reason="录入错误", now=NOW)
    assert_chain_whole(store, 3 + 3)
    with store.engine.begin() as connection:
        connection.execute(update(Settlement).where(Settlement.id == first.settlement_id)
                           .values(reimbursed=Settlement.reimbursed + 1000))
        connection.execute(text("DELETE FROM settlement_tiers WHERE settlement_id = :id"), {"id": second.settlement_id})
        connection.execute(text("DELETE FROM reversals WHERE settlement_id = :id"), {"id": second.settlement_id})
        connection.execute(text("DELETE FROM settlements WHERE id = :id"), {"id": second.settlement_id})
        connection.execute(text("UPDATE users SET role = 'admin' WHERE name = 'clerk'"))
    assert sorted(audit_findings(store)) == [
        (3, "row_changed"), (4, "row_changed"), (6, "row_missing"), (6, "row_missing")]


def test_the_check_finds_an_edited_audit_entry(pg_window):
    store = pg_window.store
    settle_visit(store, pg_window.clerk, id_number=add_person(store), visit=visit(), now=NOW)
    with store.engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 4).values(detail='{"receipt_no":"forged"}'))
    assert audit_findings(store) == [(4, "edited")]


# --- windows sharing the database at the same moment


def test_two_windows_settling_the_same_person_at_once_stay_serial(pg_window):
    """Two windows (two engines, as two PCs) each settle three costly stays for one person at the same time."""
    number = add_person(pg_window.store)
    windows = [pg_window.store, open_store(pg_window.path)]
    start = threading.Barrier(2)

    def work(store):
        start.wait(timeout=30)
        return [settle_visit(store, pg_window.clerk, id_number=number, visit=visit(BIG), now=NOW).receipt_no
                for _ in range(3)]

    try:
        with ThreadPoolExecutor(2) as pool:
            receipts = [n for f in [pool.submit(work, store) for store in windows] for n in f.result()]
    finally:
        windows[1].engine.dispose()
    assert sorted(receipts) == [f"LG-01-{n:08d}" for n in range(1, 7)]
    rows = settlements(pg_window.store)
    assert [r.basic for r in rows] == [D("180000.00"), D("120000.00")] + [D("0.00")] * 4
    assert sum(r.ytd_basic_paid for r in rows) == BASIC_CAP
    assert sum(r.ytd_assistance_paid for r in rows) <= D("100000.00")
    assert_serial(rows)
    assert_chain_whole(pg_window.store, 3 + 6)


def test_race_same_person_same_moment_second_window_reads_the_first_ones_year_to_date(pg_window, monkeypatch):
    """Both windows reach the year-to-date read together: without a lock on the person both would read zero
    and pay 180,000 each, over the 300,000 cap; the person's row lock makes the second wait and read 180,000."""
    number = add_person(pg_window.store)
    windows = [pg_window.store, open_store(pg_window.path)]
    real = settlement_service.year_to_date
    reads = []

    def year_to_date(session, person_id, year, **months):
        before = real(session, person_id, year, **months)
        reads.append(before)
        hold(pg_window.store, lambda: len(reads) == 2)
        return before

    monkeypatch.setattr(settlement_service, "year_to_date", year_to_date)
    try:
        with ThreadPoolExecutor(2) as pool:
            futures = [pool.submit(settle_visit, store, pg_window.clerk, id_number=number, visit=visit(BIG), now=NOW)
                       for store in windows]
            [f.result() for f in futures]
    finally:
        windows[1].engine.dispose()
    rows = settlements(pg_window.store)
    assert [r.basic for r in rows] == [D("180000.00"), D("120000.00")]
    assert_serial(rows)
    assert_chain_whole(pg_window.store, 3 + 2)


def test_race_two_windows_take_the_first_number_of_a_new_series(pg_window):
    """Neither window finds the series' counter row; both create it. The second must wait and take number 2."""
    other = open_store(pg_window.path)
    taken = threading.Event()

    def second_window():
        with other.transaction() as tx:
            number = next_receipt_no(tx.session)
            taken.set()
        return number

    try:
        with ThreadPoolExecutor(1) as pool:
            with pg_window.store.transaction() as tx:
                assert next_receipt_no(tx.session) == "LG-01-00000001"
                tx.session.flush()
                second: Future = pool.submit(second_window)
                hold(pg_window.store, taken.is_set)
            assert second.result(timeout=30) == "LG-01-00000002"
    finally:
        other.engine.dispose()
    with pg_window.store.reading() as s:
        assert s.get(ReceiptCounter, "LG-01").next_number == 3


def test_race_a_settlement_in_flight_when_the_day_is_closed_is_in_the_closing(pg_window, monkeypatch):
    number = add_person(pg_window.store)
    supervisor_window = open_store(pg_window.path)
    real = settlement_service.year_to_date
    reached, closing = threading.Event(), []

    def year_to_date(session, person_id, year, **months):
        before = real(session, person_id, year, **months)
        reached.set()  # the settlement is past its closed-day check; now the supervisor closes the day
        hold(pg_window.store, lambda: bool(closing) and closing[0].done())
        return before

    monkeypatch.setattr(settlement_service, "year_to_date", year_to_date)
    try:
        with ThreadPoolExecutor(2) as pool:
            settling = pool.submit(settle_visit, pg_window.store, pg_window.clerk, id_number=number, visit=visit(),
                                   now=NOW)
            assert reached.wait(30)
            closing.append(pool.submit(close_day, supervisor_window, pg_window.supervisor, clerk="clerk",
                                       day=NOW.date(), now=datetime(2024, 3, 12, 17)))
            settling.result()
            closed = closing[0].result()
    finally:
        supervisor_window.engine.dispose()
    assert closed["settlements"]["count"] == len(settlements(pg_window.store)) == 1
    assert closed["cash_collected"] == "4740.00"


def test_race_a_settlement_started_while_the_day_is_being_closed_is_refused(pg_window, monkeypatch):
    number = add_person(pg_window.store)
    supervisor_window = open_store(pg_window.path)
    real = closing_service.day_summary
    summed, settling = threading.Event(), []

    def day_summary(session, clerk, day):
        summary = real(session, clerk, day)
        summed.set()  # the closing has summed the day; now the clerk settles on it
        hold(pg_window.store, lambda: bool(settling) and settling[0].done())
        return summary

    monkeypatch.setattr(closing_service, "day_summary", day_summary)
    try:
        with ThreadPoolExecutor(2) as pool:
            closing = pool.submit(close_day, supervisor_window, pg_window.supervisor, clerk="clerk", day=NOW.date(),
                                  now=datetime(2024, 3, 12, 17))
            assert summed.wait(30)
            settling.append(pool.submit(settle_visit, pg_window.store, pg_window.clerk, id_number=number,
                                        visit=visit(), now=NOW))
            closed = closing.result()
            with pytest.raises(Refused, match="day_closed"):
                settling[0].result()
    finally:
        supervisor_window.engine.dispose()
    assert closed["settlements"]["count"] == len(settlements(pg_window.store)) == 0
    assert_chain_whole(pg_window.store, 3 + 1)


def test_race_two_supervisors_export_two_months_at_once(pg_window, monkeypatch, tmp_path):
    """Both would read the same highest sequence and number their packages alike; the second must wait."""
    store = pg_window.store
    set_county_key(store, pg_window.admin, key_hex=KEY)
    other = open_store(pg_window.path)
    real = package_files.write_atomically
    writing = set()

    def write_atomically(path, data):
        writing.add(path.parent)
        hold(store, lambda: len(writing) == 2)
        real(path, data)

    monkeypatch.setattr(package_files, "write_atomically", write_atomically)
    try:
        with ThreadPoolExecutor(2) as pool:
            futures = [pool.submit(export_period, window, pg_window.supervisor, period=period,
                                   out_dir=tmp_path / period, now=datetime(2024, 4, 2, 9))
                       for window, period in ((store, "2024-02"), (other, "2024-03"))]
            manifests = [f.result() for f in futures]
    finally:
        other.engine.dispose()
    assert sorted(m["sequence"] for m in manifests) == [1, 2]
    assert all(verify_package(store, tmp_path / m["period"])["ok"] for m in manifests)
    assert_chain_whole(store, 3 + 1 + 2)


def test_roster_import_applies_then_changes_nothing_on_postgresql(pg_window, tmp_path):
    """The staging-table import (temporary table, UPDATE ... FROM) is portable SQL: the same report as on SQLite."""
    from pathlib import Path

    from windowdesk.services.roster_sync import import_roster

    roster = Path(__file__).resolve().parents[2] / "resources" / "demo" / "roster-demo.csv"
    first = import_roster(pg_window.store, pg_window.supervisor, path=roster)
    assert (first.rows, first.added, first.invalid, first.applied) == (11, 11, (), True)
    changed = tmp_path / "roster-changed.csv"
    changed.write_text(roster.read_text(encoding="utf-8-sig").replace("13857701000", "13957700000"),
                       encoding="utf-8")
    second = import_roster(pg_window.store, pg_window.supervisor, path=changed)
    assert (second.added, second.changed, second.exited, second.unchanged) == (0, 1, 0, 10)


def test_roster_conflicts_are_decided_as_on_sqlite_on_postgresql(pg_window, tmp_path):
    """Rows of one ID are read through a server-side cursor and decided in Python: the same rejections."""
    from test_roster_import import PERSON_INVALID, PERSON_ROWS, RULES_INVALID, RULES_ROWS, invalid_of, write_csv

    from windowdesk.services.roster_sync import import_roster

    # Row numbers of the second part follow the first file's: they are checked per file.
    for rows, invalid, added in ((RULES_ROWS, RULES_INVALID, 5), (PERSON_ROWS, PERSON_INVALID, 4)):
        report = import_roster(pg_window.store, pg_window.supervisor, path=write_csv(tmp_path / "r.csv", rows),
                               dry_run=True)
        assert (invalid_of(report), report.added) == (invalid, added)


def test_the_reports_say_the_same_on_postgresql_as_on_sqlite(pg_window, tmp_path):
    """Every report over the reports' dataset (tests/reportkit.py) on both databases: the same rows."""
    from reportkit import dataset, fill

    from windowdesk.services.reports.run import run_report
    from windowdesk.services.reports.scope import plain

    on_sqlite, people = dataset(tmp_path, policy="longgang-2022")
    _, pg_people = fill(pg_window)
    now = datetime(2025, 2, 3, 9, 30)

    def reports(window, numbers):
        found = []
        for name, by in (("coverage", "category"), ("coverage", "month"), ("coverage", "town"),
                         ("coverage", "hospital"), ("out-of-catalog", "category"), ("monitoring", "category"),
                         ("ledger", "category"), ("unenrolled", "category")):
            got = plain(run_report(window.store, window.supervisor, name=name, year=2024, by=by, now=now))
            text = repr(got)
            for letter, number in numbers.items():  # the ID numbers differ between the two windows
                text = text.replace(number, letter)
            text = re.sub(r"'settlement_id': '[0-9a-f-]{36}'", "'settlement_id': ...", text)  # so do the UUIDs
            found.append(text)
        return found

    sqlite_reports = reports(on_sqlite, people)
    on_sqlite.store.engine.dispose()
    assert reports(pg_window, pg_people) == sqlite_reports
    assert "'coverage_rate': '0.3378'" in sqlite_reports[0]
