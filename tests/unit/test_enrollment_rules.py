"""Unit: the membership and enrollment rules (domain.enrollment_rules), no database."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from windowdesk.domain.enrollment_rules import (
    MembershipView,
    category_on,
    insured_period,
    split_contribution,
    subsidy_category,
    year_contribution,
)
from windowdesk.domain.policy import Enrollment as Rules
from windowdesk.domain.policy import SubsidyFund, SubsidyRule
from windowdesk.domain.policy_loader import load_policy_file
from windowdesk.domain.problems import Refusal

D = Decimal
LONGGANG = load_policy_file(Path(__file__).resolve().parents[2] / "resources" / "policies" / "longgang-2022.toml")
PRIORITY = LONGGANG.category_priority
NEXT_MONTH = Rules(contribution={2024: D("600")}, effective="next_month", subsidies=())


def m(category: str, start: date, end: date | None = None) -> MembershipView:
    return MembershipView(category, start, end)


# --- category on a date ----------------------------------------------------------------------------------------

def test_category_on_takes_the_most_favourable_valid_membership():
    held = [m("registered_poor", date(2019, 6, 1)), m("dibao", date(2024, 3, 5), date(2024, 9, 1))]
    assert category_on(held, date(2024, 3, 4), PRIORITY) == "registered_poor"
    assert category_on(held, date(2024, 3, 5), PRIORITY) == "dibao"  # identified that day: counts
    assert category_on(held, date(2024, 9, 1), PRIORITY) == "registered_poor"  # the exit day is the first without
    assert category_on([], date(2024, 1, 1), PRIORITY) == "ordinary"


# --- subsidy category ------------------------------------------------------------------------------------------

def test_a_category_exited_before_the_year_does_not_subsidise_it_even_when_enrolling_early():
    held = [m("dibao", date(2020, 1, 1), date(2024, 12, 20))]
    # On 2024-11-01 the person is still dibao, but the exit falls before 2025 begins.
    assert subsidy_category(held, year=2025, on=date(2024, 11, 1), priority=PRIORITY) == "ordinary"
    assert subsidy_category(held, year=2024, on=date(2024, 11, 1), priority=PRIORITY) == "dibao"


def test_phasing_out_subsidises_the_year_it_began_only():
    held = [m("phasing_out", date(2024, 6, 30))]
    assert subsidy_category(held, year=2024, on=date(2024, 7, 1), priority=PRIORITY) == "phasing_out"
    assert subsidy_category(held, year=2025, on=date(2024, 11, 1), priority=PRIORITY) == "ordinary"


# --- contribution split ----------------------------------------------------------------------------------------

RULES = Rules(contribution={}, effective="next_month", subsidies=(
    SubsidyRule(frozenset({"registered_poor"}), (SubsidyFund("assistance", D("130")), SubsidyFund("county_finance", None))),
    SubsidyRule(frozenset({"near_dibao"}), (SubsidyFund("assistance", D("130")),)),
))


def test_a_fixed_amount_never_pays_more_than_is_left():
    assert split_contribution(D("100"), RULES, "registered_poor") == ((("assistance", D("100.00")),), D("0.00"))
    assert split_contribution(D("270"), RULES, "registered_poor") == (
        (("assistance", D("130.00")), ("county_finance", D("140.00"))), D("0.00"))
    assert split_contribution(D("270"), RULES, "near_dibao") == ((("assistance", D("130.00")),), D("140.00"))
    assert split_contribution(D("270"), RULES, "dibao") == ((), D("270.00"))


@settings(max_examples=60)
@given(st.decimals(min_value=0, max_value=5000, places=2),
       st.sampled_from(["registered_poor", "near_dibao", "dibao", "ordinary"]))
def test_the_split_always_adds_up_to_the_contribution(contribution, category):
    funds, person_pays = split_contribution(contribution, RULES, category)
    assert sum((amount for _, amount in funds), D("0.00")) + person_pays == contribution
    assert person_pays >= 0 and all(amount > 0 for _, amount in funds)


# --- insured period --------------------------------------------------------------------------------------------

def test_insured_period_before_and_during_the_year():
    assert insured_period(NEXT_MONTH, year=2024, on=date(2023, 11, 1)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert insured_period(NEXT_MONTH, year=2024, on=date(2024, 2, 10)) == (date(2024, 3, 1), date(2024, 12, 31))
    assert insured_period(NEXT_MONTH, year=2024, on=date(2024, 11, 30)) == (date(2024, 12, 1), date(2024, 12, 31))
    immediate = dataclasses.replace(NEXT_MONTH, effective="immediate")
    assert insured_period(immediate, year=2024, on=date(2024, 12, 20)) == (date(2024, 12, 20), date(2024, 12, 31))


@pytest.mark.parametrize(("year", "on", "code", "params"), [
    (2024, date(2025, 1, 5), "enrollment_year_ended", {"year": 2024, "on": "2025-01-05"}),
    (2025, date(2023, 12, 1), "enrollment_too_early", {"year": 2025, "on": "2023-12-01", "opens": 2024}),
    (2024, date(2024, 12, 1), "enrollment_after_year_end",
     {"year": 2024, "on": "2024-12-01", "starts": "2025-01-01", "next_year": 2025}),
])
def test_insured_period_refusals(year, on, code, params):
    with pytest.raises(Refusal) as caught:
        insured_period(NEXT_MONTH, year=year, on=on)
    assert (caught.value.code, caught.value.field, dict(caught.value.params)) == (code, "year", params)


# --- the years a policy covers ---------------------------------------------------------------------------------

def test_year_contribution_within_the_policy():
    # longgang-2022 is in force 2022-10-01 to 2025-12-31: 2022 overlaps it, 2025 is its last year.
    assert year_contribution(LONGGANG, 2022) == D("520")
    assert year_contribution(LONGGANG, 2025) == D("640")


@pytest.mark.parametrize(("year", "reason"), [
    (2026, "outside_policy_period"),  # a contribution is set for 2026, but the policy ends in 2025
    (2027, "outside_policy_period"),
    (2021, "outside_policy_period"),
])
def test_a_year_outside_the_policy_is_not_covered(year, reason):
    with pytest.raises(Refusal) as caught:
        year_contribution(LONGGANG, year)
    assert (caught.value.code, caught.value.field) == ("enrollment_year_not_covered", "year")
    assert dict(caught.value.params) == {"year": year, "policy": LONGGANG.name, "reason": reason,
                                         "effective_from": "2022-10-01", "effective_to": "2025-12-31"}


def test_a_year_without_contribution_is_not_covered_and_no_rules_is_not_set():
    longer = dataclasses.replace(LONGGANG, effective_to=date(2027, 12, 31))
    assert year_contribution(longer, 2026) == D("680")
    with pytest.raises(Refusal) as caught:
        year_contribution(longer, 2027)  # in force, but no 2027 contribution: never another year's figures
    assert caught.value.params["reason"] == "no_contribution"
    with pytest.raises(Refusal, match="enrollment_not_set"):
        year_contribution(dataclasses.replace(LONGGANG, enrollment=None), 2024)
