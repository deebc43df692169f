"""Unit tests for windowdesk.domain.policy_loader: presets load; bad files are rejected with file, key and reason."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from windowdesk.domain.policy_loader import PolicyError, load_policy_file

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
    # The message names the file and every key.
    assert str(path) in str(error)
    for key, reason in error.problems:
        assert reason
        assert key in str(error)
    return error


def _only_problem(error: PolicyError) -> tuple[str, str]:
    assert len(error.problems) == 1, error.problems
    return error.problems[0]


INPATIENT_RATIO = 'ratio = { township = "0.90", county = "0.80", city = "0.70", province = "0.60" }'
CRITICAL_APPLIES = 'applies_to = ["inpatient", "outpatient_special"]\ndeductible = "20000"'


def test_malformed_toml(tmp_path):
    error = _rejected(tmp_path, _edit(_example(), 'annual_cap = "150000"', 'annual_cap = "150000'))
    key, reason = _only_problem(error)
    assert key == ""  # no key can be named in a file that does not parse; the reason gives the line
    assert "malformed TOML" in reason
    assert "line 22" in reason


def test_unknown_category_in_poverty_categories(tmp_path):
    text = _edit(_example(), '"orphan", "phasing_out"]', '"orphan", "pauper"]')
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "poverty_categories"
    assert "unknown category" in reason and "'pauper'" in reason


def test_unknown_category_in_assistance_ratio(tmp_path):
    text = _edit(_example(), 'near_dibao = "0.70" }', 'near_dibao = "0.70", pauper = "0.50" }')
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "assistance.ratio.pauper"
    assert "unknown category" in reason


def test_unknown_level_in_basic_inpatient_ratio(tmp_path):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace("{ ", '{ village = "0.95", '))
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "basic.inpatient.ratio.village"
    assert "unknown level" in reason


def test_missing_level_in_basic_inpatient_ratio(tmp_path):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace(', province = "0.60"', ""))
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "basic.inpatient.ratio.province"
    assert "missing" in reason


def test_unknown_kind_in_critical_applies_to(tmp_path):
    text = _edit(_example(), CRITICAL_APPLIES, CRITICAL_APPLIES.replace('"outpatient_special"', '"dental"'))
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "critical.applies_to"
    assert "unknown kind" in reason and "'dental'" in reason


@pytest.mark.parametrize("bad", ['"1.20"', '"-0.1"'])
def test_ratio_outside_zero_one(tmp_path, bad):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', bad))
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "basic.inpatient.ratio.township"
    assert bad.strip('"') in reason
    assert "outside [0, 1]" in reason or ">= 0" in reason


def test_ratio_written_as_toml_number(tmp_path):
    text = _edit(_example(), INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', "0.85"))
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "basic.inpatient.ratio.township"
    assert "string" in reason


def test_segments_out_of_order(tmp_path):
    text = _edit(_example(), '{ up_to = "100000", ratio = "0.70" }', '{ up_to = "40000", ratio = "0.70" }')
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "critical.segments[1].up_to"
    assert "out of order" in reason


def test_open_segment_not_last(tmp_path):
    text = _edit(_example(), '{ up_to = "50000", ratio = "0.60" }', '{ ratio = "0.60" }')
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "critical.segments[0].up_to"
    assert "open-ended" in reason


def test_unknown_backstop_kind(tmp_path):
    text = _edit(_example(), 'kind = "annual_excess"', 'kind = "lottery"')
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "backstop[0].kind"
    assert "unknown backstop kind" in reason and "'lottery'" in reason


def test_two_annual_excess_backstops(tmp_path):
    text = _example() + '\n[[backstop]]\nkind = "annual_excess"\nthreshold = "50000"\nratio = "0.50"\n'
    key, reason = _only_problem(_rejected(tmp_path, text))
    assert key == "backstop"
    assert "annual_excess" in reason


def test_several_problems_are_all_reported(tmp_path):
    text = _example()
    text = _edit(text, '"orphan", "phasing_out"]', '"orphan", "pauper"]')
    text = _edit(text, INPATIENT_RATIO, INPATIENT_RATIO.replace('"0.90"', '"1.20"'))
    text = _edit(text, CRITICAL_APPLIES, CRITICAL_APPLIES.replace('"outpatient_special"', '"dental"'))
    text = _edit(text, '{ up_to = "100000", ratio = "0.70" }', '{ up_to = "40000", ratio = "0.70" }')
    text = _edit(text, 'kind = "annual_excess"', 'kind = "lottery"')
    error = _rejected(tmp_path, text)
    keys = [key for key, _ in error.problems]
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
    assert "cannot read" in info.value.problems[0][1]


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
    got, reason = _only_problem(_rejected(tmp_path, _edit(_example(), old, new)))
    assert got == key and reason.startswith("unknown key")


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
    got, reason = _only_problem(_rejected(tmp_path, _edit(_example(), old, new)))
    assert got == key and reason


def test_the_example_reads_the_new_keys():
    policy = load_policy_file(EXAMPLE)
    assert policy.basic.outpatient.annual_cap == Decimal("600.00")
    assert policy.basic.inpatient.transfer_continues_deductible is True
    assert policy.supplementary.applies_to == {"inpatient", "outpatient_special"}
    assert policy.supplementary.covers_partial_self_pay is False
    assert [(r.id, r.name) for r in policy.relief] == [("temporary", "民政临时救助"), ("charity", "慈善救助")]
