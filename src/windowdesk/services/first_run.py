"""The first-run wizard's use cases: the policies to choose from (with their period and whether they are
still in force), the checks of each page, and setting up a new window in one go (services.setup's
`initialise`, then the receipt paper, the county key and, if wanted, the demo window beside it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..adapters.policy_presets import load_policy, preset_files
from ..domain.policy import Policy
from ..store.database import default_db_path
from . import auth, settings
from .errors import InvalidInput
from .keys import parse_key, set_county_key
from .policy_store import status_of
from .setup import initialise, open_store

DEMO_FILE = "windowdesk-demo.sqlite"


@dataclass(frozen=True)
class PolicyChoice:
    """A policy as the wizard lists it: `ref` is what the window stores (preset id or file path)."""

    ref: str
    id: str
    name: str
    region: str
    effective_from: date
    effective_to: date
    state: str  # policy_store.status_of's: in_force | ending (within 30 days) | ended | not_yet
    preset: bool


def _choice(ref: str, policy: Policy, today: date, *, preset: bool) -> PolicyChoice:
    return PolicyChoice(ref=ref, id=policy.id, name=policy.name, region=policy.region,
                        effective_from=policy.effective_from, effective_to=policy.effective_to,
                        state=status_of(policy, today)["state"], preset=preset)


def preset_choices(today: date | None = None) -> list[PolicyChoice]:
    """The shipped presets, those in force first, then the newest."""
    today = today or date.today()
    found = [_choice(path.stem, load_policy(path.stem), today, preset=True) for path in preset_files()]
    return sorted(found, key=lambda c: (c.state in ("ended", "not_yet"), -c.effective_to.toordinal()))


def file_choice(path: str, today: date | None = None) -> PolicyChoice:
    """A policy file checked by the loader (PolicyError names what is wrong with it)."""
    resolved = str(Path(path).resolve())
    return _choice(resolved, load_policy(resolved), today or date.today(), preset=False)


def default_database() -> str:
    """Where the window keeps its database when none is named (the per-user data folder)."""
    return str(default_db_path())


def check_window(window_id: str, name: str) -> None:
    if not window_id.strip():
        raise InvalidInput("window_id_missing", "window_id")
    if not name.strip():
        raise InvalidInput("window_name_missing", "window_name")


def check_admin(name: str, password: str, again: str) -> None:
    auth.check_new_user(name, "admin", password)
    if password != again:
        raise InvalidInput("passwords_differ", "password_again")


def check_county_key(key_hex: str) -> None:
    """The checks `set_county_key` makes, before anything is written (an empty key: set later)."""
    if "".join(key_hex.split()):
        parse_key(key_hex)


def set_up_window(db: str, *, window_id: str, name: str, policy: str, admin: str, password: str,
                  paper: str, county_key: str = "", demo: bool = False) -> dict:
    """A new window from nothing: every check first (nothing is created when one fails), then the database."""
    check_window(window_id, name)
    check_admin(admin, password, password)
    _text, problem = settings.PAGE_SIZE.check(paper)
    if problem:
        raise InvalidInput.of([problem])
    check_county_key(county_key)
    created = initialise(db, policy=policy, window_id=window_id.strip(), name=name.strip(), admin=admin,
                         password=password)
    store = open_store(db)
    try:
        actor = auth.Actor(admin, "admin")  # the admin just created (initialise checked the password)
        settings.change_settings(store, actor, {settings.PAGE_SIZE.key: paper})
        if county_key.strip():
            set_county_key(store, actor, key_hex=county_key)
    finally:
        store.engine.dispose()
    demo_db = build_demo_beside(db) if demo else None
    return {**created, "db": db, "paper": paper, "demo_db": demo_db}


def build_demo_beside(db: str) -> str | None:
    """The demo window's database next to the window's own (kept apart: its people and receipts are not real).
    Built once; None for a database that is not a file."""
    from .demo import build_demo

    if "://" in db:
        return None
    path = Path(db).with_name(DEMO_FILE)
    if not path.exists():
        build_demo(path)
    return str(path)
