"""E2E: `export`, `package set-key`, `package verify`, `ledger import` and `family-cap` as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from windowkit import PASSWORD, add_person, make_window

from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import mask
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import Settlement

WINDOWDESK = Path(sys.executable).parent / ("windowdesk.exe" if os.name == "nt" else "windowdesk")
KEY = "c0ffee" * 6
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


def cli(window, *args: str, user: str = "sup", stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    """`windowdesk ARGS --db WINDOW` acting as `user`; keyword arguments become WINDOWDESK_<NAME> variables."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WINDOWDESK_")}
    environment.update({"WINDOWDESK_USER": user, "WINDOWDESK_PASSWORD": PASSWORD, "WINDOWDESK_DB": window.path})
    environment.update({f"WINDOWDESK_{name.upper()}": value for name, value in env.items()})
    return subprocess.run([str(WINDOWDESK), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=environment, input=stdin, cwd=Path(window.path).parent, timeout=60, check=False)


@pytest.fixture
def desk(tmp_path):
    """LG-01 with one dibao person settled in March 2024 (the clerk's stay of cli.md): (window, id_number)."""
    window = make_window(tmp_path)
    number = add_person(window.store)
    settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=datetime(2024, 3, 12, 9))
    yield window, number
    window.store.engine.dispose()


def test_set_key_export_twice_and_verify(desk, tmp_path):
    window, _ = desk
    refused = cli(window, "export", "--period", "2024-03", "--out", tmp_path / "pkg", "--json")
    assert refused.returncode == 2 and json.loads(refused.stdout)["error"]["code"] == "county_key_missing"
    assert "未配置县级校验密钥" in refused.stderr and "package set-key" in refused.stderr

    assert cli(window, "package", "set-key", "--json", stdin=KEY + "\n").returncode == 2  # a supervisor may not
    done = cli(window, "package", "set-key", "--json", user="admin", stdin=KEY + "\n")
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == {"county_key", "key_id"} and KEY not in done.stdout

    first = cli(window, "export", "--period", "2024-03", "--out", tmp_path / "pkg", "--json")
    assert first.returncode == 0, first.stderr
    manifest = json.loads(first.stdout)
    assert (manifest["window_id"], manifest["period"], manifest["sequence"]) == ("LG-01", "2024-03", 1)
    assert {f["plain_name"]: f["rows"] for f in manifest["files"]} == {
        "settlements.csv": 1, "settlements.xlsx": 1, "enrollments.csv": 0, "enrollments.xlsx": 0,
        "monitoring.csv": 0, "monitoring.xlsx": 0}
    # The key is in the key file beside the database, readable by the user alone; never in the database.
    key_file = Path(window.path).with_suffix(".key")
    assert key_file.stat().st_mode & 0o777 == 0o600 and KEY in key_file.read_text()
    assert KEY.encode() not in Path(window.path).read_bytes()
    second = cli(window, "export", "--period", "2024-03", "--out", tmp_path / "again")
    assert second.returncode == 0 and "no. 1" in second.stdout
    for name in [f["name"] for f in manifest["files"]] + ["manifest.json"]:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "pkg" / name).read_bytes(), name

    checked = cli(window, "package", "verify", tmp_path / "pkg", "--json", user="clerk")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["ok"] is True

    opened = cli(window, "package", "open", tmp_path / "pkg", "--out", tmp_path / "plain", "--json", user="clerk")
    assert opened.returncode == 0, opened.stderr
    assert "31260.00" in (tmp_path / "plain" / "settlements.csv").read_text(encoding="utf-8-sig")
    again = cli(window, "package", "open", tmp_path / "pkg", "--out", tmp_path / "plain", "--json", user="clerk")
    assert again.returncode == 2 and json.loads(again.stdout)["error"]["code"] == "file_exists"

    settlements = tmp_path / "pkg" / "settlements.csv.sealed"
    data = bytearray(settlements.read_bytes())
    data[100] ^= 0x10
    settlements.write_bytes(bytes(data))
    altered = cli(window, "package", "verify", tmp_path / "pkg", "--json", user="clerk")
    assert altered.returncode == 2
    assert json.loads(altered.stdout)["problems"] == [
        {"code": "package_file_altered", "field": "settlements.csv.sealed",
         "message": "文件 settlements.csv.sealed 与清单的 SHA-256 不符：文件被改动过"}]
    assert "文件 settlements.csv.sealed 与清单的 SHA-256 不符" in altered.stderr
    refused = cli(window, "package", "open", tmp_path / "pkg", "--out", tmp_path / "plain-2", "--json", user="clerk")
    assert refused.returncode == 2 and json.loads(refused.stdout)["error"]["code"] == "package_file_altered"
    assert not (tmp_path / "plain-2").exists()

    bad = cli(window, "export", "--period", "2024-3", "--out", tmp_path / "x", "--json")
    assert bad.returncode == 2 and json.loads(bad.stdout)["error"] == {
        "code": "period_invalid", "field": "period", "message": "期间应为 年-月（如 2024-03），不是 2024-3"}


