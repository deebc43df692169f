"""The county's reports on a full-size window database: each report for one year, timed, with its query plans.

The store is bench_store's (1,000,000 persons, 1,000,000 settlements of 2024), built once into
benchmarks/.cache/store (gitignored) and reused; migrating it to this checkout's head adds the reports'
indexes (migration 0008) the first time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from bench_store import PASSWORD, YEAR, capture_plans, open_or_build  # noqa: E402

from windowdesk.services import auth  # noqa: E402
from windowdesk.services.reports.run import run_report  # noqa: E402
from windowdesk.services.setup import open_store  # noqa: E402

TARGET_S = 1.0
REPORTS = (("coverage", "category"), ("coverage", "month"), ("coverage", "town"), ("coverage", "hospital"),
           ("out-of-catalog", None), ("monitoring", None), ("ledger", None), ("unenrolled", None))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--settlements", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--dir", type=Path, default=HERE / ".cache" / "store")
    parser.add_argument("--runs", type=int, default=3, help="runs of each report; the best counts")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    db, info, reused = open_or_build(args.dir, args.persons, args.settlements, args.seed)
    print(f"store: {info['persons']:,} persons, {info['settlements']:,} settlements ({info['voided']:,} voided) "
          f"{'reused' if reused else 'built'} in {time.perf_counter() - t:.0f} s: {db}")
    t = time.perf_counter()
    store = open_store(str(db))  # migrates to head: the reports' indexes are made once, on the first run
    for backup in db.parent.glob(db.name + ".before-*.bak"):  # open_store's copy before migrating: 4 GiB unneeded
        backup.unlink()
    print(f"opened (migrated if needed) in {time.perf_counter() - t:.1f} s")
    sup = auth.authenticate(store, "sup", PASSWORD)
    failed = False
    verdicts = []
    for name, by in REPORTS:
        label = name + (f" --by {by}" if by else "")
        samples, cpu = [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            report = run_report(store, sup, name=name, year=YEAR, by=by or "category", now=datetime(2025, 1, 10))
            samples.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        best = min(samples)
        # The CPU time does not count waiting for the CPU: on a shared, loaded machine it is the steadier figure.
        print(f"{label:<26} best {best * 1000:7.0f} ms wall, {min(cpu) * 1000:7.0f} ms CPU  "
              f"(runs: {', '.join(f'{s * 1000:.0f}' for s in samples)} ms)  {len(report.rows):,} rows")
        ok = best <= TARGET_S
        failed |= not ok
        verdicts.append(f"{'PASS' if ok else 'FAIL'} report {label} for {YEAR}: {best:.2f} s <= {TARGET_S:g} s")
    print("query plans:")
    for name, by in REPORTS:
        print(f"  {name}{' --by ' + by if by else ''}:")
        plans = capture_plans(store, db, lambda: run_report(store, sup, name=name, year=YEAR, by=by or "category"))
        for sql, plan in dict.fromkeys(plans):  # the monitoring list asks for its persons in chunks: once each
            if "FROM settings" in sql or "FROM users" in sql:
                continue
            print(f"    {plan}\n        <- {sql[:160]}")
    print(f"load average {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
    store.engine.dispose()
    for line in verdicts:
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
