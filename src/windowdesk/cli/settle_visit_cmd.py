"""`windowdesk settle-visit ID_NUMBER --input VISIT.json`: settle and record a discharge."""

from __future__ import annotations

from ..domain.case_json import parse_visit
from ..services.settlement import settle_visit
from .output import print_json
from .session import acting_user, store_for
from .settle_cmd import print_human, read_json


def register(commands, common) -> None:
    cmd = commands.add_parser("settle-visit", parents=[common], help="settle a person's discharge and record it")
    cmd.add_argument("id_number")
    cmd.add_argument("--input", required=True, help="the visit (JSON object, as `visit` of a settle case)")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    document = read_json(args.input)
    visit = parse_visit(document.get("visit", document) if isinstance(document, dict) else document)
    store = store_for(args)
    actor = acting_user(args, store)
    settled = settle_visit(store, actor, id_number=args.id_number, visit=visit)
    if args.json:
        print_json(settled.to_json())
    else:
        print(f"结算单号 receipt: {settled.receipt_no}   settlement {settled.settlement_id}")
        print_human(settled.result)
    return 0
