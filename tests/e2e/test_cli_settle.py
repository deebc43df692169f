"""E2E: `windowdesk settle` and `windowdesk policy` as a subprocess (shared/docs/cli.md)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "tests" / "fixtures" / "example-2024.toml"
PRESET_IDS = {"longgang-2022", "linan-2024", "fusong-2019", "huolinguole-2019", "dezhou-2020"}
TIERS = ("basic", "critical", "assistance", "supplementary", "relief", "backstop")
AMOUNT = re.compile(r"^\d+\.\d{2}$")

# The case of cli.md.
CASE = {
    "person": {"category": "dibao", "birth_date": "1961-05-02"},
    "visit": {"kind": "inpatient", "hospital_level": "county", "in_region": True,
              "referred": True, "transfer": False, "previous_deductible": "0",
              "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9",
              "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"},
    "year_to_date": {"critical_base": "0", "assistance_paid": "0"},
}


def _case(**visit) -> dict:
    case = copy.deepcopy(CASE)
    case["visit"].update(visit)
    return case


GOOD = [
    CASE,
    _case(total="180000.00", hospital_level="city", out_of_catalog="9000.00", partial_self_pay="0"),
    {"person": {"category": "ordinary"},
     "visit": {"kind": "outpatient_special", "hospital_level": "township", "diagnosis": "E11.9",
               "admitted": "2024-05-01", "discharged": "2024-05-01", "total": "850.50"}},
]


def _write(tmp_path: Path, name: str, document) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _settle_one(run_cli, tmp_path, case, name="case.json") -> dict:
    done = run_cli("settle", "--policy", EXAMPLE, "--input", _write(tmp_path, name, case), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _assert_result_shape(result: dict) -> None:
    assert set(result) >= {"in_scope", "tilt", "paid", "reimbursed", "patient_pays", "year_to_date", "steps"}
    assert set(result["paid"]) == set(TIERS)
    for amount in [result["in_scope"], result["reimbursed"], result["patient_pays"], *result["paid"].values()]:
        assert isinstance(amount, str) and AMOUNT.match(amount), amount
    assert isinstance(result["tilt"], bool)
    assert isinstance(result["steps"], list) and result["steps"]
    for step in result["steps"]:
        assert step["tier"] in TIERS
        for key in ("base", "deductible", "paid"):
            assert AMOUNT.match(step[key]), step
        assert "ratio" in step
    for name, value in result["year_to_date"].items():
        if name != "rehab_months":
            assert AMOUNT.match(value), (name, value)


# -- one case ----------------------------------------------------------------------------------


def test_single_case_json(run_cli, tmp_path):
    result = _settle_one(run_cli, tmp_path, CASE)
    _assert_result_shape(result)
    assert result["in_scope"] == "33000.00"
    assert result["tilt"] is True
    assert result["paid"]["basic"] == "26000.00"  # (33000 - 500) * 0.80
    assert result["steps"][0] == {"tier": "basic", "base": "33000.00", "deductible": "500.00", "ratio": "0.80",
                                  "paid": "26000.00", "cap_hit": False}
    paid = sum(float(v) for v in result["paid"].values())
    assert f"{paid:.2f}" == result["reimbursed"]
    assert f"{36000 - paid:.2f}" == result["patient_pays"]


def test_single_case_human(run_cli, tmp_path):
    expected = _settle_one(run_cli, tmp_path, CASE)
    done = run_cli("settle", "--policy", EXAMPLE, "--input", tmp_path / "case.json")
    assert done.returncode == 0, done.stderr
    for amount in (expected["in_scope"], expected["paid"]["basic"], expected["paid"]["assistance"],
                   expected["reimbursed"], expected["patient_pays"]):
        assert amount in done.stdout


def test_single_case_with_a_preset_id(run_cli, tmp_path):
    done = run_cli("settle", "--policy", "longgang-2022", "--input", _write(tmp_path, "c.json", CASE), "--json")
    assert done.returncode == 0, done.stderr
    _assert_result_shape(json.loads(done.stdout))


# -- batches -----------------------------------------------------------------------------------


def test_batch_of_good_lines_equals_single_results(run_cli, tmp_path):
    singles = [_settle_one(run_cli, tmp_path, case, f"case{i}.json") for i, case in enumerate(GOOD)]
    batch = _jsonl(tmp_path, [json.dumps(case) for case in GOOD])
    done = run_cli("settle", "--policy", EXAMPLE, "--batch", batch, "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == singles


def test_batch_from_stdin(run_cli, tmp_path):
    done = run_cli("settle", "--policy", EXAMPLE, "--batch", "-", "--json",
                   input="".join(json.dumps(case) + "\n" for case in GOOD))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3


def test_batch_with_bad_lines(run_cli, tmp_path):
    negative = _case(out_of_catalog="-5.00")
    unknown_category = copy.deepcopy(CASE)
    unknown_category["person"]["category"] = "pauper"
    in_scope_below_zero = _case(total="1000.00", out_of_catalog="800.00", partial_self_pay="300.00")
    lines = [
        json.dumps(GOOD[0]),
        '{"person": {"category": "dibao"}, "visit": ',     # malformed JSON
        json.dumps(GOOD[1]),
        json.dumps(negative),
        json.dumps(unknown_category),
        json.dumps(in_scope_below_zero),
        json.dumps(GOOD[2]),
    ]
    done = run_cli("settle", "--policy", EXAMPLE, "--batch", _jsonl(tmp_path, lines), "--json")
    assert done.returncode == 2, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(lines)
    bad = {1: ("malformed_json_line", "line"), 3: ("amount_negative", "visit.out_of_catalog"),
           4: ("unknown_category", "person.category"), 5: ("in_scope_negative", "visit.total")}
    for index, result in enumerate(out):
        if index in bad:
            assert list(result) == ["error"] and list(result["error"]) == ["code", "field", "message"], result
            assert (result["error"]["code"], result["error"]["field"]) == bad[index]
        else:
            _assert_result_shape(result)
    assert out[1]["error"]["message"].startswith("第 2 行不是有效的 JSON")
    assert out[4]["error"]["message"] == "人员类别无效：pauper"
    singles = [_settle_one(run_cli, tmp_path, case, f"s{i}.json") for i, case in enumerate(GOOD)]
    assert [out[0], out[2], out[6]] == singles
    assert "bad line" in done.stderr


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case, field", [
    (_case(total="-1.00"), "visit.total"),
    (_case(total="1000.00", out_of_catalog="800.00", partial_self_pay="300.00"), "visit.total"),
    (_case(total=36000.5), "visit.total"),
    (_case(hospital_level="village"), "visit.hospital_level"),
    ({"visit": CASE["visit"]}, "person"),
])
def test_single_bad_case(run_cli, tmp_path, case, field):
    done = run_cli("settle", "--policy", EXAMPLE, "--input", _write(tmp_path, "bad.json", case), "--json")
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert error["field"] == field and error["message"] in done.stderr


def test_unreadable_case_file(run_cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    done = run_cli("settle", "--policy", EXAMPLE, "--input", path, "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["code"] == "malformed_json"
    assert "broken.json 不是有效的 JSON" in done.stderr


def _bad_policy(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace('kind = "annual_excess"', 'kind = "lottery"')
    path = tmp_path / "bad-policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_settle_with_bad_policy_file(run_cli, tmp_path):
    policy = _bad_policy(tmp_path)
    done = run_cli("settle", "--policy", policy, "--input", _write(tmp_path, "c.json", CASE), "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["field"] == "backstop[0].kind"
    assert "bad-policy.toml" in done.stderr
    assert "backstop[0].kind" in done.stderr
    assert "lottery" in done.stderr


def test_settle_with_unknown_preset(run_cli, tmp_path):
    done = run_cli("settle", "--policy", "atlantis-2099", "--input", _write(tmp_path, "c.json", CASE), "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["code"] == "policy_not_found"
    assert "atlantis-2099" in done.stderr
    assert "longgang-2022" in done.stderr  # lists the known presets


# -- policy ------------------------------------------------------------------------------------


def test_policy_list_json(run_cli):
    done = run_cli("policy", "list", "--json")
    assert done.returncode == 0, done.stderr
    presets = json.loads(done.stdout)
    assert {p["id"] for p in presets} == PRESET_IDS
    assert len(presets) == 5
    for p in presets:
        assert p["file"] == f"{p['id']}.toml"
        assert p["name"] and len(p["sha256"]) == 64


def test_policy_list_human(run_cli):
    done = run_cli("policy", "list")
    assert done.returncode == 0, done.stderr
    for preset in PRESET_IDS:
        assert preset in done.stdout


def test_policy_check_good(run_cli):
    done = run_cli("policy", "check", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert "ok" in done.stdout
    done = run_cli("policy", "check", EXAMPLE, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "example-2024"


def test_policy_check_bad(run_cli, tmp_path):
    done = run_cli("policy", "check", _bad_policy(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "bad-policy.toml" in done.stderr and "backstop[0].kind" in done.stderr


# -- the module entry point --------------------------------------------------------------------


def test_python_dash_m_help():
    done = subprocess.run([sys.executable, "-m", "windowdesk.cli.main", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "settle" in done.stdout and "policy" in done.stdout
