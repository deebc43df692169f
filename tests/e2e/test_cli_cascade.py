"""E2E: `settle` with the new visit fields (settled_upstream, relief, ordinary outpatient) and `disease`
add/list/end with the special-disease check of `settle-visit`, as a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_window import cli, template, window, write_visit  # noqa: F401 (fixtures)
from windowkit import PASSWORD, add_person

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "tests" / "fixtures" / "example-2024.toml"
VISIT = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
         "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "36000.00", "out_of_catalog": "1800.00",
         "partial_self_pay": "1200.00"}
SPECIAL = {"kind": "outpatient_special", "hospital_level": "township", "in_region": True, "diagnosis": "E11.9",
           "admitted": "2024-05-01", "discharged": "2024-05-01", "total": "100.00"}


def case(**visit) -> dict:
    return {"person": {"category": "dibao"}, "visit": {**VISIT, **visit}}


def test_settle_with_settled_upstream_and_relief(tmp_path):
    path = write_visit(tmp_path, case(settled_upstream={"basic": "25000.00", "critical": "500.00"},
                                      relief={"temporary": "1000.00"}), name="case.json")
    done = cli(tmp_path, "settle", "--policy", EXAMPLE, "--input", path, "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    # basic 25000 and critical 500 as given; assistance (33000 - 25500) * 0.80 = 6000.00; supplementary 0
    # (1500 below the tilted 5000); temporary 1000 of the 4500 left; annual excess 3500 below 40000
    assert doc["paid"] == {"basic": "25000.00", "critical": "500.00", "assistance": "6000.00",
                           "supplementary": "0.00", "relief": "1000.00", "backstop": "0.00"}
    assert doc["patient_pays"] == "3500.00"
    assert doc["year_to_date"]["relief_paid"] == "1000.00" and doc["year_to_date"]["critical_base"] == "8000.00"
    assert [s["note"] for s in doc["steps"][:2]] == ["settled_upstream", "settled_upstream"]
    assert [(s["name"], s["paid"]) for s in doc["steps"] if s["tier"] == "relief"] == [
        ("民政临时救助", "1000.00"), ("慈善救助", "0.00")]


def test_settle_batch_with_an_ordinary_outpatient_line_and_a_bad_line(tmp_path):
    lines = [json.dumps({"person": {"category": "dibao"},
                         "visit": {"kind": "outpatient", "hospital_level": "township", "in_region": True,
                                   "admitted": "2024-04-02", "discharged": "2024-04-02", "total": "500.00"}}),
             json.dumps(case(relief={"red_cross": "10.00"})),
             json.dumps(case(out_of_catalogue="10.00"))]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = cli(tmp_path, "settle", "--policy", EXAMPLE, "--batch", path)
    assert done.returncode == 2
    out = [json.loads(line) for line in done.stdout.splitlines()]
    # township ordinary outpatient: (500 - 50) * 0.60 = 270.00
    assert out[0]["paid"]["basic"] == "270.00" and out[0]["year_to_date"]["op_general_paid"] == "270.00"
    assert "visit.relief.red_cross" in json.dumps(out[1], ensure_ascii=False)
    assert "visit.out_of_catalogue" in json.dumps(out[2], ensure_ascii=False)


def test_settle_refuses_an_unknown_field_naming_it(tmp_path):
    path = write_visit(tmp_path, case(out_of_catalogue="10.00"), name="case.json")
    done = cli(tmp_path, "settle", "--policy", EXAMPLE, "--input", path, "--json")
    assert done.returncode == 2 and "visit.out_of_catalogue" in done.stderr + done.stdout


def test_disease_add_list_end_and_the_settle_visit_check(window, tmp_path):
    number = add_person(window.store)
    visit = write_visit(tmp_path, SPECIAL)

    def run(*args):
        return cli(tmp_path, *args, "--db", window.path, "--json", user="clerk", password=PASSWORD)

    refused = run("settle-visit", number, "--input", visit)
    assert refused.returncode == 2 and "disease_not_registered" in refused.stderr + refused.stdout
    added = run("disease", "add", number, "--code", "E11", "--from", "2024-01-01")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"code": "E11", "name": "糖尿病胰岛素治疗", "from": "2024-01-01", "to": None}
    settled = run("settle-visit", number, "--input", visit)
    assert settled.returncode == 0, settled.stderr
    ended = run("disease", "end", number, "--code", "E11", "--on", "2024-06-30")
    assert ended.returncode == 0, ended.stderr
    listed = run("disease", "list", number)
    assert json.loads(listed.stdout) == {"registrations": [
        {"code": "E11", "name": "糖尿病胰岛素治疗", "from": "2024-01-01", "to": "2024-06-30"}]}
    unknown = run("disease", "add", number, "--code", "J45", "--from", "2024-01-01")
    assert unknown.returncode == 2 and "unknown_disease" in unknown.stderr + unknown.stdout
    bad_date = run("disease", "add", number, "--code", "E10", "--from", "2024-13-01")
    assert bad_date.returncode == 2 and "--from" in bad_date.stderr + bad_date.stdout
