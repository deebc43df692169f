"""What every window use case needs: the window's settings, its policy, receipt numbers, closed days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..domain.policy import Policy
from ..store.models import DayClosing, ReceiptCounter, User
from . import policy_store, settings
from .errors import NotInitialised, Refused

_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}  # both have ON CONFLICT DO NOTHING


@dataclass(frozen=True)
class WindowContext:
    window_id: str
    window_name: str
    policy: Policy


def window_context(session: Session) -> WindowContext:
    window_id = settings.get(session, settings.WINDOW_ID)
    if not window_id:
        raise NotInitialised("not_initialised", "db")
    return WindowContext(window_id=window_id, window_name=settings.get(session, settings.WINDOW_NAME),
                         policy=policy_store.in_force(session))


def next_receipt_no(session: Session) -> str:
    """The next number of the window's series, under a row lock: gap-free, unique, never reused
    (a rolled-back transaction gives its number back with it)."""
    series = settings.receipt_series(session)
    counter = _locked_counter(session, series)
    if counter is None:
        # A new series. Windows sharing a PostgreSQL database may both find no row: the second insert waits
        # for the first to commit, then inserts nothing, and the select takes the row under its lock.
        insert = _INSERT[session.get_bind().dialect.name]
        session.execute(insert(ReceiptCounter).values(series=series, next_number=1).on_conflict_do_nothing())
        counter = _locked_counter(session, series)
    number = counter.next_number
    counter.next_number = number + 1
    return f"{series}-{number:08d}"


def _locked_counter(session: Session, series: str) -> ReceiptCounter | None:
    return session.execute(select(ReceiptCounter).where(ReceiptCounter.series == series)
                           .with_for_update()).scalar_one_or_none()


def ensure_day_open(session: Session, clerk: str, day: date) -> None:
    """Refused once the clerk's day is closed. The share lock on the clerk's user row meets the lock
    services.closing.close_day takes: on PostgreSQL a closing waits for the clerk's use cases in flight
    (and counts them), and a use case that starts during a closing waits and then sees the day closed.
    (SQLite's BEGIN IMMEDIATE serialises every writer already; there the lock clause is left out.)"""
    session.execute(select(User.id).where(User.name == clerk).with_for_update(read=True, key_share=True))
    closed = session.execute(select(DayClosing.id).where(DayClosing.clerk == clerk, DayClosing.day == day)).first()
    if closed:
        raise Refused("day_closed", "", clerk=clerk, day=day.isoformat())


def describe_window(store) -> WindowContext:
    """The window's number, name and policy in a read of its own (the window's status bar)."""
    with store.reading() as session:
        return window_context(session)
