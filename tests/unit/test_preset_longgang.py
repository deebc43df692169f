"""Hand-computed settlements under the `longgang-2022` preset.

Preset numbers used (resources/policies/longgang-2022.toml):
  basic: cap 300000, unreferred cut 0.10;
         inpatient deductible township 300 / county 600 / city 900 / province 1200,
                   ratio 0.85 / 0.75 / 0.65 / 0.60;
         outpatient special deductible 0 / 200 / 400 / 400 (annual), ratio 0.80 / 0.75 / 0.65 / 0.60;
         diseases F25 F22 F06 F72 E10 E11 N18.
  critical: D 20000; up to 50000 @0.60, up to 100000 @0.65, above @0.70; cap 350000;
            tilt: D x0.5 = 10000, ratio max(r, 0.80) = 0.80 everywhere, no cap.
  assistance: inpatient + outpatient special, no deductible, 0.80 for destitute/dibao/near_dibao,
              cap 100000 shared, destitute uncapped; ordinary gets none.
  supplementary: in-scope D 15000 @0.70 (its base includes partial_self_pay: covers_partial_self_pay);
                 out-of-catalogue D 20000 @0.60; tilt_deductible 5000 (both parts).
  relief: temporary, charity, red_cross, disabled (typed), before the backstop.
  backstop: annual_excess above 40000 @1.00, requires referral; only with tilt.
  poverty categories destitute, dibao, near_dibao; no referral condition on the tilt.
"""

from __future__ import annotations

import pytest
from preset_cases_a import TIERS, assert_paid, assert_ytd, carry, case, run

from windowdesk.domain.case_json import settlement_json
from windowdesk.domain.visit import CaseError

PRESET = "longgang-2022"


def stay(level: str, total: str, ooc: str = "0", psp: str = "0", *, in_region: bool = True,
         referred: bool = True, kind: str = "inpatient", diagnosis: str = "I63.9",
         admitted: str = "2024-03-01", discharged: str = "2024-03-12") -> dict:
    return {"kind": kind, "hospital_level": level, "in_region": in_region, "referred": referred,
            "admitted": admitted, "discharged": discharged, "diagnosis": diagnosis,
            "total": total, "out_of_catalog": ooc, "partial_self_pay": psp}


# --- basic: deductibles by level, unreferred cut ---------------------------------------------


@pytest.mark.parametrize(("level", "basic", "patient_pays"), [
    ("township", "8245.00", "1755.00"),   # (10000 - 300) * 0.85 = 8245.00; 10000 - 8245 = 1755.00
    ("county", "7050.00", "2950.00"),     # (10000 - 600) * 0.75 = 7050.00; 10000 - 7050 = 2950.00
    ("city", "5915.00", "4085.00"),       # (10000 - 900) * 0.65 = 5915.00; 10000 - 5915 = 4085.00
    ("province", "5280.00", "4720.00"),   # (10000 - 1200) * 0.60 = 5280.00; 10000 - 5280 = 4720.00
])
def test_inpatient_deductible_and_ratio_by_level(level, basic, patient_pays):
    """Ordinary inpatient, in-scope 10000, at each level: the level's deductible and ratio.
    Self-pay after basic stays under the critical D (20000) and the supplementary D (15000)."""
    result = run(PRESET, case("ordinary", stay(level, "10000.00")))
    assert_paid(result, basic=basic, critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays=patient_pays, tilt=False)
    # critical_base and supplementary_base accumulate the self-pay even though nothing is paid;
    # ordinary: assistance and backstop do not run, their figures stay 0.
    assert_ytd(result, basic_paid=basic, critical_base=patient_pays, supplementary_base=patient_pays)


def test_deductible_larger_than_in_scope():
    """In-scope 250 at a township stay (D 300): applied deductible = in_scope, basic pays nothing."""
    result = run(PRESET, case("ordinary", stay("township", "250.00")))
    # da = min(300, 250) = 250; basic = (250 - 250) * 0.85 = 0.00
    assert_paid(result, basic="0.00", critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="250.00")
    assert_ytd(result, critical_base="250.00", supplementary_base="250.00")


