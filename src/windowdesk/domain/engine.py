"""The settlement engine: one visit through the cascade, a pure function of (policy, person, visit, year-to-date).

The tiers and their formulas are those of shared/docs/settlement-rules.md; each tier's payment is
computed exactly and rounded half up to the fen once, and each pays at most what is still unpaid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .categories import CATEGORIES, KINDS, LEVELS
from .idnumber import age_on
from .money import ZERO, fmt, round_fen
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

    # 1. Basic insurance.
    benefit = policy.basic.inpatient if kind == "inpatient" else policy.basic.outpatient_special
    d = benefit.deductible[level]
    if kind == "inpatient":
        if visit.transfer and benefit.transfer_continues_deductible:
            d = max(ZERO, d - visit.previous_deductible)
    else:
        d = max(ZERO, d - ytd.op_deductible_used)
        new.op_deductible_used = ytd.op_deductible_used + min(d, in_scope)
    applied = min(d, in_scope)
    ratio = benefit.ratio[level]
    note = ""
    if not visit.in_region and not visit.referred and policy.basic.unreferred_ratio_cut:
        ratio = max(ZERO, ratio - policy.basic.unreferred_ratio_cut)
        note = "unreferred_ratio_cut"
    basic, cap_hit = _capped(round_fen((in_scope - applied) * ratio), policy.basic.annual_cap, ytd.basic_paid)
    new.basic_paid = ytd.basic_paid + basic
    steps.append(Step("basic", in_scope, applied, ratio, basic, cap_hit, note=note))

    # 2. Critical illness insurance: bands over the year's accumulated in-scope self-pay.
    critical = ZERO
    crit = policy.critical
    if crit is None or kind not in crit.applies_to:
        steps.append(_skipped("critical", "not_in_policy" if crit is None else "kind_not_covered"))
    else:
        base = in_scope - basic
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

    # 5. Backstops, in the policy's order, only for tilted persons.
    paid = basic + critical + assistance + supplementary
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
        supplementary=supplementary, backstop=backstop, reimbursed=paid, patient_pays=total - paid,
        year_to_date=new.freeze(), steps=tuple(steps))


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
    """Basic insurance pays up to the monthly cap for each month not yet paid this year; no other tier runs."""
    rehab = policy.child_rehab
    in_scope = visit.in_scope
    already = set(ytd.rehab_months)
    fresh = [m for m in _months(visit.admitted, visit.discharged) if m not in already]
    paid_months = fresh[:max(0, rehab.max_months - len(already))]
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
        basic=basic, critical=ZERO, assistance=ZERO, supplementary=ZERO, backstop=ZERO, reimbursed=basic,
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


class _Figures:
    """The year-to-date being advanced by one settlement; frozen into a `YearToDate` at the end."""

    __slots__ = YearToDate.__slots__

    def __init__(self, ytd: YearToDate):
        for name in YearToDate.__slots__:
            setattr(self, name, getattr(ytd, name))

    def freeze(self) -> YearToDate:
        return YearToDate(*(getattr(self, name) for name in YearToDate.__slots__))
