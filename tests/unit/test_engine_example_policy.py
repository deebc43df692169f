"""Hand-computed settlements under the contract's own example policy (tests/fixtures/example-2024.toml).

Numbers used:
- tilt for destitute, dibao, near_dibao, orphan, phasing_out, except unreferred city/province stays.
- basic: cap 150000, unreferred cut 0.10; inpatient deductible 200/500/800/1200, ratio
  0.90/0.80/0.70/0.60.
- critical: D 20000, segments <=50000 0.60, <=100000 0.70, above 0.80; tilt D x0.5 = 10000,
  +0.05 -> 0.65 / 0.75 / 0.85, no cap.
- assistance: no deductible, cap 100000; destitute 1.00 (uncapped), orphan 1.00, dibao 0.80,
  near_dibao 0.70.
- supplementary: in-scope D 10000 at 0.60, out-of-catalogue D 20000 at 0.50; tilted D 5000 for both.
- backstop annual_excess: above 40000 at 1.00, referred visits only.
"""

from __future__ import annotations

from decimal import Decimal

from preset_cases_b import EXAMPLE_POLICY, case, check, full_ytd, run


def cli_visit(**changes) -> dict:
    """The visit of the cli.md example case."""
    v = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
         "transfer": False, "previous_deductible": "0", "admitted": "2024-03-01",
         "discharged": "2024-03-12", "diagnosis": "I63.9", "total": "36000.00",
         "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
    v.update(changes)
    return v


# year to date that makes the critical base cross 10000, both supplementary parts cross 5000 and
# the annual excess cross 40000
CROSSING_YTD = {"critical_base": "5000.00", "supplementary_base": "4000.00",
                "supplementary_ooc_base": "4000.00", "excess_base": "38000.00"}


def test_cli_example_case_through_every_tier():
    """The cli.md case: dibao, county, 36000 / 1800 / 1200."""
    result = run(EXAMPLE_POLICY, case("dibao", cli_visit(), {"critical_base": "0", "assistance_paid": "0"}))
    # in_scope = 36000 - 1800 - 1200 = 33000
    # basic = (33000 - 500) * 0.80 = 26000.00
    # critical: e = 33000 - 26000 = 7000; c1 = 7000 < 20000 * 0.5 = 10000 -> 0.00
    # assistance = (33000 - 26000 - 0) * 0.80 = 5600.00
    # supplementary in scope: base = 33000 - 26000 - 5600 = 1400 < 5000 -> 0
    # supplementary out of catalogue: base 1800 < 5000 -> 0
    # annual excess: self-pay left = 36000 - 31600 = 4400 < 40000 -> 0
    # patient_pays = 36000 - 31600 = 4400.00
    check(result, basic="26000.00", critical="0.00", assistance="5600.00", supplementary="0.00",
          backstop="0.00", patient_pays="4400.00",
          ytd=full_ytd(basic_paid="26000.00", critical_base="7000.00", assistance_paid="5600.00",
                       supplementary_base="1400.00", supplementary_ooc_base="1800.00",
                       excess_base="4400.00"))
    assert result.in_scope == Decimal("33000.00")
    assert result.tilt is True


def test_cli_example_with_year_to_date_crossing_the_tilt_deductibles():
    """The same visit, with year to date: critical base 5000 -> 12000 crosses 10000, supplementary
    4000 -> 5140 and ooc 4000 -> 5800 cross 5000, excess 38000 -> 41656 crosses 40000."""
    result = run(EXAMPLE_POLICY, case("dibao", cli_visit(), CROSSING_YTD))
    # basic = (33000 - 500) * 0.80 = 26000.00
    # critical: e = 7000; c0 = 5000, c1 = 12000; 0.65 * (12000 - 10000) = 1300.00
    # assistance = (33000 - 26000 - 1300) * 0.80 = 5700 * 0.80 = 4560.00
    # supplementary in scope: base = 5700 - 4560 = 1140; c1 = 5140; 0.60 * (140 - 0) = 84.00
    # supplementary ooc: base 1800; c1 = 5800; 0.50 * (800 - 0) = 400.00; total 484.00
    # annual excess: self-pay left = 36000 - 26000 - 1300 - 4560 - 484 = 3656; c1 = 41656;
    #   1.00 * (1656 - 0) = 1656.00
    # patient_pays = 36000 - (26000 + 1300 + 4560 + 484 + 1656) = 36000 - 34000 = 2000.00
    check(result, basic="26000.00", critical="1300.00", assistance="4560.00", supplementary="484.00",
          backstop="1656.00", patient_pays="2000.00",
          ytd=full_ytd(basic_paid="26000.00", critical_base="12000.00", critical_paid="1300.00",
                       assistance_paid="4560.00", supplementary_base="5140.00",
                       supplementary_ooc_base="5800.00", supplementary_paid="484.00",
                       excess_base="41656.00", backstop_paid="1656.00"))


