"""`windowdesk family-cap --year YYYY`: the annual family-cap batch (supervisor); a rerun pays only what is new."""

from __future__ import annotations

from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("family-cap", parents=[common], help="run the annual family-cap batch (supervisor)")
    cmd.add_argument("--year", type=int, required=True)
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.family_cap import run_family_cap

    store = store_for(args)
    actor = acting_user(args, store)
    result = run_family_cap(store, actor, year=args.year)
    if args.json:
        print_json({"year": result["year"], "total": result["total"], "payouts": result["payouts"]})
    else:
        print(f"{result['year']} 封顶制 family cap: {len(result['payouts'])} households, total {result['total']}")
        for p in result["payouts"]:
            print(f"  {p['household']:<16} {p['category']:<12} self-pay {p['self_pay']:>12}  cap {p['cap']:>10}  "
                  f"payout {p['payout']:>10}")
    return 0
