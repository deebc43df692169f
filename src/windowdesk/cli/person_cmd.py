"""`windowdesk person ID_NUMBER`: a person as stored (memberships, today's category, enrollments)."""

from __future__ import annotations

from datetime import date

from ..domain.money import fmt
from .output import print_json
from .session import acting_user, store_for


def register(commands, common) -> None:
    cmd = commands.add_parser("person", parents=[common], help="show a person of the roster")
    cmd.add_argument("id_number")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.people import person_view

    store = store_for(args)
    acting_user(args, store)  # no role needed, but personal data is shown to logged-in users only
    with store.reading() as session:
        view = person_view(session, args.id_number, date.today())
    if args.json:
        print_json(view.to_json())
    else:
        print_human(view)
    return 0


def print_human(view) -> None:
    from ..domain.categories import CATEGORY_LABELS_ZH as zh

    print(f"姓名 name: {view.name}   身份证号 ID: {view.id_number}   户号 household: {view.household or '-'}")
    print(f"出生 born: {view.birth_date}   {view.town} {view.village}".rstrip())
    print(f"今日类别 category today: {zh.get(view.category_on, view.category_on)} ({view.category_on})")
    print("人员类别 memberships:" + ("" if view.memberships else " -"))
    for m in view.memberships:
        print(f"  {zh.get(m.category, m.category)} ({m.category})  {m.identified_on} ~ {m.exited_on or ''}")
    print("参保 enrollments:" + ("" if view.enrollments else " -"))
    for e in view.enrollments:
        subsidy = ", ".join(f"{fund} {fmt(amount)}" for fund, amount in e.subsidy) or "-"
        print(f"  {e.year} {zh.get(e.category, e.category)}  缴费 {fmt(e.contribution)}  资助 {subsidy}  "
              f"个人 {fmt(e.person_pays)}  {e.insured_from} ~ {e.insured_to}  票据 {e.receipt_no}")
