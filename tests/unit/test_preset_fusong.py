"""Hand-computed settlements under the fusong-2019 preset (抚医保联〔2019〕2号).

Numbers used (resources/policies/fusong-2019.toml):
- tilt for registered_poor, destitute, orphan; no referral condition on the tilt.
- basic: cap 150000, unreferred cut 0.20; inpatient deductible 100/300/600/1000,
  ratio 0.90/0.80/0.65/0.55 (township/county/city/province), a referred poor patient's transfer
  continues the deductible ("referred_poor");
  outpatient special deductible 100/200/300/400, ratio 0.65/0.60/0.55/0.50.
- critical: D 5000, segments <=20000 0.55, <=50000 0.65, <=100000 0.75, above 0.85;
  tilt: D 3000, +0.05 -> 0.60 / 0.70 / 0.80 / 0.90 (the seed's 60%-90% after the bonus), no cap.
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


def test_transfer_continues_the_deductible_for_a_referred_poor_patient():
    """A registered-poor city stay continuing a county stay that already paid 300 of deductible."""
    v = visit("city", "10000.00", transfer=True, previous_deductible="300.00")
    result = run(POLICY, case("registered_poor", v))
    # d = max(0, 600 - 300) = 300; basic = (10000 - 300) * 0.65 = 6305.00
    # e = 10000 - 6305 = 3695; tilted D 3000: critical = 0.60 * (3695 - 3000) = 417.00
    # assistance = (10000 - 6305 - 417) * 0.70 = 3278 * 0.70 = 2294.60
    # backstop: 0.90 * 10000 = 9000 < 6305 + 417 + 2294.60 = 9016.60 -> 0; patient_pays 983.40
    check(result, basic="6305.00", critical="417.00", assistance="2294.60", supplementary="0.00",
          backstop="0.00", patient_pays="983.40",
          ytd=full_ytd(basic_paid="6305.00", critical_base="3695.00", critical_paid="417.00",
                       assistance_paid="2294.60"))


def test_transfer_of_an_ordinary_person_pays_the_full_deductible():
    """对按规定转诊的贫困患者: an ordinary person's referred transfer does not continue it."""
    v = visit("city", "10000.00", transfer=True, previous_deductible="300.00")
    result = run(POLICY, case("ordinary", v))
    # d = 600; basic = (10000 - 600) * 0.65 = 6110.00; e = 3890 < 5000 -> critical 0
    check(result, basic="6110.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="3890.00",
          ytd=full_ytd(basic_paid="6110.00", critical_base="3890.00"))


def test_unreferred_transfer_of_a_poor_patient_pays_the_full_deductible():
    v = visit("city", "10000.00", transfer=True, previous_deductible="300.00", referred=False)
    result = run(POLICY, case("registered_poor", v))
    # in region, so no ratio cut; d = 600: basic = (10000 - 600) * 0.65 = 6110.00; e = 3890
    # critical = 0.60 * (3890 - 3000) = 534.00; assistance = (10000 - 6110 - 534) * 0.70 = 3356 * 0.70 = 2349.20
    # backstop = 9000 - (6110 + 534 + 2349.20) = 9000 - 8993.20 = 6.80; patient_pays = 10000 - 9000 = 1000.00
    check(result, basic="6110.00", critical="534.00", assistance="2349.20", supplementary="0.00",
          backstop="6.80", patient_pays="1000.00",
          ytd=full_ytd(basic_paid="6110.00", critical_base="3890.00", critical_paid="534.00",
                       assistance_paid="2349.20", backstop_paid="6.80"))


def test_non_transfer_stay_pays_the_full_deductible():
    """Same stay without transfer: previous_deductible is ignored."""
    v = visit("city", "10000.00", transfer=False, previous_deductible="300.00")
    result = run(POLICY, case("ordinary", v))
    # d = 600; basic = (10000 - 600) * 0.65 = 6110.00; e = 3890
    check(result, basic="6110.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="3890.00",
          ytd=full_ytd(basic_paid="6110.00", critical_base="3890.00"))


def test_transfer_previous_deductible_above_this_level():
    """The first hospital's deductible exceeds this one's: nothing left to deduct (registered poor, referred)."""
    v = visit("city", "10000.00", transfer=True, previous_deductible="1000.00")
    result = run(POLICY, case("registered_poor", v))
    # d = max(0, 600 - 1000) = 0; basic = 10000 * 0.65 = 6500.00; e = 3500
    # critical = 0.60 * (3500 - 3000) = 300.00; assistance = (10000 - 6500 - 300) * 0.70 = 2240.00
    # backstop: 9000 < 6500 + 300 + 2240 = 9040 -> 0; patient_pays = 960.00
    check(result, basic="6500.00", critical="300.00", assistance="2240.00", supplementary="0.00",
          backstop="0.00", patient_pays="960.00",
          ytd=full_ytd(basic_paid="6500.00", critical_base="3500.00", critical_paid="300.00",
                       assistance_paid="2240.00"))


