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


# The options every command takes, before the command name or after it (`windowdesk --db X init ...` or
# `windowdesk init --db X ...`). Their defaults are SUPPRESS, so a parser the option was not given to leaves
# no value behind to overwrite one given elsewhere (argparse copies a subcommand's namespace over its parent's);
# resolve() is the one place that says what holds when none was given.
_COMMON = (("--db", {"help": "SQLite path or SQLAlchemy URL (env WINDOWDESK_DB)"}),
           ("--json", {"action": "store_true", "help": "print one JSON document on stdout"}),
           ("--user", {"help": "acting user (env WINDOWDESK_USER)"}))
_VALUED = {name for name, options in _COMMON if "action" not in options}  # options that take a value


def _add_common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    for name, options in _COMMON:
        parser.add_argument(name, default=argparse.SUPPRESS, **options)
    return parser


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    common = _add_common(argparse.ArgumentParser(add_help=False))
    parser = argparse.ArgumentParser(prog="windowdesk", description=__doc__)
    parser.add_argument("--version", action="version", version=f"windowdesk {package_version()}")
    _add_common(parser)  # with no command, --db is the database the window opens
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = [_COMMANDS[command]] if command in _COMMANDS else _COMMANDS.values()
    for name in dict.fromkeys(wanted):
        import_module(f"{__package__}.{name}").register(commands, common)
    return parser


def resolve(args: argparse.Namespace, environ=os.environ) -> argparse.Namespace:
    """The common options as the handlers read them: as given (after the command name or before it), else
    from the environment (WINDOWDESK_DB, WINDOWDESK_USER), else none."""
    args.db = getattr(args, "db", None) or environ.get("WINDOWDESK_DB")
    args.user = getattr(args, "user", None) or environ.get("WINDOWDESK_USER")
    args.json = getattr(args, "json", False)
    return args


def command_of(argv: list[str]) -> str | None:
    """The command name: the first word that is neither an option nor the value of one (`--db X`)."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


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
    parser = build_parser(command_of(argv))
    args = resolve(parser.parse_args(argv))
    from ..adapters.out_files import private_umask  # no heavy import: a module of os calls

    private_umask()  # the database, its WAL, backups, exports, temporaries: readable by the user alone
    if args.command is None:
        from ..ui.app import (
            main as window_main,  # Qt is imported only when the window opens
        )

        return window_main(args.db)
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
