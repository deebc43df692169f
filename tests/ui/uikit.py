"""UI test support: the desk a page works against, and waiting for the window's answer."""

from __future__ import annotations

from windowkit import Window

from windowdesk.ui.operations import Desk, tasks


def answered() -> None:
    """Wait until every op the window started has called back (after a test calls a page's method)."""
    assert tasks().wait_idle(), "an op of the window did not finish"


def desk(window: Window, role: str = "clerk") -> Desk:
    """What a page of the window works against, signed in as `role`."""
    return Desk(window.store, getattr(window, role))
