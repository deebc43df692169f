"""E2E: `windowdesk db check` as a subprocess: its findings are codes, worded in WINDOWDESK_LANG (Chinese by default)."""

from __future__ import annotations

import json

import pytest
from test_cli_window import cli
from windowkit import make_window, tamper


@pytest.fixture
def window(tmp_path):
    """A window with its key file (the chain is sealed, so the MACs are checked too)."""
    built = make_window(tmp_path)
    built.store.engine.dispose()
    return built


def _tamper(window) -> None:
    """An orphan membership, an edited entry, a raised role (sup's) and the last entry deleted (the one that
    recorded clerk), past every service."""
    for statement in ("INSERT INTO memberships (person_id, category, identified_on, updated_at) "
                      "VALUES (999, 'dibao', '2024-01-01', '2024-01-01 00:00:00')",
                      "UPDATE audit_entries SET user = 'nobody' WHERE seq = 1",
                      "UPDATE users SET role = 'admin' WHERE name = 'sup'",
                      "DELETE FROM audit_entries WHERE seq = 3"):
        tamper(window.path, statement)


AUDIT_WORDS = ["第 1 条审计记录与其哈希值不符（已被改动）",
               "审计链头有误（审计记录到第 2 条）：链头所记的条数多于现有的审计记录，末尾的记录已被删除",
               "数据表 users 中的 sup 与第 2 条审计记录不符（在本系统之外被改动）",
               "用户 clerk 没有任何审计记录（在本系统之外添加）"]


def test_db_check_json_gives_codes_and_chinese_words(window, tmp_path):
    _tamper(window)
    done = cli(tmp_path, "db", "check", "--db", window.path, "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert report["problems"] == [
        {"seq": None, "code": "db_orphan_row", "field": "memberships",
         "params": {"table": "memberships", "rowid": "1", "parent": "persons"},
         "message": "数据表 memberships 第 1 行在 persons 表中没有对应的上级记录"}]
    found = report["audit"]["problems"]
    assert [(p["seq"], p["code"], p["field"]) for p in found] == [
        (1, "edited", "audit_entries"), (3, "head", "audit_head"), (2, "row_changed", "users"),
        (None, "row_uncovered", "users")]
    assert [p["message"] for p in found] == AUDIT_WORDS
    assert found[2]["params"]["role"] == "admin"


def test_db_check_words_its_findings_in_english_when_asked(window, tmp_path):
    _tamper(window)
    done = cli(tmp_path, "db", "check", "--db", window.path, "--json", lang="en")
    report = json.loads(done.stdout)
    assert report["problems"][0]["message"] == "Row 1 of table memberships has no persons row it belongs to"
    assert [p["message"] for p in report["audit"]["problems"]] == [
        "Audit entry 1 does not match its hash (edited)",
        "The audit chain's head is wrong (the entries end at 2): it records more entries than there are: entries "
        "at the end were deleted",
        "sup in table users no longer matches audit entry 2 (edited outside windowdesk)",
        "User clerk is recorded by no audit entry (added outside windowdesk)"]
    human = cli(tmp_path, "db", "check", "--db", window.path, lang="en")
    assert human.returncode == 1
    assert "  Audit entry 1 does not match its hash (edited)\n" in human.stdout
    assert "foreign keys: 1 orphan rows\n  Row 1 of table memberships has no persons row it belongs to\n" \
        in human.stdout


def test_db_check_human_report_in_chinese(window, tmp_path):
    done = cli(tmp_path, "db", "check", "--db", window.path)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "ok"
    _tamper(window)
    lines = cli(tmp_path, "db", "check", "--db", window.path).stdout.splitlines()
    assert lines[lines.index("foreign keys: 1 orphan rows") + 1] == "  数据表 memberships 第 1 行在 persons 表中没有对应的上级记录"
    assert lines[lines.index("audit chain: 2 entries, BROKEN") + 1:] == [*(f"  {m}" for m in AUDIT_WORDS),
                                                                       "CHECK FAILED"]
