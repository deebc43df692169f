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
    assert "花名册.csv" in result.stderr and json.loads(result.stdout)["error"]["code"] == "roster_columns_missing"
