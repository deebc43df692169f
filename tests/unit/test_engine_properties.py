"""Property tests of the settlement engine over random policies within bounds and random chains of visits.

The contract is shared/docs/settlement-rules.md. Its "Invariants, which tests must check on random input":
every payment >= 0; each tier pays at most what was unpaid before it; patient_pays >= 0; the same input
gives the same output; visits settled one after the other with the year to date carried over never pay
more in a capped tier than its cap. Besides those: amounts carry two decimals, the year to date adds up,
the critical-illness tier depends only on the accumulated base (and follows the contract's band formula),
and bad input is refused with a `CaseError` naming the field.

Random policies are generated as TOML (tests/unit/strategies.py) and read by the real loader.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import strategies as gen
from windowdesk.domain.categories import CATEGORIES, TIERS
from windowdesk.domain.engine import settle
from windowdesk.domain.money import from_fen
from windowdesk.domain.policy import Policy
from windowdesk.domain.visit import CaseError, Person, Settlement, Visit, YearToDate, YTD_MONEY_FIELDS

ZERO = Decimal("0.00")
FEN = Decimal("0.01")

PROPERTY = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
CHAIN = settings(PROPERTY, max_examples=160)
ERRORS = settings(PROPERTY, max_examples=50)


# -- helpers ---------------------------------------------------------------------------------------


def run(case: gen.Case) -> Settlement:
    return settle(case.policy, case.person, case.visit, case.ytd)


def settle_chain(chain: gen.Chain) -> tuple[list[Settlement], list[YearToDate]]:
    """Settles the visits in order; returns the results and the year to date before/after each (n + 1)."""
    ytds, results = [YearToDate()], []
    for visit in chain.visits:
        result = settle(chain.policy, chain.person, visit, ytds[-1])
        results.append(result)
        ytds.append(result.year_to_date)
    return results, ytds


def tier_payments(result: Settlement) -> list[tuple[str, Decimal]]:
    return [(tier, getattr(result, tier)) for tier in TIERS]


def total_of(results: list[Settlement], tier: str) -> Decimal:
    return sum((getattr(r, tier) for r in results), ZERO)


def has_two_places(amount: Decimal) -> bool:
    return amount.as_tuple().exponent == -2


def tilt_of(policy: Policy, person: Person, visit: Visit) -> bool:
    return policy.has_tilt(person.category, visit.hospital_level, visit.referred)


def contract_critical_f(policy: Policy, tilt: bool, x: Decimal) -> Decimal:
    """f(x) of the contract, from the policy's raw numbers (not the loader's derived schedule)."""
    crit = policy.critical
    d, ratios = crit.deductible, [r for _, r in crit.bounds]
    if tilt and crit.tilt is not None:
        t = crit.tilt
        d = t.deductible if t.deductible is not None else crit.deductible * t.deductible_factor
        ratios = [min(Decimal(1), max(r + t.ratio_bonus, t.min_ratio)) for r in ratios]
    total, lo = Decimal(0), d
    for (hi, _), r in zip(crit.bounds, ratios):
        top = x if hi is None else min(x, hi)
        total += r * max(Decimal(0), top - max(d, lo))
        lo = hi
    return total


def round_fen(x: Decimal) -> Decimal:
    return x.quantize(FEN, rounding=ROUND_HALF_UP)


# -- explicit edge cases on the contract's example policy -------------------------------------------

EXAMPLE_TOML = (Path(__file__).parents[1] / "fixtures" / "example-2024.toml").read_text(encoding="utf-8")
EXAMPLE = gen.parse(EXAMPLE_TOML)
DAY = date(2024, 5, 6)


def example_case(in_scope: str, *, total: str | None = None, ytd: YearToDate = YearToDate(),
                 category: str = "dibao", level: str = "county") -> gen.Case:
    in_scope = Decimal(in_scope)
    total = Decimal(total) if total is not None else in_scope
    visit = Visit("inpatient", level, DAY, DAY + timedelta(days=5), total,
                  out_of_catalog=total - in_scope, in_region=True, referred=True)
    return gen.Case(EXAMPLE_TOML, EXAMPLE, Person(category), visit, ytd)


ZERO_TOTAL = example_case("0.00")
IN_SCOPE_IS_DEDUCTIBLE = example_case("500.00", total="800.00")  # county inpatient deductible
BASIC_CAP_EXACT = example_case("188000.00", category="ordinary")  # (188000 - 500) x 0.80 = 150000
BASIC_CAP_ALREADY_REACHED = example_case("30000.00", ytd=YearToDate(basic_paid=Decimal("150000.00")))
BASIC_CAP_ONE_FEN_LEFT = example_case("30000.00", ytd=YearToDate(basic_paid=Decimal("149999.99")))
CHILD_REHAB_MONTHLY_CAP = gen.Case(  # one month, 3000 in scope: basic pays the monthly cap, 2500.00
    EXAMPLE_TOML, EXAMPLE, Person("ordinary", date(2020, 1, 1)),
    Visit("child_rehab", "county", date(2024, 3, 1), date(2024, 3, 20), Decimal("3000.00")), YearToDate())


def edge_examples(test):
    for case in (ZERO_TOTAL, IN_SCOPE_IS_DEDUCTIBLE, BASIC_CAP_EXACT, BASIC_CAP_ALREADY_REACHED,
                 BASIC_CAP_ONE_FEN_LEFT, CHILD_REHAB_MONTHLY_CAP):
        test = example(case=case)(test)
    return test


def test_edge_examples_are_what_they_claim():
    assert run(ZERO_TOTAL).reimbursed == ZERO
    assert run(IN_SCOPE_IS_DEDUCTIBLE).basic == ZERO
    assert run(BASIC_CAP_EXACT).basic == EXAMPLE.basic.annual_cap
    assert run(BASIC_CAP_ALREADY_REACHED).basic == ZERO
    assert run(BASIC_CAP_ONE_FEN_LEFT).basic == FEN
    assert run(CHILD_REHAB_MONTHLY_CAP).basic == EXAMPLE.child_rehab.monthly_cap


# -- 1. amounts: signs, sums, two decimals ----------------------------------------------------------


@PROPERTY
@given(case=gen.cases())
@edge_examples
def test_payments_are_non_negative_and_add_up(case):
    result = run(case)
    for tier, paid in tier_payments(result):
        assert paid >= 0, tier
    assert result.patient_pays >= 0
    assert result.reimbursed == sum(paid for _, paid in tier_payments(result))
    assert result.patient_pays == case.visit.total - result.reimbursed
    assert result.in_scope == case.visit.in_scope


@PROPERTY
@given(case=gen.cases())
@edge_examples
def test_every_amount_has_two_decimal_places(case):
    result = run(case)
    amounts = tier_payments(result) + [("reimbursed", result.reimbursed), ("patient_pays", result.patient_pays)]
    amounts += [(f"year_to_date.{name}", getattr(result.year_to_date, name)) for name in YTD_MONEY_FIELDS]
    wrong = {name: str(amount) for name, amount in amounts if not has_two_places(amount)}
    assert not wrong, f"{case.visit.kind}: amounts without exactly two decimals: {wrong}"


# -- 2. each tier pays at most what is still unpaid ------------------------------------------------


@PROPERTY
@given(case=gen.cases())
@edge_examples
def test_each_tier_pays_at_most_what_is_unpaid(case):
    result = run(case)
    unpaid = case.visit.total
    for tier, paid in tier_payments(result):
        assert paid <= unpaid, f"{tier} pays {paid} with only {unpaid} unpaid"
        unpaid -= paid
    in_scope = case.visit.in_scope
    assert result.basic <= in_scope
    assert result.basic + result.critical + result.assistance <= in_scope  # in-scope tiers


# -- 3. determinism --------------------------------------------------------------------------------


@PROPERTY
@given(case=gen.cases())
@edge_examples
def test_same_input_same_result(case):
    first = run(case)
    assert run(case) == first
    reloaded = gen.parse(case.policy_toml)  # a fresh Policy object from the same file
    assert settle(reloaded, case.person, case.visit, case.ytd) == first


# -- year to date of one visit -------------------------------------------------------------------


@PROPERTY
@given(case=gen.cases())
def test_tiers_that_do_not_run_leave_their_figures(case):
    """Contract: a tier that does not run (kind not covered, category without assistance, no tilt for a
    backstop) leaves its year-to-date figures as they were."""
    policy, visit, before = case.policy, case.visit, case.ytd
    after = run(case).year_to_date
    kind = visit.kind
    unchanged = []
    if kind not in policy.critical.applies_to:
        unchanged.append("critical_base")
        if visit.settled_upstream is None:  # the platform's critical figure counts whatever the kind
            unchanged.append("critical_paid")
    ast = policy.assistance
    if kind not in ast.applies_to or case.person.category not in ast.ratio:
        unchanged += ["assistance_deductible_used", "assistance_paid"]
    sup = policy.supplementary
    if sup is None or kind not in sup.applies_to:
        unchanged += ["supplementary_base", "supplementary_ooc_base", "supplementary_paid"]
    if not tilt_of(policy, case.person, visit) or kind == "child_rehab":
        unchanged += ["excess_base", "backstop_paid"]
    if kind != "outpatient_special" or visit.settled_upstream is not None:
        unchanged.append("op_deductible_used")
    if kind != "outpatient" or visit.settled_upstream is not None:
        unchanged.append("op_general_deductible_used")
    if kind != "outpatient":
        unchanged.append("op_general_paid")
    if not policy.relief:
        unchanged.append("relief_paid")
    if kind != "child_rehab":
        unchanged.append("rehab_months")
    for name in unchanged:
        assert getattr(after, name) == getattr(before, name), name


# -- 4. chains of visits: caps, monotone and consistent year to date -------------------------------


@CHAIN
@given(chain=gen.chains())
def test_chain_never_pays_more_than_a_cap(chain):
    policy, person = chain.policy, chain.person
    results, _ = settle_chain(chain)
    # figures settled upstream are the platform's (the window caps only what it computes; they count as used)
    computed = [r for r, v in zip(results, chain.visits) if v.settled_upstream is None]
    assert total_of(computed, "basic") <= policy.basic.annual_cap
    tilt = policy.has_tilt(person.category, chain.visits[0].hospital_level, chain.visits[0].referred)
    critical_cap = policy.critical.cap_for(tilt)
    if critical_cap is not None:
        assert total_of(computed, "critical") <= critical_cap
    ast = policy.assistance
    if ast.annual_cap is not None and person.category not in ast.uncapped:
        assert total_of(results, "assistance") <= ast.annual_cap
    outpatient = policy.basic.outpatient
    if outpatient is not None and outpatient.annual_cap is not None:
        # the ordinary-outpatient limit holds over the chain (upstream figures are the platform's, not capped)
        paid = [r.basic for r, v in zip(results, chain.visits)
                if v.kind == "outpatient" and v.settled_upstream is None]
        assert sum(paid, ZERO) <= outpatient.annual_cap
    rehab = policy.child_rehab
    if rehab is not None:
        months = results[-1].year_to_date.rehab_months
        assert len(months) <= rehab.max_months
        rehab_basic = sum((r.basic for r, v in zip(results, chain.visits) if v.kind == "child_rehab"), ZERO)
        assert rehab_basic <= rehab.monthly_cap * len(months)


@CHAIN
@given(chain=gen.chains())
def test_chain_year_to_date_is_monotone_and_adds_up(chain):
    results, ytds = settle_chain(chain)
    for before, after in zip(ytds, ytds[1:]):
        for name in YTD_MONEY_FIELDS:
            assert getattr(after, name) >= getattr(before, name), name
        assert set(before.rehab_months) <= set(after.rehab_months)
    final = ytds[-1]
    for tier in TIERS:
        assert getattr(final, f"{tier}_paid") == total_of(results, tier), tier


# -- 5. critical illness depends only on the accumulated base --------------------------------------


@PROPERTY
@given(case=gen.cases())
def test_critical_follows_the_band_formula(case):
    """critical = round(f(c1) - f(c0)), at most what is left of the cap; f from the policy's raw numbers."""
    policy, visit, ytd = case.policy, case.visit, case.ytd
    result = run(case)
    if visit.settled_upstream is not None:
        return  # the platform's figure: test_settled_upstream_never_changes_the_tiers_above_it
    if visit.kind not in policy.critical.applies_to:
        assert result.critical == ZERO
        return
    tilt = tilt_of(policy, case.person, visit)
    c0 = ytd.critical_base
    c1 = c0 + visit.in_scope - result.basic
    expected = round_fen(contract_critical_f(policy, tilt, c1) - contract_critical_f(policy, tilt, c0))
    cap = policy.critical.cap_for(tilt)
    if cap is not None:
        expected = min(expected, max(ZERO, cap - ytd.critical_paid))
    assert result.critical == expected
    assert result.year_to_date.critical_base == c1


