"""The first-run wizard's ops (services.first_run): no database and nobody signed in yet, so the desk is empty."""

from __future__ import annotations

from ...services import first_run
from ...services.auth import Actor
from ...services.first_run import PolicyChoice
from ..operations import CollectionOp, Desk, QueryOp, collection, query

NOBODY = Desk(None, Actor("", ""))


def presets() -> QueryOp[list[PolicyChoice]]:
    return query(NOBODY, lambda _d: first_run.preset_choices())


def policy_file(path: str) -> QueryOp[PolicyChoice]:
    return query(NOBODY, lambda _d: first_run.file_choice(path))


def check_window(window_id: str, name: str) -> QueryOp[None]:
    return query(NOBODY, lambda _d: first_run.check_window(window_id, name))


def check_admin(name: str, password: str, again: str) -> QueryOp[None]:
    return query(NOBODY, lambda _d: first_run.check_admin(name, password, again))


def check_county_key(key_hex: str) -> QueryOp[None]:
    return query(NOBODY, lambda _d: first_run.check_county_key(key_hex))


def set_up(db: str, **choices) -> CollectionOp[dict]:
    """The window's database created and set (services.first_run.set_up_window's keywords)."""
    return collection(NOBODY, lambda _d: first_run.set_up_window(db, **choices), "settings")
