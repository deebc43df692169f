"""E2E (issue 13): bounded, strict input. Whatever a case file, a batch line or an option holds, the answer is a
result or a refusal with a code (exit 2), never an internal error (exit 1); a batch keeps one line per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from windowkit import PASSWORD, add_person

from windowdesk.cli.json_input import MAX_DEPTH, MAX_DOCUMENT_BYTES

from test_cli_window import STAY, cli, refusal, window, template, write_visit  # noqa: F401 - fixtures

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = str(REPO / "tests" / "fixtures" / "example-2024.toml")
CASE = {"person": {"category": "dibao"}, "visit": STAY}


def _settle(tmp_path, document: str | bytes):
    path = tmp_path / "case.json"
    path.write_bytes(document if isinstance(document, bytes) else document.encode())
    return cli(tmp_path, "settle", "--policy", EXAMPLE, "--input", path, "--json")


@pytest.mark.parametrize(("document", "code", "field"), [
    ("[" * 100_000 + "]" * 100_000, "json_too_deep", "input"),  # was a RecursionError: exit 1
    (json.dumps({**CASE, "visit": {**STAY, "total": "9e16"}}), "amount_not_number", "visit.total"),
    (json.dumps({**CASE, "visit": {**STAY, "total": "３６０００"}}, ensure_ascii=False), "amount_not_number",
     "visit.total"),
    (json.dumps({**CASE, "visit": {**STAY, "total": "100000000.00"}}), "amount_out_of_range", "visit.total"),
    (json.dumps({**CASE, "visit": {**STAY, "total": 1e16}}), "amount_wrong_type", "visit.total"),
    (json.dumps({**CASE, "visit": {**STAY, "out_of_catalogue": "10.00"}}), "unknown_field",
     "visit.out_of_catalogue"),
    (json.dumps({**CASE, "visit": {**STAY, "hospital": "县医院\u0000"}}), "text_control_char", "visit.hospital"),
    (json.dumps({**CASE, "visit": {**STAY, "diagnosis": "I" * 21}}), "text_too_long", "visit.diagnosis"),
    ('{"visit": ' * 40 + "1" + "}" * 40, "json_too_deep", "input"),
    (b"\xff\xfe{}", "malformed_json", "input"),
])
def test_a_bad_case_file_is_refused_with_a_code(tmp_path, document, code, field):
    error = refusal(_settle(tmp_path, document))
    assert (error["code"], error["field"]) == (code, field)


def test_a_case_file_larger_than_the_bound_is_refused_unread(tmp_path):
    padded = json.dumps(CASE)[:-1] + ', "x": "' + "y" * MAX_DOCUMENT_BYTES + '"}'
    error = refusal(_settle(tmp_path, padded))
    assert error["code"] == "json_too_large"


def test_the_batch_keeps_one_result_line_per_input_line_whatever_it_holds(tmp_path):
    good = json.dumps(CASE).encode()
    lines = [
        good,
        b"",  # blank: an error on its line (the rule: every input line has its result line)
        b"   \t",
        b"\xff\xfe not utf-8",
        b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1),
        b'{"a": "' + b"x" * (MAX_DOCUMENT_BYTES + 10) + b'"}',  # longer than the bound: read past, not held
        b"{not json",
        json.dumps({**CASE, "visit": {**STAY, "total": "9e16"}}).encode(),
        b"[1, 2]",
        b"null",
        good + b"\r",  # a CRLF line end
        good,  # the last line without a line end
    ]
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\n".join(lines))
    done = cli(tmp_path, "settle", "--policy", EXAMPLE, "--batch", path, "--json")
    assert done.returncode == 2, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(lines)
    codes = [result["error"]["code"] if "error" in result else "ok" for result in out]
    assert codes == ["ok", "batch_line_blank", "batch_line_blank", "batch_line_not_utf8", "batch_line_too_deep",
                     "batch_line_too_long", "malformed_json_line", "amount_not_number", "not_an_object",
                     "not_an_object", "ok", "ok"]
    assert out[0] == out[-1] == out[-2]
    assert out[5]["error"]["message"].startswith("第 6 行超过")


@pytest.mark.parametrize("period", ["0000-01", "2024-13", "１２３４-01", "2024-1", "99999-01"])
def test_a_bad_period_is_refused_with_its_code(window, tmp_path, period):
    done = cli(tmp_path, "export", "--period", period, "--out", tmp_path / "out", "--db", window.path, "--json",
               user="sup", password=PASSWORD)
    assert (refusal(done)["code"], refusal(done)["field"]) == ("period_invalid", "period")


@pytest.mark.parametrize(("args", "code", "field"), [
    (("enroll", "330383196105021234", "--year", "99999999999"), "year_invalid", "--year"),
    (("close-day", "--date", "9999-12-31", "--preview"), "not_a_date", "--date"),
    (("close-day", "--date", "２０２４-01-01", "--preview"), "not_a_date", "--date"),
    (("settlements", "--limit", "99999999999999999999"), "limit_invalid", "--limit"),
    (("settlements", "--from", "0001-01-01"), "not_a_date", "--from"),
    (("disease", "add", "330383196105021234", "--code", "E11", "--from", "2024-02-30"), "not_a_date", "--from"),
    (("void", "x", "--reason", "录入错误\x01"), "text_control_char", "reason"),
])
def test_options_out_of_bounds_are_refused_not_internal_errors(window, tmp_path, args, code, field):
    done = cli(tmp_path, *args, "--db", window.path, "--json", user="sup", password=PASSWORD)
    error = refusal(done)
    assert (error["code"], error["field"]) == (code, field)


def test_settle_visit_refuses_a_wrapper_holding_more_than_the_visit(window, tmp_path):
    number = add_person(window.store)
    wrapped = write_visit(tmp_path, {"visit": STAY, "year_to_date": {"basic_paid": "0"}})
    done = cli(tmp_path, "settle-visit", number, "--input", wrapped, "--db", window.path, "--json",
               user="clerk", password=PASSWORD)
    assert (refusal(done)["code"], refusal(done)["field"]) == ("unknown_field", "year_to_date")
