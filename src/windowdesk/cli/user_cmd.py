"""`windowdesk user add|list|disable|enable|reset-password|passwd`: the admin manages users; each changes their own
password. New passwords come from WINDOWDESK_NEW_PASSWORD, else a prompt (asked twice) on a terminal."""

from __future__ import annotations

import getpass
import os
import sys

from ..services import auth, users
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
    listing = actions.add_parser("list", parents=[common], help="list the users (admin)")
    listing.set_defaults(handler=run_list)
    for name, handler, text in (("disable", run_disable, "the user can no longer log in (admin; never deleted)"),
                                ("enable", run_enable, "the user may log in again, and a lock ends (admin)"),
                                ("reset-password", run_reset, "give the user a new password from "
                                                              "WINDOWDESK_NEW_PASSWORD (admin)")):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("name")
        action.set_defaults(handler=handler)
    passwd = actions.add_parser("passwd", parents=[common], help="change your own password (the current one "
                                "from WINDOWDESK_PASSWORD, the new one from WINDOWDESK_NEW_PASSWORD)")
    passwd.set_defaults(handler=run_passwd)


def new_password(whose: str) -> str:
    """From WINDOWDESK_NEW_PASSWORD; else asked twice on a terminal (a typo would lock the user out)."""
    value = os.environ.get("WINDOWDESK_NEW_PASSWORD")
    if value is None and sys.stdin.isatty():
        value = getpass.getpass(f"new password for {whose}: ")
        if getpass.getpass("again: ") != value:
            raise UsageError("password_mismatch", "password")
    if not value:
        raise UsageError("new_password_missing", "password")
    return value


def _acting(args):
    store = store_for(args)
    return store, acting_user(args, store)


def run_add(args) -> int:
    store, actor = _acting(args)
    auth.add_user(store, actor, name=args.name, role=args.role, password=new_password(args.name))
    if args.json:
        print_json({"name": args.name, "role": args.role})
    else:
        print(f"user {args.name} ({args.role}) added")
    return 0


def run_list(args) -> int:
    store, actor = _acting(args)
    found = users.list_users(store, actor)
    if args.json:
        print_json({"users": found})
        return 0
    for user in found:
        state = "active" if user["active"] else "disabled"
        if user["locked_until"]:
            state += f", locked until {user['locked_until']}"
        print(f"{user['name']}\t{user['role']}\t{state}\tsince {user['created_at']}")
    return 0


def run_disable(args) -> int:
    store, actor = _acting(args)
    return _report(args, users.disable_user(store, actor, name=args.name), "disabled", "was disabled already")


def run_enable(args) -> int:
    store, actor = _acting(args)
    result = users.enable_user(store, actor, name=args.name)
    return _report(args, result, "enabled" + (" (its lock ended)" if result["unlocked"] else ""),
                   "was enabled already")


def run_reset(args) -> int:
    store, actor = _acting(args)
    result = users.reset_password(store, actor, name=args.name, password=new_password(args.name))
    return _report(args, {**result, "changed": True}, "has a new password", "")


def run_passwd(args) -> int:
    store = store_for(args)
    current = password_from("WINDOWDESK_PASSWORD", f"current password for {args.user}: ") or ""
    actor = auth.authenticate(store, args.user, current)
    result = users.change_own_password(store, actor, current_password=current,
                                       new_password=new_password(actor.name))
    return _report(args, {**result, "changed": True}, "has a new password", "")


def _report(args, result: dict, done: str, nothing: str) -> int:
    if args.json:
        print_json(result)
    else:
        print(f"user {result['name']} {done if result['changed'] else nothing}")
    return 0
