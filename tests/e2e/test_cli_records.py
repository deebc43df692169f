"""E2E: the clerk's trial settlement and the records as a subprocess: settle-visit --dry-run, settlements, receipt."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime

import pytest
from sqlalchemy import func, select
from test_cli_window import STAY, cli, opened, template, window, write_visit  # noqa: F401 (fixtures)
from windowkit import PASSWORD, add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.services.auth import Actor
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, ReceiptCounter, Settlement, SettlementTier

SETTLE_FIELDS = {"in_scope", "tilt", "paid", "reimbursed", "patient_pays", "year_to_date", "steps"}


def written(path) -> tuple[int, int, int, int]:
    """Settlements, tier lines, audit entries and the receipt counter: what a dry run must leave alone."""
    with opened(path) as store, store.reading() as s:
        def n(model):
            return s.execute(select(func.count()).select_from(model)).scalar_one()
        counter = s.get(ReceiptCounter, "LG-01")
        return n(Settlement), n(SettlementTier), n(AuditEntry), counter.next_number if counter else 1


# --- settle-visit --dry-run -----------------------------------------------------------------------------------

def test_dry_run_prints_the_trial_and_writes_nothing(window, tmp_path):
    number = add_person(window.store)
    visit = write_visit(tmp_path, STAY)
    before = written(window.path)
    done = cli(tmp_path, "settle-visit", number, "--input", visit, "--dry-run", "--db", window.path, "--json",
               user="clerk", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) == SETTLE_FIELDS | {"dry_run"} and doc["dry_run"] is True
    # By hand (tests/integration/test_settlement_store.py).
    assert (doc["in_scope"], doc["reimbursed"], doc["patient_pays"]) == ("33000.00", "31260.00", "4740.00")
    assert written(window.path) == before

    # The figures of the trial are those the settlement then records.
    settled = cli(tmp_path, "settle-visit", number, "--input", visit, "--db", window.path, "--json",
                  user="clerk", password=PASSWORD)
    assert settled.returncode == 0, settled.stderr
    recorded = json.loads(settled.stdout)
    assert {k: v for k, v in recorded.items() if k not in ("settlement_id", "receipt_no")} == \
        {k: v for k, v in doc.items() if k != "dry_run"}
    assert recorded["receipt_no"] == "LG-01-00000001"  # the dry run used no number


def test_dry_run_human_text(window, tmp_path):
    number = add_person(window.store)
    done = cli(tmp_path, "settle-visit", number, "--input", write_visit(tmp_path, STAY), "--dry-run",
               "--db", window.path, user="clerk", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "试算" in done.stdout and "31260.00" in done.stdout and "LG-01-" not in done.stdout


def test_dry_run_refuses_a_future_discharge_as_json(window, tmp_path):
    number = add_person(window.store)
    future = write_visit(tmp_path, {**STAY, "admitted": "2099-01-01", "discharged": "2099-01-02"})
    before = written(window.path)
    for extra in (("--dry-run",), ()):
        refused = cli(tmp_path, "settle-visit", number, "--input", future, *extra, "--db", window.path, "--json",
                      user="clerk", password=PASSWORD)
        assert refused.returncode == 2, refused.stderr
        error = json.loads(refused.stdout)["error"]
        assert (error["code"], error["field"]) == ("future_discharge", "visit.discharged")
        assert error["message"].startswith("出院日期 2099-01-02 晚于今天")
    assert written(window.path) == before


def test_dry_run_with_a_receipt_is_bad_input(window, tmp_path):
    number = add_person(window.store)
    refused = cli(tmp_path, "settle-visit", number, "--input", write_visit(tmp_path, STAY), "--dry-run",
                  "--receipt", tmp_path / "slip.pdf", "--db", window.path, user="clerk", password=PASSWORD)
    assert refused.returncode == 2 and "--dry-run" in refused.stderr
    assert not (tmp_path / "slip.pdf").exists()


# --- settlements and receipt ----------------------------------------------------------------------------------

@pytest.fixture
def three(window):
    """Two persons' settlements on three discharge dates (in this order), the second voided."""
    li = add_person(window.store, name="李四", household="H1")
    wang = add_person(window.store, name="王五", household="H2")
    made = [settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(
        {**STAY, "admitted": day[:8] + "01", "discharged": day}), now=datetime.fromisoformat(day + "T09:00"))
        for number, day in ((li, "2024-03-12"), (wang, "2024-04-10"), (li, "2024-05-20"))]
    void_settlement(window.store, Actor("sup", "supervisor"), settlement_id=made[1].settlement_id, reason="录入错误",
                    now=datetime(2024, 4, 10, 11))
    return made, li, wang


