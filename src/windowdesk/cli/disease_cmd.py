"""`windowdesk disease add|end|list ID_NUMBER`: special-disease registrations (慢特病认定) of a person."""

from __future__ import annotations

from . import arguments
from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("disease", help="special-disease registrations (慢特病认定)")
    actions = cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="register a disease from a date (clerk)")
    add.add_argument("id_number")
    add.add_argument("--code", required=True, help="ICD-10 prefix of the policy's disease list (E11)")
    add.add_argument("--from", dest="start", required=True, help="approved on, YYYY-MM-DD")
    add.add_argument("--to", dest="end", help="last day it holds, YYYY-MM-DD (default: open)")
    add.set_defaults(handler=run_add)
    end = actions.add_parser("end", parents=[common], help="end a registration on a date (clerk)")
    end.add_argument("id_number")
    end.add_argument("--code", required=True)
    end.add_argument("--on", required=True, help="its last day, YYYY-MM-DD")
    end.set_defaults(handler=run_end)
    listing = actions.add_parser("list", parents=[common], help="a person's registrations")
    listing.add_argument("id_number")
    listing.set_defaults(handler=run_list)


def run_add(args) -> int:
    from ..services.diseases import add_registration

    store = store_for(args)
    actor = acting_user(args, store)
    ended_on = arguments.day(args.end, "--to") if args.end else None
    done = add_registration(store, actor, id_number=args.id_number, code=args.code,
                            approved_on=arguments.day(args.start, "--from"), ended_on=ended_on)
    _print(args, done)
    return 0


def run_end(args) -> int:
    from ..services.diseases import end_registration

    store = store_for(args)
    actor = acting_user(args, store)
    on = arguments.day(args.on, "--on")
    _print(args, end_registration(store, actor, id_number=args.id_number, code=args.code, on=on))
    return 0


def run_list(args) -> int:
    from ..services.diseases import list_registrations

    store = store_for(args)
    acting_user(args, store)  # personal data: logged-in users only
    registrations = list_registrations(store, id_number=args.id_number)
    if args.json:
        print_json({"registrations": [r.to_json() for r in registrations]})
    else:
        for r in registrations:
            print(f"{r.code}  {r.name or '-'}  {r.approved_on} ~ {r.ended_on or ''}")
        if not registrations:
            print("没有慢特病认定 no registrations")
    return 0


def _print(args, registration) -> None:
    if args.json:
        print_json(registration.to_json())
    else:
        print(f"{registration.code} {registration.name} {registration.approved_on} ~ {registration.ended_on or ''}")
