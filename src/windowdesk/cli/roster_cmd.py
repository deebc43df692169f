"""`windowdesk roster import FILE [--dry-run] [--expect-sha256 HEX]`: preview or apply a county roster file
(CSV or XLSX); --expect-sha256 (the preview's `sha256`) applies only the content that was previewed.

Exit 0 when the file was read, even with invalid rows: the valid rows are applied (cli.md) and each
invalid one is listed in the report with its row and reason. Exit 2 when the file itself cannot be used
(missing, no header or a required column missing, not CSV/XLSX, an undecodable encoding): then nothing
is written.
"""

from __future__ import annotations

import sys

from .errors import joined_message
from .output import print_json
from .session import acting_user, store_for

_STEPS = {"reading": "read {0:,} rows", "comparing": "read {0:,} rows; comparing with the stored roster",
          "writing": "writing the roster", "saving": "saving"}


def register(commands, common) -> None:
    roster = commands.add_parser("roster", help="the county roster of categories (特困, 低保, 脱贫...)")
    actions = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    cmd = actions.add_parser("import", parents=[common],
                             help="import a roster file: CSV (UTF-8, GBK/GB18030) or XLSX (supervisor)")
    cmd.add_argument("file")
    cmd.add_argument("--dry-run", action="store_true", help="report what would change, write nothing (clerk)")
    cmd.add_argument("--expect-sha256", metavar="HEX",
                     help="apply only if the file's content is still the one previewed (its report's sha256)")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.roster_sync import import_roster

    store = store_for(args)
    actor = acting_user(args, store)
    progress = _progress_line(sys.stderr)
    try:
        report = import_roster(store, actor, path=args.file, dry_run=args.dry_run, progress=progress,
                               expect_sha256=args.expect_sha256)
    finally:
        if progress:
            sys.stderr.write("\r\033[K")  # the progress line goes; the report (or the error) follows
    if args.json:
        print_json({**report.to_json(), "invalid": [_invalid_json(row) for row in report.invalid]})
    else:
        print_human(report)
    return 0


def _invalid_json(row) -> dict:
    """An invalid row as cli.md has it (row, masked ID, reason), the reason in the reader's language, and
    the first problem's code for a script."""
    return {"row": row.row, "id_number": row.id_number, "code": row.code,
            "reason": joined_message(row.problems)}


def _progress_line(stream):
    """On a terminal, one line rewritten as the import goes (a county roster takes a while); nothing when
    stderr is a file or a pipe."""
    if not stream.isatty():
        return None

    def show(state) -> None:
        stream.write("\r\033[K" + _STEPS[state.step].format(state.rows))
        stream.flush()

    return show


def print_human(report) -> None:
    state = "已导入 applied" if report.applied else "预览，未写入 preview, nothing written"
    print(f"{report.file}  ({state})  SHA-256 {report.sha256}")
    print(f"数据行 rows {report.rows}   新增 added {report.added}   变更 changed {report.changed}   "
          f"退出 exited {report.exited}   未变 unchanged {report.unchanged}   无效 invalid {len(report.invalid)}")
    for row in report.invalid:
        print(f"  第{row.row}行 row {row.row}  {row.id_number or '-'}  {joined_message(row.problems)}")
    for kind, words in (("added", "新增 added"), ("changed", "变更 changed"), ("exited", "退出 exited")):
        for change in getattr(report, f"{kind}_rows"):
            print(f"  {words}  第{change.row}行  {change.name}  {change.id_number}  {change.category}")
