"""`windowdesk person` and `windowdesk enroll` as a subprocess against a window initialised by `init`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from windowkit import add_person

from windowdesk.domain.idnumber import make_valid
from windowdesk.services.setup import open_store

PASSWORD = "window-pass-1"


@pytest.fixture(autouse=True)
def credentials(monkeypatch):
    """Set before `run_cli` copies the environment (autouse fixtures come first)."""
    monkeypatch.setenv("WINDOWDESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("WINDOWDESK_USER", "admin")
    monkeypatch.setenv("WINDOWDESK_NEW_PASSWORD", "clerk-pass-2")


@pytest.fixture
def desk(run_cli, tmp_path):
    """An initialised longgang window with a clerk and a dibao person (no enrollment yet): (run, id_number)."""
    for args in (("init", "--policy", "longgang-2022", "--window", "LG-01", "--admin", "admin"),
                 ("user", "add", "clerk", "--role", "clerk")):
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr
    store = open_store(str(tmp_path / "windowdesk.sqlite"))
    try:
        number = add_person(store, name="张三", memberships=(("dibao", date(2020, 1, 1), None),), insured=None)
    finally:
        store.engine.dispose()
    return run_cli, number


def test_person_enroll_person_then_a_second_enrollment_is_refused(desk):
    run, number = desk
    done = run("person", number, "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert (shown["id_number"], shown["name"], shown["household"], shown["category_on"]) == (
        number, "张三", "H001", "dibao")
    assert shown["memberships"] == [{"category": "dibao", "identified_on": "2020-01-01", "exited_on": None}]
    assert shown["enrollments"] == []

    done = run("enroll", number, "--year", "2025", "--date", "2024-11-03", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "id_number": number, "year": 2025, "category": "dibao", "contribution": "640.00",
        "subsidy": [{"fund": "finance", "amount": "640.00"}], "person_pays": "0.00",
        "insured_from": "2025-01-01", "insured_to": "2025-12-31", "receipt_no": "LG-01-00000001"}
    enrollments = json.loads(run("person", number, "--json").stdout)["enrollments"]
    assert [(e["year"], e["receipt_no"], e["insured_from"]) for e in enrollments] == [
        (2025, "LG-01-00000001", "2025-01-01")]

    again = run("enroll", number, "--year", "2025", "--date", "2024-11-04", "--json")
    assert again.returncode == 2
    error = json.loads(again.stdout)["error"]
    assert (error["code"], error["field"]) == ("already_enrolled", "year")
    assert error["message"] == (f"{number[:6]}********{number[-4:]} 已参保：已办理 2025 年度参保（票据号 LG-01-00000001，"
                                "参保期 2025-01-01 至 2025-12-31），不能重复参保")
    assert number not in again.stdout + again.stderr

    # A year the policy (longgang-2022, in force to 2025-12-31) does not cover is refused, not settled with
    # another year's figures.
    uncovered = run("enroll", number, "--year", "2026", "--date", "2025-11-04", "--json")
    assert uncovered.returncode == 2
    assert json.loads(uncovered.stdout)["error"]["code"] == "enrollment_year_not_covered"


def test_human_output_and_refused_input(desk):
    run, number = desk
    done = run("enroll", number, "--year", "2024", "--date", "2024-04-15")
    assert done.returncode == 0, done.stderr
    assert "个人应缴 person pays: 0.00" in done.stdout and "2024-05-01 ~ 2024-12-31" in done.stdout
    bad_id = run("person", "12345", "--json")
    assert bad_id.returncode == 2 and "18" in bad_id.stderr
    bad_date = run("enroll", number, "--year", "2025", "--date", "2024-13-01", "--json")
    assert bad_date.returncode == 2 and "--date" in bad_date.stderr
    december = run("enroll", number, "--year", "2023", "--date", "2023-12-03")
    assert december.returncode == 2 and "请办理 2024 年度参保" in december.stderr


def test_unknown_person_exits_2(desk):
    run, number = desk
    other = make_valid("330383", date(1961, 5, 2), "999")  # a valid number nobody on the roster holds
    for command, extra in (("person", ()), ("enroll", ("--year", "2025", "--date", "2024-11-03"))):
        done = run(command, other, *extra, "--json")
        assert done.returncode == 2, (command, done.stderr)
        error = json.loads(done.stdout)["error"]
        assert (error["code"], error["field"]) == ("unknown_person", "id_number"), command
        assert error["message"] == f"花名册中没有身份证号为 {other[:6]}********{other[-4:]} 的人员", command
        assert error["message"] in done.stderr
        assert other not in done.stdout + done.stderr, command


def test_wrong_password_exits_2_and_shows_nothing(desk):
    run, number = desk
    for command, extra in (("person", ()), ("enroll", ("--year", "2025", "--date", "2024-11-03"))):
        # WINDOWDESK_PASSWORD holds the admin's password, not the clerk's.
        done = run(command, number, *extra, "--user", "clerk", "--json")
        assert done.returncode == 2, (command, done.stderr)
        assert json.loads(done.stdout) == {"error": {"code": "wrong_password", "field": "password",
                                                     "message": "用户名或密码错误"}}, command
        assert "用户名或密码错误" in done.stderr
        # Nothing about the person is shown (not even masked) to someone who did not log in.
        assert number not in done.stdout + done.stderr and number[-4:] not in done.stdout + done.stderr, command
        assert "张三" not in done.stdout + done.stderr, command
    # ...and nothing was written: the person is still not enrolled.
    assert json.loads(run("person", number, "--json").stdout)["enrollments"] == []
