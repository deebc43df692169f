"""Hand-computed settlements under the `linan-2024` preset.

Preset numbers used (resources/policies/linan-2024.toml):
  basic: cap 400000, unreferred cut 0.05;
         inpatient deductible township 400 / county 700 / city 1000 / province 1500,
                   ratio 0.90 / 0.80 / 0.70 / 0.60;
         outpatient special deductible 0 at every level, ratio 0.85 / 0.80 / 0.75 / 0.70;
         diseases N18 Z94 F20 D66 D61.
  critical: D 16000; up to 50000 @0.60, up to 150000 @0.70, above @0.80; cap 400000;
            tilt: D x0.5 = 8000, +0.05 -> 0.65 / 0.75 / 0.85, no cap.
  assistance: inpatient + outpatient special, no deductible, destitute 1.00 / dibao 0.90 /
              near_dibao 0.80, cap 150000, destitute uncapped.
  supplementary: in-scope D 20000 @0.60; out-of-catalogue D 30000 @0.50; tilt_deductible 10000.
  no backstop (the family cap is the annual batch, not the engine).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from preset_cases_a import assert_paid, assert_ytd, carry, case, run

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.domain.visit import CaseError

PRESET = "linan-2024"


def stay(level: str, total: str, ooc: str = "0", psp: str = "0", *, in_region: bool = True,
         referred: bool = True, kind: str = "inpatient", diagnosis: str = "C34.9",
         admitted: str = "2024-03-01", discharged: str = "2024-03-18") -> dict:
    return {"kind": kind, "hospital_level": level, "in_region": in_region, "referred": referred,
            "admitted": admitted, "discharged": discharged, "diagnosis": diagnosis,
            "total": total, "out_of_catalog": ooc, "partial_self_pay": psp}


def test_dibao_province_stay_through_every_tier():
    """Dibao, referred to a provincial hospital out of region (no cut), with 8000 of supplementary
    base from earlier this year: basic, tilted critical over two segments, assistance 90%,
    both supplementary parts (tilt D 10000)."""
    ytd0 = {"supplementary_base": "8000.00"}
    visit = stay("province", "300000.00", "40000.00", "20000.00", in_region=False, referred=True)
    result = run(PRESET, case("dibao", visit, ytd0))
    # in_scope = 300000 - 40000 - 20000 = 240000
    # basic = (240000 - 1500) * 0.60 = 238500 * 0.60 = 143100.00
    # e = 96900; tilt D 8000:
    #   critical = 0.65 * (50000 - 8000) + 0.75 * (96900 - 50000) = 27300 + 35175 = 62475.00
    # assistance = 0.90 * (240000 - 143100 - 62475 = 34425) = 30982.50
    # supplementary in-scope: unpaid 34425 - 30982.50 = 3442.50; base 8000 -> 11442.50
    #   0.60 * (11442.50 - 10000) = 865.50
    # supplementary ooc: 0.50 * (40000 - 10000) = 15000.00; supplementary = 15865.50
    # patient = 300000 - 143100 - 62475 - 30982.50 - 15865.50 = 47577.00
    #   (= 20000 psp + 25000 ooc left + 3442.50 - 865.50)
    assert_paid(result, basic="143100.00", critical="62475.00", assistance="30982.50",
                supplementary="15865.50", backstop="0.00", patient_pays="47577.00", tilt=True)
    assert_ytd(result, ytd0, basic_paid="143100.00", critical_base="96900.00", critical_paid="62475.00",
               assistance_paid="30982.50", supplementary_base="11442.50", supplementary_ooc_base="40000.00",
               supplementary_paid="15865.50")


def test_near_dibao_city_stay_through_every_tier():
    """Near-dibao at a city hospital with 7000 of supplementary base from earlier this year:
    tilted critical (0.65 up to 50000), assistance 80%, both supplementary parts."""
    ytd0 = {"supplementary_base": "7000.00"}
    visit = stay("city", "200000.00", "35000.00", "5000.00")
    result = run(PRESET, case("near_dibao", visit, ytd0))
    # in_scope = 200000 - 35000 - 5000 = 160000
    # basic = (160000 - 1000) * 0.70 = 159000 * 0.70 = 111300.00
    # e = 48700; critical = 0.65 * (48700 - 8000) = 0.65 * 40700 = 26455.00
    # assistance = 0.80 * (160000 - 111300 - 26455 = 22245) = 17796.00
    # supplementary in-scope: unpaid 22245 - 17796 = 4449; base 7000 -> 11449
    #   0.60 * (11449 - 10000) = 869.40
    # supplementary ooc: 0.50 * (35000 - 10000) = 12500.00; supplementary = 13369.40
    # patient = 200000 - 111300 - 26455 - 17796 - 13369.40 = 31079.60
    #   (= 5000 psp + 22500 ooc left + 4449 - 869.40)
    assert_paid(result, basic="111300.00", critical="26455.00", assistance="17796.00",
                supplementary="13369.40", backstop="0.00", patient_pays="31079.60", tilt=True)
    assert_ytd(result, ytd0, basic_paid="111300.00", critical_base="48700.00", critical_paid="26455.00",
               assistance_paid="17796.00", supplementary_base="11449.00", supplementary_ooc_base="35000.00",
               supplementary_paid="13369.40")


def test_unreferred_out_of_region_cut():
    """Ordinary at a county hospital, neither in region nor referred: ratio 0.80 - 0.05 = 0.75."""
    result = run(PRESET, case("ordinary", stay("county", "10000.00", in_region=False, referred=False)))
    # basic = (10000 - 700) * 0.75 = 6975.00; e = 3025 < 16000; supplementary base 3025 < 20000
    assert_paid(result, basic="6975.00", critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="3025.00", tilt=False)
    assert_ytd(result, basic_paid="6975.00", critical_base="3025.00", supplementary_base="3025.00")


def test_outpatient_special_two_visits_deductible_zero():
    """Dibao, dialysis (N18.5) at a county hospital, twice: linan's outpatient special deductible is 0
    at every level, so op_deductible_used stays 0 and each visit pays 80% from the first yuan."""
    op = dict(kind="outpatient_special", diagnosis="N18.5")
    r1 = run(PRESET, case("dibao", stay("county", "5000.00", admitted="2024-05-07", discharged="2024-05-07", **op)))
    # d = max(0, 0 - 0) = 0; basic = 5000 * 0.80 = 4000.00
    # e = 1000 < tilt D 8000 -> critical 0.00 (base accumulates)
    # assistance = 0.90 * 1000 = 900.00; supplementary base 100 < 10000 -> 0
    assert_paid(r1, basic="4000.00", critical="0.00", assistance="900.00", supplementary="0.00",
                backstop="0.00", patient_pays="100.00")
    assert_ytd(r1, basic_paid="4000.00", critical_base="1000.00", assistance_paid="900.00",
               supplementary_base="100.00")

    y1 = carry(r1)
    r2 = run(PRESET, case("dibao", stay("county", "5000.00", admitted="2024-05-21", discharged="2024-05-21", **op),
                          y1))
    # same as visit 1: basic 4000.00, critical 0 (base 1000 -> 2000), assistance 900.00
    assert_paid(r2, basic="4000.00", critical="0.00", assistance="900.00", supplementary="0.00",
                backstop="0.00", patient_pays="100.00")
    assert_ytd(r2, y1, basic_paid="8000.00", critical_base="2000.00", assistance_paid="1800.00",
               supplementary_base="200.00")


def test_outpatient_special_diagnosis_not_on_list_is_refused():
    """E11 (diabetes) is not among linan's outpatient special diseases: CaseError on visit.diagnosis."""
    with pytest.raises(CaseError) as err:
        run(PRESET, case("dibao", stay("county", "2000.00", kind="outpatient_special", diagnosis="E11.9")))
    assert err.value.field == "visit.diagnosis"


