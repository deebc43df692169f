"""Start-up of the window: a fresh process to the login dialog, and to the first page after logging in.

(a) to the login dialog: `windowdesk --db DEMO` as a subprocess, from the spawn until the dialog's first paint
    (the window's start-up probe, ui/startup_probe.py, prints a line then and quits). Target: median <= 1.5 s.
(b) to the first page: the same, the probe logging in as `clerk` (one scrypt check), until the main window's
    first paint with the 结算 page. Target: median <= 2 s.

Each run is a new process on the demo database (built once in a temporary folder): the interpreter, Qt, the
font, the translations, SQLAlchemy and the migrations check are all paid every time. The operating system's
file cache is warm after the first run (as on a PC that started the window yesterday); the first run is
discarded. The time is taken from outside (spawn to the probe's line on the pipe); the process's own figure
(from its creation, /proc) is printed beside it. Offscreen platform: no window manager or GPU here.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--bundle dist/windowdesk]

With a built bundle (installer/build.sh makes dist/windowdesk) the same runs are made on its `windowdesk`;
without one the bundle is reported as not measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # run from a checkout even without the editable install

from windowdesk.services.demo import DEMO_PASSWORD, build_demo  # noqa: E402

TARGETS = {"login": 1.5, "page": 2.0}
TIMEOUT = 60


def run_once(command: list[str], db: Path, mode: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from spawn to the probe's line, the process's own figure)."""
    env = {**env, "WINDOWDESK_STARTUP_PROBE": mode, "WINDOWDESK_USER": "clerk",
           "WINDOWDESK_PASSWORD": DEMO_PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    process = subprocess.Popen([*command, "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True)
    try:
        for line in process.stdout:
            if line.startswith(f"probe {mode} "):
                outside = time.perf_counter() - start
                inside = float(line.split()[2])
                process.wait(TIMEOUT)
                return outside, inside
        raise SystemExit(f"{' '.join(command)}: no 'probe {mode}' line (exit {process.wait(TIMEOUT)})")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def measure(label: str, command: list[str], db: Path, runs: int, env: dict[str, str]) -> bool:
    print(f"-- {label}: {' '.join(command)}")
    ok = True
    for mode, what in (("login", "(a) to the login dialog"), ("page", "(b) to the first page")):
        run_once(command, db, mode, env)  # the file cache warmed, discarded
        times = [run_once(command, db, mode, env) for _ in range(runs)]
        outside = [t[0] for t in times]
        inside = [t[1] for t in times]
        median = statistics.median(outside)
        verdict = "PASS" if median <= TARGETS[mode] else "FAIL"
        ok &= verdict == "PASS"
        print(f"{what}: median {median:.3f} s (min {min(outside):.3f}, max {max(outside):.3f}; "
              f"in-process median {statistics.median(inside):.3f} s) over {runs} runs")
        print(f"{verdict} {label} {mode}: median {median:.3f} s <= {TARGETS[mode]} s")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", default=str(REPO / "dist" / "windowdesk"),
                        help="the built app's folder (default dist/windowdesk)")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, "
          f"{os.cpu_count()} CPUs")
    env = {k: v for k, v in os.environ.items() if k != "WINDOWDESK_LANG"}
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")  # this checkout's code
    with tempfile.TemporaryDirectory(prefix="windowdesk-startup-") as folder:
        db = Path(folder) / "demo.sqlite"
        build_demo(db)
        venv_app = Path(sys.executable).with_name("windowdesk")
        command = [str(venv_app)] if venv_app.exists() else [sys.executable, "-m", "windowdesk.cli.main"]
        ok = measure("venv", command, db, args.runs, env)
        bundle = Path(args.bundle) / "windowdesk"
        if bundle.is_file():
            bundle_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
            ok &= measure("bundle", [str(bundle)], db, args.runs, bundle_env)
        else:
            print(f"bundle: not measured ({bundle} does not exist; installer/build.sh builds it)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
