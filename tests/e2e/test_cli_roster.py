"""`windowdesk roster import` as a subprocess: the report of cli.md, dry run, idempotent re-import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from windowkit import PASSWORD, make_window

WINDOWDESK = Path(sys.executable).parent / "windowdesk"
ROSTER = Path(__file__).resolve().parents[2] / "resources" / "demo" / "roster-demo.csv"
REPORT_KEYS = {"file", "sha256", "rows", "added", "changed", "exited", "unchanged", "invalid", "applied"}


def roster_import(db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("WINDOWDESK_")},
           "WINDOWDESK_USER": "sup", "WINDOWDESK_PASSWORD": PASSWORD}
    return subprocess.run([str(WINDOWDESK), "roster", "import", *args, "--db", db, "--json"], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def test_dry_run_then_import_then_the_same_file_changes_nothing(tmp_path):
    window = make_window(tmp_path)
    window.store.engine.dispose()

    preview = roster_import(window.path, str(ROSTER), "--dry-run")
    assert preview.returncode == 0, preview.stderr
    report = json.loads(preview.stdout)
    assert set(report) >= REPORT_KEYS
    assert (report["rows"], report["added"], report["invalid"], report["applied"]) == (11, 11, [], False)

    applied = json.loads(roster_import(window.path, str(ROSTER)).stdout)
    assert (applied["added"], applied["applied"]) == (11, True)
    again = json.loads(roster_import(window.path, str(ROSTER)).stdout)
    assert (again["added"], again["changed"], again["exited"], again["unchanged"]) == (0, 0, 0, 11)


def test_an_unreadable_file_exits_2_and_names_it(tmp_path):
    window = make_window(tmp_path)
    window.store.engine.dispose()
    bad = tmp_path / "花名册.csv"
    bad.write_text("no,header,here\n1,2,3\n", encoding="utf-8")
    result = roster_import(window.path, str(bad))
    assert result.returncode == 2
    assert "花名册.csv" in result.stderr and result.stdout == ""


def test_an_apply_tied_to_the_preview_refuses_a_file_edited_since(tmp_path):
    window = make_window(tmp_path)
    window.store.engine.dispose()
    roster = tmp_path / "roster.csv"
    roster.write_bytes(ROSTER.read_bytes())
    preview = json.loads(roster_import(window.path, str(roster), "--dry-run").stdout)
    assert len(preview["changes"]["added"]) == 11 and preview["changes"]["added"][0]["row"] == 2
    assert all("*" in change["id_number"] for change in preview["changes"]["added"])

    roster.write_bytes(ROSTER.read_bytes().replace("黄丽娟".encode(), "黄丽丽".encode()))
    refused = roster_import(window.path, str(roster), "--expect-sha256", preview["sha256"])
    assert refused.returncode == 2
    error = json.loads(refused.stdout)["error"]
    assert (error["code"], error["field"]) == ("roster_file_changed", "file")
    assert error["message"].startswith("花名册文件 roster.csv 在预览后已被修改")
    again = json.loads(roster_import(window.path, str(roster), "--dry-run").stdout)
    assert again["added"] == 11  # nothing was applied

    roster.write_bytes(ROSTER.read_bytes())
    applied = roster_import(window.path, str(roster), "--expect-sha256", preview["sha256"])
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout)["added"] == 11
