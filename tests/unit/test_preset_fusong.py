"""Hand-computed settlements under the fusong-2019 preset (抚医保联〔2019〕2号).

Numbers used (resources/policies/fusong-2019.toml):
- tilt for registered_poor, destitute, orphan; no referral condition on the tilt.
- basic: cap 150000, unreferred cut 0.20; inpatient deductible 100/300/600/1000,
  ratio 0.90/0.80/0.65/0.55 (township/county/city/province), transfers continue the deductible;
  outpatient special deductible 100/200/300/400, ratio 0.65/0.60/0.55/0.50.
- critical: D 5000, segments <=20000 0.60, <=50000 0.70, <=100000 0.80, above 0.90;
  tilt: D 3000, +0.05 -> 0.65 / 0.75 / 0.85 / 0.95, no cap.
- assistance: inpatient only, no deductible, cap 50000; registered_poor 0.70, destitute 1.00,
  orphan 1.00, dibao 0.70.
- no supplementary; backstop top_up_to_ratio on in_scope: inpatient 0.90, outpatient_special 0.80.
"""

from __future__ import annotations

import pytest

from preset_cases_b import case, check, full_ytd, run, ytd_after

POLICY = "fusong-2019"


def visit(level: str, total: str, *, kind: str = "inpatient", ooc: str = "0", psp: str = "0",
          in_region: bool = True, referred: bool = True, diagnosis: str = "I63.9", **extra) -> dict:
    return {"kind": kind, "hospital_level": level, "in_region": in_region, "referred": referred,
            "admitted": "2019-04-01", "discharged": "2019-04-10", "diagnosis": diagnosis,
            "total": total, "out_of_catalog": ooc, "partial_self_pay": psp, **extra}


# --- basic: deductibles by level --------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "basic", "rest"),
    [
        ("township", "3510.00", "490.00"),   # (4000 - 100) * 0.90 = 3510.00; 4000 - 3510 = 490
        ("county", "2960.00", "1040.00"),    # (4000 - 300) * 0.80 = 2960.00; 4000 - 2960 = 1040
        ("city", "2210.00", "1790.00"),      # (4000 - 600) * 0.65 = 2210.00; 4000 - 2210 = 1790
        ("province", "1650.00", "2350.00"),  # (4000 - 1000) * 0.55 = 1650.00; 4000 - 1650 = 2350
    ],
)
def test_inpatient_deductible_and_ratio_by_level(level, basic, rest):
    """An ordinary person's 4000 stay: deductible and ratio of the level; the rest stays below
    the critical deductible 5000, ordinary has no assistance and no backstop."""
    result = run(POLICY, case("ordinary", visit(level, "4000.00")))
    check(result, basic=basic, critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays=rest,
          # critical_base advances by e = in_scope - basic even though nothing is paid
          ytd=full_ytd(basic_paid=basic, critical_base=rest))
    assert result.tilt is False


