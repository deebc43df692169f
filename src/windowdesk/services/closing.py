"""Day-end closing (日结): one clerk's day summed per fund with the cash taken in, voids listed, then frozen.

What a day holds, for clerk C and day D:
- settlements: this window's own ("local") settlements created by C with business_day D, voided or not
  (the gross business of the day; amounts summed per tier);
- enrollments: enrollments created by C whose `created_at` falls on D. Enrollments have no business_day
  column, and `enrolled_on` may be back-dated (`enroll --date`), so the day the clerk recorded it and
  took the money is `created_at.date()`;
- voids: reversals with business_day D that C recorded, or that anyone recorded on a settlement of C.

`funds` breaks the settlements' tier amounts down by fund: per tier and fund name (益康保,
慈善医疗救助共富基金...; "" for tiers the policy does not name), the sum of what the steps paid, from the
settlement_tiers rows of the same settlements, so each tier's lines add up to its figure under `settlements`.

Cash: `cash_collected` is what C's drawer took on D: the settlements' `patient_pays` (paid at
discharge) plus the enrollments' `person_pays` (the contribution the person paid).

The one rule for a void's refund (README, "Day-end"): a void hands back the voided settlement's
`patient_pays` once, on the void's business day, from the drawer of the clerk who settled it and took the
money (`refunded_by`), whatever day the settlement was made and whoever recorded the void. Every summary that
lists the void shows that same refund and drawer; only the drawer's own summary of the void's day counts it
in `cash_refunded`, and `net_cash = cash_collected - cash_refunded`. The settlement's own day keeps its gross
business as it was closed. (The void service refuses a void once the settling clerk's day of the void is
closed, so the refund always lands in an open day.)

Once a day is closed, the services refuse to record anything more on it (services.window.ensure_day_open);
the summary stored at closing is the authoritative one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..domain.categories import TIERS
from ..domain.money import ZERO, fmt
from ..store.models import DayClosing, Enrollment, Reversal, Settlement, SettlementTier, User
from ..store.unit_of_work import Store
from . import settings
from .auth import Actor
from .errors import NotFound, Refused

# The tier columns summed per settlement, in the order of the cascade, then the totals.
SETTLEMENT_AMOUNTS = ("total", "in_scope", *TIERS, "reimbursed", "patient_pays")


def day_summary(session: Session, clerk: str, day: date) -> dict:
    """The day's figures as they are in the database now (amounts as 2-decimal strings)."""
    settled = session.execute(
        select(Settlement).where(Settlement.created_by == clerk, Settlement.business_day == day,
                                 Settlement.origin == "local")
        .order_by(Settlement.created_at, Settlement.receipt_no)).scalars().all()
    start = datetime.combine(day, time.min)
    enrolled = session.execute(
        select(Enrollment).options(selectinload(Enrollment.subsidies))
        .where(Enrollment.created_by == clerk, Enrollment.created_at >= start,
               Enrollment.created_at < start + timedelta(days=1))
        .order_by(Enrollment.created_at, Enrollment.receipt_no)).scalars().all()
    voids = session.execute(
        select(Reversal, Settlement).join(Settlement, Reversal.settlement_id == Settlement.id)
        .where(Reversal.business_day == day, Settlement.origin == "local",
               or_(Reversal.voided_by == clerk, Settlement.created_by == clerk))
        .order_by(Reversal.voided_at, Reversal.id)).all()

    settlement_sums = {name: sum((getattr(row, name) for row in settled), ZERO) for name in SETTLEMENT_AMOUNTS}
    subsidy: dict[str, Decimal] = {}
    for row in enrolled:
        for part in row.subsidies:
            subsidy[part.fund] = subsidy.get(part.fund, ZERO) + part.amount
    contributions = sum((row.person_pays for row in enrolled), ZERO)

    listed = []
    refunded = ZERO
    for reversal, row in voids:
        # The settling clerk's drawer gives the money back on the day of the void (the module docstring).
        if row.created_by == clerk:
            refunded += row.patient_pays
        listed.append({
            "settlement_id": row.id, "receipt_no": row.receipt_no, "settled_by": row.created_by,
            "settled_on": row.business_day.isoformat(), "same_day": row.business_day == day,
            "total": fmt(row.total), "reimbursed": fmt(row.reimbursed), "patient_pays": fmt(row.patient_pays),
            "cash_refunded": fmt(row.patient_pays), "refunded_by": row.created_by,
            "reason": reversal.reason, "voided_by": reversal.voided_by,
            "voided_at": reversal.voided_at.isoformat(timespec="seconds"),
        })

    collected = settlement_sums["patient_pays"] + contributions
    return {
        "clerk": clerk,
        "day": day.isoformat(),
        "window_id": settings.get(session, settings.WINDOW_ID),
        "settlements": {"count": len(settled), **{name: fmt(v) for name, v in settlement_sums.items()}},
        "enrollments": {"count": len(enrolled),
                        "contribution": fmt(sum((row.contribution for row in enrolled), ZERO)),
                        "person_pays": fmt(contributions),
                        "subsidy": {fund: fmt(subsidy[fund]) for fund in sorted(subsidy)}},
        "funds": _funds(session, clerk, day),
        "voids": listed,
        "cash_collected": fmt(collected),
        "cash_refunded": fmt(refunded),
        "net_cash": fmt(collected - refunded),
    }


