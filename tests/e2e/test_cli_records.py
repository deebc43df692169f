"""E2E: the clerk's trial settlement and the records as a subprocess: settle-visit --dry-run, settlements, receipt."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from test_cli_window import STAY, cli, opened, template, window, write_visit  # noqa: F401 (fixtures)
from windowkit import PASSWORD, add_person

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