# --- critical tilt ---------------------------------------------------------------------


def test_critical_tilt_crosses_two_bounds_in_one_visit():
    """A registered-poor province stay whose critical base goes 0 -> 55000 (past 20000 and 50000);
    the earlier tiers already exceed the 90% target, so the backstop pays 0."""
    v = visit("province", "124000.00", ooc="2000.00", psp="1000.00", in_region=False, referred=True)
    result = run(POLICY, case("registered_poor", v))
    # in_scope = 124000 - 2000 - 1000 = 121000
    # basic = (121000 - 1000) * 0.55 = 66000.00
    # e = 121000 - 66000 = 55000; c0 = 0, c1 = 55000; tilted D = 3000
    # critical = 0.60*(20000-3000) + 0.70*(50000-20000) + 0.80*(55000-50000)
    #          = 10200 + 21000 + 4000 = 35200.00
    # assistance = (121000 - 66000 - 35200) * 0.70 = 19800 * 0.70 = 13860.00
    # backstop: round(0.90 * 121000) = 108900 < 66000 + 35200 + 13860 = 115060 -> 0.00
    # patient_pays = 124000 - 115060 = 8940.00
    check(result, basic="66000.00", critical="35200.00", assistance="13860.00", supplementary="0.00",
          backstop="0.00", patient_pays="8940.00",
          ytd=full_ytd(basic_paid="66000.00", critical_base="55000.00", critical_paid="35200.00",
                       assistance_paid="13860.00"))
    assert result.tilt is True


def test_critical_tilt_crosses_two_bounds_over_two_visits():
    """Two registered-poor province stays; year to date carried; the second crosses 20000 and 50000."""
    first = run(POLICY, case("registered_poor", visit("province", "41000.00", in_region=False)))
    # basic = (41000 - 1000) * 0.55 = 22000.00; e = 19000; c1 = 19000
    # critical = 0.60 * (19000 - 3000) = 9600.00
    # assistance = (41000 - 22000 - 9600) * 0.70 = 9400 * 0.70 = 6580.00
    # backstop: 0.90 * 41000 = 36900 < 22000 + 9600 + 6580 = 38180 -> 0.00
    # patient_pays = 41000 - 38180 = 2820.00
    check(first, basic="22000.00", critical="9600.00", assistance="6580.00", supplementary="0.00",
          backstop="0.00", patient_pays="2820.00",
          ytd=full_ytd(basic_paid="22000.00", critical_base="19000.00", critical_paid="9600.00",
                       assistance_paid="6580.00"))

    v2 = visit("province", "71000.00", in_region=False)
    v2.update(admitted="2019-09-01", discharged="2019-09-20")
    second = run(POLICY, case("registered_poor", v2, ytd_after(first)))
    # basic = (71000 - 1000) * 0.55 = 38500.00 (cap left 150000 - 22000 = 128000)
    # e = 71000 - 38500 = 32500; c0 = 19000, c1 = 51500
    # critical = 0.60*(20000-19000) + 0.70*(50000-20000) + 0.80*(51500-50000)
    #          = 600 + 21000 + 1200 = 22800.00
    # assistance = (71000 - 38500 - 22800) * 0.70 = 9700 * 0.70 = 6790.00 (cap left 43420)
    # backstop: 0.90 * 71000 = 63900 < 38500 + 22800 + 6790 = 68090 -> 0.00
    # patient_pays = 71000 - 68090 = 2910.00
    check(second, basic="38500.00", critical="22800.00", assistance="6790.00", supplementary="0.00",
          backstop="0.00", patient_pays="2910.00",
          ytd=full_ytd(basic_paid="60500.00", critical_base="51500.00", critical_paid="32400.00",
                       assistance_paid="13370.00"))


# --- backstop: top up to 90% / 80% ------------------------------------------------------


