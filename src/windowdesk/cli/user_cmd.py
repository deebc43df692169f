"""`windowdesk user add NAME --role clerk|supervisor|admin` (admin only)."""

from __future__ import annotations

from ..services import auth
from .errors import UsageError
from .output import print_json
from .session import acting_user, password_from, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("user", parents=[common], help="manage users")
    actions = cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="add a user (password from WINDOWDESK_NEW_PASSWORD)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.set_defaults(handler=run_add)


def run_add(args) -> int:
    store = store_for(args)
    actor = acting_user(args, store)
    password = password_from("WINDOWDESK_NEW_PASSWORD", f"new password for {args.name}: ")
    if not password:
        raise UsageError("new_password_missing", "password")
    auth.add_user(store, actor, name=args.name, role=args.role, password=password)
    if args.json:
        print_json({"name": args.name, "role": args.role})
    else:
        print(f"user {args.name} ({args.role}) added")
    return 0
