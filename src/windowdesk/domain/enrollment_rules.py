"""Membership and enrollment rules as pure functions: category on a date, subsidy category, contribution split,
insured period, and whether the policy covers a year (no database: services.enrollment applies them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .categories import most_favourable
from .money import ZERO, round_fen
from .policy import Enrollment as EnrollmentRules
from .policy import Policy
from .problems import Refusal


@dataclass(frozen=True)
class MembershipView:
    """One identification of a person in a category (低保, 特困 ...), from `identified_on` until `exited_on`."""

    category: str
    identified_on: date
    exited_on: date | None

    def valid_on(self, day: date) -> bool:
        # The exit date is the first day without the category.
        return self.identified_on <= day and (self.exited_on is None or day < self.exited_on)


def category_on(memberships: Iterable[MembershipView], day: date, priority: tuple[str, ...]) -> str:
    """The deciding category on `day`: the most favourable membership valid that day ("ordinary" if none)."""
    return most_favourable((m.category for m in memberships if m.valid_on(day)), priority)


def subsidy_category(memberships: Iterable[MembershipView], *, year: int, on: date,
                     priority: tuple[str, ...]) -> str:
    """The category that decides the year's subsidy: the most favourable one held on the enrolling day,
    leaving out what cannot subsidise `year`.

    - A category exited before 1 January of `year` subsidised its own year only: "the subsidy stops
      the next year", even when, enrolling early, the exit is still ahead on the enrolling day.
    - `phasing_out` "keeps the subsidy for the current year": it counts for the year it began in only.
    """
    first_day = date(year, 1, 1)
    counted = [m for m in memberships
               if (m.exited_on is None or m.exited_on > first_day)
               and (m.category != "phasing_out" or m.identified_on.year == year)]
    return category_on(counted, on, priority)


def split_contribution(contribution: Decimal, rules: EnrollmentRules,
                       category: str) -> tuple[tuple[tuple[str, Decimal], ...], Decimal]:
    """(fund, amount) in the policy's order and what the person pays: the first rule naming the category
    decides; each fund pays its amount (never more than is left) or "all" that is left."""
    rule = next((r for r in rules.subsidies if category in r.categories), None)
    left = round_fen(contribution)
    paid: list[tuple[str, Decimal]] = []
    for fund in rule.funds if rule else ():
        amount = left if fund.amount is None else min(round_fen(fund.amount), left)
        if amount > ZERO:  # a fund with nothing left to pay does not appear on the receipt
            paid.append((fund.fund, amount))
            left -= amount
    return tuple(paid), left


def year_contribution(policy: Policy, year: int) -> Decimal:
    """The year's individual contribution, refused when the policy does not cover `year`: it sets no
    contribution for it, or its period (effective_from..effective_to) has no day of that year. (Without the
    second check a window still on last year's rules would enroll for a year whose rules it does not have.)"""
    rules = policy.enrollment
    if rules is None:
        raise Refusal("enrollment_not_set", "year", policy=policy.name)
    outside = policy.effective_to < date(year, 1, 1) or policy.effective_from > date(year, 12, 31)
    contribution = rules.contribution.get(year)
    if contribution is None or outside:
        raise Refusal("enrollment_year_not_covered", "year", year=year, policy=policy.name,
                      reason="outside_policy_period" if outside else "no_contribution",
                      effective_from=policy.effective_from.isoformat(), effective_to=policy.effective_to.isoformat())
    return contribution


def insured_period(rules: EnrollmentRules, *, year: int, on: date) -> tuple[date, date]:
    """Before the year: all of it. During the year: from the next month's first day ("next_month") or
    from the enrolling day ("immediate"). Refused when that leaves nothing of the year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if on > end:
        raise Refusal("enrollment_year_ended", "year", year=year, on=on.isoformat())
    if on.year < year - 1:
        raise Refusal("enrollment_too_early", "year", year=year, on=on.isoformat(), opens=year - 1)
    if on < start:
        return start, end
    if rules.effective == "immediate":
        return on, end
    next_month = (on.replace(day=28) + timedelta(days=4)).replace(day=1)
    if next_month > end:
        # December: insurance would begin after the year it was paid for; the clerk enrolls for the next year.
        raise Refusal("enrollment_after_year_end", "year", year=year, on=on.isoformat(),
                      starts=next_month.isoformat(), next_year=year + 1)
    return next_month, end
