"""`windowdesk policy check FILE` / `windowdesk policy list`."""

from __future__ import annotations

from ..adapters.policy_presets import load_policy, preset_files
from ..domain.policy import Policy
from .output import print_json


def register(commands, common) -> None:
    cmd = commands.add_parser("policy", parents=[common], help="validate a policy file or list the presets")
    actions = cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", parents=[common], help="validate a policy file (exit 2 if bad)")
    check.add_argument("file")
    check.set_defaults(handler=run_check)
    listing = actions.add_parser("list", parents=[common], help="list the shipped presets")
    listing.set_defaults(handler=run_list)


def _summary(policy: Policy, file: str) -> dict:
    return {"id": policy.id, "name": policy.name, "region": policy.region, "source": policy.source,
            "effective_from": policy.effective_from.isoformat(), "effective_to": policy.effective_to.isoformat(),
            "file": file, "sha256": policy.content_hash}


def run_check(args) -> int:
    policy = load_policy(args.file)  # PolicyError -> exit 2 naming file, key and reason
    summary = _summary(policy, args.file)
    if args.json:
        print_json({"ok": True, **summary})
    else:
        print(f"{args.file}: ok ({policy.id}, {policy.name}, {policy.effective_from} to {policy.effective_to})")
    return 0


def run_list(args) -> int:
    presets = [_summary(load_policy(path), path.name) for path in preset_files()]
    if args.json:
        print_json(presets)
    else:
        for p in presets:
            print(f"{p['id']:<18} {p['name']}  ({p['effective_from']} to {p['effective_to']}; {p['source']})")
    return 0
