"""Fuzzing the two parsers: whatever a case file or a policy file holds, the answer is a result or a refusal
naming the field (case: `Refusal` / `CaseError`; policy: `PolicyError`, each problem a code and its key), never
another exception. (It found `funds = 1` crashing the loader.)"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from windowdesk.domain.case_json import parse_case, settlement_json
from windowdesk.domain.engine import settle
from windowdesk.domain.policy_loader import PolicyError, parse_policy_bytes
from windowdesk.domain.problems import Refusal
from windowdesk.domain.visit import CaseError

FUZZ = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
EXAMPLE_TEXT = (Path(__file__).parents[1] / "fixtures" / "example-2024.toml").read_text(encoding="utf-8")
EXAMPLE = parse_policy_bytes(EXAMPLE_TEXT.encode(), source="example-2024.toml")

CASE = {"person": {"category": "dibao", "birth_date": "2015-05-02"},
        "visit": {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
                  "transfer": False, "previous_deductible": "0", "admitted": "2024-03-01", "discharged": "2024-03-12",
                  "diagnosis": "E11.9", "total": "36000.00", "out_of_catalog": "1800.00",
                  "partial_self_pay": "1200.00", "settled_upstream": {"basic": "20000.00", "critical": "100.00"},
                  "relief": {"temporary": "500.00"}},
        "year_to_date": {"critical_base": "0", "relief_paid": "10.00", "rehab_months": ["2024-01"]}}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**12) | st.floats(allow_nan=True)
    | st.sampled_from(["", "0", "-1", "1e3", "12.345", "NaN", "2024-02-30", "2024-03-05", "outpatient", "E11",
                       "child_rehab", "township", "temporary", "destitute", "9" * 40])
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)
PATHS = [("person", k) for k in CASE["person"]] + [("visit", k) for k in CASE["visit"]] + \
    [("year_to_date", k) for k in CASE["year_to_date"]] + [("visit", "settled_upstream", "basic"),
                                                           ("visit", "relief", "temporary")]


@st.composite
def mutated_cases(draw):
    case = json.loads(json.dumps(CASE))
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=4, unique=True)):
        holder = case
        for key in path[:-1]:
            holder = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(holder, dict):
            continue
        action = draw(st.sampled_from(["replace", "delete", "extra"]))
        if action == "replace":
            holder[path[-1]] = draw(json_values)
        elif action == "delete":
            holder.pop(path[-1], None)
        else:
            holder[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
    return case


@FUZZ
@given(case=mutated_cases())
def test_a_case_gives_a_result_or_a_refusal(case):
    try:
        result = settle(EXAMPLE, *parse_case(case))
    except Refusal as refusal:
        assert refusal.code and refusal.field
    except CaseError as error:
        assert error.field
    else:
        json.dumps(settlement_json(result))


@FUZZ
@given(obj=json_values)
def test_any_json_document_as_a_case_is_refused_or_settled(obj):
    try:
        parse_case(obj)
    except (Refusal, CaseError):
        pass


TOML_VALUES = ['"x"', "1", "1.5", "true", "[]", "{}", '"-1"', '"none"', '["inpatient"]', '{ a = "1" }', '"0.5"',
               "2024-01-01", '"referred_poor"', '["E11", 3]', '[{ id = "a" }]', '"2"', '{ township = "1" }']


@st.composite
def mutated_policies(draw) -> str:
    lines = EXAMPLE_TEXT.splitlines()
    assignments = [i for i, line in enumerate(lines) if " = " in line and not line.startswith("#")]
    for i in draw(st.lists(st.sampled_from(assignments), min_size=1, max_size=5, unique=True)):
        key = lines[i].split(" = ", 1)[0]
        action = draw(st.sampled_from(["value", "drop", "key"]))
        if action == "value":
            lines[i] = f"{key} = {draw(st.sampled_from(TOML_VALUES))}"
        elif action == "drop":
            lines[i] = ""
        else:
            lines[i] += f"\n{draw(st.from_regex(r'[a-z_]{1,10}', fullmatch=True))} = {draw(st.sampled_from(TOML_VALUES))}"
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=mutated_policies())
def test_a_policy_file_loads_or_is_rejected_with_key_and_reason(text):
    try:
        policy = parse_policy_bytes(text.encode(), source="fuzzed.toml")
    except PolicyError as error:
        assert error.file == "fuzzed.toml" and error.problems
        assert all(isinstance(p.field, str) and p.code for p in error.problems)
    else:
        assert policy.id


@FUZZ
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_a_policy_are_rejected(raw):
    try:
        parse_policy_bytes(raw, source="bytes.toml")
    except PolicyError:
        pass
