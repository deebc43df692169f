"""`windowdesk`: the window's use cases from the command line (shared/docs/cli.md); no command opens the window."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from importlib import import_module

from .errors import InputError, error_object, message
from .output import print_json

# Command name -> the module that registers it. Only the module of the command being run is
# imported, so `settle --batch` does not pay for SQLAlchemy, Alembic or Qt at start-up.
_COMMANDS = {
    "init": "init_cmd",
    "user": "user_cmd",
    "settle": "settle_cmd",
    "policy": "policy_cmd",
    "person": "person_cmd",
    "enroll": "enroll_cmd",
    "settle-visit": "settle_visit_cmd",
    "void": "void_cmd",
    "receipt": "receipt_cmd",
    "settlements": "settlements_cmd",
    "demo": "demo_cmd",
    "roster": "roster_cmd",
    "close-day": "close_day_cmd",
    "db": "db_cmd",
    "backup": "db_cmd",
    "restore": "db_cmd",
    "export": "export_cmd",
    "package": "export_cmd",
    "ledger": "ledger_cmd",
    "family-cap": "family_cap_cmd",
    "disease": "disease_cmd",
    "report": "report_cmd",
    "self-check": "self_check_cmd",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=os.environ.get("WINDOWDESK_DB"),
                        help="SQLite path or SQLAlchemy URL (env WINDOWDESK_DB)")
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    common.add_argument("--user", default=os.environ.get("WINDOWDESK_USER"),
                        help="acting user (env WINDOWDESK_USER)")
    parser = argparse.ArgumentParser(prog="windowdesk", description=__doc__)
    parser.add_argument("--version", action="version", version=f"windowdesk {package_version()}")
    # Only for opening the window (no command); commands take their own --db after the command name,
    # and a separate dest keeps a command's default from overwriting a --db given before it.
    parser.add_argument("--db", dest="window_db", default=os.environ.get("WINDOWDESK_DB"),
                        help="with no command: the database the window opens (env WINDOWDESK_DB)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = [_COMMANDS[command]] if command in _COMMANDS else _COMMANDS.values()
    for name in dict.fromkeys(wanted):
        import_module(f"{__package__}.{name}").register(commands, common)
    return parser


def package_version() -> str:
    """The installed package's version (the bundle carries the package's metadata for this)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("windowdesk")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # without building every command's parser
        print(f"windowdesk {package_version()}")
        return 0
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if argv[:1] == ["--db"] and len(argv) > 2:
        command = argv[2]
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if args.command is None:
        from ..ui.app import (
            main as window_main,  # Qt is imported only when the window opens
        )

        return window_main(args.window_db)
    try:
        return args.handler(args)
    except InputError as exc:
        if getattr(args, "json", False):
            print_json(error_object(exc))  # the one document on stdout; the line below is the diagnostic
        print(f"windowdesk {args.command}: {message(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except Exception as exc:  # the contract's exit 1: an internal error, never a silent failure
        # The class only: an exception's text can hold an ID number (a query's parameters, a key).
        print(f"windowdesk {args.command}: internal error: {type(exc).__name__} (WINDOWDESK_DEBUG=1 shows where)",
              file=sys.stderr)
        if os.environ.get("WINDOWDESK_DEBUG"):
            traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
