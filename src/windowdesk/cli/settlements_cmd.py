"""`windowdesk settlements [--person ID] [--name PREFIX] [--from DATE] [--to DATE] [--receipt NO] [--all]`: find
this window's settlements, newest first (cli.md)."""

from __future__ import annotations

from ..domain.money import fmt
from . import arguments
from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("settlements", parents=[common], help="find this window's settlements")
    cmd.add_argument("--person", metavar="ID_NUMBER", help="the person's ID number")
    cmd.add_argument("--name", metavar="PREFIX", help="names starting with this")
    cmd.add_argument("--from", dest="date_from", metavar="DATE", help="discharged on or after (YYYY-MM-DD)")
    cmd.add_argument("--to", dest="date_to", metavar="DATE", help="discharged on or before (YYYY-MM-DD)")
    cmd.add_argument("--receipt", metavar="NO", help="the receipt number printed on the slip")
    cmd.add_argument("--all", action="store_true", help="voided settlements too")
    cmd.add_argument("--limit", type=int, default=500, help="at most this many (default 500)")
    cmd.set_defaults(handler=run)




def run(args) -> int:
    from ..services.lookup import find_settlements

    store = store_for(args)
    actor = acting_user(args, store)
    rows = find_settlements(store, actor, receipt_no=args.receipt, id_number=args.person, name=args.name,
                            date_from=arguments.day(args.date_from, "--from") if args.date_from else None,
                            date_to=arguments.day(args.date_to, "--to") if args.date_to else None,
                            include_voided=args.all, limit=arguments.limit(args.limit, "--limit"))
    if args.json:
        print_json({"settlements": [row.to_json() for row in rows]})
        return 0
    for row in rows:
        void = "  作废 voided" if row.voided else ""
        print(f"{row.receipt_no}  {row.discharged}  {row.name} {row.id_masked}  {row.hospital or '-'}  "
              f"总费用 {fmt(row.total)}  报销 {fmt(row.reimbursed)}  个人 {fmt(row.patient_pays)}{void}")
    print(f"{len(rows)} settlement(s)")
    return 0
