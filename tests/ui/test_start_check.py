"""At start the window checks the database (quick_check); a damaged one is said in Chinese and the last good
backup offered (services/start_check, ui/app.check_at_start)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from windowkit import add_person

from windowdesk.services.maintenance import backup
from windowdesk.services.start_check import check_on_start
from windowdesk.ui import app as ui_app

PASSPHRASE = "start check passphrase"


def _damage(window) -> None:
    """What a bad disk or a pulled plug leaves: the header, then garbage."""
    window.store.engine.dispose()
    path = Path(window.path)
    for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        companion.unlink(missing_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)


def _names(path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM persons ORDER BY id")]


def _say(monkeypatch, answer: bool):
    said = {"asked": [], "told": []}
    monkeypatch.setattr(ui_app, "ask", lambda text: said["asked"].append(text) or answer)
    monkeypatch.setattr(ui_app, "tell", said["told"].append)
    return said


def test_a_whole_database_starts_without_a_word(qtbot, window, monkeypatch):
    said = _say(monkeypatch, True)
    assert check_on_start(window.path).ok is True
    assert ui_app.check_at_start(window.path) is True and said == {"asked": [], "told": []}


def test_a_damaged_database_is_said_in_chinese_and_the_last_good_backup_restores_it(qtbot, window, monkeypatch):
    monkeypatch.setenv("WINDOWDESK_BACKUP_PASSPHRASE", PASSPHRASE)
    add_person(window.store, name="李四")
    backups = Path(window.path).parent / "backups"
    backups.mkdir()
    (backups / "windowdesk-2024-03-11.sqlite").write_bytes(b"not a backup at all")  # a bad one is passed over
    good = backups / "windowdesk-2024-03-12.sqlite"
    backup(window.store, window.admin, out=good, passphrase=PASSPHRASE)
    (backups / "windowdesk-2024-03-11.sqlite").touch()  # newer than the good one: still not offered
    _damage(window)

    found = check_on_start(window.path)
    assert (found.ok, found.last_good_backup) == (False, str(good)) and found.messages
    said = _say(monkeypatch, True)
    assert ui_app.check_at_start(window.path) is True
    [question] = said["asked"]
    assert question.startswith(f"数据库文件已损坏（完整性检查未通过）：{window.path}")
    assert f"最近一个完好的备份：{good}\n是否用它恢复？" in question
    assert said["told"] == [f"已从备份恢复：{good}"]
    assert _names(window.path) == ["李四"] and check_on_start(window.path).ok is True
    # The damaged file is kept beside it, as it was.
    assert list(Path(window.path).parent.glob("*.before-restore-*.bak"))


def test_declined_or_without_a_backup_the_window_does_not_start(qtbot, window, monkeypatch):
    _damage(window)
    said = _say(monkeypatch, False)
    assert ui_app.check_at_start(window.path) is False
    assert said["asked"] == [] and said["told"] == [
        f"数据库文件已损坏（完整性检查未通过）：{window.path}\n\n没有找到可用的备份，请联系管理员"]
    assert ui_app.main(window.path) == 1  # main checks first: no login on a damaged file
