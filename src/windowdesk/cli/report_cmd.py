"""`windowdesk report NAME --year YYYY [--month MM] [--by ...] [--xlsx FILE]`: the county's reports (cli.md)."""

from __future__ import annotations


from ..adapters import out_files
from .errors import UsageError
from .output import print_json
from .session import acting_user, store_for

NAMES = ("coverage", "out-of-catalog", "monitoring", "ledger", "unenrolled")


def register(commands, common) -> None:
    cmd = commands.add_parser("report", parents=[common], help="the county's reports (supervisor)")
    cmd.add_argument("name", choices=NAMES)
    cmd.add_argument("--year", type=int, required=True)
    cmd.add_argument("--month", type=int, help="1-12: only the settlements discharged in that month")
    cmd.add_argument("--by", choices=("category", "month", "town", "hospital"), default="category",
                     help="coverage: the grouping (default category)")
    cmd.add_argument("--xlsx", metavar="FILE", help="also write the report as an Excel sheet")
    cmd.add_argument("--force", action="store_true", help="replace an existing --xlsx file")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..adapters.report_tables import table_of
    from ..adapters.report_xlsx import write_xlsx
    from ..services.reports.run import run_report
    from ..services.reports.scope import plain

    if args.by != "category" and args.name != "coverage":
        raise UsageError("report_by_coverage_only", "by")
    if args.month is not None and args.name == "unenrolled":
        raise UsageError("report_unenrolled_whole_year", "month")
    store = store_for(args)
    if args.xlsx:  # after the store: the database it opens is never a target
        out_files.check_target(args.xlsx, force=args.force, field="xlsx")
    actor = acting_user(args, store)
    report = run_report(store, actor, name=args.name, year=args.year, month=args.month, by=args.by)
    if args.xlsx:
        write_xlsx(table_of(report), args.xlsx, force=args.force)
    document = document_of(report, plain)
    if args.json:
        print_json(document)
    else:
        print_human(table_of(report))
        if args.xlsx:
            print(f"-> {args.xlsx}")
    return 0


def document_of(report, plain) -> dict:
    """cli.md's shape: the period and window, then the report's own fields (the 台账's cells nested)."""
    scope = report.scope
    head = {"report": report.NAME, "year": scope.year, "month": scope.month, "window_id": scope.window_id,
            "policy_id": scope.policy.id, "made_at": scope.made_at.isoformat(timespec="seconds")}
    body = plain(report)
    if report.NAME == "ledger":
        body["rows"] = [_ledger_cell(row) for row in body["rows"]]
        body["all"] = _ledger_cell(body["all"])
    return head | body


_ENROLLMENT_FIELDS = ("contribution", "subsidy", "person_pays")


def _ledger_cell(row: dict) -> dict:
    enrolled = {"count": row.pop("enrollments"), **{k: row.pop(k) for k in _ENROLLMENT_FIELDS}}
    month, category = row.pop("month"), row.pop("category")
    return {"month": month, "category": category, "enrollments": enrolled,
            "settlements": {"count": row.pop("settlements"), **row}}


def print_human(table) -> None:
    from ..adapters.report_tables import cell_text
    from ..adapters.report_xlsx import title_of

    print(title_of(table))
    print("\t".join(c.header for c in table.columns))
    for row in table.rows:
        print("\t".join(cell_text(v, c.kind) for c, v in zip(table.columns, row)))
