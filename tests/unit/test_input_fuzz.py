"""Fuzzing the input boundaries (issue 13), bounded to a few seconds each: a case or visit as JSON text, a policy
as TOML text, and the batch CLI called in-process with random lines. Never an unhandled exception; the CLI
always exits 0 or 2, with one result line per input line, every refusal a code the catalogue words."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from windowdesk.cli.json_input import MAX_DEPTH, depth_exceeds
from windowdesk.cli.main import main
from windowdesk.domain.case_json import parse_case, parse_visit_document
from windowdesk.domain.policy_loader import PolicyError, parse_policy_bytes
from windowdesk.domain.problems import Refusal
from windowdesk.wording.problems import PROBLEMS

FUZZ = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example-2024.toml"
VISIT = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
         "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9",
         "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
CASE = {"person": {"category": "dibao", "birth_date": "1961-05-02"}, "visit": VISIT, "year_to_date": {}}

# Amounts as a hostile producer writes them: exponents, other scripts' digits, signs, the bound and past it.
AMOUNTS = st.sampled_from(["9e16", "1E2", "１２３", "\u0663", "+5", " 1", "1_0", "NaN", "-inf", "99999999.99",
                           "100000000.00", "0.001", "-0.00", "0", "1" * 50]) | st.integers(-10**20, 10**20)
TEXTS = st.text(max_size=30) | st.sampled_from(["\x00", "a\x00b", "x" * 600, "=HYPERLINK(\"x\")", "\ud7ff"])
LEAVES = st.none() | st.booleans() | st.floats() | AMOUNTS | TEXTS
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
                      max_leaves=8)


@st.composite
def case_texts(draw) -> str:
    """A case as JSON text: a real one with fields replaced, added or dropped, or any JSON value, or nesting."""
    kind = draw(st.sampled_from(["mutated", "any", "deep"]))
    if kind == "deep":
        depth = draw(st.integers(MAX_DEPTH - 2, 3 * MAX_DEPTH))
        return '{"visit": ' * depth + "1" + "}" * depth
    if kind == "any":
        return json.dumps(draw(VALUES))
    case = json.loads(json.dumps(CASE))
    for _ in range(draw(st.integers(1, 3))):
        part = case[draw(st.sampled_from(["person", "visit", "year_to_date"]))]
        key = draw(st.sampled_from([*VISIT, "category", "birth_date", "basic_paid", "rehab_months", "relief",
                                    "settled_upstream", "out_of_catalogue"]) | TEXTS)
        if draw(st.booleans()):
            part[key] = draw(VALUES)
        else:
            part.pop(key, None)
    return json.dumps(case, ensure_ascii=draw(st.booleans()))


def _assert_worded(refusal: Refusal) -> None:
    assert refusal.code in PROBLEMS, refusal.code
    for problem in refusal.problems:
        assert problem.code in PROBLEMS


@FUZZ
@given(text=case_texts())
def test_a_case_or_visit_text_is_parsed_or_refused_with_a_code(text):
    if depth_exceeds(text):
        return  # the reader refuses it before parsing (tested in the batch below and in e2e)
    document = json.loads(text)
    for parse in (parse_case, parse_visit_document):
        try:
            parse(document)
        except Refusal as refusal:
            _assert_worded(refusal)


TOML_VALUES = st.sampled_from(['"x"', "1", "1.5", "true", "[]", "{}", '"-1"', '"none"', '"9e16"', '"１２"', '"NaN"',
                               '"100000000"', "100000000", '"0.5"', "2024-01-01", '["E11", 3]', '"F25"', '""',
                               '"\\u0000"', "nan", "inf", "-0", '{ township = "1e1" }'])


@st.composite
def policy_texts(draw) -> str:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assignments = [i for i, line in enumerate(lines) if " = " in line and not line.startswith("#")]
    for i in draw(st.lists(st.sampled_from(assignments), min_size=1, max_size=4, unique=True)):
        key = lines[i].split(" = ", 1)[0]
        action = draw(st.sampled_from(["value", "misspell", "drop", "junk"]))
        if action == "value":
            lines[i] = f"{key} = {draw(TOML_VALUES)}"
        elif action == "misspell":  # `uncaped`: a known key, one letter off
            cut = draw(st.integers(0, max(0, len(key) - 1)))
            lines[i] = f"{key[:cut] + key[cut + 1:] or 'x'} = {lines[i].split(' = ', 1)[1]}"
        elif action == "drop":
            lines[i] = ""
        else:
            lines[i] = draw(st.text(max_size=20))
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=policy_texts())
def test_a_policy_text_loads_or_is_refused_with_file_key_and_code(text):
    try:
        parse_policy_bytes(text.encode("utf-8", "surrogatepass"), source="fuzzed.toml")
    except PolicyError as error:
        assert error.problems and all(p.code in PROBLEMS and p.params["file"] == "fuzzed.toml"
                                      for p in error.problems)


GOOD_LINE = json.dumps(CASE).encode()
LINES = st.one_of(
    st.just(GOOD_LINE),
    case_texts().map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),
    st.sampled_from([b"", b"  ", b"\xef\xbb\xbf" + GOOD_LINE, b"[" * 200, GOOD_LINE + b"\r", b"\x00", b"{}", b"null"]),
)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINES.filter(lambda line: b"\n" not in line), min_size=1, max_size=8))
def test_the_batch_cli_answers_each_line_and_exits_0_or_2(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["settle", "--policy", str(EXAMPLE), "--batch", str(path), "--json"])
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == len(lines), (lines, out.getvalue())
    errors = [r["error"] for r in results if "error" in r]
    assert code == (2 if errors else 0), err.getvalue()
    assert all(e["code"] in PROBLEMS and e["code"] != "internal_error" and e["message"] for e in errors)
    assert all("paid" in r for r in results if "error" not in r)
