"""Files (issue 13): every `--out` refuses an existing file unless --force, never writes the live database or
its companions, writes through an exclusive temporary file (no symlink followed) and renames; what the window
creates (the database and its WAL, backups, receipts, reports, packages) is readable by the user alone."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from windowkit import PASSWORD, add_person, make_window

from windowdesk.adapters import out_files
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.problems import Refusal
from windowdesk.services.export import export_period
from windowdesk.services.keys import set_county_key
from windowdesk.services.maintenance import backup
from windowdesk.services.settlement import settle_visit

from test_cli_window import cli  # the installed console script, as a subprocess

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "3600.00"}


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def window(tmp_path):
    (tmp_path / "desk").mkdir()
    built = make_window(tmp_path / "desk")
    yield built
    built.store.engine.dispose()


@pytest.fixture
def settled(window):
    number = add_person(window.store)
    made = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY),
                        now=datetime(2024, 3, 12, 10, 0))
    return made.settlement_id


def _refusal(done) -> dict:
    assert done.returncode == 2, done.stderr
    return json.loads(done.stdout)["error"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_out_onto_the_live_database_or_a_companion_is_refused(window, settled, tmp_path, suffix):
    target = window.path + suffix
    existed = os.path.lexists(target)
    for args in (("backup", target, "--force"), ("receipt", settled, "--out", target, "--force"),
                 ("report", "coverage", "--year", "2024", "--xlsx", target, "--force")):
        done = cli(tmp_path, *args, "--db", window.path, "--json", user="admin", password=PASSWORD)
        error = _refusal(done)
        assert error["code"] == "out_is_database", (args, error)
    assert Path(window.path).read_bytes()[:16] == b"SQLite format 3\x00"
    assert os.path.lexists(target) == existed  # nothing made where SQLite would look for its journal
    done = cli(tmp_path, "db", "check", "--db", window.path)
    assert done.returncode == 0, done.stdout


def test_a_hard_link_or_a_relative_path_to_the_database_is_the_database(window, settled, tmp_path, monkeypatch):
    link = tmp_path / "innocent.pdf"
    os.link(window.path, link)
    monkeypatch.chdir(Path(window.path).parent)
    for target in (link, Path(".") / Path(window.path).name, Path(window.path).parent / "." / Path(window.path).name):
        with pytest.raises(Refusal) as refused:
            backup(window.store, window.admin, out=target, force=True)
        assert refused.value.code == "out_is_database"


def test_an_existing_file_is_refused_then_replaced_with_force(window, settled, tmp_path):
    out = tmp_path / "slip.pdf"
    out.write_bytes(b"keep me")
    refused = cli(tmp_path, "receipt", settled, "--out", out, "--db", window.path, "--json", user="clerk",
                  password=PASSWORD)
    assert _refusal(refused)["code"] == "file_exists" and out.read_bytes() == b"keep me"
    done = cli(tmp_path, "receipt", settled, "--out", out, "--force", "--db", window.path, "--json", user="clerk",
               password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and mode(out) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".slip.pdf")] == []  # no temporary left


def test_a_symlink_at_the_target_is_not_followed(window, settled, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    out = tmp_path / "report.xlsx"
    out.symlink_to(victim)
    refused = cli(tmp_path, "report", "coverage", "--year", "2024", "--xlsx", out, "--db", window.path, "--json",
                  user="sup", password=PASSWORD)
    assert _refusal(refused)["code"] == "file_exists"
    done = cli(tmp_path, "report", "coverage", "--year", "2024", "--xlsx", out, "--force", "--db", window.path,
               "--json", user="sup", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert victim.read_text() == "not yours"  # the link itself was replaced, what it pointed to untouched
    assert not out.is_symlink() and out.read_bytes().startswith(b"PK") and mode(out) == 0o600


def test_a_planted_temporary_name_is_never_opened(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    names = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(out_files.secrets, "token_hex", lambda _n: next(names))
    (tmp_path / ".out.pdf.aaaaaaaaaaaa.tmp").symlink_to(victim)  # guessed by an attacker: skipped, not followed
    out_files.write_out(tmp_path / "out.pdf", b"data")
    assert (tmp_path / "out.pdf").read_bytes() == b"data" and victim.read_text() == "not yours"


def test_created_files_are_readable_by_the_user_alone(window, settled, tmp_path):
    fresh = tmp_path / "fresh" / "window.sqlite"
    done = cli(tmp_path, "init", "--db", fresh, "--policy", "longgang-2022", "--window", "W9", "--admin", "admin",
               password="admin-secret-1")
    assert done.returncode == 0, done.stderr
    assert mode(fresh) == 0o600 and mode(fresh.parent) == 0o700
    wal = fresh.with_name(fresh.name + "-wal")
    if wal.exists():
        assert mode(wal) == 0o600
    backed = tmp_path / "backup.sqlite"
    assert cli(tmp_path, "backup", backed, "--db", window.path, user="admin", password=PASSWORD,
               backup_passphrase="窗口备份口令 2026").returncode == 0
    assert mode(backed) == 0o600
    set_county_key(window.store, window.admin, key_hex="00112233445566778899aabbccddeeff")
    package = tmp_path / "package"
    export_period(window.store, window.supervisor, period="2024-03", out_dir=package, now=datetime(2024, 4, 2, 9))
    assert mode(package) == 0o700
    assert {mode(p) for p in package.iterdir()} == {0o600}
    pdf = tmp_path / "day.pdf"
    done = cli(tmp_path, "close-day", "--date", "2024-03-12", "--preview", "--pdf", pdf, "--db", window.path,
               user="clerk", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert mode(pdf) == 0o600


def test_the_write_helper_refuses_a_folder_and_a_missing_folder(tmp_path):
    with pytest.raises(Refusal) as refused:
        out_files.write_out(tmp_path, b"x")
    assert refused.value.code == "out_is_folder"
    with pytest.raises(Refusal) as refused:
        out_files.write_out(tmp_path / "no" / "x.pdf", b"x")
    assert refused.value.code == "folder_missing"
