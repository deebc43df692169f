"""`windowdesk`: the window's use cases from the command line (shared/docs/cli.md); no command opens the window."""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from . import (db_cmd, close_day_cmd, enroll_cmd, init_cmd, person_cmd, policy_cmd, settle_cmd,
               settle_visit_cmd, user_cmd, void_cmd)
from .errors import InputError

# Each command module registers its subcommand; heavy imports stay inside the handlers so that
# `settle --batch` starts fast.
_COMMANDS = (init_cmd, user_cmd, settle_cmd, policy_cmd, person_cmd, enroll_cmd, settle_visit_cmd, void_cmd,
             close_day_cmd, db_cmd)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=os.environ.get("WINDOWDESK_DB"),
                        help="SQLite path or SQLAlchemy URL (env WINDOWDESK_DB)")
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    common.add_argument("--user", default=os.environ.get("WINDOWDESK_USER"),
                        help="acting user (env WINDOWDESK_USER)")
    parser = argparse.ArgumentParser(prog="windowdesk", description=__doc__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMANDS:
        module.register(commands, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.handler(args)
    except InputError as exc:
        print(f"windowdesk {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except Exception as exc:  # the contract's exit 1: an internal error, never a silent failure
        print(f"windowdesk {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("WINDOWDESK_DEBUG"):
            traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
