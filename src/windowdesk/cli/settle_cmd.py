"""`windowdesk settle`: stateless settlement of one case or of a JSON Lines batch; writes nothing."""

from __future__ import annotations

import sys

from ..adapters.policy_presets import load_policy
from ..domain.case_json import parse_case, settlement_json
from ..domain.categories import TIER_LABELS_ZH
from ..domain.engine import settle
from ..domain.money import fmt
from ..domain.problems import Refusal
from .errors import UsageError, error_object
from .json_input import batch_lines, parse_batch_line, read_document
from .output import dumps, print_json


def register(commands, common) -> None:
    cmd = commands.add_parser("settle", parents=[common], help="compute one settlement (or a batch), write nothing")
    cmd.add_argument("--policy", required=True, help="preset id or policy file")
    source = cmd.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", help="case file (JSON)")
    source.add_argument("--batch", help="cases, one JSON object a line (JSON Lines); '-' reads stdin")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    policy = load_policy(args.policy)
    if args.batch:
        return _run_batch(policy, args.batch)
    case = read_json(args.input)
    result = settle(policy, *parse_case(case))
    _warn_if_out_of_force(policy, case)
    if args.json:
        print_json(settlement_json(result))
    else:
        print_human(result)
    return 0


def _run_batch(policy, source: str) -> int:
    """Exactly one result line per input line, in order, whatever a line holds: a case gives its result; any
    other line (blank, not UTF-8, longer than a megabyte, nested too deep, not JSON, a refused case) gives
    {"error": ...} on its line and makes the exit code 2. An internal error on a line gives the `internal_error`
    object on its line, the batch goes on, and the exit code is 1."""
    stream = sys.stdin.buffer if source == "-" else _open_binary(source)
    out = sys.stdout
    bad = failed = 0
    lines: list[str] = []
    with stream:
        for number, raw in batch_lines(stream):
            try:
                case = parse_batch_line(number, raw)
                lines.append(dumps(settlement_json(settle(policy, *parse_case(case)))))
            except Refusal as exc:
                bad += 1
                lines.append(dumps(error_object(exc)))
            except Exception as exc:  # noqa: BLE001 - the line's slot is kept; the class only (no ID number)
                failed += 1
                lines.append(dumps(error_object(Refusal("internal_error", "line", kind=type(exc).__name__))))
            if len(lines) >= 1000:
                out.write("\n".join(lines) + "\n")
                lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")
    if bad or failed:
        print(f"windowdesk settle: {bad + failed} bad line(s)", file=sys.stderr)
    return 1 if failed else 2 if bad else 0


def _open_binary(path: str):
    try:
        return open(path, "rb")
    except OSError as exc:
        raise UsageError("file_unreadable", "input", path=path, detail=exc.strerror or "") from None


def read_json(path: str):
    return read_document(path)


def _warn_if_out_of_force(policy, case) -> None:
    discharged = case["visit"]["discharged"]
    from datetime import date
    if not policy.in_force_on(date.fromisoformat(discharged)):
        print(f"windowdesk settle: warning: {policy.id} is in force {policy.effective_from} to "
              f"{policy.effective_to}; the visit was discharged {discharged}", file=sys.stderr)


def print_human(result) -> None:
    print(f"政策范围内费用 in scope: {fmt(result.in_scope)}   倾斜 tilt: {'是' if result.tilt else '否'}")
    for step in result.steps:
        label = step.name or TIER_LABELS_ZH[step.tier]
        ratio = "-" if step.ratio is None else f"{step.ratio}"
        note = f"  ({step.note})" if step.note else ""
        cap = "  [cap]" if step.cap_hit else ""
        print(f"  {label:<12} base {fmt(step.base):>12}  deductible {fmt(step.deductible):>10}  "
              f"ratio {ratio:>5}  paid {fmt(step.paid):>12}{cap}{note}")
    print(f"报销合计 reimbursed: {fmt(result.reimbursed)}")
    print(f"个人支付 patient pays: {fmt(result.patient_pays)}")
