"""Tamper evidence: what someone with the database file but without the key file does, `db check` finds.

Every tampering is done as such a person would: plain sqlite3 on the file, past every service; the
"rewritten chain" recomputes every hash with SHA-256 exactly as windowdesk does, only without the audit key.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime

from windowkit import PASSWORD, add_person, audit_findings, tamper

from windowdesk.domain.case_json import parse_visit
from windowdesk.services import auth
from windowdesk.services.maintenance import check_database
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.row_digest import row_digest
from windowdesk.store.unit_of_work import GENESIS_HASH, entry_hash
from windowdesk.wording.render import message

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
NOW = datetime(2024, 3, 12, 10, 0)


def _settle(window) -> str:
    number = add_person(window.store)
    return settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW).settlement_id


def _found(window) -> list[tuple[int | None, str]]:
    return audit_findings(window.store)


def test_settlements_voids_and_users_are_recorded_and_check_whole(window):
    sid = _settle(window)
    void_settlement(window.store, window.supervisor, settlement_id=sid, reason="录入错误", now=NOW)
    auth.add_user(window.store, window.admin, name="clerk2", role="clerk", password=PASSWORD)
    report = check_database(window.store)
    assert report["ok"] is True, report["audit"]
    with closing(sqlite3.connect(window.path)) as conn:
        recorded = {row[0]: json.loads(row[1]) for row in conn.execute(
            "SELECT action, rows FROM audit_entries WHERE rows != ''")}
        macs = [mac for (mac,) in conn.execute("SELECT mac FROM audit_entries")]
    assert [(t, k) for t, k, _ in recorded["settlement.void"]] == [("reversals", "1"), ("settlements", sid)]
    assert [t for t, _, _ in recorded["user.add"]] == ["users"]
    assert all(len(mac) == 64 for mac in macs)  # every entry is sealed, from init on


def test_a_direct_edit_of_money_is_found(window):
    sid = _settle(window)
    tamper(window.path, "UPDATE settlements SET reimbursed = reimbursed + 100000 WHERE id = ?", (sid,))
    assert _found(window) == [(4, "row_changed")]
    changed = check_database(window.store)["audit"]["problems"][0]
    assert (changed.field, changed.params) == ("settlements", {"seq": 4, "table": "settlements", "key": sid,
                                                                "row": sid})
    assert message(changed) == f"数据表 settlements 中的 {sid} 与第 4 条审计记录不符（在本系统之外被改动）"


def test_an_edited_tier_line_is_found_as_its_settlement(window):
    sid = _settle(window)
    tamper(window.path, "UPDATE settlement_tiers SET paid = paid + 1 WHERE settlement_id = ? AND seq = 1", (sid,))
    assert _found(window) == [(4, "row_changed")]


def test_a_deleted_settlement_is_found(window):
    sid = _settle(window)
    with closing(sqlite3.connect(window.path)) as conn:
        conn.execute("DELETE FROM settlement_tiers WHERE settlement_id = ?", (sid,))
        conn.execute("DELETE FROM settlements WHERE id = ?", (sid,))
        conn.commit()
    assert _found(window) == [(4, "row_missing")]
    missing = check_database(window.store)["audit"]["problems"][0]
    assert message(missing) == f"第 4 条审计记录所记的数据表 settlements 中的 {sid} 已不存在（被删除）"


def test_a_raised_role_is_found(window):
    tamper(window.path, "UPDATE users SET role = 'admin' WHERE name = 'clerk'")
    assert _found(window) == [(3, "row_changed")]
    raised = check_database(window.store)["audit"]["problems"][0]
    assert (raised.params["row"], raised.params["role"]) == ("clerk", "admin")  # who, and the role it has now
    assert message(raised) == "数据表 users 中的 clerk 与第 3 条审计记录不符（在本系统之外被改动）"


def test_a_user_added_behind_windowdesk_is_found(window):
    tamper(window.path, "INSERT INTO users (name, role, password_hash, failed_logins, active, created_at) "
                      "VALUES ('mallory', 'admin', 'x', 0, 1, '2024-01-01 00:00:00')")
    assert _found(window) == [(None, "row_uncovered")]
    added = check_database(window.store)["audit"]["problems"][0]
    assert message(added) == "用户 mallory 没有任何审计记录（在本系统之外添加）"


def _rewrite_chain_without_the_key(path) -> None:
    """Recompute every entry's row digests and hash, and the head, exactly as windowdesk would: only the MACs
    cannot be made, so they are left as they were (or cleared: see the callers)."""
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        prev = GENESIS_HASH
        entries = connection.exec_driver_sql(
            "SELECT seq, at, user, action, target, detail, rows FROM audit_entries ORDER BY seq").all()
        for seq, at, user, action, target, detail, rows in entries:
            if rows:
                rows = json.dumps([[t, k, row_digest(connection, t, k)] for t, k, _ in json.loads(rows)],
                                  ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            digest = entry_hash(prev, seq, at, user, action, target, detail, rows)
            connection.exec_driver_sql("UPDATE audit_entries SET rows = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                                       (rows, prev, digest, seq))
            prev = digest
        connection.exec_driver_sql("UPDATE audit_head SET last_hash = ? WHERE id = 1", (prev,))
    engine.dispose()


def test_a_chain_rewritten_with_sha256_but_without_the_key_is_found(window):
    sid = _settle(window)
    tamper(window.path, "UPDATE settlements SET reimbursed = reimbursed + 100000 WHERE id = ?", (sid,))
    _rewrite_chain_without_the_key(window.path)
    found = _found(window)
    # The hashes link again and the rows match their (recomputed) digests: only the key's MACs tell.
    assert (4, "mac") in found and (None, "head_mac") in found
    assert {kind for _, kind in found} <= {"mac", "head_mac"}
    worded = {p.code: message(p) for p in check_database(window.store)["audit"]["problems"]}
    assert worded["mac"].endswith("审计记录的校验码（MAC）不是本机审计密钥所生成（审计链在没有密钥的情况下被改写）")
    assert worded["head_mac"] == "审计链头的校验码（MAC）不是本机审计密钥所生成（审计链在没有密钥的情况下被截短或改写）"


def test_a_rewritten_chain_with_its_macs_stripped_is_found(window):
    sid = _settle(window)
    tamper(window.path, "UPDATE settlements SET reimbursed = reimbursed + 100000 WHERE id = ?", (sid,))
    _rewrite_chain_without_the_key(window.path)
    tamper(window.path, "UPDATE audit_entries SET mac = ''")
    tamper(window.path, "UPDATE audit_head SET mac = '', key_id = ''")
    found = _found(window)
    assert [kind for _, kind in found].count("unsealed") == 4 and (None, "head_mac") in found
    unsealed = next(p for p in check_database(window.store)["audit"]["problems"] if p.code == "unsealed")
    assert message(unsealed) == (f"第 {unsealed.params['seq']} 条审计记录没有校验码（MAC），而审计链自第 1 条起已用密钥"
                                 "封存（在没有密钥的情况下被改写）")


def test_without_the_key_file_the_seal_cannot_be_checked(window):
    key_file = window.store.key_file
    key_file.rename(key_file.with_name("elsewhere.key"))
    assert _found(window) == [(None, "key_missing")]
    missing = check_database(window.store)["audit"]["problems"][0]
    assert message(missing) == (f"有 3 条审计记录已用审计密钥封存，但本机没有审计密钥（{key_file}），"
                                "无法核对其校验码")
