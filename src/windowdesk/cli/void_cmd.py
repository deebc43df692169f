"""`windowdesk void SETTLEMENT_ID --reason TEXT`: a supervisor reverses a settlement (it is never deleted)."""

from __future__ import annotations

from ..services.settlement import void_settlement
from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("void", parents=[common], help="void a settlement (supervisor)")
    cmd.add_argument("settlement_id")
    cmd.add_argument("--reason", required=True)
    cmd.set_defaults(handler=run)


def run(args) -> int:
    store = store_for(args)
    actor = acting_user(args, store)
    result = void_settlement(store, actor, settlement_id=args.settlement_id, reason=args.reason)
    if args.json:
        print_json(result)
    else:
        print(f"settlement {result['settlement_id']} (receipt {result['receipt_no']}) voided: {result['reason']}")
    return 0
