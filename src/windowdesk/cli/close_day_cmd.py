"""`windowdesk close-day [--clerk NAME] [--date YYYY-MM-DD] [--preview]`: day-end closing (日结) or its preview."""

from __future__ import annotations

import unicodedata
from datetime import date

from ..adapters import out_files
from . import arguments
from .output import print_json
from .session import acting_user, store_for

_AMOUNT_LABELS = (("total", "总费用 total"), ("in_scope", "政策范围内 in scope"),
                  ("basic", "基本医保 basic"),
                  ("critical", "大病保险 critical"), ("assistance", "医疗救助 assistance"),
                  ("supplementary", "补充保险 supplementary"), ("backstop", "兜底 backstop"),
                  ("reimbursed", "报销合计 reimbursed"), ("patient_pays", "个人支付 patient pays"))


def register(commands, common) -> None:
    cmd = commands.add_parser("close-day", parents=[common], help="day-end closing (日结) of a clerk's day")
    cmd.add_argument("--clerk", help="whose day (default: the acting user; others' days need a supervisor)")
    cmd.add_argument("--date", help="the day, YYYY-MM-DD (default: today)")
    cmd.add_argument("--preview", action="store_true", help="show the summary without closing the day")
    cmd.add_argument("--pdf", metavar="FILE", help="also write the day-end report (日结报表) as a PDF to print")
    cmd.add_argument("--force", action="store_true", help="replace an existing --pdf file")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.closing import close_day, day_report, day_report_pdf

    day = _day(args.date)
    store = store_for(args)  # first: the database it opens is then never a --pdf target
    if args.pdf:
        out_files.check_target(args.pdf, force=args.force, field="pdf")
    actor = acting_user(args, store)
    if args.preview:
        result = day_report(store, actor, clerk=args.clerk, day=day)
    else:
        result = close_day(store, actor, clerk=args.clerk, day=day)
    if args.pdf:
        out_files.write_out(args.pdf, day_report_pdf(store, actor, clerk=args.clerk, day=day), force=args.force,
                            field="pdf")
    if args.json:
        print_json(result)
    else:
        print_human(result, preview=args.preview)
    return 0


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    return arguments.day(text, "--date")


def print_human(result: dict, *, preview: bool) -> None:
    if not preview:
        state = f"已日结 closed by {result['closed_by']} at {result['closed_at']}"
    elif result["closed"]:
        state = f"预览 preview; 已日结 closed by {result['closed_by']} at {result['closed_at']}"
    else:
        state = "预览 preview; 未日结 not closed"
    print(f"日结 day-end closing: {result['clerk']}  {result['day']}  window {result['window_id']}  ({state})")
    settled = result["settlements"]
    print(f"结算 settlements: {settled['count']}")
    for key, label in _AMOUNT_LABELS:
        print(f"  {_pad(label)}{settled[key]:>14}")
    enrolled = result["enrollments"]
    print(f"参保 enrollments: {enrolled['count']}")
    print(f"  {_pad('个人缴费 contributions')}{enrolled['contribution']:>14}")
    print(f"  {_pad('个人实缴 person pays')}{enrolled['person_pays']:>14}")
    for fund, amount in enrolled["subsidy"].items():
        print(f"  {_pad('资助 subsidy ' + fund)}{amount:>14}")
    print(f"作废 voids: {len(result['voids'])}")
    for void in result["voids"]:
        print(f"  {void['receipt_no']}  {void['settlement_id']}  patient pays {void['patient_pays']}  "
              f"refunded {void['cash_refunded']}  by {void['voided_by']}: {void['reason']}")
    print(f"收款 cash collected: {result['cash_collected']}   退款 refunded: {result['cash_refunded']}   "
          f"净额 net: {result['net_cash']}")
    if preview and result["closed"] and result["closed_summary"] != _summary_part(result):
        print("注意 note: the figures now differ from those stored at closing; the stored ones count")


def _pad(label: str, width: int = 28) -> str:
    # A Chinese character takes two columns on a terminal; str.ljust would count it as one.
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label)
    return label + " " * max(1, width - columns)


def _summary_part(result: dict) -> dict:
    return {key: value for key, value in result.items()
            if key not in ("closed", "closed_at", "closed_by", "closed_summary")}