def test_out_of_region_unreferred_city_stay():
    """The same costs at a city hospital out of region, unreferred: ratio 0.70 - 0.10, no tilt
    (city requires referral), so ordinary critical/supplementary deductibles and no backstop;
    assistance still follows the dibao category."""
    v = cli_visit(hospital_level="city", in_region=False, referred=False)
    result = run(EXAMPLE_POLICY, case("dibao", v))
    # basic = (33000 - 800) * (0.70 - 0.10) = 32200 * 0.60 = 19320.00
    # critical: e = 13680 < 20000 (ordinary D) -> 0.00
    # assistance = 13680 * 0.80 = 10944.00
    # supplementary in scope: base = 13680 - 10944 = 2736 < 10000 -> 0; ooc 1800 < 20000 -> 0
    # backstop: no tilt -> neither pays nor accumulates (excess_base stays 0)
    # patient_pays = 36000 - 19320 - 10944 = 5736.00
    check(result, basic="19320.00", critical="0.00", assistance="10944.00", supplementary="0.00",
          backstop="0.00", patient_pays="5736.00",
          ytd=full_ytd(basic_paid="19320.00", critical_base="13680.00", assistance_paid="10944.00",
                       supplementary_base="2736.00", supplementary_ooc_base="1800.00"))
    assert result.tilt is False


def test_unreferred_county_stay_keeps_tilt_but_no_annual_excess():
    """Out of region, unreferred, county level: ratio cut, tilt holds (county needs no referral),
    but the annual excess requires referral, so excess_base does not advance."""
    v = cli_visit(in_region=False, referred=False)
    result = run(EXAMPLE_POLICY, case("dibao", v, {"excess_base": "39000.00"}))
    # basic = (33000 - 500) * (0.80 - 0.10) = 32500 * 0.70 = 22750.00
    # critical: e = 10250; 0.65 * (10250 - 10000) = 162.50
    # assistance = (33000 - 22750 - 162.50) * 0.80 = 10087.50 * 0.80 = 8070.00
    # supplementary: in-scope base 10087.50 - 8070 = 2017.50 < 5000, ooc 1800 < 5000 -> 0
    # patient_pays = 36000 - 22750 - 162.50 - 8070 = 5017.50 (excess would have been 5017.50 above 39000)
    check(result, basic="22750.00", critical="162.50", assistance="8070.00", supplementary="0.00",
          backstop="0.00", patient_pays="5017.50",
          ytd=full_ytd(basic_paid="22750.00", critical_base="10250.00", critical_paid="162.50",
                       assistance_paid="8070.00", supplementary_base="2017.50",
                       supplementary_ooc_base="1800.00", excess_base="39000.00"))
    assert result.tilt is True


