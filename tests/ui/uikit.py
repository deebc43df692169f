"""UI test support: the desk a page works against, and waiting for the window's answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from windowkit import Window

from windowdesk.ui.operations import Desk, tasks


def answered() -> None:
    """Wait until every op the window started has called back (after a test calls a page's method)."""
    assert tasks().wait_idle(), "an op of the window did not finish"


def desk(window: Window, role: str = "clerk") -> Desk:
    """What a page of the window works against, signed in as `role`."""
    return Desk(window.store, getattr(window, role))


_waiting = [True]


def waits() -> bool:
    """Whether the clerk's keys and clicks wait for the window's answer (conftest)."""
    return _waiting[0]


@contextmanager
def acting_while_it_runs() -> Iterator[None]:
    """Clicks that do not wait for the answer: to press 取消 while long work runs."""
    _waiting[0] = False
    try:
        yield
    finally:
        _waiting[0] = True
