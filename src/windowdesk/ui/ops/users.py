"""Users (admin: list, add, disable, enable, reset a password) and each user's own password (services.users)."""

from __future__ import annotations

from ...services import auth, users
from ..operations import CollectionOp, Desk, QueryOp, collection, query

USERS = "users"


def listing(desk: Desk) -> QueryOp[list[dict]]:
    return query(desk, lambda d: users.list_users(d.store, d.actor))


def add(desk: Desk, *, name: str, role: str, password: str) -> CollectionOp[None]:
    return collection(desk, lambda d: auth.add_user(d.store, d.actor, name=name, role=role, password=password),
                      USERS)


def disable(desk: Desk, name: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: users.disable_user(d.store, d.actor, name=name), USERS)


def enable(desk: Desk, name: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: users.enable_user(d.store, d.actor, name=name), USERS)


def reset_password(desk: Desk, name: str, password: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: users.reset_password(d.store, d.actor, name=name, password=password), USERS)


def change_own_password(desk: Desk, *, current: str, new: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: users.change_own_password(d.store, d.actor, current_password=current,
                                                                new_password=new), USERS)
