"""Hand-computed settlements under the dezhou-2020 preset (德州 2020).

Numbers used (resources/policies/dezhou-2020.toml):
- tilt for registered_poor, destitute, dibao, orphan; no referral condition.
- basic: cap 200000, unreferred cut 0.15; inpatient deductible 200/500/1000/1500, ratio
  0.85/0.75/0.60/0.50, transfers do NOT continue the deductible; outpatient special deductible
  200/400/600/800, ratio 0.70/0.65/0.60/0.55; diseases I10 I11 E10 E11 N18 F20 Z94.
- child_rehab: 2500 a month, at most 10 months a year, ages 0-17.
- critical: D 15000, segments <=100000 0.60, <=200000 0.65, above 0.70; tilt D x0.5 = 7500, +0.05.
- assistance: inpatient + outpatient special, annual deductible 500, cap 30000; destitute/orphan
  0.90, dibao/registered_poor 0.70.
- no supplementary, no backstop.
"""

from __future__ import annotations

import pytest

from preset_cases_b import case, check, full_ytd, run, ytd_after
from windowdesk.domain.visit import CaseError

POLICY = "dezhou-2020"

ALL_2020_MONTHS = [f"2020-{m:02d}" for m in range(1, 13)]


def visit(level: str, total: str, *, kind: str = "inpatient", ooc: str = "0", psp: str = "0",
          admitted: str = "2020-04-01", discharged: str = "2020-04-10", diagnosis: str = "I63.9",
          in_region: bool = True, referred: bool = True, **extra) -> dict:
    return {"kind": kind, "hospital_level": level, "in_region": in_region, "referred": referred,
            "admitted": admitted, "discharged": discharged, "diagnosis": diagnosis,
            "total": total, "out_of_catalog": ooc, "partial_self_pay": psp, **extra}


def rehab(total: str, admitted: str, discharged: str, ooc: str = "0") -> dict:
    return visit("county", total, kind="child_rehab", ooc=ooc, admitted=admitted,
                 discharged=discharged, diagnosis="F84.0")


CHILD = "2014-06-01"  # 5 years old in March 2020


# --- outpatient special disease list -----------------------------------------------------


@pytest.mark.parametrize("diagnosis", ["E11.9", "I11.0", "E11"])
def test_listed_disease_with_suffix_is_accepted(diagnosis):
    """A dibao person's county special outpatient visit; the diagnosis matches a listed prefix."""
    v = visit("county", "2400.00", kind="outpatient_special", diagnosis=diagnosis)
    result = run(POLICY, case("dibao", v))
    # basic = (2400 - 400) * 0.65 = 1300.00; e = 1100 < 7500 (tilted D) -> critical 0
    # assistance: a = 1100, da = min(500, 1100) = 500, (1100 - 500) * 0.70 = 420.00
    # patient_pays = 2400 - 1300 - 420 = 680.00
    check(result, basic="1300.00", critical="0.00", assistance="420.00", supplementary="0.00",
          backstop="0.00", patient_pays="680.00",
          ytd=full_ytd(basic_paid="1300.00", op_deductible_used="400.00", critical_base="1100.00",
                       assistance_deductible_used="500.00", assistance_paid="420.00"))


@pytest.mark.parametrize("diagnosis", ["J45.9", "E12.0", "E1", ""])
def test_unlisted_disease_is_refused(diagnosis):
    """A diagnosis outside the list (or a prefix shorter than a listed one) refuses the case."""
    v = visit("county", "2400.00", kind="outpatient_special", diagnosis=diagnosis)
    with pytest.raises(CaseError) as err:
        run(POLICY, case("dibao", v))
    assert err.value.field == "visit.diagnosis"


# --- assistance deductible across visits -------------------------------------------------


