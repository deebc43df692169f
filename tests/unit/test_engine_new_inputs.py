"""Hand-computed cases for ordinary outpatient, settled_upstream, relief offices, referred_poor transfers,
covers_partial_self_pay and child rehabilitation across the new year, on the example policy.

Example policy numbers used besides those of test_engine_example_policy.py:
- basic.outpatient: deductible township 50 / county 100, ratio 0.60 / 0.50, annual cap 600;
  critical, assistance and supplementary apply to inpatient and outpatient_special only.
- [[relief]]: temporary (民政临时救助), then charity (慈善救助).
- child_rehab: 2500 a month, 10 months a calendar year.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from preset_cases_b import EXAMPLE_POLICY, case, check, full_ytd, ytd_after
from windowdesk.domain.case_json import parse_case
from windowdesk.domain.engine import settle
from windowdesk.domain.policy_loader import parse_policy_bytes
from windowdesk.domain.problems import Refusal
from test_engine_example_policy import CROSSING_YTD, cli_visit

EXAMPLE_TEXT = EXAMPLE_POLICY.read_text(encoding="utf-8")


def policy_with(*edits: tuple[str, str]):
    text = EXAMPLE_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return parse_policy_bytes(text.encode(), source="edited-example.toml")


EXAMPLE = policy_with()


def settle_case(case_obj, policy=EXAMPLE):
    return settle(policy, *parse_case(case_obj))


def outpatient(total: str, **changes) -> dict:
    v = {"kind": "outpatient", "hospital_level": "township", "in_region": True, "referred": True,
         "admitted": "2024-04-02", "discharged": "2024-04-02", "total": total}
    v.update(changes)
    return v


def test_ordinary_outpatient_own_deductible_and_annual_limit_over_two_visits():
    first = settle_case(case("dibao", outpatient("500.00")))
    # basic: township deductible 50, ratio 0.60: (500 - 50) * 0.60 = 270.00
    # critical / assistance / supplementary: kind not covered; relief: nothing granted
    # annual excess (tilt, referred): self-pay 230 accumulates, below 40000 -> 0
    check(first, basic="270.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="230.00",
          ytd=full_ytd(basic_paid="270.00", op_general_deductible_used="50.00", op_general_paid="270.00",
                       excess_base="230.00"))
    second = settle_case(case("dibao", outpatient("800.00"), ytd_after(first)))
    # deductible left max(0, 50 - 50) = 0: 800 * 0.60 = 480.00, limited to 600 - 270 = 330.00
    check(second, basic="330.00", critical="0.00", assistance="0.00", supplementary="0.00",
          backstop="0.00", patient_pays="470.00",
          ytd=full_ytd(basic_paid="600.00", op_general_deductible_used="50.00", op_general_paid="600.00",
                       excess_base="700.00"))
    assert second.steps[0].cap_hit
    # the outpatient-special deductible figure is not the ordinary outpatient's
    assert second.year_to_date.op_deductible_used == Decimal("0.00")


def test_settled_upstream_takes_basic_and_critical_as_given():
    visit = cli_visit(settled_upstream={"basic": "25000.00", "critical": "500.00"})
    result = settle_case(case("dibao", visit))
    # basic 25000.00 and critical 500.00 as the platform settled them (no deductible, ratio or cap here)
    # critical_base advances by in_scope - basic = 33000 - 25000 = 8000
    # assistance = (33000 - 25000 - 500) * 0.80 = 7500 * 0.80 = 6000.00
    # supplementary in scope: 7500 - 6000 = 1500 < 5000 -> 0; out of catalogue 1800 < 5000 -> 0
    # excess: 36000 - 31500 = 4500 < 40000 -> 0; patient_pays 4500.00
    check(result, basic="25000.00", critical="500.00", assistance="6000.00", supplementary="0.00",
          backstop="0.00", patient_pays="4500.00",
          ytd=full_ytd(basic_paid="25000.00", critical_base="8000.00", critical_paid="500.00",
                       assistance_paid="6000.00", supplementary_base="1500.00",
                       supplementary_ooc_base="1800.00", excess_base="4500.00"))
    assert [s.note for s in result.steps[:2]] == ["settled_upstream", "settled_upstream"]


def test_relief_offices_pay_in_order_at_most_what_is_unpaid():
    visit = cli_visit(relief={"charity": "5000.00", "temporary": "1000.00"})
    result = settle_case(case("dibao", visit))
    # basic 26000, critical 0, assistance 5600, supplementary 0 (test_cli_example_case...): unpaid 4400
    # temporary (first in the policy) 1000 -> unpaid 3400; charity asks 5000, pays 3400 (all that is left)
    # relief = 4400.00; excess: self-pay 0 -> nothing; patient_pays 0.00
    check(result, basic="26000.00", critical="0.00", assistance="5600.00", supplementary="0.00",
          relief="4400.00", backstop="0.00", patient_pays="0.00",
          ytd=full_ytd(basic_paid="26000.00", critical_base="7000.00", assistance_paid="5600.00",
                       supplementary_base="1400.00", supplementary_ooc_base="1800.00",
                       relief_paid="4400.00"))
    lines = [(s.name, s.base, s.paid, s.cap_hit) for s in result.steps if s.tier == "relief"]
    assert lines == [("民政临时救助", Decimal("1000.00"), Decimal("1000.00"), False),
                     ("慈善救助", Decimal("5000.00"), Decimal("3400.00"), True)]


def test_relief_before_the_backstop_lowers_the_excess_it_sees():
    result = settle_case(case("dibao", cli_visit(relief={"temporary": "600.00"}), CROSSING_YTD))
    # as test_cli_example_with_year_to_date_crossing...: 26000 + 1300 + 4560 + 484 paid, 3656 unpaid
    # temporary 600 -> self-pay left 3056; excess c1 = 38000 + 3056 = 41056 -> 1056.00
    # patient_pays = 36000 - (26000 + 1300 + 4560 + 484 + 600 + 1056) = 2000.00
    check(result, basic="26000.00", critical="1300.00", assistance="4560.00", supplementary="484.00",
          relief="600.00", backstop="1056.00", patient_pays="2000.00")


@pytest.mark.parametrize(("category", "referred", "basic"), [
    ("dibao", True, "26240.00"),     # tilt and referred: d = 500 - 300 = 200; (33000 - 200) * 0.80
    ("ordinary", True, "26000.00"),  # no tilt: d = 500; (33000 - 500) * 0.80
    ("dibao", False, "26000.00"),    # not referred (in region, no cut): d = 500
])
def test_transfer_continues_the_deductible_for_referred_poor_only(category, referred, basic):
    policy = policy_with(("transfer_continues_deductible = true", 'transfer_continues_deductible = "referred_poor"'))
    visit = cli_visit(transfer=True, previous_deductible="300.00", referred=referred)
    assert settle_case(case(category, visit), policy).basic == Decimal(basic)


def test_supplementary_covering_partial_self_pay():
    policy = policy_with(("covers_partial_self_pay = false", "covers_partial_self_pay = true"))
    result = settle_case(case("dibao", cli_visit(), CROSSING_YTD), policy)
    # in-scope part: 5700 - 4560 = 1140, plus partial_self_pay 1200 = 2340; c1 = 4000 + 2340 = 6340
    #   0.60 * (6340 - 5000) = 804.00; out of catalogue as before 400.00; supplementary 1204.00
    # excess: 36000 - 26000 - 1300 - 4560 - 1204 = 2936; c1 = 40936 -> 936.00
    # patient_pays = 36000 - 34000 = 2000.00
    check(result, basic="26000.00", critical="1300.00", assistance="4560.00", supplementary="1204.00",
          backstop="936.00", patient_pays="2000.00")
    assert result.year_to_date.supplementary_base == Decimal("6340.00")


def test_child_rehab_counts_each_calendar_year_on_its_own():
    months_2024 = [f"2024-{m:02d}" for m in range(2, 11)]  # 9 months of 2024 paid already
    visit = {"kind": "child_rehab", "hospital_level": "county", "admitted": "2024-11-15",
             "discharged": "2025-02-10", "total": "12000.00"}
    result = settle_case(case("ordinary", visit, {"rehab_months": months_2024}, birth_date="2015-06-01"))
    # months 2024-11, 2024-12, 2025-01, 2025-02: 2024 has room for one more (9 of 10) -> 2024-11 paid,
    # 2024-12 not; 2025 has none paid -> 2025-01 and 2025-02 paid; 3 months * 2500 = 7500 < 12000
    assert result.basic == Decimal("7500.00")
    assert result.year_to_date.rehab_months == tuple(months_2024 + ["2024-11", "2025-01", "2025-02"])
    assert result.steps[0].note == "months_exhausted"


@pytest.mark.parametrize(("visit", "code", "field"), [
    (cli_visit(settled_upstream={"basic": "30000.00", "critical": "3000.01"}), "upstream_exceeds_in_scope",
     "visit.settled_upstream"),
    (cli_visit(settled_upstream={"basic": "1.00"}), "missing_field", "visit.settled_upstream.critical"),
    (cli_visit(settled_upstream={"basic": "1", "critical": "-2"}), "amount_negative",
     "visit.settled_upstream.critical"),
    (cli_visit(relief={"red_cross": "10.00"}), "unknown_relief", "visit.relief.red_cross"),
    (cli_visit(relief=["temporary"]), "not_an_object", "visit.relief"),
    (cli_visit(out_of_catalogue="10.00"), "unknown_field", "visit.out_of_catalogue"),
    ({"kind": "child_rehab", "hospital_level": "county", "admitted": "2024-03-01", "discharged": "2024-03-02",
      "total": "100.00", "relief": {"temporary": "1.00"}}, "not_for_child_rehab", "visit.relief"),
])
def test_bad_new_inputs_are_refused_with_code_and_field(visit, code, field):
    with pytest.raises(Refusal) as caught:
        settle_case(case("dibao", visit, birth_date="2015-06-01"))
    assert (caught.value.code, caught.value.field) == (code, field)


def test_unknown_year_to_date_and_person_fields_are_refused():
    for obj, field in ((case("dibao", cli_visit(), {"relief_payd": "1"}), "year_to_date.relief_payd"),
                       ({**case("dibao", cli_visit()), "yeartodate": {}}, "yeartodate"),
                       ({**case("dibao", cli_visit()), "person": {"category": "dibao", "sex": "F"}}, "person.sex")):
        with pytest.raises(Refusal) as caught:
            parse_case(obj)
        assert (caught.value.code, caught.value.field) == ("unknown_field", field)
