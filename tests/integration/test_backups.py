"""Integration: the daily backups (one file a day, the newest N kept, only their own files removed), the
window's start-up hook, when the last backup was made, and the rotating, masking log files."""

from __future__ import annotations

import logging
import sqlite3
import stat
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from windowdesk.adapters.log_files import BACKUPS, setup_logging
from windowdesk.services import backups, settings
from windowdesk.services.errors import InvalidInput
from windowdesk.services.maintenance import backup
from windowdesk.store.models import AuditEntry

DAY = date(2026, 12, 4)


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_days_backup_goes_to_backups_in_the_data_folder_once(window, tmp_path):
    result = backups.auto_backup(window.store, window.clerk, today=DAY)
    folder = tmp_path / "backups"
    assert result == {"file": str(folder / "windowdesk-2026-12-04.sqlite"), "folder": str(folder), "made": True,
                      "kept": ["windowdesk-2026-12-04.sqlite"], "removed": []}
    with sqlite3.connect(folder / "windowdesk-2026-12-04.sqlite") as copy:  # a whole database holding its entry
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT action FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone() == \
            ("db.backup.auto",)
    assert stat.S_IMODE((folder / "windowdesk-2026-12-04.sqlite").stat().st_mode) == 0o600
    again = backups.backup_on_start(window.store, window.clerk, today=DAY)  # a later start the same day
    assert again["made"] is False and names(folder) == ["windowdesk-2026-12-04.sqlite"]
    with window.store.reading() as s:
        actions = s.execute(select(AuditEntry.action).where(AuditEntry.action == "db.backup.auto")).all()
    assert len(actions) == 1


def test_rotation_keeps_the_newest_n_and_touches_nothing_else(window, tmp_path):
    folder = tmp_path / "kept"
    folder.mkdir()
    for name in ("notes.txt", "windowdesk-2026-01-01.sqlite.bak", "windowdesk-latest.sqlite", "lg-01.sqlite"):
        (folder / name).write_text("not a daily backup")
    made = [backups.auto_backup(window.store, window.clerk, folder=folder, keep=3, today=DAY + timedelta(days=i))
            for i in range(5)]
    assert [m["made"] for m in made] == [True] * 5
    assert made[-1]["kept"] == ["windowdesk-2026-12-08.sqlite", "windowdesk-2026-12-07.sqlite",
                                "windowdesk-2026-12-06.sqlite"]
    assert made[-1]["removed"] == ["windowdesk-2026-12-05.sqlite"]
    assert made[3]["removed"] == ["windowdesk-2026-12-04.sqlite"]
    assert names(folder) == ["lg-01.sqlite", "notes.txt", "windowdesk-2026-01-01.sqlite.bak",
                             "windowdesk-2026-12-06.sqlite", "windowdesk-2026-12-07.sqlite",
                             "windowdesk-2026-12-08.sqlite", "windowdesk-latest.sqlite"]


def test_the_settings_name_the_folder_and_the_count(window, tmp_path):
    folder = tmp_path / "usb" / "windowdesk"
    settings.change_settings(window.store, window.admin, {"backup_dir": str(folder), "backup_keep": 2})
    for i in range(4):
        backups.backup_on_start(window.store, window.clerk, today=DAY + timedelta(days=i))
    assert names(folder) == ["windowdesk-2026-12-06.sqlite", "windowdesk-2026-12-07.sqlite"]
    assert not (tmp_path / "backups").exists()


def test_the_default_keeps_30(window, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for i in range(34):
        (folder / f"windowdesk-{(DAY - timedelta(days=34 - i)).isoformat()}.sqlite").write_bytes(b"old")
    result = backups.auto_backup(window.store, window.clerk, today=DAY)
    assert len(result["kept"]) == 30 and len(result["removed"]) == 5
    assert result["kept"][0] == "windowdesk-2026-12-04.sqlite" and result["kept"][-1] == "windowdesk-2026-11-05.sqlite"


@pytest.mark.parametrize("keep", [0, "-3", "many", 4000])
def test_a_bad_count_is_refused_before_anything_is_made(window, tmp_path, keep):
    with pytest.raises(InvalidInput, match="setting_not_whole"):
        backups.auto_backup(window.store, window.clerk, keep=keep, today=DAY)
    assert not (tmp_path / "backups").exists()


def test_a_folder_that_cannot_be_made_is_refused(window, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidInput, match="backup_folder_unusable"):
        backups.auto_backup(window.store, window.clerk, folder=tmp_path / "file" / "sub", today=DAY)


def test_the_last_backup_is_told_from_the_audit_log(window, tmp_path):
    assert backups.last_backup(window.store) is None
    backups.auto_backup(window.store, window.clerk, today=DAY)
    last = backups.last_backup(window.store)
    assert last["auto"] is True and last["exists"] is True
    assert last["file"] == str(tmp_path / "backups" / "windowdesk-2026-12-04.sqlite")
    assert len(last["at"]) == 16 and last["at"][4] == "-"
    backup(window.store, window.admin, out=tmp_path / "by-hand.sqlite")
    assert backups.last_backup(window.store)["file"] == str((tmp_path / "by-hand.sqlite").resolve())
    (tmp_path / "by-hand.sqlite").unlink()
    assert backups.last_backup(window.store)["exists"] is False


# --- log files -------------------------------------------------------------------------------------------------

@pytest.fixture
def log_file(tmp_path):
    path = setup_logging(tmp_path)
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(path)]:
        root.removeHandler(handler)
        handler.close()


def test_logs_go_to_the_data_folder_with_id_numbers_masked(log_file, tmp_path):
    assert log_file == tmp_path / "logs" / "windowdesk.log"
    log = logging.getLogger("windowdesk.test")
    log.warning("person %s not found; old number 330383610502123 and order 12345678901234567890",
                "33038319610502123X")
    try:
        raise ValueError("330383196105021236 is bad")
    except ValueError:
        log.exception("failed")
    text = log_file.read_text("utf-8")
    assert "330383********123X" in text and "330383*****2123" in text and "330383********1236" in text
    assert "33038319610502123X" not in text and "330383196105021236" not in text
    assert "12345678901234567890" in text  # a longer run of digits is no ID number
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_the_log_rotates_and_keeps_a_few_old_files(log_file):
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_file))
    handler.maxBytes = 2000
    log = logging.getLogger("windowdesk.test")
    for i in range(400):
        log.warning("line %d of the rotation test", i)
    files = sorted(p.name for p in log_file.parent.iterdir())
    assert files == ["windowdesk.log"] + [f"windowdesk.log.{n}" for n in range(1, BACKUPS + 1)]
    assert all(p.stat().st_size <= 2100 for p in log_file.parent.iterdir())


def test_setting_up_twice_keeps_one_handler(log_file, tmp_path):
    setup_logging(tmp_path)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_file)]
    assert len(ours) == 1