def test_assistance_deductible_consumed_across_visits():
    """The 500 annual assistance deductible: 320 used by a first stay, 180 by the second, none after."""
    first = run(POLICY, case("dibao", visit("township", "1000.00")))
    # basic = (1000 - 200) * 0.85 = 680.00; e = 320 -> critical 0
    # assistance: a = 320, da = min(500, 320) = 320, (320 - 320) * 0.70 = 0.00
    check(first, basic="680.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="320.00",
          ytd=full_ytd(basic_paid="680.00", critical_base="320.00",
                       assistance_deductible_used="320.00"))

    second = run(POLICY, case("dibao", visit("county", "4500.00", admitted="2020-06-01",
                                             discharged="2020-06-12"), ytd_after(first)))
    # basic = (4500 - 500) * 0.75 = 3000.00; e = 1500; c1 = 1820 < 7500 -> critical 0
    # assistance: a = 1500, da = min(500 - 320, 1500) = 180, (1500 - 180) * 0.70 = 924.00
    # patient_pays = 4500 - 3000 - 924 = 576.00
    check(second, basic="3000.00", critical="0.00", assistance="924.00", supplementary="0.00",
          backstop="0.00", patient_pays="576.00",
          ytd=full_ytd(basic_paid="3680.00", critical_base="1820.00",
                       assistance_deductible_used="500.00", assistance_paid="924.00"))

    third = run(POLICY, case("dibao", visit("township", "1200.00", admitted="2020-09-01",
                                            discharged="2020-09-05"), ytd_after(second)))
    # basic = (1200 - 200) * 0.85 = 850.00; e = 350; c1 = 2170 -> critical 0
    # assistance: da = min(500 - 500, 350) = 0, 350 * 0.70 = 245.00; patient_pays = 105.00
    check(third, basic="850.00", critical="0.00", assistance="245.00", supplementary="0.00",
          backstop="0.00", patient_pays="105.00",
          ytd=full_ytd(basic_paid="4530.00", critical_base="2170.00",
                       assistance_deductible_used="500.00", assistance_paid="1169.00"))


def test_full_cascade_destitute_city_stay():
    """A destitute person's city stay: tilted critical (D = 15000 * 0.5), assistance 0.90."""
    result = run(POLICY, case("destitute", visit("city", "61000.00")))
    # basic = (61000 - 1000) * 0.60 = 36000.00; e = 25000
    # critical = (0.60 + 0.05) * (25000 - 7500) = 0.65 * 17500 = 11375.00
    # assistance: a = 61000 - 36000 - 11375 = 13625, da = 500, 13125 * 0.90 = 11812.50
    # patient_pays = 61000 - 36000 - 11375 - 11812.50 = 1812.50
    check(result, basic="36000.00", critical="11375.00", assistance="11812.50", supplementary="0.00",
          backstop="0.00", patient_pays="1812.50",
          ytd=full_ytd(basic_paid="36000.00", critical_base="25000.00", critical_paid="11375.00",
                       assistance_deductible_used="500.00", assistance_paid="11812.50"))
    assert result.tilt is True


def test_transfer_does_not_continue_the_deductible_here():
    """transfer_continues_deductible = false: the city deductible applies in full."""
    v = visit("city", "11000.00", transfer=True, previous_deductible="500.00")
    result = run(POLICY, case("ordinary", v))
    # d = 1000; basic = (11000 - 1000) * 0.60 = 6000.00; e = 5000 < 15000 -> critical 0
    check(result, basic="6000.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="5000.00",
          ytd=full_ytd(basic_paid="6000.00", critical_base="5000.00"))


# --- child rehabilitation ------------------------------------------------------------------


def test_child_rehab_three_months_cost_above_limit():
    """A 5-year-old, March to May (3 months): pays at most 3 x 2500; counts in basic_paid; no other
    tier pays and their figures stay as they were (a destitute child would have assistance 0.90)."""
    ytd = {"basic_paid": "1000.00", "critical_base": "2000.00", "assistance_paid": "300.00"}
    result = run(POLICY, case("destitute", rehab("9500.00", "2020-03-05", "2020-05-20", ooc="500.00"),
                              ytd, birth_date=CHILD))
    # in_scope = 9500 - 500 = 9000; limit = 3 * 2500 = 7500; basic = min(9000, 7500) = 7500.00
    # patient_pays = 9500 - 7500 = 2000.00; basic_paid = 1000 + 7500 = 8500.00
    check(result, basic="7500.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="2000.00",
          ytd=full_ytd(basic_paid="8500.00", critical_base="2000.00", assistance_paid="300.00",
                       rehab_months=["2020-03", "2020-04", "2020-05"]))


def test_child_rehab_three_months_cost_below_limit():
    """The same months with in-scope cost below 7500: all of it is paid."""
    result = run(POLICY, case("ordinary", rehab("6000.50", "2020-03-05", "2020-05-20"),
                              birth_date=CHILD))
    # basic = min(6000.50, 3 * 2500 = 7500) = 6000.50; patient_pays = 0.00
    check(result, basic="6000.50", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="0.00",
          ytd=full_ytd(basic_paid="6000.50", rehab_months=["2020-03", "2020-04", "2020-05"]))


