"""Settlement engine throughput: pure engine, engine + JSON, and `windowdesk settle --batch` wall time."""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # run from a checkout even without the editable install

from windowdesk.adapters.policy_presets import load_policy  # noqa: E402
from windowdesk.domain.case_json import parse_case, settlement_json  # noqa: E402
from windowdesk.domain.engine import settle  # noqa: E402

TARGET_PURE = 20_000      # settlements per second, one core, pre-parsed inputs
TARGET_BATCH_S = 3.0      # seconds for `settle --batch` of 10,000 cases, process start-up included
BATCH_CASES = 10_000

# preset -> (settlement year, a category with tilt there)
PRESETS = {
    "longgang-2022": (2024, "dibao"),
    "linan-2024": (2024, "dibao"),
    "fusong-2019": (2020, "registered_poor"),
    "huolinguole-2019": (2020, "registered_poor"),
    "dezhou-2020": (2020, "registered_poor"),
}
LEVELS = ("township", "county", "city", "province")


def _money(x: float) -> str:
    return f"{x:.2f}"


# presets with other offices' grants ([[relief]]) and ordinary outpatient (basic.outpatient)
RELIEF = {"longgang-2022": ("temporary", "charity", "red_cross", "disabled")}
ORDINARY_OUTPATIENT = {"longgang-2022"}


def inpatient_case(rng: random.Random, year: int, category: str, preset: str = "") -> dict:
    """A stay large enough to run several tiers (critical segments, assistance, supplementary, backstops);
    one in six settled upstream (医保已结算), and where the preset has relief offices one in four with grants."""
    total = rng.uniform(5_000, 400_000)
    case = _inpatient(rng, year, category, total)
    if rng.random() < 1 / 6:
        in_scope = total * 0.90
        case["visit"]["settled_upstream"] = {"basic": _money(in_scope * 0.6), "critical": _money(in_scope * 0.1)}
    offices = RELIEF.get(preset, ())
    if offices and rng.random() < 0.25:
        case["visit"]["relief"] = {rng.choice(offices): _money(rng.uniform(100, 5_000))}
    return case


def _inpatient(rng: random.Random, year: int, category: str, total: float) -> dict:
    return {
        "person": {"category": rng.choice([category, category, "ordinary"]), "birth_date": "1958-07-14"},
        "visit": {"kind": "inpatient", "hospital_level": rng.choice(LEVELS), "in_region": rng.random() < 0.7,
                  "referred": rng.random() < 0.8, "admitted": f"{year}-03-01", "discharged": f"{year}-03-20",
                  "diagnosis": "I63.9", "total": _money(total), "out_of_catalog": _money(total * 0.06),
                  "partial_self_pay": _money(total * 0.04)},
        "year_to_date": {"critical_base": _money(rng.choice([0, 0, 15_000, 60_000])),
                         "assistance_paid": _money(rng.choice([0, 0, 20_000])),
                         "excess_base": _money(rng.choice([0, 10_000, 45_000]))},
    }


def outpatient_case(rng: random.Random, year: int, category: str) -> dict:
    total = rng.uniform(200, 12_000)
    return {
        "person": {"category": rng.choice([category, "ordinary"])},
        "visit": {"kind": "outpatient_special", "hospital_level": rng.choice(LEVELS[:2]), "in_region": True,
                  "admitted": f"{year}-06-02", "discharged": f"{year}-06-02", "diagnosis": "N18.5",
                  "total": _money(total), "partial_self_pay": _money(total * 0.05)},
        "year_to_date": {"op_deductible_used": _money(rng.choice([0, 300]))},
    }


def ordinary_outpatient_case(rng: random.Random, year: int, category: str) -> dict:
    return {
        "person": {"category": rng.choice([category, "ordinary"])},
        "visit": {"kind": "outpatient", "hospital_level": rng.choice(LEVELS[:2]), "in_region": True,
                  "admitted": f"{year}-04-02", "discharged": f"{year}-04-02", "total": _money(rng.uniform(50, 3_000))},
        "year_to_date": {"op_general_deductible_used": _money(rng.choice([0, 200])),
                         "op_general_paid": _money(rng.choice([0, 800, 1500]))},
    }


def child_rehab_case(rng: random.Random, year: int) -> dict:
    return {
        "person": {"category": "registered_poor", "birth_date": f"{year - rng.randint(2, 12)}-02-11"},
        "visit": {"kind": "child_rehab", "hospital_level": "county", "in_region": True,
                  "admitted": f"{year}-02-01", "discharged": f"{year}-0{rng.randint(3, 9)}-28",
                  "total": _money(rng.uniform(3_000, 30_000))},
        "year_to_date": {"rehab_months": [f"{year}-01"]},
    }


