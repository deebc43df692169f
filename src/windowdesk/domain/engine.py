"""The settlement engine: one visit through the cascade, a pure function of (policy, person, visit, year-to-date).

The tiers and their formulas are those of shared/docs/settlement-rules.md; each tier's payment is
computed exactly and rounded half up to the fen once, and each pays at most what is still unpaid.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from operator import attrgetter

from .categories import CATEGORIES, KINDS, LEVELS
from .idnumber import age_on
from .money import ZERO, fmt, round_fen
from .problems import Refusal
from .policy import Backstop, Policy
from .visit import CaseError, Person, Settlement, Step, Visit, YearToDate

_ONE = Decimal(1)


def settle(policy: Policy, person: Person, visit: Visit, ytd: YearToDate) -> Settlement:
    """Settle one visit; raises `CaseError` for input the policy cannot settle (nothing is computed)."""
    _check(policy, person, visit)
    if visit.kind == "child_rehab":
        return _settle_child_rehab(policy, person, visit, ytd)

    kind = visit.kind
    level = visit.hospital_level
    total = visit.total
    in_scope = visit.in_scope
    tilt = policy.has_tilt(person.category, level, visit.referred)
    steps: list[Step] = []
    new = _Figures(ytd)

    # 1-2. Basic and critical-illness insurance: computed here, or as the insurance platform settled them.
    if visit.settled_upstream is None:
        basic = _basic(policy, visit, tilt, ytd, new, steps)
        critical = _critical(policy, visit, tilt, basic, ytd, new, steps)
    else:
        basic, critical = _upstream(policy, visit, ytd, new, steps)

    # 3. Medical assistance: by the category table, whatever the tilt.
    assistance = ZERO
    ast = policy.assistance
    ratio = ast.ratio.get(person.category) if ast is not None else None
    if ast is None or kind not in ast.applies_to or ratio is None:
        reason = "not_in_policy" if ast is None else (
            "kind_not_covered" if kind not in ast.applies_to else "category_not_covered")
        steps.append(_skipped("assistance", reason))
    else:
        base = in_scope - basic - critical
        applied = min(max(ZERO, ast.deductible - ytd.assistance_deductible_used), base)
        cap = None if person.category in ast.uncapped else ast.annual_cap
        assistance, cap_hit = _capped(round_fen((base - applied) * ratio), cap, ytd.assistance_paid)
        new.assistance_deductible_used = ytd.assistance_deductible_used + applied
        new.assistance_paid = ytd.assistance_paid + assistance
        steps.append(Step("assistance", base, applied, ratio, assistance, cap_hit,
                          note="uncapped" if cap is None else ""))

    # 4. Supplementary commercial insurance: an in-scope part and an optional out-of-catalogue part.
    supplementary = ZERO
    sup = policy.supplementary
    if sup is None or kind not in sup.applies_to:
        steps.append(_skipped("supplementary", "not_in_policy" if sup is None else "kind_not_covered"))
    else:
        tilt_d = sup.tilt_deductible if tilt else None
        base = in_scope - basic - critical - assistance
        if sup.covers_partial_self_pay:
            base += visit.partial_self_pay
        part, d, c1 = _above_threshold(ytd.supplementary_base, base,
                                       sup.in_scope.deductible if tilt_d is None else tilt_d, sup.in_scope.ratio)
        new.supplementary_base = c1
        supplementary = part
        steps.append(Step("supplementary", base, d, sup.in_scope.ratio, part, name=sup.name, note="in_scope"))
        if sup.out_of_catalog is not None:
            ooc = sup.out_of_catalog
            part, d, c1 = _above_threshold(ytd.supplementary_ooc_base, visit.out_of_catalog,
                                           ooc.deductible if tilt_d is None else tilt_d, ooc.ratio)
            new.supplementary_ooc_base = c1
            supplementary += part
            steps.append(Step("supplementary", visit.out_of_catalog, d, ooc.ratio, part, name=sup.name,
                              note="out_of_catalog"))
        new.supplementary_paid = ytd.supplementary_paid + supplementary

    # 4b. Other offices' grants, as typed, each at most what is still unpaid.
    paid = basic + critical + assistance + supplementary
    relief = ZERO
    if policy.relief:
        granted = dict(visit.relief) if visit.relief else {}
        for office in policy.relief:
            asked = granted.get(office.id, ZERO)
            x = min(asked, total - paid - relief)
            relief += x
            steps.append(Step("relief", asked, ZERO, None, x, x < asked, name=office.name))
        new.relief_paid = ytd.relief_paid + relief
    paid += relief

    # 5. Backstops, in the policy's order, only for tilted persons.
    backstop = ZERO
    if not policy.backstops:
        steps.append(_skipped("backstop", "not_in_policy"))
    for fund in policy.backstops:
        if not tilt:
            steps.append(_skipped("backstop", "no_tilt", fund.name))
            continue
        x, step = _backstop(fund, visit, paid, new)
        steps.append(step)
        backstop += x
        paid += x
    new.backstop_paid = ytd.backstop_paid + backstop

    return Settlement(
        in_scope=in_scope, tilt=tilt, basic=basic, critical=critical, assistance=assistance,
        supplementary=supplementary, relief=relief, backstop=backstop, reimbursed=paid, patient_pays=total - paid,
        year_to_date=new.freeze(), steps=tuple(steps))


def _basic(policy: Policy, visit: Visit, tilt: bool, ytd: YearToDate, new: "_Figures", steps: list) -> Decimal:
    kind, level, in_scope = visit.kind, visit.hospital_level, visit.in_scope
    benefit = policy.basic.benefit(kind)
    d = benefit.deductible[level]
    if kind == "inpatient":
        if visit.transfer and benefit.continues_deductible(tilt, visit.referred):
            d = max(ZERO, d - visit.previous_deductible)
    elif kind == "outpatient_special":
        d = max(ZERO, d - ytd.op_deductible_used)
        new.op_deductible_used = ytd.op_deductible_used + min(d, in_scope)
    else:  # ordinary outpatient: its own annual deductible
        d = max(ZERO, d - ytd.op_general_deductible_used)
        new.op_general_deductible_used = ytd.op_general_deductible_used + min(d, in_scope)
    applied = min(d, in_scope)
    ratio = benefit.ratio[level]
    note = ""
    if not visit.in_region and not visit.referred and policy.basic.unreferred_ratio_cut:
        ratio = max(ZERO, ratio - policy.basic.unreferred_ratio_cut)
        note = "unreferred_ratio_cut"
    basic, cap_hit = _capped(round_fen((in_scope - applied) * ratio), policy.basic.annual_cap, ytd.basic_paid)
    if kind == "outpatient":
        basic, own_cap_hit = _capped(basic, benefit.annual_cap, ytd.op_general_paid)
        cap_hit = cap_hit or own_cap_hit
        new.op_general_paid = ytd.op_general_paid + basic
    new.basic_paid = ytd.basic_paid + basic
    steps.append(Step("basic", in_scope, applied, ratio, basic, cap_hit, note=note))
    return basic


def _critical(policy: Policy, visit: Visit, tilt: bool, basic: Decimal, ytd: YearToDate, new: "_Figures",
              steps: list) -> Decimal:
    """Bands over the year's accumulated in-scope self-pay."""
    crit = policy.critical
    if crit is None or visit.kind not in crit.applies_to:
        steps.append(_skipped("critical", "not_in_policy" if crit is None else "kind_not_covered"))
        return ZERO
    base = visit.in_scope - basic
    c0 = ytd.critical_base
    c1 = c0 + base
    exact = ZERO
    bands = []
    for seg in crit.schedule_for(tilt):
        lo = c0 if c0 > seg.start else seg.start
        hi = c1 if seg.end is None or c1 < seg.end else seg.end
        if hi > lo:
            part = (hi - lo) * seg.ratio
            exact += part
            bands.append((lo, hi, seg.ratio, round_fen(part)))
    critical, cap_hit = _capped(round_fen(exact), crit.cap_for(tilt), ytd.critical_paid)
    new.critical_base = c1
    new.critical_paid = ytd.critical_paid + critical
    steps.append(Step("critical", base, crit.deductible_for(tilt), bands[0][2] if len(bands) == 1 else None,
                      critical, cap_hit, note="tilt" if tilt else "", segments=tuple(bands)))
    return critical


