"""One vocabulary: every code raised in the source has words (Chinese and English) and a README row, and the
words of real refusals never fail or leave a placeholder unfilled."""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.adapters.roster_rows import RowCleaner, find_columns
from windowdesk.domain import idnumber
from windowdesk.domain.case_json import parse_case
from windowdesk.domain.engine import settle
from windowdesk.domain.money import parse_amount
from windowdesk.domain.problems import Problem, Refusal
from windowdesk.domain.policy_loader import parse_policy_bytes
from windowdesk.wording import render
from windowdesk.wording.language import ENGLISH, translator
from windowdesk.wording.problems import PROBLEMS

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "src" / "windowdesk"
TS_FILE = REPO / "resources" / "translations" / "windowdesk_en.ts"
EXAMPLE = REPO / "tests" / "fixtures" / "example-2024.toml"
# What makes a problem: Refusal, its subclasses in src, Problem itself and db check's findings (_finding).
MAKERS = {"Refusal", "Problem", "CaseError", "IdNumberError", "MoneyError", "PolicyError", "ServiceError",
          "InvalidInput", "NotFound", "Refused", "NotInitialised", "AuthError", "UsageError", "RosterFileError",
          "FieldError", "MoneyInputError", "_finding"}


def _call_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def raised_codes() -> dict[str, str]:
    """code -> where it is first made: literal first arguments of MAKERS, and policy_loader's
    `self.problem(key, "code")`."""
    found: dict[str, str] = {}
    for path in sorted(SOURCES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            index = 0 if name in MAKERS else 1 if name == "problem" else None
            if index is not None and len(node.args) > index:
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_the_scan_finds_the_codes_of_every_layer():
    codes = raised_codes()
    for code in ("discharge_before_admission", "in_scope_negative", "id_check_char", "not_insured",
                 "unknown_person", "role_refused", "day_closed", "policy_missing", "roster_empty",
                 "package_file_altered", "malformed_json_line", "money_required", "row_changed", "head",
                 "db_orphan_row"):
        assert code in codes, code
    # Every Refusal subclass defined in the source is a maker the scan knows (a new one must be added above).
    subclasses = {node.name for path in SOURCES.rglob("*.py") for node in ast.walk(ast.parse(path.read_text("utf-8")))
                  if isinstance(node, ast.ClassDef)
                  and any(getattr(base, "id", getattr(base, "attr", "")) in MAKERS for base in node.bases)}
    assert subclasses <= MAKERS and len(codes) > 150


def test_every_raised_code_has_chinese_words():
    missing = {code: where for code, where in raised_codes().items() if code not in PROBLEMS}
    assert missing == {}  # add the code's template to src/windowdesk/wording/problems.py


def _english() -> dict[str, str]:
    root = ET.parse(TS_FILE).getroot()
    return {m.findtext("source"): m.find("translation").text or ""
            for ctx in root.iter("context") if ctx.findtext("name") == "problems"
            for m in ctx.iter("message") if m.find("translation").get("type") is None}


def test_every_raised_code_has_an_english_translation():
    english = _english()
    missing = [code for code in raised_codes() if PROBLEMS.get(code) not in english]
    assert missing == []  # run scripts/update_translations.sh, translate what it adds, run it again


def test_every_raised_code_has_a_readme_row():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z0-9_]+)` \|", readme, flags=re.MULTILINE))
    assert sorted(set(raised_codes()) - rows) == []
    assert sorted(rows - set(PROBLEMS)) == []  # and no row for a code that has no words


# --- the words of real refusals: never an exception, never a placeholder left ------------------------

ENGLISH_WORDS = translator(ENGLISH)


def _assert_worded(refusal: Refusal) -> None:
    for problem in refusal.problems:
        values = "".join(str(v) for v in problem.params.values()) + problem.field
        for translate in (render.as_is, ENGLISH_WORDS):
            text = render.message(problem, translate)
            assert text and problem.code in PROBLEMS
            if "{" not in values and "}" not in values:
                assert "{" not in text and "}" not in text, (problem, text)
        json.dumps({"error": {"code": problem.code, "field": problem.field, "message": text}})


ID_TEXT = st.one_of(st.text(alphabet="0123456789Xx -'", max_size=20), st.text(max_size=20),
                    st.integers(0, 10**18), st.none())


@settings(max_examples=60, deadline=None)
@given(ID_TEXT)
def test_id_number_refusals_are_worded(raw):
    try:
        idnumber.parse(raw, date(2025, 6, 1))
    except idnumber.IdNumberError as exc:
        _assert_worded(exc)
    except TypeError:
        pass  # not an ID number's type at all: a programming error, not a refusal


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=12), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.none()))
def test_amount_refusals_are_worded(value):
    try:
        parse_amount(value, field="visit.total")
    except Refusal as exc:
        _assert_worded(exc)


CASE_VALUES = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none(),
                        st.sampled_from(["2024-03-01", "2024-02-30", "-1.00", "36000.00", "dibao", "inpatient",
                                         "outpatient_special", "child_rehab", "county", "village", "I63.9"]))
VISIT_KEYS = ("kind", "hospital_level", "admitted", "discharged", "total", "out_of_catalog", "partial_self_pay",
              "in_region", "diagnosis")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(VISIT_KEYS), CASE_VALUES), st.one_of(st.none(), CASE_VALUES),
       st.dictionaries(st.sampled_from(["critical_base", "rehab_months", "bogus"]), CASE_VALUES, max_size=1))
def test_case_and_engine_refusals_are_worded(visit, category, year_to_date):
    case = {"person": {"category": category, "birth_date": "2015-01-01"},
            "visit": {"kind": "inpatient", "hospital_level": "county", "admitted": "2024-03-01",
                      "discharged": "2024-03-12", "total": "100.00", **visit},
            "year_to_date": year_to_date}
    try:
        settle(load_policy(EXAMPLE), *parse_case(case))
    except Refusal as exc:
        _assert_worded(exc)


ROSTER_CELLS = st.one_of(st.text(max_size=12), st.none(), st.floats(allow_nan=False), st.integers(0, 10**17),
                         st.sampled_from(["330327199001011232", "2024-03-01", "2024-13-01", "低保", "贫困户", ""]))


@settings(max_examples=60, deadline=None)
@given(st.lists(ROSTER_CELLS, min_size=5, max_size=5))
def test_roster_row_rejections_are_worded(cells):
    columns = find_columns(["身份证号", "姓名", "人员类别", "认定日期", "退出日期"])
    decided = RowCleaner(columns, date(2025, 6, 1))(2, cells)
    if hasattr(decided, "problems"):
        _assert_worded(Refusal.of(decided.problems))


POLICY_EDITS = st.sampled_from([('annual_cap = "150000"', 'annual_cap = 150000.0'),
                                ('kind = "annual_excess"', 'kind = "lottery"'),
                                ('"orphan", "phasing_out"]', '"orphan", "pauper"]'),
                                ('annual_cap = "150000"', 'annual_cap = "15000'),
                                ('effective_to', 'effective_until'), ('[critical]', '[critical_x]')])


@settings(max_examples=20, deadline=None)
@given(st.lists(POLICY_EDITS, min_size=1, max_size=3, unique=True))
def test_policy_file_findings_are_worded(edits):
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new, 1)
    try:
        parse_policy_bytes(text.encode("utf-8"), source="edited.toml")
    except Refusal as exc:
        _assert_worded(exc)
        assert all(p.params["file"] == "edited.toml" for p in exc.problems)


def test_english_fills_the_same_parameters():
    problem = Problem("not_insured", "visit.admitted", {"id_number": "330383********1236", "day": "2024-03-01",
                                                        "periods": "2024-06-01 – 2024-12-31"})
    english = render.message(problem, ENGLISH_WORDS)
    assert "2024-03-01" in english and "2024-06-01 – 2024-12-31" in english and "insured" in english
    assert render.message(problem) == "入院日期 2024-03-01 不在参保期内（参保期：2024-06-01 – 2024-12-31）"
