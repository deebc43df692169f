"""Load: 8 processes settling 2,000 visits at once through the services, on PostgreSQL and on SQLite.

    .venv/bin/python benchmarks/bench_load.py                      # both engines, 8 processes, 2,000 visits
    .venv/bin/python benchmarks/bench_load.py --engines postgresql --visits 400

PostgreSQL is a throwaway server (tests/pgkit.py: initdb into a temporary folder, stopped and removed after),
SQLite a file in a temporary folder. Each is a real window (`services.setup.initialise`) with 200 dibao persons
insured for 2024; every person gets 10 stays (60,000.00 each, so the 300,000.00 basic cap is reached by the
7th), dealt round-robin to the processes so that the same person is settled by several processes at once.
Each process runs `services.settlement.settle_visit` (its own engine, no PDF, no login) and times every call.

Checked after the run (a FAIL line and exit 1 otherwise):
- receipt numbers are exactly LG-01-00000001 .. N, no gap, no repeat, N = the visits settled;
- no person's basic or assistance payments pass the policy's annual caps (year to date read from the store);
- the tier lines (settlement_tiers) sum per tier to the totals of the month's package (opened with the key);
- `db check` passes (the audit chain, its MACs and the rows each entry covers).
Printed per engine: settlements per second over the whole run, and p50/p95 of one call's wall time.
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # pgkit (the throwaway server), windowkit (roster persons)

from sqlalchemy import func, select  # noqa: E402

from windowdesk.adapters.policy_presets import load_policy  # noqa: E402
from windowdesk.domain.case_json import parse_visit  # noqa: E402
from windowdesk.services import auth, package_files  # noqa: E402
from windowdesk.services.export import export_period  # noqa: E402
from windowdesk.services.keys import set_county_key  # noqa: E402
from windowdesk.services.maintenance import check_database  # noqa: E402
from windowdesk.services.settlement import settle_visit  # noqa: E402
from windowdesk.services.setup import initialise, open_store  # noqa: E402
from windowdesk.store.keyfile import KEY_DIR_ENV  # noqa: E402
from windowdesk.store.models import Settlement, SettlementTier  # noqa: E402

POLICY, WINDOW, PASSWORD = "longgang-2022", "LG-01", "load-pass-1"
KEY = "3c" * 32
PERSONS = 200
TIERS = ("basic", "critical", "assistance", "supplementary", "backstop")
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "60000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
SETTLED_AT = datetime(2024, 3, 20, 9)


def worker(db: str, jobs: list[str], key_dir: str | None, start_at: float) -> list[float]:
    if key_dir:
        os.environ[KEY_DIR_ENV] = key_dir
    store = open_store(db)
    clerk = auth.Actor("clerk", "clerk")
    visit = parse_visit(STAY)
    while time.time() < start_at:  # all processes start together
        time.sleep(0.001)
    times = []
    for number in jobs:
        began = time.perf_counter()
        settle_visit(store, clerk, id_number=number, visit=visit, now=SETTLED_AT)
        times.append(time.perf_counter() - began)
    store.engine.dispose()
    return times


def prepare(db: str) -> list[str]:
    from windowkit import add_person

    initialise(db, policy=POLICY, window_id=WINDOW, name="负载测试", admin="admin", password=PASSWORD)
    store = open_store(db)
    admin = auth.Actor("admin", "admin")
    auth.add_user(store, admin, name="sup", role="supervisor", password=PASSWORD)
    auth.add_user(store, admin, name="clerk", role="clerk", password=PASSWORD)
    set_county_key(store, admin, key_hex=KEY)
    numbers = [add_person(store, name=f"负载{n}", household=f"H{n:04d}") for n in range(PERSONS)]
    store.engine.dispose()
    return numbers


def run(db: str, *, processes: int, visits: int, folder: Path, key_dir: str | None) -> tuple[list[str], dict]:
    numbers = prepare(db)
    per_person = -(-visits // PERSONS)
    jobs = [numbers[i % PERSONS] for i in range(visits)][:visits]
    assert per_person * PERSONS >= visits
    shares = [jobs[i::processes] for i in range(processes)]
    start_at = time.time() + 2.0  # after every process has imported and opened its engine
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        pending = [pool.apply_async(worker, (db, share, key_dir, start_at)) for share in shares]
        times = [t for p in pending for t in p.get(timeout=1800)]
    wall = time.time() - start_at
    return verify(db, numbers, visits, folder), {"wall": wall, "times": times}


def verify(db: str, numbers: list[str], visits: int, folder: Path) -> list[str]:
    failures = []
    store = open_store(db)
    policy = load_policy(POLICY)
    try:
        with store.reading() as s:
            receipts = sorted(s.execute(select(Settlement.receipt_no)).scalars())
            expected = [f"{WINDOW}-{n:08d}" for n in range(1, visits + 1)]
            if receipts != expected:
                failures.append(f"receipt numbers are not {expected[0]}..{expected[-1]} without gaps or repeats "
                                f"({len(receipts)} settlements, {len(set(receipts))} distinct)")
            paid = s.execute(select(Settlement.person_id, func.sum(Settlement.basic), func.sum(Settlement.assistance))
                             .group_by(Settlement.person_id)).all()
            tier_sums = dict(s.execute(select(SettlementTier.tier, func.sum(SettlementTier.paid))
                                       .group_by(SettlementTier.tier)).all())
        basic_cap = Decimal(str(policy.basic.annual_cap))
        over = [(pid, b) for pid, b, _ in paid if Decimal(b) > basic_cap]
        if over:
            failures.append(f"{len(over)} persons were paid more basic than the cap {basic_cap}")
        capped = sum(1 for _, b, _ in paid if Decimal(b) == basic_cap)
        export_period(store, auth.Actor("sup", "supervisor"), period="2024-03", out_dir=folder / "package",
                      now=datetime(2024, 4, 2, 9))
        keys = package_files.PackageKeys(bytes.fromhex(KEY))
        manifest = package_files.read_manifest(folder / "package")[0]
        entry = next(e for e in manifest["files"] if e["plain_name"] == "settlements.csv")
        text = package_files.plain_bytes(folder / "package", keys, manifest, entry).decode("utf-8-sig")
        names = {e["label"]: e["name"] for e in manifest["schema"]["settlements"]}
        exported = defaultdict(Decimal)
        rows = 0
        for row in csv.DictReader(io.StringIO(text, newline="")):
            rows += 1
            for label, value in row.items():
                if names.get(label) in TIERS:
                    exported[names[label]] += Decimal(value)
        if rows != visits:
            failures.append(f"the package holds {rows} settlements, not {visits}")
        for tier in TIERS:
            if Decimal(tier_sums.get(tier) or 0) != exported[tier]:
                failures.append(f"tier lines of {tier} sum to {tier_sums.get(tier)}, the package to {exported[tier]}")
        report = check_database(store)
        if not report["ok"]:
            failures.append(f"db check fails: {[*report['problems'], *report['audit']['problems']][:3]}")
        print(f"  {visits} settlements, {capped} persons at the basic cap {basic_cap}, "
              f"package totals: " + ", ".join(f"{t} {exported[t]}" for t in TIERS))
    finally:
        store.engine.dispose()
    return failures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["postgresql", "sqlite"], choices=["postgresql", "sqlite"])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--visits", type=int, default=2000)
    args = parser.parse_args()
    status = 0
    for engine in args.engines:
        folder = Path(tempfile.mkdtemp(prefix=f"windowdesk-load-{engine}-"))
        server = None
        key_dir = None
        try:
            if engine == "postgresql":
                from pgkit import start_server

                server = start_server()
                key_dir = str(server.root / "keys")
                os.environ[KEY_DIR_ENV] = key_dir
                db = server.create_database("load")
            else:
                db = str(folder / "window.sqlite")
            print(f"== {engine}: {args.processes} processes, {args.visits} visits")
            failures, timing = run(db, processes=args.processes, visits=args.visits, folder=folder, key_dir=key_dir)
        finally:
            if server is not None:
                server.stop()
        times = timing["times"]
        print(f"  {len(times) / timing['wall']:.1f} settlements/s over {timing['wall']:.1f} s; one call: "
              f"p50 {statistics.median(times) * 1000:.1f} ms, p95 {percentile(times, 0.95) * 1000:.1f} ms")
        for failure in failures:
            print(f"FAIL {engine}: {failure}")
        if failures:
            status = 1
        else:
            print(f"PASS {engine}: receipt numbers gap-free, no cap exceeded, tier lines = package totals, db check ok")
    return status


if __name__ == "__main__":
    sys.exit(main())