@PROPERTY
@given(case=gen.cases())
def test_settled_upstream_never_changes_the_tiers_above_it(case):
    """With settled_upstream the basic and critical payments are the platform's figures, whatever the policy
    and year to date say; the tiers below see exactly what is left of them."""
    upstream = case.visit.settled_upstream
    if upstream is None:
        upstream = (case.visit.in_scope, ZERO)  # the same visit as if the platform had paid all the in-scope
        visit = replace(case.visit, settled_upstream=upstream) if case.visit.kind != "child_rehab" else None
    else:
        visit = case.visit
    if visit is None:
        return
    result = settle(case.policy, case.person, visit, case.ytd)
    assert (result.basic, result.critical) == upstream
    assert result.year_to_date.basic_paid == case.ytd.basic_paid + upstream[0]
    assert result.year_to_date.critical_paid == case.ytd.critical_paid + upstream[1]
    assert result.year_to_date.op_deductible_used == case.ytd.op_deductible_used
    assert result.year_to_date.op_general_deductible_used == case.ytd.op_general_deductible_used
    # the same visit settled without the figures then told to the tiers below gives the same lower tiers:
    # the upstream basic/critical replace the computed ones and nothing else
    computed = settle(case.policy, case.person, replace(visit, settled_upstream=None), case.ytd)
    if (computed.basic, computed.critical) == upstream:
        assert result.paid == computed.paid


