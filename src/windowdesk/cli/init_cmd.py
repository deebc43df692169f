"""`windowdesk init`: create or migrate the database, set the window's id, name and policy, create the admin."""

from __future__ import annotations

import sys

from ..services.setup import initialise
from .errors import problem_message
from .output import print_json
from .session import password_from


def register(commands, common) -> None:
    cmd = commands.add_parser("init", parents=[common], help="create or migrate the database and set the window")
    cmd.add_argument("--policy", help="preset id or policy file")
    cmd.add_argument("--window", help="window id (first run only)")
    cmd.add_argument("--name", help="window name printed on receipts")
    cmd.add_argument("--admin", help="the admin user (created on the first run; acts on later runs)")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    admin = args.admin or args.user
    result = initialise(args.db, policy=args.policy, window_id=args.window, name=args.name, admin=admin,
                        password=password_from("WINDOWDESK_PASSWORD", f"password for {admin}: "))
    # cli.md: a policy that has ended or ends within 30 days is accepted, with a warning naming its end date.
    warnings = [{"code": p.code, "message": problem_message(p)} for p in result["warnings"]]
    for warning in warnings:
        print(f"windowdesk init: warning: {warning['message']}", file=sys.stderr)
    result = {**result, "warnings": warnings}
    if args.json:
        print_json(result)
    else:
        verb = "initialised" if result["created"] else "updated"
        print(f"window {result['window_id']} ({result['window_name']}) {verb}; policy {result['policy']}")
    return 0
