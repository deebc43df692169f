"""`windowdesk enroll ID_NUMBER --year YYYY [--date YYYY-MM-DD]`: enroll a person of the roster for a year."""

from __future__ import annotations

from datetime import date

from ..domain.money import fmt
from . import arguments
from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("enroll", parents=[common], help="enroll a person for a year (clerk)")
    cmd.add_argument("id_number")
    cmd.add_argument("--year", type=int, required=True)
    cmd.add_argument("--date", help="the day of enrolling, YYYY-MM-DD (default today)")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.enrollment import enroll

    on = arguments.day(args.date, "--date") if args.date else date.today()
    store = store_for(args)
    actor = acting_user(args, store)
    result = enroll(store, actor, id_number=args.id_number, year=arguments.year(args.year, "--year"), on=on)
    if args.json:
        print_json(result.to_json())
    else:
        from ..domain.categories import CATEGORY_LABELS_ZH as zh

        print(f"票据号 receipt: {result.receipt_no}")
        print(f"{result.year} 年度参保 enrolled: {result.id_number}  {zh.get(result.category, result.category)}")
        print(f"个人缴费 contribution: {fmt(result.contribution)}")
        for fund, amount in result.subsidy:
            print(f"  资助 subsidy {fund}: {fmt(amount)}")
        print(f"个人应缴 person pays: {fmt(result.person_pays)}")
        print(f"参保期 insured: {result.insured_from} ~ {result.insured_to}")
    return 0