@PROPERTY
@given(case=gen.cases())
def test_relief_never_exceeds_what_was_unpaid_nor_what_was_granted(case):
    result = run(case)
    granted = dict(case.visit.relief)
    lines = [s for s in result.steps if s.tier == "relief"]
    if case.visit.kind != "child_rehab":  # rehabilitation is basic insurance's alone
        assert [s.name for s in lines] == [office.name for office in case.policy.relief]
    before = case.visit.total - result.basic - result.critical - result.assistance - result.supplementary
    assert ZERO <= result.relief <= before
    assert result.relief <= sum(granted.values(), ZERO)
    for office, line in zip(case.policy.relief, lines):
        assert line.paid <= granted.get(office.id, ZERO)
    assert sum((s.paid for s in lines), ZERO) == result.relief


@st.composite
def split_stays(draw):
    """An inpatient stay and the same in-scope cost split over 2-4 stays, basic cap already reached."""
    text, policy = draw(gen.policies)
    person = Person(draw(st.sampled_from(CATEGORIES)))
    stay = replace(draw(gen.visits(policy, kind="inpatient")), settled_upstream=None, relief=())
    cuts = sorted(draw(st.lists(st.integers(0, int(stay.in_scope * 100)), min_size=1, max_size=3)))
    bounds = [0] + cuts + [int(stay.in_scope * 100)]
    parts = tuple(replace(stay, total=from_fen(hi - lo), out_of_catalog=ZERO, partial_self_pay=ZERO)
                  for lo, hi in zip(bounds, bounds[1:]))
    ytd = YearToDate(basic_paid=policy.basic.annual_cap)  # basic pays nothing: base = in_scope
    return gen.Case(text, policy, person, stay, ytd), parts