def test_top_up_lifts_inpatient_to_90_percent():
    """Assistance nearly used up (49000 of 50000): the backstop lifts the stay to 90% of in_scope."""
    v = visit("county", "21800.00", ooc="1500.00")
    result = run(POLICY, case("registered_poor", v, {"assistance_paid": "49000.00"}))
    # in_scope = 21800 - 1500 = 20300
    # basic = (20300 - 300) * 0.80 = 16000.00; e = 4300
    # critical = 0.60 * (4300 - 3000) = 780.00
    # assistance = min(round((20300 - 16000 - 780) * 0.70) = 2464.00, 50000 - 49000) = 1000.00
    # backstop = round(0.90 * 20300) - (16000 + 780 + 1000) = 18270 - 17780 = 490.00
    # patient_pays = 21800 - 18270 = 3530.00
    check(result, basic="16000.00", critical="780.00", assistance="1000.00", supplementary="0.00",
          backstop="490.00", patient_pays="3530.00",
          ytd=full_ytd(basic_paid="16000.00", critical_base="4300.00", critical_paid="780.00",
                       assistance_paid="50000.00", backstop_paid="490.00"))


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
    # critical = 0.60 * (6100 - 3000) = 1860.00
    # assistance = (10600 - 4500 - 1860) * 0.70 = 4240 * 0.70 = 2968.00
    # backstop = round(0.90 * 10600) - (4500 + 1860 + 2968) = 9540 - 9328 = 212.00
    # patient_pays = 10600 - 9540 = 1060.00
    check(result, basic="4500.00", critical="1860.00", assistance="2968.00", supplementary="0.00",
          backstop="212.00", patient_pays="1060.00",
          ytd=full_ytd(basic_paid="4500.00", critical_base="6100.00", critical_paid="1860.00",
                       assistance_paid="2968.00", backstop_paid="212.00"))
    assert result.tilt is True


def test_unreferred_ratio_cut_ordinary():
    """An ordinary unreferred city stay: 0.65 - 0.20; the ordinary critical schedule applies."""
    v = visit("city", "10600.00", in_region=False, referred=False)
    result = run(POLICY, case("ordinary", v))
    # basic = (10600 - 600) * 0.45 = 4500.00; e = 6100
    # critical (ordinary, D 5000) = 0.55 * (6100 - 5000) = 605.00
    # patient_pays = 10600 - 5105 = 5495.00
    check(result, basic="4500.00", critical="605.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="5495.00",
          ytd=full_ytd(basic_paid="4500.00", critical_base="6100.00", critical_paid="605.00"))


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
    pay 27270 - 24715 = 2555 with tilt) and backstop_paid does not advance."""
    result = run(POLICY, case("ordinary", visit("county", "30300.00")))
    # basic = (30300 - 300) * 0.80 = 24000.00; e = 6300
    # critical (ordinary) = 0.55 * (6300 - 5000) = 715.00
    # patient_pays = 30300 - 24715 = 5585.00
    check(result, basic="24000.00", critical="715.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="5585.00",
          ytd=full_ytd(basic_paid="24000.00", critical_base="6300.00", critical_paid="715.00"))
    assert result.tilt is False


def test_dibao_has_assistance_but_no_tilt():
    """dibao is in the assistance table but not a poverty category here: ordinary critical,
    assistance at 0.70, no backstop."""
    result = run(POLICY, case("dibao", visit("county", "30300.00")))
    # basic = 24000.00; critical = 0.55 * (6300 - 5000) = 715.00
    # assistance = (30300 - 24000 - 715) * 0.70 = 5585 * 0.70 = 3909.50
    # patient_pays = 30300 - 24000 - 715 - 3909.50 = 1675.50
    check(result, basic="24000.00", critical="715.00", assistance="3909.50", supplementary="0.00",
          backstop="0.00", patient_pays="1675.50",
          ytd=full_ytd(basic_paid="24000.00", critical_base="6300.00", critical_paid="715.00",
                       assistance_paid="3909.50"))
    assert result.tilt is False


def test_same_stay_registered_poor_with_assistance_used_up_gets_top_up():
    """The same county stay for a registered-poor person whose assistance cap is used up."""
    result = run(POLICY, case("registered_poor", visit("county", "30300.00"),
                              {"assistance_paid": "50000.00"}))
    # basic = 24000.00; critical (tilt) = 0.60 * (6300 - 3000) = 1980.00
    # assistance = min(round(4320 * 0.70), 50000 - 50000) = 0.00
    # backstop = round(0.90 * 30300) - (24000 + 1980) = 27270 - 25980 = 1290.00
    # patient_pays = 30300 - 27270 = 3030.00
    check(result, basic="24000.00", critical="1980.00", assistance="0.00", supplementary="0.00",
          backstop="1290.00", patient_pays="3030.00",
          ytd=full_ytd(basic_paid="24000.00", critical_base="6300.00", critical_paid="1980.00",
                       assistance_paid="50000.00", backstop_paid="1290.00"))


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
