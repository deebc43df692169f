"""Hand-computed settlements under the `huolinguole-2019` preset.

Preset numbers used (resources/policies/huolinguole-2019.toml):
  poverty categories: registered_poor; no tilt for unreferred stays at city or province level.
  basic: cap 100000, unreferred cut 0.10;
         inpatient deductible township 150 / county 400 / city 800 / province 1000,
                   ratio 0.85 / 0.75 / 0.65 / 0.55;
         outpatient special deductible 0 / 300 / 500 / 500, ratio 0.70 / 0.65 / 0.60 / 0.55;
         diseases I10 E10 E11 A15 F20 N18.
  critical: D 12000; up to 50000 @0.55, up to 100000 @0.65, above @0.75; cap 300000;
            tilt: D x0.5 = 6000, +0.05 -> 0.60 / 0.70 / 0.80, no cap.
  assistance: inpatient only, no deductible, registered_poor 0.70 / destitute 0.90 / dibao 0.80, cap 60000.
  no supplementary, no backstop.
"""

from __future__ import annotations

import pytest
from preset_cases_a import assert_paid, assert_ytd, case, run

PRESET = "huolinguole-2019"


def stay(level: str, total: str, *, in_region: bool = True, referred: bool = True,
         kind: str = "inpatient", diagnosis: str = "I21.9",
         admitted: str = "2019-06-03", discharged: str = "2019-06-20") -> dict:
    return {"kind": kind, "hospital_level": level, "in_region": in_region, "referred": referred,
            "admitted": admitted, "discharged": discharged, "diagnosis": diagnosis, "total": total}


def test_unreferred_city_stay_loses_tilt():
    """Registered poor, city hospital, not referred: no tilt, so critical is settled as ordinary
    (D 12000, 0.55); assistance still follows the category (0.70)."""
    result = run(PRESET, case("registered_poor", stay("city", "60000.00", referred=False)))
    # in region: no basic cut. basic = (60000 - 800) * 0.65 = 59200 * 0.65 = 38480.00
    # e = 21520; critical = 0.55 * (21520 - 12000) = 0.55 * 9520 = 5236.00
    # assistance = 0.70 * (60000 - 38480 - 5236 = 16284) = 11398.80
    # patient = 16284 - 11398.80 = 4885.20
    assert_paid(result, basic="38480.00", critical="5236.00", assistance="11398.80", supplementary="0.00",
                backstop="0.00", patient_pays="4885.20", tilt=False)
    assert_ytd(result, basic_paid="38480.00", critical_base="21520.00", critical_paid="5236.00",
               assistance_paid="11398.80")


def test_referred_city_stay_keeps_tilt():
    """The same stay, referred: tilt holds (critical D 6000, 0.55 + 0.05 = 0.60)."""
    result = run(PRESET, case("registered_poor", stay("city", "60000.00", referred=True)))
    # basic = 38480.00 (as above)
    # e = 21520; critical = 0.60 * (21520 - 6000) = 0.60 * 15520 = 9312.00
    # assistance = 0.70 * (60000 - 38480 - 9312 = 12208) = 8545.60
    # patient = 12208 - 8545.60 = 3662.40
    assert_paid(result, basic="38480.00", critical="9312.00", assistance="8545.60", supplementary="0.00",
                backstop="0.00", patient_pays="3662.40", tilt=True)
    assert_ytd(result, basic_paid="38480.00", critical_base="21520.00", critical_paid="9312.00",
               assistance_paid="8545.60")