@PROPERTY
@given(split=split_stays())
def test_critical_splitting_invariance(split):
    whole, parts = split
    once = run(whole).critical
    ytd, in_parts = whole.ytd, ZERO
    for part in parts:
        result = settle(whole.policy, whole.person, part, ytd)
        in_parts += result.critical
        ytd = result.year_to_date
    assert ytd.critical_base == whole.ytd.critical_base + whole.visit.in_scope
    assert abs(once - in_parts) <= FEN * len(parts), (once, in_parts)


# -- 6. bad input is refused with a CaseError naming the field -------------------------------------


@ERRORS
@given(case=gen.cases(), field=st.sampled_from(["total", "out_of_catalog", "partial_self_pay",
                                                 "previous_deductible"]),
       fen=st.integers(1, 10_000_000))
def test_negative_amount_is_refused(case, field, fen):
    visit = replace(case.visit, **{field: -from_fen(fen)})
    with pytest.raises(CaseError) as caught:
        settle(case.policy, case.person, visit, case.ytd)
    assert caught.value.field == f"visit.{field}"


@ERRORS
@given(case=gen.cases(), excess=st.integers(1, 10_000_000), share=st.integers(0, 100))
def test_negative_in_scope_is_refused(case, excess, share):
    visit = case.visit
    over = visit.in_scope + from_fen(excess)  # what out_of_catalog + partial_self_pay must grow by
    ooc = round_fen(over * share / 100)
    visit = replace(visit, out_of_catalog=visit.out_of_catalog + ooc,
                    partial_self_pay=visit.partial_self_pay + over - ooc)
    assert visit.in_scope < 0
    with pytest.raises(CaseError) as caught:
        settle(case.policy, case.person, visit, case.ytd)
    assert caught.value.field in {"visit.total", "visit.in_scope", "visit.out_of_catalog",
                                  "visit.partial_self_pay"}