def test_ledger_import_of_another_windows_package(desk, tmp_path):
    window, number = desk
    other = make_window(tmp_path, window_id="LG-02")
    try:
        add_person(other.store, id_number=number, window_id="LG-02")
        settle_visit(other.store, other.clerk, id_number=number, visit=parse_visit(STAY),
                     now=datetime(2024, 3, 20, 9))
        for w, out in ((window, "lg01"), (other, "lg02")):
            # The key from WINDOWDESK_COUNTY_KEY this time.
            assert cli(w, "package", "set-key", user="admin", county_key=KEY).returncode == 0
            assert cli(w, "export", "--period", "2024-03", "--out", tmp_path / out).returncode == 0

        merged = cli(window, "ledger", "import", tmp_path / "lg02", "--json")  # a package folder: verified first
        assert merged.returncode == 0, merged.stderr
        report = json.loads(merged.stdout)
        assert (report["rows"], report["added"], report["own"], report["unknown_persons"]) == (1, 1, 0, [])
        own = cli(window, "ledger", "import", tmp_path / "lg01")
        assert own.returncode == 0 and "1 of this window skipped" in own.stdout
        with window.store.reading() as s:
            origins = sorted(s.execute(select(Settlement.origin, Settlement.window_id)).all())
        assert origins == [("county", "LG-02"), ("local", "LG-01")]
        clerk = cli(window, "ledger", "import", tmp_path / "lg02", "--json", user="clerk")
        assert clerk.returncode == 2 and json.loads(clerk.stdout)["error"]["code"] == "role_refused"
        missing = cli(window, "ledger", "import", tmp_path / "nothing.csv", "--json")
        assert missing.returncode == 2 and json.loads(missing.stdout)["error"]["code"] == "ledger_needs_package"
    finally:
        other.store.engine.dispose()


def test_family_cap_prints_the_contract_fields_and_pays_once(tmp_path):
    window = make_window(tmp_path, policy="linan-2024", window_id="LA-01")
    try:
        number = add_person(window.store, household="HA", memberships=(("destitute", date(2019, 1, 1), None),))
        # linan-2024 township stay of a destitute person: patient pays the 2000.00 out of catalogue (see
        # tests/integration/test_family_cap.py); three of them: 6000.00, 1000.00 above the cap of 5000.
        for day in (10, 20, 28):
            stay = {"kind": "inpatient", "hospital_level": "township", "in_region": True, "referred": True,
                    "admitted": f"2024-05-{day - 4:02d}", "discharged": f"2024-05-{day}", "total": "10000.00",
                    "out_of_catalog": "2000.00"}
            settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(stay),
                         now=datetime(2024, 5, day, 9))
        done = cli(window, "family-cap", "--year", "2024", "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {"year": 2024, "total": "1000.00", "payouts": [
            {"household": "HA", "category": "destitute", "self_pay": "6000.00", "cap": "5000.00",
             "payout": "1000.00", "pools": [{"pool": mask(number), "category": "destitute", "self_pay": "6000.00",
                                             "cap": "5000.00", "over": "1000.00"}]}]}
        again = cli(window, "family-cap", "--year", "2024", "--json")
        assert json.loads(again.stdout) == {"year": 2024, "total": "0.00", "payouts": []}
        human = cli(window, "family-cap", "--year", "2024")
        assert human.returncode == 0 and "0 households, total 0.00" in human.stdout
        early = cli(window, "family-cap", "--year", str(date.today().year), "--json")
        assert early.returncode == 2 and json.loads(early.stdout)["error"]["code"] == "family_cap_year_open"
    finally:
        window.store.engine.dispose()


@pytest.mark.parametrize("manifest, code", [(b"[" * 100_000 + b"]" * 100_000, "package_manifest_too_deep"),
                                            (b" " * ((1 << 20) + 1) + b"{}", "package_manifest_too_large")])
def test_a_hostile_manifest_is_a_coded_refusal_not_an_internal_error(desk, tmp_path, manifest, code):
    """Nested 100,000 deep, json.loads would overflow its recursion (exit 1); larger than any manifest, it is
    not read whole. verify reports it, open and ledger import refuse it (exit 2)."""
    from windowdesk.services.keys import set_county_key

    window, _ = desk
    set_county_key(window.store, window.admin, key_hex=KEY)
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "manifest.json").write_bytes(manifest)
    verified = cli(window, "package", "verify", package, "--json", user="clerk")
    assert verified.returncode == 2, verified.stderr
    assert [p["code"] for p in json.loads(verified.stdout)["problems"]] == [code]
    runs = (cli(window, "package", "open", package, "--out", tmp_path / "plain", "--json", user="clerk"),
            cli(window, "ledger", "import", package, "--json"))
    for done in runs:
        assert done.returncode == 2, done.stderr
        error = json.loads(done.stdout)["error"]
        assert (error["code"], error["field"]) == (code, "manifest.json")
        assert error["message"].startswith("数据包清单 manifest.json ") and error["message"] in done.stderr
    assert not (tmp_path / "plain").exists()
