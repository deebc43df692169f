"""Unit tests for windowdesk.domain.policy_loader: presets load; bad files are rejected with file, key and reason."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from windowdesk.domain.policy_loader import PolicyError, load_policy_file
from windowdesk.wording.problems import PROBLEMS
from windowdesk.wording.render import message

REPO = Path(__file__).resolve().parents[2]
PRESETS_DIR = REPO / "resources" / "policies"
EXAMPLE = REPO / "tests" / "fixtures" / "example-2024.toml"
PRESET_IDS = {"longgang-2022", "linan-2024", "fusong-2019", "huolinguole-2019", "dezhou-2020"}

PRESET_FILES = sorted(PRESETS_DIR.glob("*.toml"))


# -- good files ------------------------------------------------------------------------------


def test_the_five_presets_are_shipped():
    assert {p.stem for p in PRESET_FILES} == PRESET_IDS


@pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
def test_preset_loads_and_its_id_is_its_file_name(path):
    policy = load_policy_file(path)
    assert policy.id == path.stem
    assert policy.name
    assert policy.effective_from <= policy.effective_to
    assert len(policy.content_hash) == 64


def test_example_loads():
    policy = load_policy_file(EXAMPLE)
    assert policy.id == "example-2024"
    assert policy.poverty_categories == {"destitute", "dibao", "near_dibao", "orphan", "phasing_out"}
    assert [b.kind for b in policy.backstops] == ["annual_excess"]


# -- rejections ------------------------------------------------------------------------------


def _example() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the edit must hit exactly one place: {old!r}"
    return text.replace(old, new)


def _rejected(tmp_path: Path, text: str) -> PolicyError:
    path = tmp_path / "bad-policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy_file(path)
    error = info.value
    assert error.file == str(path)
    assert error.problems, "a rejection lists at least one problem"
    # Each problem is a code on its key, and its words name the file and the key.
    for problem in error.problems:
        assert problem.params["file"] == str(path) and problem.code in PROBLEMS
        assert str(path) in message(problem) and problem.field in message(problem)
    return error


def _only_problem(error: PolicyError) -> tuple[str, str, dict]:
    assert len(error.problems) == 1, error.problems
    problem = error.problems[0]
    return problem.field, problem.code, {k: v for k, v in problem.params.items() if k != "file"}


INPATIENT_RATIO = 'ratio = { township = "0.90", county = "0.80", city = "0.70", province = "0.60" }'
CRITICAL_APPLIES = 'applies_to = ["inpatient", "outpatient_special"]\ndeductible = "20000"'


def test_malformed_toml(tmp_path):
    error = _rejected(tmp_path, _edit(_example(), 'annual_cap = "150000"', 'annual_cap = "150000'))
    key, code, params = _only_problem(error)
    assert key == ""  # no key can be named in a file that does not parse; the detail gives the line
    assert code == "policy_malformed_toml"
    assert "line 22" in params["detail"]


def test_unknown_category_in_poverty_categories(tmp_path):
    text = _edit(_example(), '"orphan", "phasing_out"]', '"orphan", "pauper"]')
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert (key, code, params["what"], params["value"]) == ("poverty_categories", "policy_unknown_code", "category",
                                                            "pauper")


def test_unknown_category_in_assistance_ratio(tmp_path):
    text = _edit(_example(), 'near_dibao = "0.70" }', 'near_dibao = "0.70", pauper = "0.50" }')
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert (key, code, params["what"]) == ("assistance.ratio.pauper", "policy_unknown_key", "category")


def test_unknown_level_in_basic_inpatient_ratio(tmp_path):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace("{ ", '{ village = "0.95", '))
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert (key, code, params["what"]) == ("basic.inpatient.ratio.village", "policy_unknown_key", "level")


def test_missing_level_in_basic_inpatient_ratio(tmp_path):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace(', province = "0.60"', ""))
    key, code, _ = _only_problem(_rejected(tmp_path, text))
    assert (key, code) == ("basic.inpatient.ratio.province", "policy_missing")


def test_unknown_kind_in_critical_applies_to(tmp_path):
    text = _edit(_example(), CRITICAL_APPLIES, CRITICAL_APPLIES.replace('"outpatient_special"', '"dental"'))
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert (key, code, params["what"], params["value"]) == ("critical.applies_to", "policy_unknown_code", "kind",
                                                            "dental")


@pytest.mark.parametrize("bad", ['"1.20"', '"-0.1"'])
def test_ratio_outside_zero_one(tmp_path, bad):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', bad))
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert key == "basic.inpatient.ratio.township"
    assert bad.strip('"') in params["value"]
    assert code in ("policy_ratio_range", "policy_negative")


def test_ratio_written_as_toml_number(tmp_path):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', "0.85"))
    key, code, _ = _only_problem(_rejected(tmp_path, text))
    assert (key, code) == ("basic.inpatient.ratio.township", "policy_number_not_string")


def test_segments_out_of_order(tmp_path):
    text = _edit(_example(), '{ up_to = "100000", ratio = "0.70" }', '{ up_to = "40000", ratio = "0.70" }')
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert (key, code, params) == ("critical.segments[1].up_to", "policy_segments_out_of_order",
                                   {"up_to": "40000.00", "previous": "50000.00"})


def test_open_segment_not_last(tmp_path):
    text = _edit(_example(), '{ up_to = "50000", ratio = "0.60" }', '{ ratio = "0.60" }')
    key, code, _ = _only_problem(_rejected(tmp_path, text))
    assert (key, code) == ("critical.segments[0].up_to", "policy_open_segment_not_last")


def test_unknown_backstop_kind(tmp_path):
    text = _edit(_example(), 'kind = "annual_excess"', 'kind = "lottery"')
    key, code, params = _only_problem(_rejected(tmp_path, text))
    assert (key, code, params["what"], params["value"]) == ("backstop[0].kind", "policy_unknown_code",
                                                            "backstop kind", "'lottery'")


def test_two_annual_excess_backstops(tmp_path):
    text = _example() + '\n[[backstop]]\nkind = "annual_excess"\nthreshold = "50000"\nratio = "0.50"\n'
    key, code, _ = _only_problem(_rejected(tmp_path, text))
    assert (key, code) == ("backstop", "policy_two_annual_excess")


def test_several_problems_are_all_reported(tmp_path):
    text = _example()
    text = _edit(text, '"orphan", "phasing_out"]', '"orphan", "pauper"]')
    text = _edit(text, INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', '"1.20"'))
    text = _edit(text, CRITICAL_APPLIES, CRITICAL_APPLIES.replace('"outpatient_special"', '"dental"'))
    text = _edit(text, '{ up_to = "100000", ratio = "0.70" }', '{ up_to = "40000", ratio = "0.70" }')
    text = _edit(text, 'kind = "annual_excess"', 'kind = "lottery"')
    error = _rejected(tmp_path, text)
    keys = [problem.field for problem in error.problems]
    assert sorted(keys) == sorted([
        "poverty_categories",
        "basic.inpatient.ratio.township",
        "critical.applies_to",
        "critical.segments[1].up_to",
        "backstop[0].kind",
    ])


def test_unreadable_file_names_the_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(PolicyError) as info:
        load_policy_file(path)
    assert info.value.file == str(path)
    assert info.value.code == "policy_unreadable"
    assert message(info.value.problem).startswith(f"{path}：无法读取政策文件")


# -- strictness: unknown keys and wrong types are named, never ignored ----------------------------------


@pytest.mark.parametrize(("old", "new", "key"), [
    ('annual_cap = "600"', 'annual_cap = "600"\nannual_limit = "600"', "basic.outpatient.annual_limit"),
    ('ratio = "0.60"\ntilt_deductible', 'ratio = "0.60"\ncovers_partial = true\ntilt_deductible',
     "supplementary.covers_partial"),
    ('id = "charity"', 'id = "charity"\nnames = "x"', "relief[1].names"),
    ('requires_referral = true', 'requires_referral = true\nrequire_referral = true', "backstop[0].require_referral"),
    ('poverty_categories = [', 'poverty_category = []\npoverty_categories = [', "poverty_category"),
])
def test_an_unknown_key_is_named(tmp_path, old, new, key):
    got, code, _params = _only_problem(_rejected(tmp_path, _edit(_example(), old, new)))
    assert (got, code) == (key, "policy_unknown_field")


@pytest.mark.parametrize(("old", "new", "key"), [
    ('diseases = ["F20", "F25", "F06", "F72", "E10", "E11", "N18"]', 'diseases = "E11"',
     "basic.outpatient_special.diseases"),
    ("transfer_continues_deductible = true", 'transfer_continues_deductible = "referred"',
     "basic.inpatient.transfer_continues_deductible"),
    ("covers_partial_self_pay = false", 'covers_partial_self_pay = "yes"', "supplementary.covers_partial_self_pay"),
    ('applies_to = ["inpatient", "outpatient_special"]\ndeductible = "10000"',
     'applies_to = ["inpatient", "home_care"]\ndeductible = "10000"', "supplementary.applies_to"),
    ('id = "charity"', 'id = "temporary"', "relief[1].id"),
    ('id = "charity"', 'id = "Charity Fund"', "relief[1].id"),
])
def test_a_malformed_new_key_is_rejected_with_its_reason(tmp_path, old, new, key):
    got, code, _params = _only_problem(_rejected(tmp_path, _edit(_example(), old, new)))
    assert got == key and code


def test_the_example_reads_the_new_keys():
    policy = load_policy_file(EXAMPLE)
    assert policy.basic.outpatient.annual_cap == Decimal("600.00")
    assert policy.basic.inpatient.transfer_continues_deductible is True
    assert policy.supplementary.applies_to == {"inpatient", "outpatient_special"}
    assert policy.supplementary.covers_partial_self_pay is False
    assert [(r.id, r.name) for r in policy.relief] == [("temporary", "民政临时救助"), ("charity", "慈善救助")]


# -- strict input (issue 13): a misspelt optional key, a wrong type, numbers spelt otherwise -----------------


def test_a_misspelt_optional_key_is_refused_not_ignored(tmp_path):
    # `uncapped` is optional: misspelt and ignored, the cap of those categories would silently come back.
    error = _rejected(tmp_path, _edit(_example(), 'uncapped = ["destitute"]', 'uncaped = ["destitute"]'))
    key, code, params = _only_problem(error)
    assert (key, code) == ("assistance.uncaped", "policy_unknown_field")
    assert "uncapped" in params["known"]
    assert "assistance.uncaped" in message(error.problems[0]) and "无法识别的键" in message(error.problems[0])


def test_diseases_must_be_a_list(tmp_path):
    error = _rejected(tmp_path, _edit(_example(), 'diseases = ["F20", "F25", "F06", "F72", "E10", "E11", "N18"]',
                                      'diseases = "F25"'))
    key, code, _params = _only_problem(error)
    assert (key, code) == ("basic.outpatient_special.diseases", "policy_not_code_list")


@pytest.mark.parametrize("spelt", ['"9e16"', '"1.5E5"', '"１５００００"', '"NaN"', '"Infinity"', '" 150000"', '"+150000"'])
def test_an_amount_in_another_spelling_than_ascii_decimals_is_refused(tmp_path, spelt):
    error = _rejected(tmp_path, _edit(_example(), 'annual_cap = "150000"', f"annual_cap = {spelt}"))
    key, code, _params = _only_problem(error)
    assert (key, code) == ("basic.annual_cap", "policy_not_number")


@pytest.mark.parametrize("amount", ['"100000000"', "100000000", '"99999999999999999999"'])
def test_an_amount_above_the_maximum_is_refused(tmp_path, amount):
    error = _rejected(tmp_path, _edit(_example(), 'annual_cap = "150000"', f"annual_cap = {amount}"))
    key, code, params = _only_problem(error)
    assert (key, code, params["maximum"]) == ("basic.annual_cap", "policy_amount_too_large", "99999999.99")


def test_the_maximum_amount_itself_loads(tmp_path):
    path = tmp_path / "max.toml"
    path.write_text(_edit(_example(), 'annual_cap = "150000"', 'annual_cap = "99999999.99"'), encoding="utf-8")
    assert load_policy_file(path).basic.annual_cap == Decimal("99999999.99")


def test_a_ratio_with_an_exponent_is_refused(tmp_path):
    error = _rejected(tmp_path, _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', '"9e-1"')))
    key, code, _params = _only_problem(error)
    assert (key, code) == ("basic.inpatient.ratio.township", "policy_not_number")


@pytest.mark.parametrize(("text", "code"), [
    ("a = " + "[" * 100_000 + "]" * 100_000, "policy_too_deep"),  # tomllib recursed into an internal error
    ("a = " + "{ b = " * 5_000 + "1" + " }" * 5_000, "policy_too_deep"),
    ("# " + "x" * (1 << 20) + "\n", "policy_too_large"),
])
def test_a_policy_nested_too_deep_or_too_large_is_refused_with_a_code(tmp_path, text, code):
    error = _rejected(tmp_path, text)
    assert _only_problem(error)[:2] == ("", code)
