"""E2E: `windowdesk --version` and `windowdesk self-check` as an installed office runs them (cli.md)."""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version
from pathlib import Path

from test_cli_window import cli

REPO = Path(__file__).resolve().parents[2]
STEPS = ["folder", "migrate", "roster", "enroll", "settle", "receipt", "db check"]


def test_version_is_the_packages(tmp_path):
    done = cli(tmp_path, "--version")
    assert (done.returncode, done.stdout) == (0, f"windowdesk {version('windowdesk')}\n")


def test_self_check_passes_one_line_a_step_and_leaves_nothing(tmp_path):
    done = cli(tmp_path, "self-check")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line[7:].split(": ", 1)[0] for line in lines[:-1]] == STEPS  # "ok     migrate: ..."
    assert all(line.startswith("ok ") for line in lines[:-1]) and lines[-1] == "self-check passed"
    folder = Path(lines[0].split(": ", 1)[1])
    assert not folder.exists()  # the temporary database is gone
    assert list(tmp_path.iterdir()) == []


def test_self_check_json(tmp_path):
    done = cli(tmp_path, "self-check", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and [s["step"] for s in report["steps"]] == STEPS
    assert "reimbursed 31260.00 of 36000.00" in report["steps"][4]["detail"]


def test_self_check_names_the_failing_step_and_exits_1(tmp_path):
    # An install whose demo roster went missing: the database is built, the roster step fails.
    install = tmp_path / "install"
    shutil.copytree(REPO / "resources", install / "resources")
    shutil.copytree(REPO / "db", install / "db")
    (install / "resources" / "demo" / "roster-demo.csv").unlink()
    done = cli(tmp_path, "self-check", resources=str(install / "resources"))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["ok", "ok", "FAILED"]
    assert lines[2].startswith("FAILED roster: roster_file_missing: roster-demo.csv：找不到该文件")
    assert lines[-1] == "self-check FAILED at roster"
    assert "Traceback" not in done.stderr
