"""What the window's settings page needs beyond services.settings, policy_store, users and backups: the
page's facts in one read, a backup made now to a file of the admin's choosing, and a restore over the
database the window has open."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..store.database import sqlite_path
from ..store.unit_of_work import Store
from . import backups, maintenance, policy_store, settings
from .auth import Actor
from .errors import InvalidInput


def page_facts(store: Store, actor: Actor) -> dict:
    """The settings (read_settings's), the policy in force (policy_status's, None if it cannot be read),
    the last backup and the backup folder (admin only)."""
    actor.require("admin")
    values = settings.read_settings(store)
    try:
        policy = policy_store.policy_status(store)
    except InvalidInput:
        policy = None
    try:
        folder = str(backups.backup_folder(store))
    except InvalidInput:
        folder = ""
    return {"settings": values, "policy": policy, "last_backup": backups.last_backup(store),
            "backup_folder": folder}


def suggested_backup_file(store: Store, now: datetime | None = None) -> str:
    """A new file in the backup folder, named for the moment (never a daily backup's name: rotation keeps it)."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    return str(backups.backup_folder(store) / f"windowdesk-{stamp}.sqlite")


def backup_now(store: Store, actor: Actor, *, out: str) -> dict:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    return maintenance.backup(store, actor, out=out)


def restore_over_open(store: Store, actor: Actor, *, file: str) -> dict:
    """maintenance.restore (its checks, the safety copy, the audit entry) over the file the window has open;
    the window's connections are closed first and the window must be started again after."""
    actor.require("admin")
    path = sqlite_path(store.engine)
    if path is None:
        raise InvalidInput("restore_needs_sqlite", "db")
    store.engine.dispose()
    return maintenance.restore(str(path), file, actor=actor)