@ERRORS
@given(case=gen.cases(), category=st.text(min_size=0, max_size=12).filter(lambda c: c not in CATEGORIES))
def test_unknown_category_is_refused(case, category):
    with pytest.raises(CaseError) as caught:
        settle(case.policy, Person(category, case.person.birth_date), case.visit, case.ytd)
    assert caught.value.field == "person.category"


@ERRORS
@given(case=gen.cases(), diagnosis=st.sampled_from(gen.OTHER_DIAGNOSES + gen.DISEASE_POOL + ("",)))
def test_diagnosis_outside_the_disease_list_is_refused(case, diagnosis):
    benefit = case.policy.basic.outpatient_special
    visit = replace(case.visit, kind="outpatient_special", diagnosis=diagnosis)
    if benefit.covers_diagnosis(diagnosis):
        settle(case.policy, case.person, visit, case.ytd)  # settles
        return
    with pytest.raises(CaseError) as caught:
        settle(case.policy, case.person, visit, case.ytd)
    assert caught.value.field == "visit.diagnosis"


@ERRORS
@given(case=gen.cases(), days=st.integers(1, 3_000))
def test_child_rehab_outside_ages_0_to_17_is_refused(case, days):
    """Older than 17 on `admitted` (contract), or not yet born: refused, never another exception."""
    policy, visit = case.policy, case.visit
    if policy.child_rehab is None:
        return
    visit = replace(visit, kind="child_rehab", settled_upstream=None, relief=())
    eighteen = gen.years_before(visit.admitted, 18)
    for birth in (eighteen - timedelta(days=days - 1), visit.admitted + timedelta(days=days)):
        with pytest.raises(CaseError) as caught:
            settle(policy, Person(case.person.category, birth), visit, case.ytd)
        assert caught.value.field == "person.birth_date"
