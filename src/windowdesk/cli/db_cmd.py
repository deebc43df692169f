"""`windowdesk db check`, `windowdesk backup OUT`, `windowdesk restore FILE`: keeping the database whole."""

from __future__ import annotations

from .errors import UsageError
from .output import print_json
from .session import acting_user, store_for

CHECK_HELP = ("check SQLite's integrity, foreign keys, the schema revision and the audit chain; reads only and "
              "needs no login. Exit 0 when all is well, 1 when a problem is found (the report says where), "
              "2 when the database does not exist")
RESTORE_HELP = ("replace the database with a backup after checking it is a sound windowdesk database; the "
                "current file is kept as <name>.before-restore-<stamp>.bak. Needs the current database's admin "
                "(--user) unless that database is missing or unreadable")


def register(commands, common) -> None:
    db = commands.add_parser("db", parents=[common], help="database maintenance")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", parents=[common], help=CHECK_HELP, description=CHECK_HELP)
    check.set_defaults(handler=run_check)
    backup = commands.add_parser("backup", parents=[common],
                                 help="copy the live database to a new file (SQLite online backup; admin), or "
                                      "--auto: the day's backup windowdesk-YYYY-MM-DD.sqlite (any user)")
    backup.add_argument("out", nargs="?", help="the backup file to create (never overwritten)")
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
        print_json(report)
    else:
        _print_check(report)
    return 0 if report["ok"] else 1


def _print_check(report: dict) -> None:
    print(f"database: {report['database']}")
    print(f"schema revision: {report['revision']} (this windowdesk: {report['head']})")
    if report["missing_tables"]:
        print(f"missing tables: {', '.join(report['missing_tables'])}")
    integrity = report["integrity"]
    print(f"SQLite integrity: {integrity if isinstance(integrity, str) else 'FAILED'}")
    for message in [] if isinstance(integrity, str) else integrity:
        print(f"  {message}")
    keys = report["foreign_keys"]
    print(f"foreign keys: {keys if isinstance(keys, str) else 'ok' if not keys else f'{len(keys)} orphan rows'}")
    for row in [] if isinstance(keys, str) else keys:
        print(f"  {row['table']} row {row['rowid']} has no {row['parent']} row")
    audit = report["audit"]
    print(f"audit chain: {audit['entries']} entries, " + ("intact" if not audit["problems"] else "BROKEN"))
    for problem in audit["problems"]:
        print(f"  {problem['message']}")
    print("ok" if report["ok"] else "CHECK FAILED")


def run_backup(args) -> int:
    if args.auto:
        return _run_auto_backup(args)
    if not args.out or args.dir or args.keep:
        raise UsageError("backup_out_or_auto", "out")
    from ..services.maintenance import backup

    store = store_for(args)
    try:
        result = backup(store, acting_user(args, store), out=args.out)
    finally:
        store.engine.dispose()
    if args.json:
        print_json(result)
    else:
        print(f"backup written: {result['file']} ({result['bytes']} bytes, sha256 {result['sha256']})")
    return 0


def _run_auto_backup(args) -> int:
    from ..services.backups import auto_backup

    if args.out:
        raise UsageError("backup_out_or_auto", "out")
    store = store_for(args)
    try:
        result = auto_backup(store, acting_user(args, store), folder=args.dir, keep=args.keep)
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
    from ..services.maintenance import restore, restore_needs_admin

    actor = None
    if restore_needs_admin(args.db):
        store = store_for(args)
        try:
            actor = acting_user(args, store)
        finally:
            store.engine.dispose()
    result = restore(args.db, args.file, actor=actor)
    if args.json:
        print_json(result)
    else:
        kept = f"; the replaced database is kept as {result['safety_backup']}" if result["safety_backup"] else ""
        print(f"restored {result['database']} from {result['file']}{kept}")
    return 0