def _funds(session: Session, clerk: str, day: date) -> list[dict]:
    """Paid per tier and fund name over the settlements the day counts, in the order of the cascade. Summed in
    Decimal (as the day's other figures): an SQL SUM on SQLite fails on overflow, and the day could then never
    be closed."""
    sums: dict[tuple[str, str], Decimal] = {}
    for tier, name, paid in session.execute(
            select(SettlementTier.tier, SettlementTier.name, SettlementTier.paid)
            .join(Settlement, SettlementTier.settlement_id == Settlement.id)
            .where(Settlement.created_by == clerk, Settlement.business_day == day, Settlement.origin == "local")):
        sums[tier, name] = sums.get((tier, name), ZERO) + paid
    order = {tier: i for i, tier in enumerate(TIERS)}
    return [{"tier": tier, "name": name, "paid": fmt(paid)}
            for (tier, name), paid in sorted(sums.items(), key=lambda r: (order.get(r[0][0], len(TIERS)), *r[0]))]


def close_day(store: Store, actor: Actor, *, clerk: str | None, day: date, now: datetime | None = None) -> dict:
    """Close `clerk`'s day (default: the actor's own); a supervisor or admin may close anyone's."""
    clerk = _allowed(actor, clerk)
    now = now or datetime.now()
    if day > now.date():
        raise Refused("closing_future_day", "day", day=day.isoformat())
    with store.transaction() as tx:
        session = tx.session
        _ensure_user(session, clerk, lock=True)
        existing = _closing(session, clerk, day)
        if existing is not None:
            raise _closed_twice(clerk, day, existing)
        summary = day_summary(session, clerk, day)
        session.add(DayClosing(clerk=clerk, day=day, summary=summary, closed_by=actor.name, closed_at=now))
        try:
            session.flush()
        except IntegrityError:  # another window closed the same day between our check and our insert
            raise Refused("day_closed_meanwhile", "day", clerk=clerk, day=day.isoformat()) from None
        tx.audit(user=actor.name, action="day.close", target=f"{clerk}/{day.isoformat()}",
                 detail={"settlements": summary["settlements"]["count"],
                         "enrollments": summary["enrollments"]["count"], "voids": len(summary["voids"]),
                         "cash_collected": summary["cash_collected"], "cash_refunded": summary["cash_refunded"],
                         "net_cash": summary["net_cash"]})
    return {**summary, "closed_at": now.isoformat(timespec="seconds"), "closed_by": actor.name}


def day_report(store: Store, actor: Actor, *, clerk: str | None, day: date) -> dict:
    """A preview of the day's summary, writing nothing; `closed_summary` is the stored, authoritative one."""
    clerk = _allowed(actor, clerk)
    with store.reading() as session:
        _ensure_user(session, clerk)
        summary = day_summary(session, clerk, day)
        closing = _closing(session, clerk, day)
    return {**summary, "closed": closing is not None,
            "closed_at": closing.closed_at.isoformat(timespec="seconds") if closing else None,
            "closed_by": closing.closed_by if closing else None,
            "closed_summary": closing.summary if closing else None}


def _allowed(actor: Actor, clerk: str | None) -> str:
    clerk = clerk or actor.name
    actor.require("clerk" if clerk == actor.name else "supervisor")
    return clerk


def _ensure_user(session: Session, name: str, *, lock: bool = False) -> None:
    query = select(User.id).where(User.name == name)
    if lock:
        # Against services.window.ensure_day_open's share lock: on PostgreSQL the closing waits for the
        # clerk's use cases in flight and holds off new ones until it commits (SQLite serialises already).
        query = query.with_for_update()
    if session.execute(query).first() is None:
        raise NotFound("unknown_user", "clerk", user=name)


def _closing(session: Session, clerk: str, day: date) -> DayClosing | None:
    return session.execute(select(DayClosing).where(DayClosing.clerk == clerk, DayClosing.day == day)
                           ).scalar_one_or_none()


def _closed_twice(clerk: str, day: date, closing: DayClosing) -> Refused:
    return Refused("day_closed_already", "day", clerk=clerk, day=day.isoformat(), closed_by=closing.closed_by,
                   closed_at=f"{closing.closed_at:%Y-%m-%d %H:%M}")


def day_report_pdf(store: Store, actor: Actor, *, clerk: str | None, day: date, now: datetime | None = None
                   ) -> bytes:
    """The day-end report to print: the summary stored at closing once the day is closed, else today's figures."""
    from ..adapters.closing_pdf import render_day  # reportlab only when a report is printed

    report = day_report(store, actor, clerk=clerk, day=day)
    with store.reading() as session:
        window_name = settings.get(session, settings.WINDOW_NAME)
    if report["closed"]:
        summary, state = report["closed_summary"], f"已日结（{report['closed_by']} {report['closed_at']}）"
    else:
        summary, state = report, "未日结（预览）"
    return render_day(summary, window_name=window_name, state=state, printed_at=now or datetime.now())