def test_assistance_cap_and_uncapped_destitute():
    """Assistance cap 100000 shared: dibao with 99000 used gets 1000; destitute is uncapped."""
    dibao = run(EXAMPLE_POLICY, case("dibao", cli_visit(), {"assistance_paid": "99000.00"}))
    # basic 26000.00, critical 0.00 (as the cli case)
    # assistance = min(7000 * 0.80 = 5600, 100000 - 99000 = 1000) = 1000.00
    # supplementary in scope: base = 7000 - 1000 = 6000; c1 = 6000; 0.60 * (6000 - 5000) = 600.00
    # ooc: 1800 < 5000 -> 0; supplementary = 600.00
    # excess: self-pay left = 36000 - 26000 - 1000 - 600 = 8400 < 40000 -> 0
    # patient_pays = 8400.00
    check(dibao, basic="26000.00", critical="0.00", assistance="1000.00", supplementary="600.00",
          backstop="0.00", patient_pays="8400.00",
          ytd=full_ytd(basic_paid="26000.00", critical_base="7000.00", assistance_paid="100000.00",
                       supplementary_base="6000.00", supplementary_ooc_base="1800.00",
                       supplementary_paid="600.00", excess_base="8400.00"))

    destitute = run(EXAMPLE_POLICY, case("destitute", cli_visit(), {"assistance_paid": "100000.00"}))
    # assistance = 7000 * 1.00 = 7000.00 (uncapped); supplementary in-scope base 0 -> 0
    # excess: self-pay left = 36000 - 33000 = 3000; patient_pays = 3000.00
    check(destitute, basic="26000.00", critical="0.00", assistance="7000.00", supplementary="0.00",
          backstop="0.00", patient_pays="3000.00",
          ytd=full_ytd(basic_paid="26000.00", critical_base="7000.00", assistance_paid="107000.00",
                       supplementary_ooc_base="1800.00", excess_base="3000.00"))


def test_steps_of_the_crossing_case():
    """steps: tiers in cascade order; base, deductible, ratio and paid of each computed tier."""
    result = run(EXAMPLE_POLICY, case("dibao", cli_visit(), CROSSING_YTD))
    tiers = [step.tier for step in result.steps]
    order = ["basic", "critical", "assistance", "supplementary", "relief", "backstop"]
    assert list(dict.fromkeys(tiers)) == order                    # each tier appears, in order
    assert tiers == sorted(tiers, key=order.index)                # and grouped

    by_tier = {t: [s for s in result.steps if s.tier == t] for t in order}
    for tier, amount in result.paid.items():                     # the steps add up to each tier
        assert sum(s.paid for s in by_tier[tier]) == amount

    (basic,) = by_tier["basic"]
    # base = in_scope 33000, deductible 500, ratio 0.80, paid (33000 - 500) * 0.80 = 26000
    assert (basic.base, basic.deductible, basic.ratio, basic.paid) == (
        Decimal("33000"), Decimal("500"), Decimal("0.80"), Decimal("26000.00"))

    (critical,) = by_tier["critical"]
    # tilted deductible 20000 * 0.5 = 10000; paid 0.65 * (12000 - 10000) = 1300
    assert (critical.deductible, critical.paid) == (Decimal("10000"), Decimal("1300.00"))

    (assistance,) = by_tier["assistance"]
    # base = 33000 - 26000 - 1300 = 5700, deductible 0, ratio 0.80, paid 4560
    assert (assistance.base, assistance.deductible, assistance.ratio, assistance.paid) == (
        Decimal("5700"), Decimal("0"), Decimal("0.80"), Decimal("4560.00"))

    in_scope_part, ooc_part = by_tier["supplementary"]
    # in-scope part: base 1140, tilted deductible 5000, ratio 0.60, paid 84
    assert (in_scope_part.base, in_scope_part.deductible, in_scope_part.ratio, in_scope_part.paid) == (
        Decimal("1140"), Decimal("5000"), Decimal("0.60"), Decimal("84.00"))
    # out-of-catalogue part: base 1800, tilted deductible 5000, ratio 0.50, paid 400
    assert (ooc_part.base, ooc_part.deductible, ooc_part.ratio, ooc_part.paid) == (
        Decimal("1800"), Decimal("5000"), Decimal("0.50"), Decimal("400.00"))

    # one line per relief office of the policy, in its order, nothing granted
    assert [(s.name, s.paid) for s in by_tier["relief"]] == [("民政临时救助", Decimal("0")), ("慈善救助", Decimal("0"))]

    (backstop,) = by_tier["backstop"]
    # annual excess at 1.00: paid 41656 - 40000 = 1656
    assert (backstop.ratio, backstop.paid) == (Decimal("1.00"), Decimal("1656.00"))