def mixed_cases(n: int, seed: int = 2024) -> list[tuple[str, dict]]:
    """(preset, case) pairs: per preset 70% inpatient, 30% outpatient special; dezhou adds child rehab;
    presets with ordinary outpatient give it half of the outpatient share."""
    rng = random.Random(seed)
    out = []
    presets = list(PRESETS)
    for i in range(n):
        preset = presets[i % len(presets)]
        year, category = PRESETS[preset]
        roll = rng.random()
        if preset == "dezhou-2020" and roll < 0.25:
            case = child_rehab_case(rng, year)
        elif roll < 0.70:
            case = inpatient_case(rng, year, category, preset)
        elif preset in ORDINARY_OUTPATIENT and roll < 0.85:
            case = ordinary_outpatient_case(rng, year, category)
        else:
            case = outpatient_case(rng, year, category)
        out.append((preset, case))
    return out


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to cpu {cpu}"
    return "not pinned"


def _timed_loop(work, items, seconds: float) -> tuple[int, float]:
    """Calls work(item) round-robin over items for about `seconds`; returns (calls, elapsed)."""
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for item in items:
            work(item)
        count += len(items)
        now = time.perf_counter()
        if now >= deadline:
            return count, now - start


def bench_pure(policies, cases, seconds: float) -> float:
    inputs = [(policies[preset], *parse_case(case)) for preset, case in cases]
    for args in inputs:  # warm-up and a check that every case settles
        settle(*args)
    count, elapsed = _timed_loop(lambda args: settle(*args), inputs, seconds)
    return count / elapsed


def bench_with_json(policies, cases, seconds: float) -> float:
    lines = [(policies[preset], json.dumps(case)) for preset, case in cases]

    def one(item):
        policy, line = item
        json.dumps(settlement_json(settle(policy, *parse_case(json.loads(line)))),
                   ensure_ascii=False, separators=(",", ":"))

    for item in lines:
        one(item)
    count, elapsed = _timed_loop(one, lines, seconds)
    return count / elapsed


def bench_batch(runs: int) -> tuple[float, int]:
    script = Path(sys.executable).parent / "windowdesk"
    if not script.exists():
        script = REPO / ".venv" / "bin" / "windowdesk"
    rng = random.Random(7)
    year, category = PRESETS["longgang-2022"]
    with tempfile.TemporaryDirectory(prefix="windowdesk-bench-") as tmp:
        cases = Path(tmp) / "cases.jsonl"
        with cases.open("w", encoding="utf-8") as out:
            for i in range(BATCH_CASES):
                roll = rng.random()
                case = (inpatient_case(rng, year, category, "longgang-2022") if roll < 0.7
                        else ordinary_outpatient_case(rng, year, category) if roll < 0.85
                        else outpatient_case(rng, year, category))
                out.write(json.dumps(case, ensure_ascii=False) + "\n")
        results = Path(tmp) / "results.jsonl"
        best = float("inf")
        for _ in range(runs):
            with results.open("w", encoding="utf-8") as sink:
                start = time.perf_counter()
                done = subprocess.run([str(script), "settle", "--policy", "longgang-2022", "--batch", str(cases),
                                       "--json"], stdout=sink, stderr=subprocess.PIPE, text=True)
                elapsed = time.perf_counter() - start
            if done.returncode != 0:
                raise SystemExit(f"settle --batch exited {done.returncode}: {done.stderr.strip()}")
            best = min(best, elapsed)
        with results.open(encoding="utf-8") as lines:
            produced = sum(1 for _ in lines)
    return best, produced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="run time of each in-process benchmark")
    parser.add_argument("--runs", type=int, default=3, help="batch runs (the best is reported)")
    args = parser.parse_args(argv)

    policies = {preset: load_policy(preset) for preset in PRESETS}
    cases = mixed_cases(1_000)
    kinds = {}
    for _, case in cases:
        kinds[case["visit"]["kind"]] = kinds.get(case["visit"]["kind"], 0) + 1
    print(f"bench_engine: Python {sys.version.split()[0]}, {_pin_one_core()}; "
          f"{len(cases)} cases over {len(PRESETS)} presets {kinds}")

    failed = False

    def verdict(ok: bool, text: str) -> None:
        nonlocal failed
        failed |= not ok
        print(f"{'PASS' if ok else 'FAIL'}  {text}")

    pure = bench_pure(policies, cases, args.seconds)
    print(f"(a) pure engine:            {pure:>10,.0f} settlements/s (one core)")
    with_json = bench_with_json(policies, cases, args.seconds)
    print(f"(b) engine + JSON in/out:   {with_json:>10,.0f} settlements/s (one core)")
    batch, produced = bench_batch(args.runs)
    print(f"(c) settle --batch {BATCH_CASES:,}:   {batch:>10.2f} s wall, best of {args.runs} "
          f"(process start-up included; {produced:,} result lines)")

    verdict(pure >= TARGET_PURE, f"pure engine {pure:,.0f}/s >= {TARGET_PURE:,}/s")
    implied = BATCH_CASES / TARGET_BATCH_S
    verdict(with_json >= implied, f"engine + JSON {with_json:,.0f}/s >= {implied:,.0f}/s "
                                  f"(what {BATCH_CASES:,} cases in {TARGET_BATCH_S:g} s needs)")
    verdict(batch <= TARGET_BATCH_S and produced == BATCH_CASES,
            f"settle --batch {BATCH_CASES:,} cases {batch:.2f} s <= {TARGET_BATCH_S:g} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
