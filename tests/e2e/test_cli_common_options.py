"""E2E: --db, --json and --user work before the command name as after it (cli.md: every command takes them);
given in both places, the one after the command holds; given nowhere, the environment's."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_window import ADMIN_PASSWORD, cli, refusal, template, window  # noqa: F401 (fixtures)
from windowkit import PASSWORD


def _names(done) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [u["name"] for u in json.loads(done.stdout)["users"]]


def test_db_before_the_command_is_the_database_used(window, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "windowdesk.sqlite"  # WINDOWDESK_DB: must not be touched
    done = cli(tmp_path, "--db", window.path, "user", "list", "--json", user="admin", password=PASSWORD,
               db=str(elsewhere))
    assert _names(done) == ["admin", "clerk", "sup"]
    created = tmp_path / "new.sqlite"
    done = cli(tmp_path, "--db", created, "init", "--policy", "longgang-2022", "--window", "LG-02", "--admin",
               "admin", "--json", password=ADMIN_PASSWORD, db=str(elsewhere))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"] is True and created.is_file()
    assert not elsewhere.parent.exists()


def test_json_and_user_before_the_command(window, tmp_path):
    done = cli(tmp_path, "--json", "--user", "admin", "--db", window.path, "user", "list", password=PASSWORD)
    assert _names(done) == ["admin", "clerk", "sup"]
    # --user before the command beats WINDOWDESK_USER, as after it does
    as_clerk = cli(tmp_path, "--user", "clerk", "user", "list", "--db", window.path, "--json", user="admin",
                   password=PASSWORD)
    assert refusal(as_clerk)["code"] == "role_refused"
    # a refusal with --json before the command is the contract's error document
    missing = cli(tmp_path, "--json", "--db", tmp_path / "none.sqlite", "db", "check")
    assert refusal(missing)["code"] == "database_missing"


def test_after_the_command_holds_over_before_it(window, tmp_path):
    done = cli(tmp_path, "--db", tmp_path / "none.sqlite", "--user", "clerk", "user", "list", "--db", window.path,
               "--user", "admin", "--json", password=PASSWORD)
    assert _names(done) == ["admin", "clerk", "sup"]
    assert not (tmp_path / "none.sqlite").exists()


def test_the_options_between_a_command_and_its_action(window, tmp_path):
    checked = f"sqlite:///{Path(window.path)}"
    done = cli(tmp_path, "db", "--db", window.path, "--json", "check")
    assert json.loads(done.stdout)["database"] == checked
    done = cli(tmp_path, "--db", window.path, "db", "check")
    assert done.stdout.splitlines()[0] == f"database: {checked}"
