"""Signing in, and the window's own settings for the status bar (services.auth, services.window)."""

from __future__ import annotations

from ...services import auth
from ...services.window import WindowContext, describe_window
from ..operations import Desk, QueryOp, query


def status(desk: Desk) -> QueryOp[WindowContext]:
    return query(desk, lambda d: describe_window(d.store))


def sign_in(store: object, *, name: str, password: str) -> QueryOp[auth.Actor]:
    """Before anyone is signed in the desk has no actor: the store alone (the login dialog's)."""
    return query(Desk(store, auth.Actor("", "")), lambda d: auth.authenticate(d.store, name, password))
