"""`windowdesk ledger import FILE_OR_PACKAGE`: merge the county's consolidated settlements (supervisor)."""

from __future__ import annotations

from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("ledger", parents=[common], help="merge settlements of other windows")
    actions = cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    merge = actions.add_parser("import", parents=[common],
                               help="merge the settlements of a package folder, verified under the county key first "
                                    "(a bare CSV is refused)")
    merge.add_argument("file")
    merge.set_defaults(handler=run_import)


def run_import(args) -> int:
    from ..services.ledger_merge import import_ledger

    store = store_for(args)
    actor = acting_user(args, store)
    report = import_ledger(store, actor, path=args.file)
    if args.json:
        print_json(report)
    else:
        print(f"{report['file']}: {report['rows']} rows: {report['added']} added, {report['voided']} voided, "
              f"{report['unchanged']} unchanged, {report['own']} of this window skipped, "
              f"{len(report['unknown_persons'])} of persons not on the roster skipped, "
              f"{len(report['conflicts'])} conflicts")
        for item in report["unknown_persons"]:
            print(f"  row {item['row']}: {item['id_number']} not on the roster")
        for item in report["conflicts"]:
            print(f"  row {item['row']}: {item['settlement_id']}: {item['reason']}")
    return 0
