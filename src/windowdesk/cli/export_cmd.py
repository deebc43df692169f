"""`windowdesk export --period YYYY-MM --out DIR`, `windowdesk package verify DIR`, `windowdesk package set-key`."""

from __future__ import annotations

import os
import sys

from .errors import UsageError, worded
from .output import print_json
from .session import acting_user, password_from, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("export", parents=[common], help="write the month's package for the county (supervisor)")
    cmd.add_argument("--period", required=True, help="the month, YYYY-MM")
    cmd.add_argument("--out", required=True, help="the folder to write the package into")
    cmd.add_argument("--force", action="store_true",
                     help="export a month that is not over yet (refused without it; the manifest says complete: false)")
    cmd.set_defaults(handler=run_export)
    package = commands.add_parser("package", parents=[common], help="check a package; set the county key")
    actions = package.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", parents=[common],
                                help="check a package's files (decrypting them), manifest and signature against the "
                                     "county key (exit 2 if altered)")
    verify.add_argument("directory")
    verify.set_defaults(handler=run_verify)
    opener = actions.add_parser("open", parents=[common],
                                help="verify a package, then write its plain files into --out (for the county)")
    opener.add_argument("directory")
    opener.add_argument("--out", required=True, help="the folder for the plain files")
    opener.add_argument("--force", action="store_true", help="write over files already in --out")
    opener.set_defaults(handler=run_open)
    key = actions.add_parser("set-key", parents=[common],
                             help="store the county's key (hex) from WINDOWDESK_COUNTY_KEY, a prompt or stdin, in "
                                  "the key file beside the database, never in it (admin)")
    key.set_defaults(handler=run_set_key)


def run_export(args) -> int:
    from ..services.export import export_period

    store = store_for(args)
    actor = acting_user(args, store)
    manifest = export_period(store, actor, period=args.period, out_dir=args.out, unfinished=args.force)
    if args.json:
        print_json({"out": args.out, **manifest})
    else:
        print(f"package {manifest['window_id']} {manifest['period']} no. {manifest['sequence']} -> {args.out}")
        if not manifest["complete"]:
            print(f"  unfinished month: recorded until {manifest['as_of']}")
        for f in manifest["files"]:
            print(f"  {f['name']:<18} {f['rows']:>7} rows  sha256 {f['sha256']}")
    return 0


def run_verify(args) -> int:
    from ..services.export import verify_package

    store = store_for(args)
    acting_user(args, store)  # the county key is read: logged-in users only
    if not os.path.isdir(args.directory):
        raise UsageError("folder_missing", "directory", path=args.directory)
    report = verify_package(store, args.directory)
    found = [worded(p) for p in report["problems"]]
    if args.json:
        print_json({**report, "problems": found})
    elif report["ok"]:
        print(f"{args.directory}: ok ({report['window_id']} {report['period']} no. {report['sequence']})")
    for problem in found:
        print(f"windowdesk package verify: {args.directory}: {problem['message']}", file=sys.stderr)
    return 0 if report["ok"] else 2


def run_open(args) -> int:
    from ..services.export import open_package

    store = store_for(args)
    actor = acting_user(args, store)
    if not os.path.isdir(args.directory):
        raise UsageError("folder_missing", "directory", path=args.directory)
    result = open_package(store, actor, directory=args.directory, out_dir=args.out, force=args.force)
    if args.json:
        print_json(result)
    else:
        print(f"package {result['window_id']} {result['period']} no. {result['sequence']} opened -> {result['out']}")
        for f in result["files"]:
            print(f"  {f['name']:<18} {f['rows']:>7} rows  sha256 {f['sha256']}")
    return 0


def run_set_key(args) -> int:
    from ..services.keys import set_county_key

    store = store_for(args)
    actor = acting_user(args, store)
    key = password_from("WINDOWDESK_COUNTY_KEY", "county key (hex): ")
    if key is None:
        key = sys.stdin.readline()
    if not key.strip():
        raise UsageError("county_key_not_given", "county_key")
    result = set_county_key(store, actor, key_hex=key)
    if args.json:
        print_json(result)
    else:
        print(f"county key set (key id {result['key_id']})")
    return 0
