"""E2E: the CLI's error document for the README's codes, each from a real trigger: exit 2, `{"error": {"code",
"field", "message"}}` alone on stdout, the message in Chinese by default and in English with WINDOWDESK_LANG=en."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from windowkit import PASSWORD, add_person, make_window

from windowdesk.domain.idnumber import make_valid

from test_cli_window import STAY, cli, write_visit

BROKEN = "{not json"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str]:
    """A window with one insured person (2024), copied for each test."""
    built = make_window(tmp_path_factory.mktemp("errors"))
    number = add_person(built.store)
    built.store.engine.dispose()
    return Path(built.path), number


@pytest.fixture
def desk(template, tmp_path):
    path = tmp_path / "window.sqlite"
    shutil.copyfile(template[0], path)
    return str(path), template[1]


def _visit(tmp_path, **changes):
    return write_visit(tmp_path, {**STAY, **changes})


# code -> (field, a function (db, number, tmp_path) -> (args, env)); each runs the real command.
TRIGGERS = {
    "discharge_before_admission": ("visit.discharged", lambda db, n, t: (
        ["settle-visit", n, "--input", _visit(t, discharged="2024-02-28"), "--db", db], {"user": "clerk"})),
    "in_scope_negative": ("visit.total", lambda db, n, t: (
        ["settle-visit", n, "--input", _visit(t, out_of_catalog="40000.00"), "--db", db], {"user": "clerk"})),
    "not_insured": ("visit.admitted", lambda db, n, t: (
        ["settle-visit", n, "--input", _visit(t, admitted="2023-12-20", discharged="2024-01-02"), "--db", db],
        {"user": "clerk"})),
    "id_check_char": ("id_number", lambda db, n, t: (
        ["person", n[:-1] + ("0" if n[-1] != "0" else "1"), "--db", db], {})),
    "id_length": ("id_number", lambda db, n, t: (["person", "12345", "--db", db], {})),
    "unknown_person": ("id_number", lambda db, n, t: (
        ["person", make_valid("330383", __import__("datetime").date(1961, 5, 2), "999"), "--db", db], {})),
    "role_refused": ("", lambda db, n, t: (["user", "add", "newbie", "--role", "clerk", "--db", db],
                                            {"user": "clerk", "new_password": "another-pass-1"})),
    "wrong_password": ("password", lambda db, n, t: (["person", n, "--db", db],
                                                      {"user": "clerk", "password": "not-the-password"})),
    "settlement_not_found": ("ref", lambda db, n, t: (
        ["void", "00000000-0000-0000-0000-000000000000", "--reason", "x", "--db", db], {"user": "sup"})),
    "void_reason_required": ("reason", lambda db, n, t: (
        ["void", "00000000-0000-0000-0000-000000000000", "--reason", " ", "--db", db], {"user": "sup"})),
    "not_initialised": ("db", lambda db, n, t: (["person", n, "--db", str(t / "never.sqlite")], {})),
    "period_invalid": ("period", lambda db, n, t: (
        ["export", "--period", "2024-3", "--out", str(t / "pkg"), "--db", db], {"user": "sup"})),
    "malformed_json": ("input", lambda db, n, t: (
        ["settle", "--policy", "longgang-2022", "--input", _write(t, "broken.json", BROKEN)], {})),
    "policy_not_found": ("", lambda db, n, t: (
        ["settle", "--policy", "atlantis-2099", "--input", _write(t, "c.json", "{}")], {})),
    "not_an_object": ("case", lambda db, n, t: (
        ["settle", "--policy", "longgang-2022", "--input", _write(t, "c.json", "[]")], {})),
    "policy_missing": ("effective_from", lambda db, n, t: (["policy", "check", _write(t, "p.toml", 'name = "x"\n')], {})),
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_the_error_document_of_each_code(desk, tmp_path, code):
    db, number = desk
    field, trigger = TRIGGERS[code]
    args, env = trigger(db, number, tmp_path)
    env = {"user": "clerk", "password": PASSWORD, **env}
    done = cli(tmp_path, *args, "--json", **env)
    assert done.returncode == 2, done.stderr
    document = json.loads(done.stdout)
    assert list(document) == ["error"] and list(document["error"]) == ["code", "field", "message"]
    assert (document["error"]["code"], document["error"]["field"]) == (code, field)
    message = document["error"]["message"]
    assert message and "{" not in message and number not in done.stdout + done.stderr
    assert message in done.stderr  # the same words on stderr, for a person watching
    english = cli(tmp_path, *args, "--json", lang="en", **env)
    worded = json.loads(english.stdout)["error"]
    assert (worded["code"], worded["field"]) == (code, field) and worded["message"]
    assert worded["message"] != message  # translated, not the Chinese again


def test_a_bad_batch_line_prints_the_same_object_on_its_line(tmp_path):
    batch = _write(tmp_path, "cases.jsonl", BROKEN + "\n")
    done = cli(tmp_path, "settle", "--policy", "longgang-2022", "--batch", batch, "--json")
    assert done.returncode == 2
    (line,) = done.stdout.splitlines()
    assert json.loads(line)["error"]["code"] == "malformed_json_line"
