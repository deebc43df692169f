"""The CLI's way into the services: the database from --db, the acting user from --user and the environment."""

from __future__ import annotations

import getpass
import os
import sys

from ..services import auth
from ..services.setup import open_store
from ..store.unit_of_work import Store


def password_from(variable: str, prompt: str) -> str | None:
    """The password from the environment, else a prompt when a person is at a terminal."""
    value = os.environ.get(variable)
    if value is None and sys.stdin.isatty():
        value = getpass.getpass(prompt)
    return value


def store_for(args) -> Store:
    return open_store(args.db)


def acting_user(args, store: Store) -> auth.Actor:
    name = args.user
    return auth.authenticate(store, name, password_from("WINDOWDESK_PASSWORD", f"password for {name}: "))