def test_basic_annual_cap_reached_across_visits():
    """Ordinary with 390000 of basic paid this year (cap 400000): visit 1 gets only the 10000 left,
    visit 2 gets no basic at all; critical and supplementary take over."""
    ytd0 = {"basic_paid": "390000.00"}
    r1 = run(PRESET, case("ordinary", stay("county", "30000.00", admitted="2024-08-01", discharged="2024-08-10"),
                          ytd0))
    # raw basic = (30000 - 700) * 0.80 = 23440.00 > 400000 - 390000 = 10000 -> 10000.00
    # e = 30000 - 10000 = 20000; critical = 0.60 * (20000 - 16000) = 2400.00
    # supplementary: unpaid 30000 - 10000 - 2400 = 17600 < 20000 -> 0
    assert_paid(r1, basic="10000.00", critical="2400.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="17600.00", tilt=False)
    assert_ytd(r1, ytd0, basic_paid="400000.00", critical_base="20000.00", critical_paid="2400.00",
               supplementary_base="17600.00")
    basic_step = [s for s in r1.steps if s.tier == "basic"]
    assert len(basic_step) == 1 and basic_step[0].cap_hit is True

    y1 = carry(r1)
    r2 = run(PRESET, case("ordinary", stay("county", "30000.00", admitted="2024-09-01", discharged="2024-09-10"),
                          y1))
    # basic = min(23440, 400000 - 400000) = 0.00
    # e = 30000; c0 20000 -> c1 50000: critical = 0.60 * (50000 - 20000) = 18000.00
    # supplementary: unpaid 12000; base 17600 -> 29600: 0.60 * (29600 - 20000) = 5760.00
    # patient = 30000 - 18000 - 5760 = 6240.00
    assert_paid(r2, basic="0.00", critical="18000.00", assistance="0.00", supplementary="5760.00",
                backstop="0.00", patient_pays="6240.00")
    assert_ytd(r2, y1, critical_base="50000.00", critical_paid="20400.00", supplementary_base="29600.00",
               supplementary_paid="5760.00")


def test_the_20000_rule_covers_every_group_the_seed_names():
    """社会救助对象、易返贫致贫对象、其他低收入对象: each mapped category is watched at 20000; ordinary persons
    fall under the per-capita-income rule."""
    policy = load_policy(PRESET)
    rule = next(r for r in policy.monitoring if r.label == "因病返贫监测")
    assert rule.threshold == Decimal("20000")
    assert rule.categories == {"destitute", "dibao", "near_dibao", "orphan",      # 社会救助对象
                               "registered_poor", "phasing_out",                  # 易返贫致贫对象
                               "illness_poor"}                                    # 其他低收入对象
    others = next(r for r in policy.monitoring if r.categories is None)
    assert others.label == "因病致贫监测"
