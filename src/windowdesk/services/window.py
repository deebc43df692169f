"""What every window use case needs: the window's settings, its policy, receipt numbers, closed days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..adapters.policy_presets import load_policy
from ..domain.policy import Policy
from ..store.models import DayClosing, ReceiptCounter
from . import settings
from .errors import NotInitialised, Refused


@dataclass(frozen=True)
class WindowContext:
    window_id: str
    window_name: str
    policy: Policy


def window_context(session: Session) -> WindowContext:
    window_id = settings.get(session, settings.WINDOW_ID)
    if not window_id:
        raise NotInitialised("the database is not initialised: run `windowdesk init`",
                             "数据库尚未初始化，请先运行 windowdesk init")
    return WindowContext(window_id=window_id, window_name=settings.get(session, settings.WINDOW_NAME),
                         policy=load_policy(settings.get(session, settings.POLICY)))


def next_receipt_no(session: Session) -> str:
    """The next number of the window's series, under a row lock: gap-free, unique, never reused
    (a rolled-back transaction gives its number back with it)."""
    series = settings.receipt_series(session)
    counter = session.execute(select(ReceiptCounter).where(ReceiptCounter.series == series)
                              .with_for_update()).scalar_one_or_none()
    if counter is None:
        counter = ReceiptCounter(series=series, next_number=1)
        session.add(counter)
    number = counter.next_number
    counter.next_number = number + 1
    return f"{series}-{number:08d}"


def ensure_day_open(session: Session, clerk: str, day: date) -> None:
    closed = session.execute(select(DayClosing.id).where(DayClosing.clerk == clerk, DayClosing.day == day)).first()
    if closed:
        raise Refused(f"{clerk}'s day {day} is closed (日结): nothing more can be recorded on it",
                      f"{clerk} 的 {day} 已日结，不能再办理业务")