def test_unreferred_county_stay_keeps_tilt():
    """The referral condition binds only at city and province level: an unreferred county stay
    keeps the tilt."""
    result = run(PRESET, case("registered_poor", stay("county", "60000.00", referred=False)))
    # basic = (60000 - 400) * 0.75 = 59600 * 0.75 = 44700.00
    # e = 15300; critical = 0.60 * (15300 - 6000) = 0.60 * 9300 = 5580.00
    # assistance = 0.70 * (60000 - 44700 - 5580 = 9720) = 6804.00; patient = 9720 - 6804 = 2916.00
    assert_paid(result, basic="44700.00", critical="5580.00", assistance="6804.00", supplementary="0.00",
                backstop="0.00", patient_pays="2916.00", tilt=True)
    assert_ytd(result, basic_paid="44700.00", critical_base="15300.00", critical_paid="5580.00",
               assistance_paid="6804.00")


def test_basic_annual_cap_binds_with_year_to_date():
    """Registered poor with 90000 of basic paid this year: basic gets only the 10000 left of the
    100000 cap; tilted critical and assistance take the rest."""
    ytd0 = {"basic_paid": "90000.00"}
    result = run(PRESET, case("registered_poor", stay("county", "50000.00"), ytd0))
    # raw basic = (50000 - 400) * 0.75 = 37200.00 > 100000 - 90000 = 10000 -> 10000.00
    # e = 40000; critical = 0.60 * (40000 - 6000) = 20400.00
    # assistance = 0.70 * (50000 - 10000 - 20400 = 19600) = 13720.00; patient = 5880.00
    assert_paid(result, basic="10000.00", critical="20400.00", assistance="13720.00", supplementary="0.00",
                backstop="0.00", patient_pays="5880.00", tilt=True)
    assert_ytd(result, ytd0, basic_paid="100000.00", critical_base="40000.00", critical_paid="20400.00",
               assistance_paid="13720.00")
    basic_step = [s for s in result.steps if s.tier == "basic"]
    assert len(basic_step) == 1 and basic_step[0].cap_hit is True


def test_basic_annual_cap_binds_in_one_stay():
    """Ordinary, one large provincial stay (referred, so no cut): basic capped at 100000;
    ordinary critical over all three segments; no assistance for ordinary."""
    result = run(PRESET, case("ordinary", stay("province", "250000.00", in_region=False, referred=True)))
    # raw basic = (250000 - 1000) * 0.55 = 136950.00 > 100000 -> 100000.00
    # e = 150000; critical = 0.55 * (50000 - 12000) + 0.65 * (100000 - 50000) + 0.75 * (150000 - 100000)
    #                      = 20900 + 32500 + 37500 = 90900.00
    # patient = 250000 - 100000 - 90900 = 59100.00
    assert_paid(result, basic="100000.00", critical="90900.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="59100.00", tilt=False)
    assert_ytd(result, basic_paid="100000.00", critical_base="150000.00", critical_paid="90900.00")


@pytest.mark.parametrize("diagnosis", ["E11.9", "I10"])
def test_outpatient_special_gets_no_assistance(diagnosis):
    """Registered poor, outpatient special at a county hospital: basic and tilted critical pay,
    assistance is inpatient-only (0, and assistance_paid is left as it was)."""
    ytd0 = {"critical_base": "10000.00", "assistance_paid": "1000.00"}
    visit = stay("county", "8000.00", kind="outpatient_special", diagnosis=diagnosis,
                 admitted="2019-09-02", discharged="2019-09-02")
    result = run(PRESET, case("registered_poor", visit, ytd0))
    # op d = 300 (county); basic = (8000 - 300) * 0.65 = 7700 * 0.65 = 5005.00
    # e = 2995; c0 10000 -> c1 12995 (above tilt D 6000): critical = 0.60 * 2995 = 1797.00
    # assistance: outpatient_special not in applies_to -> 0.00
    # patient = 8000 - 5005 - 1797 = 1198.00
    assert_paid(result, basic="5005.00", critical="1797.00", assistance="0.00", supplementary="0.00",
                backstop="0.00", patient_pays="1198.00", tilt=True)
    assert_ytd(result, ytd0, basic_paid="5005.00", op_deductible_used="300.00", critical_base="12995.00",
               critical_paid="1797.00")