def found(window, tmp_path, *args) -> list[dict]:
    done = cli(tmp_path, "settlements", *args, "--db", window.path, "--json", user="clerk", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["settlements"]


def test_settlements_json_finds_by_person_receipt_and_dates(window, tmp_path, three):
    made, li, wang = three
    every = found(window, tmp_path, "--all")
    assert [row["receipt_no"] for row in every] == ["LG-01-00000003", "LG-01-00000002", "LG-01-00000001"]
    assert set(every[0]) == {"settlement_id", "receipt_no", "id_number", "name", "kind", "discharged", "settled_at",
                             "hospital", "total", "reimbursed", "patient_pays", "voided"}
    assert every[2] == {"settlement_id": made[0].settlement_id, "receipt_no": "LG-01-00000001", "id_number": li,
                        "name": "李四", "kind": "inpatient", "discharged": "2024-03-12",
                        "settled_at": "2024-03-12T09:00:00", "hospital": "", "total": "36000.00",
                        "reimbursed": "31260.00", "patient_pays": "4740.00", "voided": False}
    assert [row["voided"] for row in every] == [False, True, False]
    assert [row["receipt_no"] for row in found(window, tmp_path)] == ["LG-01-00000003", "LG-01-00000001"]
    assert [row["receipt_no"] for row in found(window, tmp_path, "--person", li)] == \
        ["LG-01-00000003", "LG-01-00000001"]
    assert [row["receipt_no"] for row in found(window, tmp_path, "--person", wang)] == []
    assert [row["name"] for row in found(window, tmp_path, "--person", wang, "--all")] == ["王五"]
    assert [row["receipt_no"] for row in found(window, tmp_path, "--receipt", "LG-01-00000001")] == ["LG-01-00000001"]
    assert [row["receipt_no"] for row in found(window, tmp_path, "--from", "2024-04-01", "--to", "2024-05-20")] == \
        ["LG-01-00000003"]
    assert [row["receipt_no"] for row in found(window, tmp_path, "--name", "王", "--all")] == ["LG-01-00000002"]


def test_settlements_refusals_are_exit_2(window, tmp_path, three):
    reversed_range = cli(tmp_path, "settlements", "--from", "2024-05-01", "--to", "2024-04-01", "--db", window.path,
                         "--json", user="clerk", password=PASSWORD)
    assert reversed_range.returncode == 2
    assert json.loads(reversed_range.stdout)["error"]["code"] == "date_range_reversed"
    bad_date = cli(tmp_path, "settlements", "--from", "2024-13-01", "--db", window.path, "--json", user="clerk",
                   password=PASSWORD)
    assert bad_date.returncode == 2  # a code now, as every refusal (was argparse's usage error)
    assert json.loads(bad_date.stdout)["error"] == {"code": "not_a_date", "field": "--from",
                                                    "message": "--from 不是有效日期（应为 年-月-日，如 2024-03-01）：2024-13-01"}


def test_receipt_by_the_number_printed_on_the_slip(window, tmp_path, three):
    made, _, _ = three
    out = tmp_path / "slip.pdf"
    done = cli(tmp_path, "receipt", "LG-01-00000001", "--out", out, "--db", window.path, "--json", user="clerk",
               password=PASSWORD)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["settlement_id"], report["electronic"], report["copy"]) == (made[0].settlement_id, True, 1)
    page = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "电子副本" in page and "原件" not in page and "LG-01-00000001" in page
    with opened(window.path) as store, store.reading() as s:
        assert s.get(Settlement, made[0].settlement_id).print_count == 0  # not the paper original
    missing = cli(tmp_path, "receipt", "LG-01-00000099", "--out", tmp_path / "x.pdf", "--db", window.path, "--json",
                  user="clerk", password=PASSWORD)
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["error"] == {
        "code": "settlement_not_found", "field": "ref", "message": "本窗口没有结算单号或票据号为 LG-01-00000099 的结算"}
    assert not (tmp_path / "x.pdf").exists()
