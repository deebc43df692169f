"""db check (integrity, audit chain), backup and restore: against a real window database, tampered with by hand."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select
from windowkit import PASSWORD, add_person, audit_findings, database_at, migrate, tamper

from windowdesk.services import auth
from windowdesk.services.errors import AuthError, InvalidInput, NotInitialised, Refused
from windowdesk.domain.problems import Problem, Refusal
from windowdesk.services.maintenance import (
    NO_LOGIN,
    backup,
    check_database,
    open_for_check,
    restore,
    restore_needs_admin,
    verify_audit_chain,
)
from windowdesk.store.migrations import copy_sqlite, head_revision
from windowdesk.store.models import AuditEntry, Person
from windowdesk.store.unit_of_work import entry_hash
from windowdesk.wording.render import message

WINDOWDESK = Path(sys.executable).parent / ("windowdesk.exe" if os.name == "nt" else "windowdesk")
PASSPHRASE = "backup passphrase for the tests"  # backups are sealed: test_sealed_files.py has the keys' tests


def _backup(window, out, **kwargs):
    return backup(window.store, window.admin, out=out, passphrase=PASSPHRASE, **kwargs)


def _restore(db, file, **kwargs):
    return restore(db, file, passphrase=PASSPHRASE, **kwargs)


def _plain(window, out: Path) -> Path:
    """A plain copy as a backup made before backups were sealed (or opened with its key) would be."""
    copy_sqlite(Path(window.path), out)
    return out


def _problems(window) -> list[tuple[int | None, str]]:
    return audit_findings(window.store)


def _names(db) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM persons ORDER BY id")]


def _actions(db) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return [action for (action,) in conn.execute("SELECT action FROM audit_entries ORDER BY seq")]


# --- db check -----------------------------------------------------------------------------------------------

def test_a_fresh_window_checks_ok(window):
    report = check_database(window.store)
    assert report["ok"] is True
    assert report["integrity"] == "ok"
    assert report["foreign_keys"] == []
    assert report["missing_tables"] == []
    assert report["revision"] == report["head"] == head_revision()
    assert report["problems"] == []
    assert report["audit"] == {"entries": 3, "problems": []}  # init, user.add sup, user.add clerk


def test_an_edited_entry_is_named(window):
    tamper(window.path, "UPDATE audit_entries SET detail = '{\"role\":\"admin\"}' WHERE seq = 2")
    assert _problems(window) == [(2, "edited")]


def test_a_deleted_entry_is_a_gap(window):
    tamper(window.path, "DELETE FROM audit_entries WHERE seq = 2")
    report = check_database(window.store)
    assert report["audit"]["entries"] == 2
    assert report["audit"]["problems"] == [
        Problem("missing", "audit_entries", {"seq": 2, "entries": "2"}),
        # The entry recorded the user it added: that user now stands unrecorded.
        Problem("row_uncovered", "users", {"key": "2", "name": "sup"})]
    assert [message(p) for p in report["audit"]["problems"]] == ["第 2 条审计记录缺失（已被删除）",
                                                                 "用户 sup 没有任何审计记录（在本系统之外添加）"]


def test_deleting_the_last_entries_is_caught_by_the_head(window):
    tamper(window.path, "DELETE FROM audit_entries WHERE seq >= 2")
    report = check_database(window.store)
    assert [(p.code, p.params.get("seq")) for p in report["audit"]["problems"]] == [
        ("head", 2), ("row_uncovered", None), ("row_uncovered", None)]
    head = report["audit"]["problems"][0]
    assert head.params == {"seq": 2, "head_state": "ahead", "head_seq": 3, "last": 1}
    assert message(head) == "审计链头有误（审计记录到第 1 条）：链头所记的条数多于现有的审计记录，末尾的记录已被删除"


def test_a_changed_hash_breaks_its_entry_and_the_next_link(window):
    tamper(window.path, "UPDATE audit_entries SET hash = ? WHERE seq = 2", ("f" * 64,))
    assert _problems(window) == [(2, "edited"), (2, "mac"), (3, "link")]


def test_a_forged_entry_with_a_recomputed_hash_breaks_the_next_link(window):
    with closing(sqlite3.connect(window.path)) as conn:
        seq, at, user, action, target, _, prev, rows = conn.execute(
            "SELECT seq, at, user, action, target, detail, prev_hash, rows FROM audit_entries WHERE seq = 2").fetchone()
        detail = '{"role":"admin"}'
        conn.execute("UPDATE audit_entries SET detail = ?, hash = ? WHERE seq = 2",
                     (detail, entry_hash(prev, seq, at, user, action, target, detail, rows)))
        conn.commit()
    assert _problems(window) == [(2, "mac"), (3, "link")]  # recomputed, but without the audit key


def test_reordered_entries_are_reported_where_they_are(window):
    columns = "at, user, action, target, detail, prev_hash, hash, rows, mac"
    with closing(sqlite3.connect(window.path)) as conn:
        two = conn.execute(f"SELECT {columns} FROM audit_entries WHERE seq = 2").fetchone()
        three = conn.execute(f"SELECT {columns} FROM audit_entries WHERE seq = 3").fetchone()
        update = ("UPDATE audit_entries SET at=?, user=?, action=?, target=?, detail=?, prev_hash=?, hash=?, rows=?, "
                  "mac=? WHERE seq=?")
        conn.execute(update, (*three, 2))
        conn.execute(update, (*two, 3))
        conn.commit()
    # The MACs moved with their entries: they still match (the links and hashes do not).
    assert _problems(window) == [(2, "link"), (2, "edited"), (3, "link"), (3, "edited"), (3, "head")]


def test_many_problems_are_capped(window):
    tamper(window.path, "UPDATE audit_entries SET detail = '{}'")
    with window.store.reading() as session:
        problems = verify_audit_chain(session, limit=2)
    assert [(p.params.get("seq"), p.code) for p in problems] == [(1, "edited"), (2, "edited"), (None, "more")]
    assert message(problems[0]) == "第 1 条审计记录与其哈希值不符（已被改动）"
    assert message(problems[-1]) == "另有 2 个问题未列出"


def test_orphan_rows_are_reported(window):
    tamper(window.path, "INSERT INTO memberships (person_id, category, identified_on, updated_at) "
                      "VALUES (999, 'dibao', '2024-01-01', '2024-01-01 00:00:00')")
    report = check_database(window.store)
    assert report["ok"] is False
    assert report["foreign_keys"] == [{"table": "memberships", "rowid": 1, "parent": "persons"}]
    assert report["problems"] == [Problem("db_orphan_row", "memberships",
                                          {"table": "memberships", "rowid": 1, "parent": "persons"})]
    assert message(report["problems"][0]) == "数据表 memberships 第 1 行在 persons 表中没有对应的上级记录"
    assert report["audit"]["problems"] == []


def test_a_damaged_file_fails_the_integrity_check(window, tmp_path):
    damaged = _damaged_copy(window, tmp_path)
    store = open_for_check(str(damaged))
    try:
        report = check_database(store)
    finally:
        store.engine.dispose()
    assert report["ok"] is False
    assert "row 4 missing from index sqlite_autoindex_users_1" in report["integrity"]
    assert Problem("db_integrity", "integrity", {"detail": "row 4 missing from index sqlite_autoindex_users_1"}) \
        in report["problems"]
    assert {p.code for p in report["problems"]} == {"db_integrity"}


def test_checking_a_missing_file_creates_nothing(tmp_path):
    with pytest.raises(NotInitialised):
        open_for_check(str(tmp_path / "none.sqlite"))
    assert list(tmp_path.iterdir()) == []


def _damaged_copy(window, tmp_path) -> Path:
    """A backup whose users index no longer matches the table (a flipped byte, as a bad disk makes)."""
    auth.add_user(window.store, window.admin, name="zebra-user", role="clerk", password=PASSWORD)
    copy = _plain(window, tmp_path / "damaged.sqlite")
    with closing(sqlite3.connect(copy)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_users_1'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(copy.read_bytes())
    start = (root - 1) * page_size
    at = data.find(b"zebra-user", start, start + page_size)
    assert at > 0
    data[at] = ord("Z")
    copy.write_bytes(bytes(data))
    return copy


# --- backup -------------------------------------------------------------------------------------------------

def test_backup_holds_its_own_audit_entry_and_a_whole_copy(window, tmp_path):
    add_person(window.store, name="李四")
    out = tmp_path / "backups" / "lg-01.sqlite"
    out.parent.mkdir()
    result = _backup(window, out)
    data = out.read_bytes()
    assert result == {"file": str(out), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                      "audit_seq": 4, "encrypted": True, "key": "passphrase", "key_id": None}
    assert "李四".encode() not in data and data.startswith(b"WDSEAL")  # sealed: nothing readable on the stick
    assert sorted(p.name for p in out.parent.iterdir()) == ["lg-01.sqlite"]  # one file, no -wal beside it
    assert out.stat().st_mode & 0o077 == 0
    # Opened again, it is the whole database with the record of its own making.
    opened = tmp_path / "opened.sqlite"
    _restore(str(opened), out, actor=None)
    assert _names(opened) == ["李四"]
    assert _actions(opened) == ["init", "user.add", "user.add", "db.backup", "db.restore"]


@pytest.mark.parametrize("who", ["clerk", "supervisor"])
def test_backup_is_for_admins(window, tmp_path, who):
    actor = window.clerk if who == "clerk" else window.supervisor
    with pytest.raises(AuthError):
        backup(window.store, actor, out=tmp_path / "b.sqlite", passphrase=PASSPHRASE)
    assert not (tmp_path / "b.sqlite").exists()
    assert len(_actions(window.path)) == 3


def test_backup_never_overwrites(window, tmp_path):
    out = tmp_path / "b.sqlite"
    out.write_text("keep me")
    with pytest.raises(Refusal, match="file_exists"):
        _backup(window, out)
    with pytest.raises(Refusal, match="folder_missing"):
        _backup(window, tmp_path / "no-such-folder" / "b.sqlite")
    assert out.read_text() == "keep me"
    assert len(_actions(window.path)) == 3


# --- restore ------------------------------------------------------------------------------------------------

def test_backup_and_restore_round_trip(window, tmp_path):
    add_person(window.store, name="李四")
    saved = tmp_path / "saved.sqlite"
    _backup(window, saved)
    add_person(window.store, name="王五")  # after the backup: the restore takes it away
    result = _restore(window.path, saved, actor=window.admin)
    assert result["revision"] == result["restored_revision"] == head_revision()
    assert result["audit_entries"] == 5
    assert _names(window.path) == ["李四"]
    assert _actions(window.path) == ["init", "user.add", "user.add", "db.backup", "db.restore"]
    # The replaced database is kept whole next to the live one.
    safety = Path(result["safety_backup"])
    assert safety.parent == Path(window.path).parent and ".before-restore-" in safety.name
    assert _names(safety) == ["李四", "王五"]
    # The window's open store sees the restored database, and the chain goes on from it.
    with window.store.reading() as session:
        assert session.execute(select(Person.name)).scalars().all() == ["李四"]
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    assert (last.user, last.action, last.target) == ("admin", "db.restore", "saved.sqlite")
    assert json.loads(last.detail)["sha256"] == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert check_database(window.store)["ok"] is True


def _other_app(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('hello')")
        conn.commit()


def _empty_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 1")  # writes the header: a valid, empty database
        conn.commit()


def _unknown_revision(window, path: Path) -> None:
    _plain(window, path)
    tamper(path, "UPDATE alembic_version SET version_num = 'ffffffffffff'")


def _broken_chain(window, path: Path) -> None:
    _plain(window, path)
    tamper(path, "UPDATE audit_entries SET target = 'someone' WHERE seq = 2")


def _no_audit(window, path: Path) -> None:
    _plain(window, path)
    tamper(path, "DROP TABLE audit_entries")


@pytest.mark.parametrize("make, reason", [
    (lambda w, p: p.write_text("id_number,name\n330383196105021001,张三\n", encoding="utf-8"), "not_a_windowdesk_database"),
    (lambda w, p: p.write_bytes(b""), "not_a_windowdesk_database"),
    (lambda w, p: p.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000), "not_a_windowdesk_database"),
    (lambda w, p: _empty_sqlite(p), "restore_no_revision"),
    (lambda w, p: _other_app(p), "restore_no_revision"),
    (_unknown_revision, "restore_unknown_revision .*revision=ffffffffffff"),
    (_no_audit, "restore_missing_tables .*tables=audit_entries"),
    (_broken_chain, "restore_audit_broken .*seq=2"),
])
def test_restore_refuses_what_is_not_a_sound_windowdesk_database(window, tmp_path, make, reason):
    add_person(window.store, name="李四")
    candidate = tmp_path / "incoming" / "candidate.sqlite"
    candidate.parent.mkdir()
    make(window, candidate)
    before = (_names(window.path), _actions(window.path))
    with pytest.raises(Refused, match=reason):
        _restore(window.path, candidate, actor=window.admin)
    assert (_names(window.path), _actions(window.path)) == before
    name = Path(window.path).name  # no backup of the current database was left behind
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["LG-01.key", name, f"{name}-shm",
                                                                          f"{name}-wal"]


def test_restore_refuses_a_damaged_backup(window, tmp_path):
    damaged = _damaged_copy(window, tmp_path)
    with pytest.raises(Refused, match="restore_integrity_failed"):
        _restore(window.path, damaged, actor=window.admin)
    assert _actions(window.path) == ["init", "user.add", "user.add", "user.add"]
    assert check_database(window.store)["ok"] is True


def test_restore_over_a_working_database_needs_its_admin(window, tmp_path):
    saved = tmp_path / "saved.sqlite"
    _backup(window, saved)
    assert restore_needs_admin(window.path) is True
    with pytest.raises(AuthError, match="restore_needs_admin"):
        _restore(window.path, saved, actor=None)
    with pytest.raises(AuthError):
        _restore(window.path, saved, actor=window.supervisor)
    assert _actions(window.path) == ["init", "user.add", "user.add", "db.backup"]


def test_restore_onto_a_missing_database_needs_no_login(window, tmp_path):
    add_person(window.store, name="李四")
    saved = tmp_path / "saved.sqlite"
    _backup(window, saved)
    target = tmp_path / "new-pc" / "windowdesk.sqlite"
    assert restore_needs_admin(str(target)) is False
    result = _restore(str(target), saved, actor=None)
    assert result["safety_backup"] is None
    assert _names(target) == ["李四"]
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT user, action FROM audit_entries ORDER BY seq DESC").fetchone() == \
            (NO_LOGIN, "db.restore")
    # The new machine has its own audit key: the restored chain is sealed again under it, and checks whole.
    store = open_for_check(str(target))
    try:
        report = check_database(store)
        assert report["ok"] is True, report["audit"]
        assert report["audit_key"]["file"] == str(target.with_suffix(".key"))
    finally:
        store.engine.dispose()


def test_restore_over_an_unreadable_database_keeps_its_bytes(window, tmp_path):
    add_person(window.store, name="李四")
    saved = tmp_path / "saved.sqlite"
    _backup(window, saved)
    broken = tmp_path / "broken" / "windowdesk.sqlite"
    broken.parent.mkdir()
    garbage = b"SQLite format 3\x00" + bytes(range(256)) * 40
    broken.write_bytes(garbage)
    assert restore_needs_admin(str(broken)) is False
    result = _restore(str(broken), saved, actor=None)
    assert Path(result["safety_backup"]).read_bytes() == garbage
    assert _names(broken) == ["李四"]
    store = open_for_check(str(broken))
    try:
        assert check_database(store)["ok"] is True
    finally:
        store.engine.dispose()


def test_restore_refuses_a_missing_file_and_the_live_file_itself(window, tmp_path):
    with pytest.raises(InvalidInput, match="file_missing"):
        restore(window.path, tmp_path / "nothing.sqlite", actor=window.admin)
    with pytest.raises(InvalidInput, match="restore_from_live"):
        restore(window.path, window.path, actor=window.admin)


def test_backup_and_restore_refuse_a_server_database(window):
    with pytest.raises(InvalidInput, match="restore_needs_sqlite"):
        restore("postgresql+psycopg://u@localhost/windowdesk", window.path, actor=window.admin)


# --- the command line ---------------------------------------------------------------------------------------

def _cli(*args, user: str = "admin") -> subprocess.CompletedProcess:
    env = {**os.environ, "WINDOWDESK_USER": user, "WINDOWDESK_PASSWORD": PASSWORD,
           "WINDOWDESK_BACKUP_PASSPHRASE": PASSPHRASE}
    env.pop("WINDOWDESK_DB", None)
    return subprocess.run([str(WINDOWDESK), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=60)


def test_cli_db_check(window, tmp_path):
    done = _cli("db", "check", "--db", window.path, "--json", user="")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["problems"] == [] and report["audit"] == {"entries": 3, "problems": []}
    tamper(window.path, "UPDATE audit_entries SET user = 'nobody' WHERE seq = 3")
    done = _cli("db", "check", "--db", window.path, user="")
    assert done.returncode == 1
    assert "  第 3 条审计记录与其哈希值不符（已被改动）\n" in done.stdout and "CHECK FAILED" in done.stdout
    done = _cli("db", "check", "--db", window.path, "--json", user="")
    assert done.returncode == 1
    assert json.loads(done.stdout)["audit"]["problems"] == [
        {"seq": 3, "code": "edited", "field": "audit_entries", "params": {"seq": "3"},
         "message": "第 3 条审计记录与其哈希值不符（已被改动）"}]
    done = _cli("db", "check", "--db", tmp_path / "missing.sqlite")
    assert done.returncode == 2 and "不存在" in done.stderr


def test_cli_backup_and_restore(window, tmp_path):
    add_person(window.store, name="李四")
    out = tmp_path / "saved.sqlite"
    done = _cli("backup", out, "--db", window.path, "--user", "clerk")
    assert done.returncode == 2 and "需要管理员权限" in done.stderr and not out.exists()
    done = _cli("backup", out, "--db", window.path, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    add_person(window.store, name="王五")
    text = tmp_path / "roster.csv"
    text.write_text("id_number,name\n", encoding="utf-8")
    done = _cli("restore", text, "--db", window.path)
    assert done.returncode == 2 and "不是本系统的数据库文件" in done.stderr
    done = _cli("restore", out, "--db", window.path, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["audit_entries"] == 5
    assert _names(window.path) == ["李四"]


# --- sealed backups and the key file ------------------------------------------------------------------------

COUNTY_KEY = "7e" * 32


def test_a_damaged_database_is_not_backed_up(window, tmp_path):
    damaged = _damaged_copy(window, tmp_path)
    store = open_for_check(str(damaged))
    try:
        with pytest.raises(Refused, match="backup_integrity_failed"):
            backup(store, window.admin, out=tmp_path / "b.sqlite", passphrase=PASSPHRASE)
    finally:
        store.engine.dispose()
    assert not (tmp_path / "b.sqlite").exists()


def test_a_backup_sealed_with_the_county_key_restores_where_the_key_is(window, tmp_path):
    from windowdesk.services.keys import set_county_key

    add_person(window.store, name="李四")
    with pytest.raises(Refused, match="backup_key_missing"):  # neither a county key nor a passphrase
        backup(window.store, window.admin, out=tmp_path / "none.sqlite")
    set_county_key(window.store, window.admin, key_hex=COUNTY_KEY)
    saved = tmp_path / "saved.sqlite"
    result = backup(window.store, window.admin, out=saved)
    assert (result["key"], len(result["key_id"])) == ("county_key", 16)
    data = saved.read_bytes()
    assert COUNTY_KEY.encode() not in data and bytes.fromhex(COUNTY_KEY) not in data
    add_person(window.store, name="王五")
    restore(window.path, saved, actor=window.admin)  # the key file beside the database opens it
    assert _names(window.path) == ["李四"]
    # The key never went into the database, so the restored one has none either: only the key file holds it.
    with closing(sqlite3.connect(window.path)) as conn:
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'county_key'").fetchone() == (0,)
    # On a new machine: no key file there, so the key comes from the county (WINDOWDESK_COUNTY_KEY).
    target = tmp_path / "new-pc" / "windowdesk.sqlite"
    with pytest.raises(Refused, match="backup_key_missing"):
        restore(str(target), saved, actor=None)
    with pytest.raises(Refused, match="backup_wrong_key"):
        restore(str(target), saved, actor=None, county_key=bytes(32))
    restore(str(target), saved, actor=None, county_key=bytes.fromhex(COUNTY_KEY))
    assert _names(target) == ["李四"]


def test_a_passphrase_backup_needs_its_passphrase_and_refuses_a_flipped_byte(window, tmp_path):
    saved = tmp_path / "saved.sqlite"
    _backup(window, saved)
    target = tmp_path / "other" / "windowdesk.sqlite"
    with pytest.raises(Refused, match="backup_passphrase_needed"):
        restore(str(target), saved, actor=None)
    with pytest.raises(Refused, match="backup_wrong_key"):
        restore(str(target), saved, actor=None, passphrase="wrong")
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 4
    saved.write_bytes(bytes(data))
    with pytest.raises(Refused, match="backup_wrong_key"):
        _restore(str(target), saved, actor=None)
    assert not target.exists() and list(target.parent.iterdir()) == []  # no plain copy left behind


def test_a_plain_backup_made_before_backups_were_sealed_still_restores(window, tmp_path):
    add_person(window.store, name="李四")
    old = _plain(window, tmp_path / "old.sqlite")
    add_person(window.store, name="王五")
    result = restore(window.path, old, actor=window.admin)
    assert _names(window.path) == ["李四"] and result["audit_entries"] == 4
    assert check_database(window.store)["ok"] is True


def test_the_migration_moves_a_county_key_out_of_the_database(tmp_path):
    from sqlalchemy import create_engine

    from windowdesk.store.keyfile import load

    path = tmp_path / "old.sqlite"
    database_at(path, "0005", {"county_key": COUNTY_KEY})
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, "0009")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM settings WHERE key = 'county_key'").scalar() == 0
    engine.dispose()
    key_file = tmp_path / "old.key"
    assert load(key_file).county_key == bytes.fromhex(COUNTY_KEY)
    assert key_file.stat().st_mode & 0o777 == 0o600