@pytest.mark.parametrize(("in_region", "referred", "basic", "patient_pays"), [
    (False, False, "6110.00", "3890.00"),  # r = 0.75 - 0.10 = 0.65; (10000 - 600) * 0.65 = 6110.00
    (False, True, "7050.00", "2950.00"),   # referred: no cut; 9400 * 0.75 = 7050.00
    (True, False, "7050.00", "2950.00"),   # in region: no cut; 9400 * 0.75 = 7050.00
])
def test_unreferred_ratio_cut(in_region, referred, basic, patient_pays):
    """The 0.10 ratio cut applies only when the stay is neither in region nor referred."""
    result = run(PRESET, case("ordinary", stay("county", "10000.00", in_region=in_region, referred=referred)))
    assert_paid(result, basic=basic, critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays=patient_pays)
    assert_ytd(result, basic_paid=basic, critical_base=patient_pays, supplementary_base=patient_pays)


def test_half_up_rounding_of_basic():
    """(1300.10 - 300) * 0.85 = 850.085 rounds half up to 850.09 (half-even would give 850.08)."""
    result = run(PRESET, case("ordinary", stay("township", "1300.10")))
    # basic = 1000.10 * 0.85 = 850.085 -> 850.09; patient = 1300.10 - 850.09 = 450.01
    assert_paid(result, basic="850.09", critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="450.01")
    assert_ytd(result, basic_paid="850.09", critical_base="450.01", supplementary_base="450.01")


# --- outpatient special ------------------------------------------------------------------------


