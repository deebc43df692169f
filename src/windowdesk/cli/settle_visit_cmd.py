"""`windowdesk settle-visit ID_NUMBER --input VISIT.json [--dry-run] [--receipt OUT.pdf]`: settle and record a
discharge, or (--dry-run) show the trial settlement (试算) and write nothing."""

from __future__ import annotations

from ..adapters import out_files
from ..domain.case_json import parse_visit_document
from ..domain.problems import Problem, Refusal
from ..services.errors import InvalidInput
from ..services.settlement import settle_visit, trial_settlement
from .errors import UsageError
from .output import print_json
from .session import acting_user, store_for
from .settle_cmd import print_human, read_json


def register(commands, common) -> None:
    cmd = commands.add_parser("settle-visit", parents=[common], help="settle a person's discharge and record it")
    cmd.add_argument("id_number")
    cmd.add_argument("--input", required=True, help="the visit (JSON object, as `visit` of a settle case)")
    cmd.add_argument("--dry-run", action="store_true",
                     help="the trial settlement (试算): the same checks and figures, nothing written")
    cmd.add_argument("--receipt", metavar="OUT.pdf",
                     help="also write the slip to this PDF file (an electronic copy: the paper is printed apart)")
    cmd.add_argument("--force", action="store_true", help="replace an existing --receipt file")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    document = read_json(args.input)
    visit = parse_visit_document(document)
    if args.dry_run and args.receipt:
        raise UsageError("dry_run_no_receipt", "receipt")
    store = store_for(args)
    actor = acting_user(args, store)
    if args.receipt:  # refused before anything is recorded, not after
        out_files.check_target(args.receipt, force=args.force, field="receipt")
    if args.dry_run:
        preview = trial_settlement(store, actor, id_number=args.id_number, visit=visit)
        if args.json:
            print_json(preview.to_json())
        else:
            print("试算 trial settlement (nothing recorded)")
            print_human(preview.result)
        return 0
    settled = settle_visit(store, actor, id_number=args.id_number, visit=visit)
    if args.receipt:
        from ..services.receipts import (
            print_settlement,  # reportlab loads only when printing
        )

        try:  # the settlement is committed: a failed print must say so and how to print it later
            print_settlement(store, actor, settlement_id=settled.settlement_id, copy="electronic", out=args.receipt,
                             force=args.force)
        except Refusal as exc:
            raise InvalidInput.of([Problem("stored_not_printed", "receipt", {
                "settlement_id": settled.settlement_id, "receipt_no": settled.receipt_no}), *exc.problems]) from None
    if args.json:
        print_json({**settled.to_json(), **({"receipt_file": args.receipt} if args.receipt else {})})
    else:
        print(f"结算单号 receipt: {settled.receipt_no}   settlement {settled.settlement_id}")
        print_human(settled.result)
        if args.receipt:
            print(f"slip written to {args.receipt}")
    return 0
