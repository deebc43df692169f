"""`windowdesk self-check`: the check an office runs after installing (cli.md); one line per step, exit 0 or 1."""

from __future__ import annotations

from .errors import message
from .output import print_json


def register(commands, common) -> None:
    cmd = commands.add_parser("self-check", parents=[common],
                              help="build a fresh database in a temporary folder, settle a demo visit, render its "
                                   "receipt, check the database; exit 0 when every step passes, else 1")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.self_check import self_check

    steps = []
    for step in self_check(describe=message):
        steps.append(step)
        if not args.json:
            print(f"{'ok' if step.ok else 'FAILED':6} {step.step}: {step.detail}", flush=True)
    ok = all(step.ok for step in steps)
    if args.json:
        print_json({"ok": ok, "steps": [{"step": s.step, "ok": s.ok, "detail": s.detail} for s in steps]})
    elif ok:
        print("self-check passed")
    else:
        print(f"self-check FAILED at {steps[-1].step}")
    return 0 if ok else 1