def _upstream(policy: Policy, visit: Visit, ytd: YearToDate, new: "_Figures", steps: list):
    """医保已结算: the platform's basic and critical figures taken as given; the year to date advances by them
    (the deductible figures stay as they were: the platform applied its own)."""
    basic, critical = visit.settled_upstream
    in_scope = visit.in_scope
    new.basic_paid = ytd.basic_paid + basic
    if visit.kind == "outpatient":
        new.op_general_paid = ytd.op_general_paid + basic
    steps.append(Step("basic", in_scope, ZERO, None, basic, note="settled_upstream"))
    crit = policy.critical
    if crit is not None and visit.kind in crit.applies_to:
        new.critical_base = ytd.critical_base + in_scope - basic
    new.critical_paid = ytd.critical_paid + critical
    steps.append(Step("critical", in_scope - basic, ZERO, None, critical, note="settled_upstream"))
    return basic, critical


def _backstop(fund: Backstop, visit: Visit, paid: Decimal, new: "_Figures") -> tuple[Decimal, Step]:
    unpaid = visit.total - paid
    if fund.kind == "top_up_to_ratio":
        target = fund.target.get(visit.kind)
        if target is None:
            return ZERO, _skipped("backstop", "kind_not_covered", fund.name)
        base = visit.in_scope if fund.base == "in_scope" else visit.total
        x = min(max(ZERO, round_fen(target * base) - paid), unpaid)
        return x, Step("backstop", base, ZERO, target, x, name=fund.name, note="top_up_to_ratio")
    # annual_excess: the year's self-pay above the threshold.
    if fund.requires_referral and not visit.referred:
        return ZERO, _skipped("backstop", "not_referred", fund.name)
    x, threshold, c1 = _above_threshold(new.excess_base, unpaid, fund.threshold, fund.ratio)
    new.excess_base = c1
    return x, Step("backstop", unpaid, threshold, fund.ratio, x, name=fund.name, note="annual_excess")


