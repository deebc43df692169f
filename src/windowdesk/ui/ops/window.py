"""Signing in, the window's own settings for the status bar, the policy's state for the banner, and the
day's backup (services.auth, services.window, services.policy_store, services.backups)."""

from __future__ import annotations

from ...services import auth, backups, policy_store
from ...services.window import WindowContext, describe_window
from ..operations import CollectionOp, Desk, QueryOp, collection, query

BACKUPS = "backups"


def status(desk: Desk) -> QueryOp[WindowContext]:
    return query(desk, lambda d: describe_window(d.store))


def policy_status(desk: Desk) -> QueryOp[dict]:
    """The policy in force: its state (in_force, ending, ended, not_yet) and dates (policy_store.status_of)."""
    return query(desk, lambda d: policy_store.policy_status(d.store))


def last_backup(desk: Desk) -> QueryOp[dict | None]:
    return query(desk, lambda d: backups.last_backup(d.store))


def daily_backup(desk: Desk) -> CollectionOp[dict]:
    """The day's backup, made on the day's first start (later starts find it and only tidy up)."""
    return collection(desk, lambda d: backups.backup_on_start(d.store, d.actor), BACKUPS)


def sign_in(store: object, *, name: str, password: str) -> QueryOp[auth.Actor]:
    """Before anyone is signed in the desk has no actor: the store alone (the login dialog's)."""
    return query(Desk(store, auth.Actor("", "")), lambda d: auth.authenticate(d.store, name, password))
