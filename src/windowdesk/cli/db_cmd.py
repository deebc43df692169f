"""`windowdesk db check`, `windowdesk backup OUT`, `windowdesk restore FILE`: keeping the database whole."""

from __future__ import annotations

import getpass
import os
import sys

from .errors import UsageError, problem_message, worded
from .output import print_json
from .session import acting_user, store_for

CHECK_HELP = ("check SQLite's integrity, foreign keys, the schema revision and the audit chain; reads only and "
              "needs no login. Exit 0 when all is well, 1 when a problem is found (the report says where), "
              "2 when the database does not exist")
BACKUP_HELP = ("copy the live database to a new file, sealed with AES-256-GCM (SQLite online backup; admin): under "
               "the backup key derived from the county key, or under the passphrase in "
               "WINDOWDESK_BACKUP_PASSPHRASE when set. A database failing its integrity check is refused")
RESTORE_HELP = ("replace the database with a backup after checking it is a sound windowdesk database; the "
                "current file is kept as <name>.before-restore-<stamp>.bak. Needs the current database's admin "
                "(--user) unless that database is missing or unreadable. A sealed backup opens with the county key of the "
                "key file (or WINDOWDESK_COUNTY_KEY) or the passphrase in WINDOWDESK_BACKUP_PASSPHRASE (or a prompt)")


def register(commands, common) -> None:
    db = commands.add_parser("db", parents=[common], help="database maintenance")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", parents=[common], help=CHECK_HELP, description=CHECK_HELP)
    check.set_defaults(handler=run_check)
    backup = commands.add_parser("backup", parents=[common], help=BACKUP_HELP, description=BACKUP_HELP)
    backup.add_argument("out", nargs="?",
                        help="the backup file to create (never over a file unless --force, never the database)")
    backup.add_argument("--force", action="store_true", help="replace an existing backup file")
    backup.add_argument("--auto", action="store_true",
                        help="make the day's backup unless it exists, then keep the newest --keep of them")
    backup.add_argument("--dir", help="with --auto: the folder (default: the backup_dir setting, else backups/ "
                                      "in the data folder)")
    backup.add_argument("--keep", help="with --auto: how many daily backups to keep (default: the backup_keep "
                                       "setting, 30)")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser("restore", parents=[common], help=RESTORE_HELP, description=RESTORE_HELP)
    restore.add_argument("file", help="a backup made by `windowdesk backup`")
    restore.set_defaults(handler=run_restore)


def run_check(args) -> int:
    from ..services.maintenance import check_database, open_for_check

    store = open_for_check(args.db)
    try:
        report = check_database(store)
    finally:
        store.engine.dispose()
    if args.json:
        print_json({**report, "problems": [_finding(p) for p in report["problems"]],
                    "audit": {**report["audit"], "problems": [_finding(p) for p in report["audit"]["problems"]]}})
    else:
        _print_check(report)
    return 0 if report["ok"] else 1


def _finding(problem) -> dict:
    """A finding as --json prints it: the audit entry it is at (`seq`, null when none), the stable code, the
    field, its parameters as text and its sentence in WINDOWDESK_LANG."""
    return {"seq": problem.params.get("seq"), **worded(problem), "params": problem.to_json()["params"]}


# The line of the human report a database finding is listed under (the rest are orphan rows).
_SECTIONS = {"db_table_missing": "schema", "db_revision_missing": "schema", "db_revision_unknown": "schema",
             "db_integrity": "integrity", "db_unreadable": "integrity"}


def _print_check(report: dict) -> None:
    def listed(section: str, problems) -> None:
        for problem in problems:
            if _SECTIONS.get(problem.code, "foreign_keys") == section:
                print(f"  {problem_message(problem)}")

    print(f"database: {report['database']}")
    print(f"schema revision: {report['revision']} (this windowdesk: {report['head']})")
    listed("schema", report["problems"])
    integrity = report["integrity"]
    print(f"SQLite integrity: {integrity if isinstance(integrity, str) else 'FAILED'}")
    listed("integrity", report["problems"])
    keys = report["foreign_keys"]
    print(f"foreign keys: {keys if isinstance(keys, str) else 'ok' if not keys else f'{len(keys)} orphan rows'}")
    listed("foreign_keys", report["problems"])
    audit = report["audit"]
    print(f"audit chain: {audit['entries']} entries, " + ("intact" if not audit["problems"] else "BROKEN"))
    for problem in audit["problems"]:
        print(f"  {problem_message(problem)}")
    print("ok" if report["ok"] else "CHECK FAILED")


def run_backup(args) -> int:
    if args.auto:
        return _run_auto_backup(args)
    if not args.out or args.dir or args.keep:
        raise UsageError("backup_out_or_auto", "out")
    from ..services.backup_seal import passphrase_from_env
    from ..services.maintenance import backup

    store = store_for(args)
    try:
        result = backup(store, acting_user(args, store), out=args.out, passphrase=passphrase_from_env(),
                        force=args.force)
    finally:
        store.engine.dispose()
    if args.json:
        print_json(result)
    else:
        print(f"backup written: {result['file']} ({result['bytes']} bytes, sealed with the {result['key']}, "
              f"sha256 {result['sha256']})")
    return 0


def _run_auto_backup(args) -> int:
    from ..services.backup_seal import passphrase_from_env
    from ..services.backups import auto_backup

    if args.out:
        raise UsageError("backup_out_or_auto", "out")
    store = store_for(args)
    try:
        result = auto_backup(store, acting_user(args, store), folder=args.dir, keep=args.keep,
                             passphrase=passphrase_from_env())
    finally:
        store.engine.dispose()
    if args.json:
        print_json(result)
    else:
        print(f"{'backup written' if result['made'] else 'the day has its backup already'}: {result['file']}")
        if result["removed"]:
            print(f"removed {len(result['removed'])} older backups; {len(result['kept'])} kept")
    return 0


def run_restore(args) -> int:
    from ..services.backup_seal import parse_hex_key, passphrase_from_env
    from ..services.errors import Refused
    from ..services.maintenance import restore, restore_needs_admin

    actor = None
    if restore_needs_admin(args.db):
        store = store_for(args)
        try:
            actor = acting_user(args, store)
        finally:
            store.engine.dispose()
    passphrase = passphrase_from_env()
    county_key = parse_hex_key(os.environ.get("WINDOWDESK_COUNTY_KEY"))  # a new machine has no key file yet
    try:
        result = restore(args.db, args.file, actor=actor, passphrase=passphrase, county_key=county_key)
    except Refused as refusal:
        if refusal.code != "backup_passphrase_needed" or not sys.stdin.isatty():
            raise
        result = restore(args.db, args.file, actor=actor, passphrase=getpass.getpass("backup passphrase: "),
                         county_key=county_key)
    if args.json:
        print_json(result)
    else:
        kept = f"; the replaced database is kept as {result['safety_backup']}" if result["safety_backup"] else ""
        print(f"restored {result['database']} from {result['file']}{kept}")
    return 0
