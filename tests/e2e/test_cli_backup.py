"""E2E: `backup --auto [--dir DIR] [--keep N]` as a subprocess (cli.md): the day's file, then the newest N kept."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from test_cli_window import cli, refusal, template, window  # noqa: F401 (fixtures)
from windowkit import PASSWORD


def auto(tmp_path, window, *args, user="clerk"):
    return cli(tmp_path, "backup", "--auto", *args, "--db", window.path, "--json", user=user, password=PASSWORD)


def test_backup_auto_makes_the_days_file_in_backups_beside_the_database(window, tmp_path):
    done = auto(tmp_path, window)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    today = f"windowdesk-{date.today().isoformat()}.sqlite"
    folder = Path(window.path).parent / "backups"
    assert (result["file"], result["made"], result["kept"], result["removed"]) == \
        (str(folder / today), True, [today], [])
    assert (folder / today).stat().st_size > 0
    again = auto(tmp_path, window)
    assert json.loads(again.stdout)["made"] is False


def test_backup_auto_keeps_the_newest_n_in_its_folder(window, tmp_path):
    folder = tmp_path / "daily"
    folder.mkdir()
    old = [f"windowdesk-{(date.today() - timedelta(days=d)).isoformat()}.sqlite" for d in range(1, 6)]
    for name in old:
        (folder / name).write_bytes(b"an older backup")
    (folder / "keep-me.txt").write_text("not a backup")
    done = auto(tmp_path, window, "--dir", folder, "--keep", "3")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["kept"] == [f"windowdesk-{date.today().isoformat()}.sqlite", *old[:2]]
    assert result["removed"] == old[2:]
    assert sorted(p.name for p in folder.iterdir()) == sorted(["keep-me.txt", *result["kept"]])
    human = cli(tmp_path, "backup", "--auto", "--dir", folder, "--keep", "1", "--db", window.path, user="clerk",
                password=PASSWORD)
    assert human.returncode == 0 and human.stdout.splitlines() == [
        f"the day has its backup already: {folder / result['kept'][0]}", "removed 2 older backups; 1 kept"]


def test_backup_auto_refusals(window, tmp_path):
    assert refusal(auto(tmp_path, window, "--keep", "0"))["code"] == "setting_not_whole"
    both = cli(tmp_path, "backup", "--auto", str(tmp_path / "x.sqlite"), "--db", window.path, "--json",
               user="clerk", password=PASSWORD)
    assert refusal(both)["code"] == "backup_out_or_auto"
    neither = cli(tmp_path, "backup", "--db", window.path, "--json", user="admin", password=PASSWORD)
    assert refusal(neither)["code"] == "backup_out_or_auto"
    assert refusal(auto(tmp_path, window, user="nobody"))["code"] == "wrong_password"
    assert not (Path(window.path).parent / "backups").exists()
