"""Managing users (admin): list, disable and enable, reset a password; and each user changing their own.

A user is never deleted: a disabled one cannot log in and stays in the audit trail. The last active admin
cannot be disabled. Each change is one transaction with one audit entry (`user.*`); a change that changes
nothing (disabling a disabled user) writes nothing and says `"changed": false`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import User
from ..store.unit_of_work import Store
from .auth import Actor, authenticate, hash_password
from .errors import InvalidInput, NotFound
from .passwords import check_password


def list_users(store: Store, actor: Actor, *, now: datetime | None = None) -> list[dict]:
    """Every user, by name (admin only): [{"name", "role", "active", "locked_until", "created_at"}];
    `locked_until` is "YYYY-MM-DD HH:MM" while a lock lasts, else None."""
    actor.require("admin")
    now = now or datetime.now()
    with store.reading() as session:
        rows = session.execute(select(User).order_by(User.name)).scalars().all()
        return [{"name": u.name, "role": u.role, "active": u.active,
                 "locked_until": (u.locked_until.isoformat(sep=" ", timespec="minutes")
                                  if u.locked_until and u.locked_until > now else None),
                 "created_at": u.created_at.isoformat(sep=" ", timespec="seconds")} for u in rows]


def disable_user(store: Store, actor: Actor, *, name: str) -> dict:
    """The user can no longer log in (admin only); refused for the last active admin (`last_admin`).
    Returns {"name", "active": False, "changed"}."""
    actor.require("admin")
    with store.transaction() as tx:
        user = _user(tx.session, name)
        if not user.active:
            return {"name": user.name, "active": False, "changed": False}
        if user.role == "admin":
            # Every active admin's row locked: two admins disabling each other at once leave one.
            admins = tx.session.execute(select(User.id).where(User.role == "admin", User.active)
                                        .with_for_update()).scalars().all()
            if admins == [user.id]:
                raise InvalidInput("last_admin", "name", user=user.name)
        user.active = False
        tx.audit(user=actor.name, action="user.disable", target=user.name, detail={"role": user.role})
    return {"name": user.name, "active": False, "changed": True}


def enable_user(store: Store, actor: Actor, *, name: str) -> dict:
    """The user may log in again (admin only), and a lock on the account ends now.
    Returns {"name", "active": True, "changed", "unlocked"}."""
    actor.require("admin")
    now = datetime.now()
    with store.transaction() as tx:
        user = _user(tx.session, name)
        unlocked = user.locked_until is not None and user.locked_until > now
        if user.active and not unlocked and not user.failed_logins:
            return {"name": user.name, "active": True, "changed": False, "unlocked": False}
        was_active = user.active
        user.active, user.locked_until, user.failed_logins = True, None, 0
        tx.audit(user=actor.name, action="user.enable", target=user.name,
                 detail={"was_active": was_active, "unlocked": unlocked})
    return {"name": user.name, "active": True, "changed": True, "unlocked": unlocked}


def reset_password(store: Store, actor: Actor, *, name: str, password: str) -> dict:
    """Give a user a new password (admin only; checked as any new one), which also ends a lock.
    Returns {"name"}. The user is told the password by the admin and should change it (`user passwd`)."""
    actor.require("admin")
    with store.transaction() as tx:
        user = _user(tx.session, name)
        check_password(password, user=user.name)
        user.password_hash = hash_password(password)
        user.locked_until, user.failed_logins = None, 0
        tx.audit(user=actor.name, action="user.password_reset", target=user.name)
    return {"name": user.name}


def change_own_password(store: Store, actor: Actor, *, current_password: str, new_password: str) -> dict:
    """The acting user's own password: the current one is asked again (a window left open is not enough)
    and counts as a login attempt; the new one is checked and must differ. Returns {"name"}."""
    authenticate(store, actor.name, current_password)
    if new_password == current_password:
        raise InvalidInput("password_unchanged", "new_password")
    check_password(new_password, user=actor.name, field="new_password")
    with store.transaction() as tx:
        user = _user(tx.session, actor.name)
        user.password_hash = hash_password(new_password)
        tx.audit(user=actor.name, action="user.password_change", target=actor.name)
    return {"name": actor.name}


def _user(session: Session, name: str) -> User:
    user = session.execute(select(User).where(User.name == name).with_for_update()).scalar_one_or_none()
    if user is None:
        raise NotFound("unknown_user", "name", user=name[:64])
    return user
