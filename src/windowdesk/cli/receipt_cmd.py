"""`windowdesk receipt SETTLEMENT_ID_OR_RECEIPT_NO --out FILE.pdf [--paper] [--reprint]`: write a settlement slip
(or, with `--enrollment RECEIPT_NO`, an enrollment receipt). The file is an electronic copy (电子副本, not
counted as a paper) unless --paper or --reprint says it goes to a printer: then it is the original paper, and
a paper after the first needs --reprint and says 补打."""

from __future__ import annotations

from .errors import UsageError
from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("receipt", parents=[common], help="print a settlement slip or enrollment receipt (PDF)")
    cmd.add_argument("settlement_id", nargs="?", metavar="SETTLEMENT_ID_OR_RECEIPT_NO",
                     help="the settlement: its id, or the receipt number printed on the slip")
    cmd.add_argument("--enrollment", metavar="RECEIPT_NO", help="print this enrollment's receipt instead")
    cmd.add_argument("--out", required=True, help="the PDF file to write (never over a file unless --force)")
    cmd.add_argument("--force", action="store_true", help="replace an existing --out file")
    cmd.add_argument("--paper", action="store_true",
                     help="the PDF goes to a printer: counted as the paper original (default: an electronic copy)")
    cmd.add_argument("--reprint", action="store_true",
                     help="a paper printed again (marked 补打 and counted; implies --paper)")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.receipts import (  # reportlab loads only when printing
        print_enrollment,
        print_settlement,
    )

    if bool(args.settlement_id) == bool(args.enrollment):
        raise UsageError("receipt_target_missing", "settlement")
    copy = "paper" if args.paper or args.reprint else "electronic"  # only a paper is reprinted (cli.md)
    store = store_for(args)
    actor = acting_user(args, store)
    if args.enrollment:
        printed = print_enrollment(store, actor, receipt_no=args.enrollment, copy=copy, reprint=args.reprint,
                                   out=args.out, force=args.force)
    else:
        printed = print_settlement(store, actor, settlement_id=args.settlement_id, copy=copy,
                                   reprint=args.reprint, out=args.out, force=args.force)
    if args.json:
        print_json(printed.to_json())
    else:
        mark = ("电子副本 electronic copy" if printed.electronic
                else f"补打 第{printed.copy_no - 1}次" if printed.reprint else "original")
        void = ", 作废 (void)" if printed.voided else ""
        unsigned = "" if printed.signed else "; QR not signed: no county key configured (未配置校验密钥)"
        print(f"receipt {printed.receipt_no}: {mark}{void}, {printed.page_size}, {len(printed.pdf)} bytes "
              f"-> {printed.out}{unsigned}")
    return 0