def _settle_child_rehab(policy: Policy, person: Person, visit: Visit, ytd: YearToDate) -> Settlement:
    """Basic insurance pays up to the monthly cap for each month not yet paid, while the month's own calendar
    year has fewer than max_months paid (`rehab_months` holds the paid months of every year the visit touches);
    no other tier runs."""
    rehab = policy.child_rehab
    in_scope = visit.in_scope
    already = set(ytd.rehab_months)
    per_year = Counter(month[:4] for month in already)
    fresh = [m for m in _months(visit.admitted, visit.discharged) if m not in already]
    paid_months = []
    for month in fresh:
        if per_year[month[:4]] < rehab.max_months:
            per_year[month[:4]] += 1
            paid_months.append(month)
    limit = round_fen(rehab.monthly_cap * len(paid_months))
    raw = min(in_scope, limit)
    basic, cap_hit = _capped(raw, policy.basic.annual_cap, ytd.basic_paid)
    note = "months_exhausted" if len(paid_months) < len(fresh) else ""
    new = _Figures(ytd)
    new.basic_paid = ytd.basic_paid + basic
    new.rehab_months = tuple(sorted(already.union(paid_months)))
    # The step's deductible column carries nothing here; the limit is monthly_cap x months paid.
    steps = [Step("basic", in_scope, ZERO, _ONE, basic, cap_hit or raw < in_scope, note=note or "child_rehab")]
    steps += [_skipped(tier, "kind_not_covered")
              for tier in ("critical", "assistance", "supplementary", "backstop")]
    return Settlement(
        in_scope=in_scope, tilt=policy.has_tilt(person.category, visit.hospital_level, visit.referred),
        basic=basic, critical=ZERO, assistance=ZERO, supplementary=ZERO, relief=ZERO, backstop=ZERO, reimbursed=basic,
        patient_pays=visit.total - basic, year_to_date=new.freeze(), steps=tuple(steps))


def _capped(amount: Decimal, cap: Decimal | None, used: Decimal) -> tuple[Decimal, bool]:
    """`amount`, limited to what is left of an annual cap (None: no cap); and whether the cap bit."""
    if cap is None:
        return amount, False
    room = cap - used
    if room < 0:
        room = ZERO
    return (room, True) if amount > room else (amount, False)


def _above_threshold(c0: Decimal, base: Decimal, threshold: Decimal, ratio: Decimal):
    """Pays `ratio` of the part of the year's accumulation above `threshold` that this visit adds."""
    c1 = c0 + base
    over = max(ZERO, c1 - threshold) - max(ZERO, c0 - threshold)
    return round_fen(ratio * over), threshold, c1


def _skipped(tier: str, reason: str, name: str = "") -> Step:
    return Step(tier, ZERO, ZERO, None, ZERO, name=name, note=reason)