def test_outpatient_special_annual_deductible_over_three_visits():
    """Ordinary, E11.9 at a city hospital (op D 400 a year, 0.65): visit 1 (250) uses 250 of it,
    visit 2 only the 150 left, visit 3 none."""
    op = dict(kind="outpatient_special", diagnosis="E11.9", admitted="2024-02-05", discharged="2024-02-05")
    r1 = run(PRESET, case("ordinary", stay("city", "250.00", **op)))
    # d = 400, da = min(400, 250) = 250; basic = 0 * 0.65 = 0.00
    assert_paid(r1, basic="0.00", critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="250.00")
    assert_ytd(r1, op_deductible_used="250.00", critical_base="250.00", supplementary_base="250.00")

    y1 = carry(r1)
    r2 = run(PRESET, case("ordinary", stay("city", "1000.00", **op), y1))
    # d = max(0, 400 - 250) = 150; basic = (1000 - 150) * 0.65 = 552.50; patient = 447.50
    assert_paid(r2, basic="552.50", critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="447.50")
    # critical_base = 250 + 447.50 = 697.50; supplementary_base likewise
    assert_ytd(r2, y1, basic_paid="552.50", op_deductible_used="400.00", critical_base="697.50",
               supplementary_base="697.50")

    y2 = carry(r2)
    r3 = run(PRESET, case("ordinary", stay("city", "1000.00", **op), y2))
    # d = max(0, 400 - 400) = 0; basic = 1000 * 0.65 = 650.00; patient = 350.00
    assert_paid(r3, basic="650.00", critical="0.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="350.00")
    # basic_paid = 552.50 + 650 = 1202.50; critical_base = 697.50 + 350 = 1047.50
    assert_ytd(r3, y2, basic_paid="1202.50", critical_base="1047.50", supplementary_base="1047.50")


@pytest.mark.parametrize("diagnosis", ["F20.0", "I10", ""])
def test_outpatient_special_diagnosis_not_on_list_is_refused(diagnosis):
    """F20 (schizophrenia) and I10 are not among longgang's 6 diseases: CaseError on visit.diagnosis."""
    visit = stay("county", "3000.00", kind="outpatient_special", diagnosis=diagnosis)
    with pytest.raises(CaseError) as err:
        run(PRESET, case("dibao", visit))
    assert err.value.field == "visit.diagnosis"


# --- critical illness over two visits -------------------------------------------------------------


def test_critical_ordinary_crosses_50000_bound_over_two_visits():
    """Ordinary, two city stays: critical base passes D 20000 in visit 1 and the 50000 bound
    (0.60 -> 0.65) in visit 2; supplementary in-scope part above 15000 @0.70."""
    r1 = run(PRESET, case("ordinary", stay("city", "100000.00", admitted="2024-01-03", discharged="2024-01-20")))
    # basic = (100000 - 900) * 0.65 = 99100 * 0.65 = 64415.00
    # e = 100000 - 64415 = 35585; critical = 0.60 * (35585 - 20000) = 0.60 * 15585 = 9351.00
    # supplementary: unpaid in-scope 35585 - 9351 = 26234; 0.70 * (26234 - 15000) = 7863.80
    # patient = 26234 - 7863.80 = 18370.20
    assert_paid(r1, basic="64415.00", critical="9351.00", assistance="0.00", supplementary="7863.80",
                backstop="0.00", patient_pays="18370.20", tilt=False)
    assert_ytd(r1, basic_paid="64415.00", critical_base="35585.00", critical_paid="9351.00",
               supplementary_base="26234.00", supplementary_paid="7863.80")

    y1 = carry(r1)
    r2 = run(PRESET, case("ordinary", stay("city", "60000.00", admitted="2024-06-01", discharged="2024-06-15"), y1))
    # basic = (60000 - 900) * 0.65 = 59100 * 0.65 = 38415.00
    # e = 60000 - 38415 = 21585; c0 = 35585, c1 = 57170
    # f(c1) = 0.60 * (50000 - 20000) + 0.65 * (57170 - 50000) = 18000 + 4660.50 = 22660.50
    # critical = 22660.50 - f(c0) 9351.00 = 13309.50
    # supplementary: unpaid in-scope = 21585 - 13309.50 = 8275.50; c0 26234, c1 34509.50
    #   0.70 * ((34509.50 - 15000) - (26234 - 15000)) = 0.70 * 8275.50 = 5792.85
    # patient = 8275.50 - 5792.85 = 2482.65
    assert_paid(r2, basic="38415.00", critical="13309.50", assistance="0.00", supplementary="5792.85",
                backstop="0.00", patient_pays="2482.65", tilt=False)
    # basic_paid 64415 + 38415 = 102830; critical_paid 9351 + 13309.50 = 22660.50;
    # supplementary_paid 7863.80 + 5792.85 = 13656.65
    assert_ytd(r2, y1, basic_paid="102830.00", critical_base="57170.00", critical_paid="22660.50",
               supplementary_base="34509.50", supplementary_paid="13656.65")


def test_critical_tilt_dibao_over_two_visits():
    """Dibao (tilt: D 10000, every segment at the 0.80 floor, no cap), two county stays;
    visit 1 passes the tilted D, visit 2 crosses the 50000 bound at the same 0.80.
    Assistance 80% follows; supplementary and the 40000 backstop stay below their thresholds."""
    r1 = run(PRESET, case("dibao", stay("county", "40000.00", admitted="2024-02-01", discharged="2024-02-10")))
    # basic = (40000 - 600) * 0.75 = 39400 * 0.75 = 29550.00
    # e = 10450; critical = 0.80 * (10450 - 10000) = 360.00
    # assistance = 0.80 * (40000 - 29550 - 360 = 10090) = 8072.00
    # supplementary: unpaid 10090 - 8072 = 2018 < 5000 -> 0.00; backstop: excess 2018 < 40000 -> 0.00
    assert_paid(r1, basic="29550.00", critical="360.00", assistance="8072.00", supplementary="0.00",
                backstop="0.00", patient_pays="2018.00", tilt=True)
    assert_ytd(r1, basic_paid="29550.00", critical_base="10450.00", critical_paid="360.00",
               assistance_paid="8072.00", supplementary_base="2018.00", excess_base="2018.00")

    y1 = carry(r1)
    r2 = run(PRESET, case("dibao", stay("county", "200000.00", admitted="2024-09-01", discharged="2024-09-30"), y1))
    # basic = (200000 - 600) * 0.75 = 199400 * 0.75 = 149550.00
    # e = 50450; c0 = 10450, c1 = 60900
    # critical = 0.80 * (50000 - 10450) + 0.80 * (60900 - 50000) = 31640 + 8720 = 40360.00
    # assistance = 0.80 * (200000 - 149550 - 40360 = 10090) = 8072.00
    # supplementary: unpaid 2018, base 2018 -> 4036 < 5000 -> 0.00
    # backstop: excess 2018 -> 4036 < 40000 -> 0.00
    assert_paid(r2, basic="149550.00", critical="40360.00", assistance="8072.00", supplementary="0.00",
                backstop="0.00", patient_pays="2018.00", tilt=True)
    # basic_paid 29550 + 149550 = 179100; critical_paid 360 + 40360 = 40720; assistance 8072 * 2 = 16144
    assert_ytd(r2, y1, basic_paid="179100.00", critical_base="60900.00", critical_paid="40720.00",
               assistance_paid="16144.00", supplementary_base="4036.00", excess_base="4036.00")


# --- assistance: shared cap, destitute uncapped -------------------------------------------------------


def test_assistance_cap_shared_by_inpatient_and_outpatient_special():
    """Dibao with 91000 of assistance already paid this year: an inpatient stay takes 8472,
    then a dialysis outpatient visit (N18.5) gets only the 528 left of the 100000 cap."""
    ytd0 = {"assistance_paid": "91000.00"}
    r1 = run(PRESET, case("dibao", stay("county", "50000.00", admitted="2024-04-01", discharged="2024-04-15"), ytd0))
    # basic = (50000 - 600) * 0.75 = 49400 * 0.75 = 37050.00
    # e = 12950; critical = 0.80 * (12950 - 10000) = 2360.00
    # assistance = 0.80 * (50000 - 37050 - 2360 = 10590) = 8472.00 <= 100000 - 91000 = 9000
    # supplementary: unpaid 10590 - 8472 = 2118 < 5000 -> 0; backstop: 2118 < 40000 -> 0
    assert_paid(r1, basic="37050.00", critical="2360.00", assistance="8472.00", supplementary="0.00",
                backstop="0.00", patient_pays="2118.00")
    assert_ytd(r1, ytd0, basic_paid="37050.00", critical_base="12950.00", critical_paid="2360.00",
               assistance_paid="99472.00", supplementary_base="2118.00", excess_base="2118.00")

    y1 = carry(r1)
    op = stay("county", "30000.00", kind="outpatient_special", diagnosis="N18.5",
              admitted="2024-05-06", discharged="2024-05-06")
    r2 = run(PRESET, case("dibao", op, y1))
    # op d = 200 (county); basic = (30000 - 200) * 0.75 = 29800 * 0.75 = 22350.00
    # e = 7650; c0 12950 -> c1 20600 (above D 10000): critical = 0.80 * 7650 = 6120.00
    # assistance raw = 0.80 * (30000 - 22350 - 6120 = 1530) = 1224.00; cap left 100000 - 99472 = 528.00
    # supplementary: unpaid 1530 - 528 = 1002; base 2118 -> 3120 < 5000 -> 0
    # backstop (referred): excess 2118 -> 3120 < 40000 -> 0
    assert_paid(r2, basic="22350.00", critical="6120.00", assistance="528.00", supplementary="0.00",
                backstop="0.00", patient_pays="1002.00")
    assert_ytd(r2, y1, basic_paid="59400.00", op_deductible_used="200.00", critical_base="20600.00",
               critical_paid="8480.00", assistance_paid="100000.00", supplementary_base="3120.00",
               excess_base="3120.00")
    assistance_step = [s for s in r2.steps if s.tier == "assistance"]
    assert len(assistance_step) == 1 and assistance_step[0].cap_hit is True


def test_destitute_assistance_uncapped():
    """Destitute with the 100000 already paid still gets 80%; a dibao in the same position gets 0,
    and the unpaid part flows to supplementary (tilt D 5000)."""
    ytd0 = {"assistance_paid": "100000.00"}
    visit = stay("county", "50000.00", admitted="2024-10-08", discharged="2024-10-20")

    r = run(PRESET, case("destitute", visit, ytd0))
    # basic 37050.00, critical 2360.00 (as above); assistance = 0.80 * 10590 = 8472.00, no cap
    assert_paid(r, basic="37050.00", critical="2360.00", assistance="8472.00", supplementary="0.00",
                backstop="0.00", patient_pays="2118.00", tilt=True)
    assert_ytd(r, ytd0, basic_paid="37050.00", critical_base="12950.00", critical_paid="2360.00",
               assistance_paid="108472.00", supplementary_base="2118.00", excess_base="2118.00")

    d = run(PRESET, case("dibao", visit, ytd0))
    # assistance = min(8472, 100000 - 100000) = 0.00
    # supplementary: unpaid 10590; 0.70 * (10590 - 5000) = 3913.00
    # backstop: self-pay 50000 - 37050 - 2360 - 3913 = 6677 < 40000 -> 0
    assert_paid(d, basic="37050.00", critical="2360.00", assistance="0.00", supplementary="3913.00",
                backstop="0.00", patient_pays="6677.00", tilt=True)
    assert_ytd(d, ytd0, basic_paid="37050.00", critical_base="12950.00", critical_paid="2360.00",
               supplementary_base="10590.00", supplementary_paid="3913.00", excess_base="6677.00")


# --- supplementary: in-scope and out-of-catalogue parts ------------------------------------------------

BIG_CITY_STAY = stay("city", "80000.00", "25000.00", "5000.00", admitted="2024-03-01", discharged="2024-03-20")
# in_scope = 80000 - 25000 - 5000 = 50000


def test_supplementary_ordinary_both_parts_without_tilt_deductible():
    """Ordinary: in-scope part above 15000 @0.70, out-of-catalogue part above 20000 @0.60."""
    result = run(PRESET, case("ordinary", BIG_CITY_STAY))
    # basic = (50000 - 900) * 0.65 = 49100 * 0.65 = 31915.00
    # e = 18085 < 20000 -> critical 0.00; ordinary: no assistance
    # in-scope part: base 18085 + partial self-pay 5000 = 23085; 0.70 * (23085 - 15000) = 0.70 * 8085 = 5659.50
    # ooc part: 0.60 * (25000 - 20000) = 3000.00; supplementary = 8659.50
    # patient = 80000 - 31915 - 8659.50 = 39425.50
    assert_paid(result, basic="31915.00", critical="0.00", assistance="0.00", supplementary="8659.50",
                backstop="0.00", patient_pays="39425.50", tilt=False)
    assert_ytd(result, basic_paid="31915.00", critical_base="18085.00", supplementary_base="23085.00",
               supplementary_ooc_base="25000.00", supplementary_paid="8659.50")


def test_supplementary_dibao_tilt_deductible_replaces_both():
    """Dibao, same stay: tilt_deductible 5000 replaces both supplementary deductibles."""
    result = run(PRESET, case("dibao", BIG_CITY_STAY))
    # basic = 31915.00; e = 18085; critical = 0.80 * (18085 - 10000) = 6468.00
    # assistance = 0.80 * (50000 - 31915 - 6468 = 11617) = 9293.60
    # in-scope part: unpaid 11617 - 9293.60 = 2323.40, plus partial self-pay 5000 = 7323.40;
    #   0.70 * (7323.40 - 5000) = 0.70 * 2323.40 = 1626.38
    # ooc part: 0.60 * (25000 - 5000) = 12000.00; supplementary = 13626.38
    # relief: nothing granted
    # backstop: self-pay 80000 - 31915 - 6468 - 9293.60 - 13626.38 = 18697.02 < 40000 -> 0
    assert_paid(result, basic="31915.00", critical="6468.00", assistance="9293.60", supplementary="13626.38",
                backstop="0.00", patient_pays="18697.02", tilt=True)
    assert_ytd(result, basic_paid="31915.00", critical_base="18085.00", critical_paid="6468.00",
               assistance_paid="9293.60", supplementary_base="7323.40", supplementary_ooc_base="25000.00",
               supplementary_paid="13626.38", excess_base="18697.02")


def test_steps_explain_the_dibao_stay():
    """Steps: tiers in cascade order; basic and assistance with base, deductible, ratio, paid;
    the tilted critical deductible; each tier's steps add up to what the tier paid."""
    result = run(PRESET, case("dibao", BIG_CITY_STAY))
    tiers = [s.tier for s in result.steps]
    assert [t for i, t in enumerate(tiers) if i == 0 or tiers[i - 1] != t] == list(TIERS)
    steps = {s["tier"]: s for s in settlement_json(result)["steps"]}
    basic = steps["basic"]
    assert (basic["base"], basic["deductible"], basic["ratio"], basic["paid"], basic["cap_hit"]) == \
        ("50000.00", "900.00", "0.65", "31915.00", False)
    assert steps["critical"]["deductible"] == "10000.00"       # 20000 * 0.5
    assert steps["critical"]["paid"] == "6468.00"
    assistance = steps["assistance"]
    assert (assistance["base"], assistance["deductible"], assistance["ratio"], assistance["paid"],
            assistance["cap_hit"]) == ("11617.00", "0.00", "0.80", "9293.60", False)
    for tier in TIERS:
        assert sum(s.paid for s in result.steps if s.tier == tier) == getattr(result, tier)


# --- backstop: charity fund above 40000 ------------------------------------------------------------------

LATER_STAY = dict(admitted="2024-07-01", discharged="2024-07-25")


@pytest.mark.parametrize("referred", [True, False])
def test_annual_excess_crossing_40000_over_two_visits(referred):
    """Dibao: visit 1 (the stay above) leaves 18697.02 of self-pay; visit 2 adds 27217.02.
    Referred: the part above 40000 (5914.04) is paid 100%. Not referred: the fund neither pays
    nor accumulates (the other tiers are the same; longgang's tilt has no referral condition)."""
    r1 = run(PRESET, case("dibao", BIG_CITY_STAY))
    y1 = carry(r1)
    visit2 = stay("city", "120000.00", "60000.00", "10000.00", referred=referred, **LATER_STAY)
    r2 = run(PRESET, case("dibao", visit2, y1))
    # in_scope = 120000 - 60000 - 10000 = 50000; basic = 49100 * 0.65 = 31915.00
    # e = 18085; c0 18085 -> c1 36170, all above D 10000: critical = 0.80 * 18085 = 14468.00
    # assistance = 0.80 * (50000 - 31915 - 14468 = 3617) = 2893.60
    # supplementary in-scope: unpaid 723.40 + partial self-pay 10000 = 10723.40; base 7323.40 -> 18046.80,
    #   all above 5000: 0.70 * 10723.40 = 7506.38
    # supplementary ooc: base 25000 -> 85000; 0.60 * ((85000 - 5000) - (25000 - 5000)) = 36000.00; total 43506.38
    # self-pay left = 120000 - 31915 - 14468 - 2893.60 - 43506.38 = 27217.02
    if referred:
        # excess 18697.02 -> 45914.04; backstop = 1.00 * (5914.04 - 0) = 5914.04
        # patient = 27217.02 - 5914.04 = 21302.98
        backstop, patient, excess = "5914.04", "21302.98", "45914.04"
    else:
        backstop, patient, excess = "0.00", "27217.02", "18697.02"
    assert_paid(r2, basic="31915.00", critical="14468.00", assistance="2893.60", supplementary="43506.38",
                backstop=backstop, patient_pays=patient, tilt=True)
    # critical_paid 6468 + 14468 = 20936; assistance 9293.60 + 2893.60 = 12187.20; supp 13626.38 + 43506.38
    assert_ytd(r2, y1, basic_paid="63830.00", critical_base="36170.00", critical_paid="20936.00",
               assistance_paid="12187.20", supplementary_base="18046.80", supplementary_ooc_base="85000.00",
               supplementary_paid="57132.76", excess_base=excess, backstop_paid=backstop)


def test_ordinary_gets_no_tilt_and_no_backstop():
    """Ordinary, referred, with 45000 of excess already on record: no tilt (critical D 20000),
    no assistance, and the charity fund neither pays nor accumulates."""
    ytd0 = {"excess_base": "45000.00"}
    visit = stay("city", "100000.00", "40000.00", "10000.00", **LATER_STAY)
    result = run(PRESET, case("ordinary", visit, ytd0))
    # basic = 49100 * 0.65 = 31915.00; e = 18085 < 20000 -> critical 0.00
    # supplementary: in-scope (18085 + partial 10000 = 28085) 0.70 * (28085 - 15000) = 9159.50;
    #   ooc 0.60 * (40000 - 20000) = 12000.00; total 21159.50
    # patient = 100000 - 31915 - 21159.50 = 46925.50
    assert_paid(result, basic="31915.00", critical="0.00", assistance="0.00", supplementary="21159.50",
                backstop="0.00", patient_pays="46925.50", tilt=False)
    assert_ytd(result, ytd0, basic_paid="31915.00", critical_base="18085.00", supplementary_base="28085.00",
               supplementary_ooc_base="40000.00", supplementary_paid="21159.50")


# --- ordinary outpatient and the relief offices ------------------------------------------------------------


def test_ordinary_outpatient_shares_the_assistance_ratio_and_cap():
    """门诊目录范围内医疗费用与住院同比例救助、共用年度救助限额: a dibao's ordinary outpatient visit gets the
    inpatient assistance ratio 0.80, within the one annual cap shared with her stays."""
    visit = stay("county", "1000.00", kind="outpatient", admitted="2024-04-02", discharged="2024-04-02")
    result = run(PRESET, case("dibao", visit, {"assistance_paid": "99900.00"}))
    # basic: county deductible 200 (illustrative), ratio 0.50: (1000 - 200) * 0.50 = 400.00
    # critical: kind not covered; assistance = min(0.80 * (1000 - 400) = 480.00, 100000 - 99900 = 100) = 100.00
    # supplementary: kind not covered; backstop: self-pay 500 below 40000; patient pays 500.00
    assert_paid(result, basic="400.00", critical="0.00", assistance="100.00", supplementary="0.00",
                backstop="0.00", patient_pays="500.00", tilt=True)
    assert_ytd(result, {"assistance_paid": "99900.00"}, basic_paid="400.00", op_general_deductible_used="200.00",
               op_general_paid="400.00", assistance_paid="100000.00", excess_base="500.00")


def test_relief_offices_before_the_charity_fund():
    """The seed's offices, in its order, before the charity fund sees the self-pay: granted 3000 by 民政临时救助
    and 1000 by 残联 on the crossing visit, the fund pays 4000 less."""
    r1 = run(PRESET, case("dibao", BIG_CITY_STAY))
    visit2 = stay("city", "120000.00", "60000.00", "10000.00", **LATER_STAY)
    visit2["relief"] = {"temporary": "3000.00", "disabled": "1000.00"}
    r2 = run(PRESET, case("dibao", visit2, carry(r1)))
    # as test_annual_excess_crossing_40000_over_two_visits: 27217.02 left after supplementary;
    # relief 3000 + 1000 = 4000.00 -> 23217.02; excess 18697.02 -> 41914.04; backstop 1914.04
    # patient = 23217.02 - 1914.04 = 21302.98 (the same: the fund pays above 40000 whoever paid below it)
    assert_paid(r2, basic="31915.00", critical="14468.00", assistance="2893.60", supplementary="43506.38",
                relief="4000.00", backstop="1914.04", patient_pays="21302.98", tilt=True)
    assert [(s.name, str(s.paid)) for s in r2.steps if s.tier == "relief"] == [
        ("民政临时救助", "3000.00"), ("慈善救助", "0.00"), ("红十字会救助", "0.00"), ("残联补助", "1000.00")]