def test_deductible_larger_than_in_scope():
    """in_scope 80 at a township hospital: applied deductible = min(100, 80) = 80, basic pays 0."""
    result = run(POLICY, case("ordinary", visit("township", "80.00")))
    # basic = (80 - 80) * 0.90 = 0.00; e = 80
    check(result, basic="0.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="80.00", ytd=full_ytd(critical_base="80.00"))


def test_rounding_half_up_to_the_fen():
    """A tier amount ending in half a fen is rounded up."""
    result = run(POLICY, case("ordinary", visit("township", "1000.05")))
    # basic = (1000.05 - 100) * 0.90 = 810.045 -> 810.05 (half up); e = 1000.05 - 810.05 = 190.00
    check(result, basic="810.05", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="190.00",
          ytd=full_ytd(basic_paid="810.05", critical_base="190.00"))


# --- basic: transfers ------------------------------------------------------------------


def test_transfer_continues_the_deductible():
    """A city stay continuing a county stay that already paid 300 of deductible."""
    v = visit("city", "10000.00", transfer=True, previous_deductible="300.00")
    result = run(POLICY, case("ordinary", v))
    # d = max(0, 600 - 300) = 300; basic = (10000 - 300) * 0.65 = 6305.00
    # e = 10000 - 6305 = 3695 < 5000 -> critical 0
    check(result, basic="6305.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="3695.00",
          ytd=full_ytd(basic_paid="6305.00", critical_base="3695.00"))


def test_non_transfer_stay_pays_the_full_deductible():
    """Same stay without transfer: previous_deductible is ignored."""
    v = visit("city", "10000.00", transfer=False, previous_deductible="300.00")
    result = run(POLICY, case("ordinary", v))
    # d = 600; basic = (10000 - 600) * 0.65 = 6110.00; e = 3890
    check(result, basic="6110.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="3890.00",
          ytd=full_ytd(basic_paid="6110.00", critical_base="3890.00"))


def test_transfer_previous_deductible_above_this_level():
    """The first hospital's deductible exceeds this one's: nothing left to deduct."""
    v = visit("city", "10000.00", transfer=True, previous_deductible="1000.00")
    result = run(POLICY, case("ordinary", v))
    # d = max(0, 600 - 1000) = 0; basic = 10000 * 0.65 = 6500.00; e = 3500
    check(result, basic="6500.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="3500.00",
          ytd=full_ytd(basic_paid="6500.00", critical_base="3500.00"))


# --- critical tilt ---------------------------------------------------------------------


def test_critical_tilt_crosses_two_bounds_in_one_visit():
    """A registered-poor province stay whose critical base goes 0 -> 55000 (past 20000 and 50000);
    the earlier tiers already exceed the 90% target, so the backstop pays 0."""
    v = visit("province", "124000.00", ooc="2000.00", psp="1000.00", in_region=False, referred=True)
    result = run(POLICY, case("registered_poor", v))
    # in_scope = 124000 - 2000 - 1000 = 121000
    # basic = (121000 - 1000) * 0.55 = 66000.00
    # e = 121000 - 66000 = 55000; c0 = 0, c1 = 55000; tilted D = 3000
    # critical = 0.65*(20000-3000) + 0.75*(50000-20000) + 0.85*(55000-50000)
    #          = 11050 + 22500 + 4250 = 37800.00
    # assistance = (121000 - 66000 - 37800) * 0.70 = 17200 * 0.70 = 12040.00
    # backstop: round(0.90 * 121000) = 108900 < 66000 + 37800 + 12040 = 115840 -> 0.00
    # patient_pays = 124000 - 115840 = 8160.00
    check(result, basic="66000.00", critical="37800.00", assistance="12040.00", supplementary="0.00",
          backstop="0.00", patient_pays="8160.00",
          ytd=full_ytd(basic_paid="66000.00", critical_base="55000.00", critical_paid="37800.00",
                       assistance_paid="12040.00"))
    assert result.tilt is True


def test_critical_tilt_crosses_two_bounds_over_two_visits():
    """Two registered-poor province stays; year to date carried; the second crosses 20000 and 50000."""
    first = run(POLICY, case("registered_poor", visit("province", "41000.00", in_region=False)))
    # basic = (41000 - 1000) * 0.55 = 22000.00; e = 19000; c1 = 19000
    # critical = 0.65 * (19000 - 3000) = 10400.00
    # assistance = (41000 - 22000 - 10400) * 0.70 = 8600 * 0.70 = 6020.00
    # backstop: 0.90 * 41000 = 36900 < 22000 + 10400 + 6020 = 38420 -> 0.00
    # patient_pays = 41000 - 38420 = 2580.00
    check(first, basic="22000.00", critical="10400.00", assistance="6020.00", supplementary="0.00",
          backstop="0.00", patient_pays="2580.00",
          ytd=full_ytd(basic_paid="22000.00", critical_base="19000.00", critical_paid="10400.00",
                       assistance_paid="6020.00"))

    v2 = visit("province", "71000.00", in_region=False)
    v2.update(admitted="2019-09-01", discharged="2019-09-20")
    second = run(POLICY, case("registered_poor", v2, ytd_after(first)))
    # basic = (71000 - 1000) * 0.55 = 38500.00 (cap left 150000 - 22000 = 128000)
    # e = 71000 - 38500 = 32500; c0 = 19000, c1 = 51500
    # critical = 0.65*(20000-19000) + 0.75*(50000-20000) + 0.85*(51500-50000)
    #          = 650 + 22500 + 1275 = 24425.00
    # assistance = (71000 - 38500 - 24425) * 0.70 = 8075 * 0.70 = 5652.50 (cap left 43980)
    # backstop: 0.90 * 71000 = 63900 < 38500 + 24425 + 5652.50 = 68577.50 -> 0.00
    # patient_pays = 71000 - 68577.50 = 2422.50
    check(second, basic="38500.00", critical="24425.00", assistance="5652.50", supplementary="0.00",
          backstop="0.00", patient_pays="2422.50",
          ytd=full_ytd(basic_paid="60500.00", critical_base="51500.00", critical_paid="34825.00",
                       assistance_paid="11672.50"))


# --- backstop: top up to 90% / 80% ------------------------------------------------------


def test_top_up_lifts_inpatient_to_90_percent():
    """Assistance nearly used up (49000 of 50000): the backstop lifts the stay to 90% of in_scope."""
    v = visit("county", "21800.00", ooc="1500.00")
    result = run(POLICY, case("registered_poor", v, {"assistance_paid": "49000.00"}))
    # in_scope = 21800 - 1500 = 20300
    # basic = (20300 - 300) * 0.80 = 16000.00; e = 4300
    # critical = 0.65 * (4300 - 3000) = 845.00
    # assistance = min(round((20300 - 16000 - 845) * 0.70) = 2418.50, 50000 - 49000) = 1000.00
    # backstop = round(0.90 * 20300) - (16000 + 845 + 1000) = 18270 - 17845 = 425.00
    # patient_pays = 21800 - 18270 = 3530.00
    check(result, basic="16000.00", critical="845.00", assistance="1000.00", supplementary="0.00",
          backstop="425.00", patient_pays="3530.00",
          ytd=full_ytd(basic_paid="16000.00", critical_base="4300.00", critical_paid="845.00",
                       assistance_paid="50000.00", backstop_paid="425.00"))


def test_top_up_lifts_outpatient_special_to_80_percent():
    """A diabetic's special outpatient visit: no assistance (inpatient only), backstop to 80%."""
    v = visit("county", "5200.00", kind="outpatient_special", diagnosis="E11.9")
    result = run(POLICY, case("registered_poor", v))
    # basic = (5200 - 200) * 0.60 = 3000.00; e = 2200 < 3000 -> critical 0
    # assistance: outpatient_special not covered -> 0, figures untouched
    # backstop = round(0.80 * 5200) - 3000 = 4160 - 3000 = 1160.00
    # patient_pays = 5200 - 4160 = 1040.00
    check(result, basic="3000.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="1160.00", patient_pays="1040.00",
          ytd=full_ytd(basic_paid="3000.00", op_deductible_used="200.00", critical_base="2200.00",
                       backstop_paid="1160.00"))


def test_unreferred_stay_ratio_cut_and_backstop_with_assistance():
    """A registered-poor unreferred city stay out of region: basic ratio cut by 0.20; the tilt
    still holds (no referral condition); assistance pays and the backstop tops up the rest."""
    v = visit("city", "10600.00", in_region=False, referred=False)
    result = run(POLICY, case("registered_poor", v))
    # r = 0.65 - 0.20 = 0.45; basic = (10600 - 600) * 0.45 = 4500.00; e = 6100
    # critical = 0.65 * (6100 - 3000) = 2015.00
    # assistance = (10600 - 4500 - 2015) * 0.70 = 4085 * 0.70 = 2859.50
    # backstop = round(0.90 * 10600) - (4500 + 2015 + 2859.50) = 9540 - 9374.50 = 165.50
    # patient_pays = 10600 - 9540 = 1060.00
    check(result, basic="4500.00", critical="2015.00", assistance="2859.50", supplementary="0.00",
          backstop="165.50", patient_pays="1060.00",
          ytd=full_ytd(basic_paid="4500.00", critical_base="6100.00", critical_paid="2015.00",
                       assistance_paid="2859.50", backstop_paid="165.50"))
    assert result.tilt is True


def test_unreferred_ratio_cut_ordinary():
    """An ordinary unreferred city stay: 0.65 - 0.20; the ordinary critical schedule applies."""
    v = visit("city", "10600.00", in_region=False, referred=False)
    result = run(POLICY, case("ordinary", v))
    # basic = (10600 - 600) * 0.45 = 4500.00; e = 6100
    # critical (ordinary, D 5000) = 0.60 * (6100 - 5000) = 660.00
    # patient_pays = 10600 - 5160 = 5440.00
    check(result, basic="4500.00", critical="660.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="5440.00",
          ytd=full_ytd(basic_paid="4500.00", critical_base="6100.00", critical_paid="660.00"))


def test_referred_out_of_region_stay_has_no_cut():
    """Out of region but referred: the full city ratio 0.65."""
    v = visit("city", "10600.00", in_region=False, referred=True)
    result = run(POLICY, case("ordinary", v))
    # basic = (10600 - 600) * 0.65 = 6500.00; e = 4100 < 5000 -> critical 0
    check(result, basic="6500.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="4100.00",
          ytd=full_ytd(basic_paid="6500.00", critical_base="4100.00"))


# --- ordinary persons and categories without tilt ---------------------------------------


def test_ordinary_person_gets_no_top_up():
    """An ordinary county stay: ordinary critical schedule, no assistance, no backstop (it would
    pay 27270 - 24780 = 2490 with tilt) and backstop_paid does not advance."""
    result = run(POLICY, case("ordinary", visit("county", "30300.00")))
    # basic = (30300 - 300) * 0.80 = 24000.00; e = 6300
    # critical (ordinary) = 0.60 * (6300 - 5000) = 780.00
    # patient_pays = 30300 - 24780 = 5520.00
    check(result, basic="24000.00", critical="780.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="5520.00",
          ytd=full_ytd(basic_paid="24000.00", critical_base="6300.00", critical_paid="780.00"))
    assert result.tilt is False


def test_dibao_has_assistance_but_no_tilt():
    """dibao is in the assistance table but not a poverty category here: ordinary critical,
    assistance at 0.70, no backstop."""
    result = run(POLICY, case("dibao", visit("county", "30300.00")))
    # basic = 24000.00; critical = 0.60 * (6300 - 5000) = 780.00
    # assistance = (30300 - 24000 - 780) * 0.70 = 5520 * 0.70 = 3864.00
    # patient_pays = 30300 - 24000 - 780 - 3864 = 1656.00
    check(result, basic="24000.00", critical="780.00", assistance="3864.00", supplementary="0.00",
          backstop="0.00", patient_pays="1656.00",
          ytd=full_ytd(basic_paid="24000.00", critical_base="6300.00", critical_paid="780.00",
                       assistance_paid="3864.00"))
    assert result.tilt is False


def test_same_stay_registered_poor_with_assistance_used_up_gets_top_up():
    """The same county stay for a registered-poor person whose assistance cap is used up."""
    result = run(POLICY, case("registered_poor", visit("county", "30300.00"),
                              {"assistance_paid": "50000.00"}))
    # basic = 24000.00; critical (tilt) = 0.65 * (6300 - 3000) = 2145.00
    # assistance = min(round(4155 * 0.70), 50000 - 50000) = 0.00
    # backstop = round(0.90 * 30300) - (24000 + 2145) = 27270 - 26145 = 1125.00
    # patient_pays = 30300 - 27270 = 3030.00
    check(result, basic="24000.00", critical="2145.00", assistance="0.00", supplementary="0.00",
          backstop="1125.00", patient_pays="3030.00",
          ytd=full_ytd(basic_paid="24000.00", critical_base="6300.00", critical_paid="2145.00",
                       assistance_paid="50000.00", backstop_paid="1125.00"))


# --- assistance is inpatient only; the annual outpatient deductible ----------------------


def test_assistance_is_inpatient_only_and_op_deductible_is_annual():
    """Two special outpatient visits of a destitute person (assistance 1.00 for inpatient): no
    assistance on either, assistance_paid keeps its 1000; the second visit's deductible is used up."""
    v1 = visit("township", "3100.00", kind="outpatient_special", diagnosis="N18.5")
    first = run(POLICY, case("destitute", v1, {"assistance_paid": "1000.00"}))
    # basic = (3100 - 100) * 0.65 = 1950.00; e = 1150 < 3000 -> critical 0
    # backstop = round(0.80 * 3100) - 1950 = 2480 - 1950 = 530.00; patient_pays = 620.00
    check(first, basic="1950.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="530.00", patient_pays="620.00",
          ytd=full_ytd(basic_paid="1950.00", op_deductible_used="100.00", critical_base="1150.00",
                       assistance_paid="1000.00", backstop_paid="530.00"))

    v2 = visit("township", "1000.00", kind="outpatient_special", diagnosis="N18.5")
    v2.update(admitted="2019-05-06", discharged="2019-05-06")
    second = run(POLICY, case("destitute", v2, ytd_after(first)))
    # d = max(0, 100 - 100) = 0; basic = 1000 * 0.65 = 650.00; e = 350; c1 = 1500 < 3000
    # backstop = round(0.80 * 1000) - 650 = 150.00; patient_pays = 1000 - 800 = 200.00
    check(second, basic="650.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="150.00", patient_pays="200.00",
          ytd=full_ytd(basic_paid="2600.00", op_deductible_used="100.00", critical_base="1500.00",
                       assistance_paid="1000.00", backstop_paid="680.00"))