def _months(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _check(policy: Policy, person: Person, visit: Visit) -> None:
    if person.category not in CATEGORIES:
        raise CaseError("unknown_category", "person.category", value=person.category[:40])
    if visit.kind not in KINDS:
        raise CaseError("unknown_kind", "visit.kind", value=visit.kind[:40], known=", ".join(KINDS))
    if visit.hospital_level not in LEVELS:
        raise CaseError("unknown_level", "visit.hospital_level", value=visit.hospital_level[:40],
                        known=", ".join(LEVELS))
    for name in ("total", "out_of_catalog", "partial_self_pay", "previous_deductible"):
        if getattr(visit, name) < 0:
            raise CaseError("amount_negative", f"visit.{name}", amount=fmt(getattr(visit, name)))
    if visit.in_scope < 0:
        raise CaseError("in_scope_negative", "visit.total", total=fmt(visit.total),
                        out_of_catalog=fmt(visit.out_of_catalog), partial_self_pay=fmt(visit.partial_self_pay))
    if visit.discharged < visit.admitted:
        raise CaseError("discharge_before_admission", "visit.discharged", admitted=visit.admitted.isoformat(),
                        discharged=visit.discharged.isoformat())
    if visit.kind == "inpatient" and policy.basic.inpatient is None:
        raise CaseError("kind_not_in_policy", "visit.kind", kind=visit.kind, policy=policy.id)
    if visit.kind == "outpatient" and policy.basic.outpatient is None:
        raise CaseError("kind_not_in_policy", "visit.kind", kind=visit.kind, policy=policy.id)
    _check_upstream_and_relief(policy, visit)
    if visit.kind == "outpatient_special":
        benefit = policy.basic.outpatient_special
        if benefit is None:
            raise CaseError("kind_not_in_policy", "visit.kind", kind=visit.kind, policy=policy.id)
        if not benefit.covers_diagnosis(visit.diagnosis):
            raise CaseError("diagnosis_not_covered", "visit.diagnosis", diagnosis=visit.diagnosis[:20],
                            policy=policy.id, diseases=", ".join(benefit.diseases))
    if visit.kind == "child_rehab":
        rehab = policy.child_rehab
        if rehab is None:
            raise CaseError("kind_not_in_policy", "visit.kind", kind=visit.kind, policy=policy.id)
        if person.birth_date is None:
            raise CaseError("birth_date_required", "person.birth_date")
        if person.birth_date > visit.admitted:
            raise CaseError("born_after_admission", "person.birth_date", birth_date=person.birth_date.isoformat(),
                            admitted=visit.admitted.isoformat())
        age = age_on(person.birth_date, visit.admitted)
        if not 0 <= age <= rehab.max_age:
            raise CaseError("rehab_age", "person.birth_date", max_age=rehab.max_age, age=age,
                            admitted=visit.admitted.isoformat())


def _check_upstream_and_relief(policy: Policy, visit: Visit) -> None:
    upstream, relief = visit.settled_upstream, visit.relief
    if upstream is None and not relief:
        return  # the usual visit: nothing to check (this runs for every settlement)
    if visit.kind == "child_rehab" and (upstream is not None or relief):
        # Rehabilitation is basic insurance's alone (no other tier), so neither input has a place in it.
        raise Refusal("not_for_child_rehab", "visit.settled_upstream" if upstream is not None else "visit.relief")
    if upstream is not None:
        for name, amount in zip(("basic", "critical"), upstream):
            if amount < 0:
                raise Refusal("amount_negative", f"visit.settled_upstream.{name}", amount=fmt(amount))
        if upstream[0] + upstream[1] > visit.in_scope:
            raise Refusal("upstream_exceeds_in_scope", "visit.settled_upstream", basic=fmt(upstream[0]),
                          critical=fmt(upstream[1]), in_scope=fmt(visit.in_scope))
    offices = {office.id for office in policy.relief}
    for office, amount in relief:
        if office not in offices:
            raise Refusal("unknown_relief", f"visit.relief.{office}", relief=office[:40],
                          known=", ".join(sorted(offices)))
        if amount < 0:
            raise Refusal("amount_negative", f"visit.relief.{office}", amount=fmt(amount))


class _Figures:
    """The year-to-date being advanced by one settlement; frozen into a `YearToDate` at the end."""

    __slots__ = YearToDate.__slots__

    def __init__(self, ytd: YearToDate):
        for name, value in zip(YearToDate.__slots__, _ALL_FIGURES(ytd)):
            setattr(self, name, value)

    def freeze(self) -> YearToDate:
        # One C-level attrgetter instead of sixteen getattr calls: measured under cProfile, 0.35 s -> under 0.08 s per 10,000 settlements.
        return YearToDate(*_ALL_FIGURES(self))


_ALL_FIGURES = attrgetter(*YearToDate.__slots__)