def test_child_rehab_months_already_paid_are_not_paid_again():
    """March was paid by an earlier visit: only April and May count."""
    result = run(POLICY, case("ordinary", rehab("9000.00", "2020-03-05", "2020-05-20"),
                              {"rehab_months": ["2020-03"], "basic_paid": "2500.00"}, birth_date=CHILD))
    # new months: 2020-04, 2020-05 -> limit 2 * 2500 = 5000; basic = min(9000, 5000) = 5000.00
    # patient_pays = 9000 - 5000 = 4000.00; basic_paid = 2500 + 5000 = 7500.00
    check(result, basic="5000.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="4000.00",
          ytd=full_ytd(basic_paid="7500.00", rehab_months=["2020-03", "2020-04", "2020-05"]))


def test_child_rehab_all_months_already_paid():
    """Every month of the visit was paid before: nothing is paid."""
    months = ["2020-03", "2020-04", "2020-05"]
    result = run(POLICY, case("ordinary", rehab("9000.00", "2020-03-05", "2020-05-20"),
                              {"rehab_months": months, "basic_paid": "7500.00"}, birth_date=CHILD))
    # no new month -> limit 0; basic = 0.00; patient_pays = 9000.00
    check(result, basic="0.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="9000.00",
          ytd=full_ytd(basic_paid="7500.00", rehab_months=months))


def test_child_rehab_ten_month_limit_across_visits():
    """8 months in a first visit, then a 3-month visit gets only 2 more, then December gets none."""
    first = run(POLICY, case("ordinary", rehab("24000.00", "2020-01-06", "2020-08-28"), birth_date=CHILD))
    # months 01..08 -> limit 8 * 2500 = 20000; basic = min(24000, 20000) = 20000.00; patient 4000.00
    check(first, basic="20000.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="4000.00",
          ytd=full_ytd(basic_paid="20000.00", rehab_months=ALL_2020_MONTHS[:8]))

    second = run(POLICY, case("ordinary", rehab("7500.00", "2020-09-01", "2020-11-30"),
                              ytd_after(first), birth_date=CHILD))
    # months 09, 10, 11 but only 10 - 8 = 2 left -> limit 2 * 2500 = 5000; basic = 5000.00
    # patient_pays = 7500 - 5000 = 2500.00; basic_paid = 20000 + 5000 = 25000.00
    check(second, basic="5000.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="2500.00")
    months = ytd_after(second)["rehab_months"]
    assert len(months) == 10 and set(ALL_2020_MONTHS[:8]) < set(months) and "2020-09" in months
    assert ytd_after(second)["basic_paid"] == "25000.00"

    third = run(POLICY, case("ordinary", rehab("2000.00", "2020-12-01", "2020-12-20"),
                             ytd_after(second), birth_date=CHILD))
    # 10 months used -> limit 0; basic = 0.00; patient_pays = 2000.00
    check(third, basic="0.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="2000.00")
    assert ytd_after(third)["rehab_months"] == months


def test_child_rehab_limited_by_basic_annual_cap():
    """basic_paid already 199000 of 200000: the rehab benefit pays only the 1000 left."""
    result = run(POLICY, case("ordinary", rehab("7500.00", "2020-03-05", "2020-05-20"),
                              {"basic_paid": "199000.00"}, birth_date=CHILD))
    # min(7500, 3 * 2500, 200000 - 199000) = 1000.00; patient_pays = 6500.00
    check(result, basic="1000.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="6500.00")
    assert ytd_after(result)["basic_paid"] == "200000.00"


@pytest.mark.parametrize("birth_date", ["2002-01-15", "2002-03-01"])
def test_child_rehab_refused_at_18(birth_date):
    """Aged 18 on the admission date (also on the 18th birthday itself): refused."""
    with pytest.raises(CaseError) as err:
        run(POLICY, case("ordinary", rehab("5000.00", "2020-03-01", "2020-03-20"), birth_date=birth_date))
    assert err.value.field == "person.birth_date"


def test_child_rehab_accepted_at_17():
    """Aged 17 on the admission date (18 two days later): accepted, one month paid."""
    result = run(POLICY, case("ordinary", rehab("5000.00", "2020-03-01", "2020-03-20"),
                              birth_date="2002-03-03"))
    # one month -> limit 2500; basic = min(5000, 2500) = 2500.00; patient_pays = 2500.00
    check(result, basic="2500.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="2500.00",
          ytd=full_ytd(basic_paid="2500.00", rehab_months=["2020-03"]))
