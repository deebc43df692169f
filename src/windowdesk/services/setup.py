"""Creating, opening and (re)configuring a window's database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from ..adapters.policy_presets import read_policy
from ..store.database import database_url, open_engine
from ..store.migrations import current_revision, upgrade
from ..store.unit_of_work import Store
from . import auth, policy_store, settings
from .errors import InvalidInput, NotInitialised


def open_store(db: str | None) -> Store:
    """An initialised database, migrated to head (an older file is backed up first)."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        # Opening would create an empty file; a missing database is simply not initialised.
        raise NotInitialised("not_initialised", "db")
    engine = open_engine(db, create_dir=False)
    if current_revision(engine) is None:
        engine.dispose()
        raise NotInitialised("not_initialised", "db")
    upgrade(engine)
    return Store(engine)


def initialise(db: str | None, *, policy: str | None, window_id: str | None, name: str | None,
               admin: str | None, password: str | None, today: date | None = None) -> dict:
    """Create or migrate the database and set the window's settings; the first run creates the admin.

    Run again, it changes only the settings given and keeps every record. The policy's text is stored with
    its hash (services.policy_store). Returns {"window_id", "window_name", "policy", "policy_hash", "created",
    "changed", "warnings"}: warnings are Problems (a policy ended, ending within 30 days, not yet begun).
    """
    url = make_url(database_url(db))
    missing = url.get_backend_name() == "sqlite" and not Path(url.database or "").exists()
    # Check everything before the first connection: SQLite creates the file on connecting, and a
    # failed first init must leave nothing behind.
    read = read_policy(policy) if policy else None
    engine = None if missing else open_engine(db)
    fresh = missing or (current_revision(engine) is None and not inspect(engine).get_table_names())
    if not fresh and current_revision(engine) is None:
        raise InvalidInput("foreign_database", "db", path=str(url.database))
    if fresh and not (window_id and policy and admin):
        raise InvalidInput("init_needs_settings", "")
    if fresh and not password:
        raise InvalidInput("init_needs_password", "password")
    if fresh:
        auth.check_new_user(admin, "admin", password)
    engine = engine or open_engine(db)
    upgrade(engine)
    store = Store(engine)
    with store.reading() as session:
        first = not auth.has_users(session)
    actor_name = admin or ""
    if not first:
        # Changing an initialised window's settings is an admin's act like any other.
        actor = auth.authenticate(store, admin, password)
        actor.require("admin")
        actor_name = actor.name
    now = datetime.now()
    with store.transaction() as tx:
        session = tx.session
        if first:
            if not (window_id and policy and admin and password):
                raise InvalidInput("init_needs_settings", "")
            auth.create_first_admin(tx, name=admin, password=password, now=now)
        elif window_id and window_id != settings.get(session, settings.WINDOW_ID):
            raise InvalidInput("window_id_fixed", "window", window=settings.get(session, settings.WINDOW_ID))
        changed = {}
        for var, value in ((settings.WINDOW_ID, window_id), (settings.WINDOW_NAME, name)):
            if value is not None and settings.get(session, var) != value:
                settings.put(session, var, value)
                changed[var.key] = value
        if read is not None:
            label, raw, loaded = read
            if policy_store.put_policy(session, label=label, raw=raw, policy=loaded, user=actor_name, now=now):
                changed["policy"] = label
                changed["policy_hash"] = loaded.content_hash
        tx.audit(user=actor_name, action="init" if first else "settings.change", detail=changed)
        result = {key: settings.get(session, var) for key, var in
                  (("window_id", settings.WINDOW_ID), ("window_name", settings.WINDOW_NAME),
                   ("policy", settings.POLICY), ("policy_hash", settings.POLICY_HASH))}
    engine.dispose()
    warnings = policy_store.warnings_for(read[2], today or date.today()) if read else []
    return {**result, "created": first, "changed": sorted(k for k in changed if k != "policy_hash"),
            "warnings": warnings}
