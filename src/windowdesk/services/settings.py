"""The window's settings, each declared once here with its key, default and meaning."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import Setting


@dataclass(frozen=True)
class SettingVar:
    key: str
    default: str
    doc: str


WINDOW_ID = SettingVar("window_id", "", "the window's id, unique in the county (e.g. LG-01)")
WINDOW_NAME = SettingVar("window_name", "", "the window's name printed on receipts")
POLICY = SettingVar("policy", "", "the region policy: a preset id or a policy file path")
RECEIPT_SERIES = SettingVar("receipt_series", "", "prefix of receipt numbers; defaults to the window id")
PAGE_SIZE = SettingVar("page_size", "A5", "receipt page size: A4 or A5 (landscape)")
# The county key is not a setting: it lives in the key file beside the database (services/keys).

ALL = (WINDOW_ID, WINDOW_NAME, POLICY, RECEIPT_SERIES, PAGE_SIZE)


def _cache(session: Session) -> dict[str, str]:
    """All settings, read once per session: a settlement needs several of them."""
    cache = session.info.get("windowdesk_settings")
    if cache is None:
        cache = {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
        session.info["windowdesk_settings"] = cache
    return cache


def get(session: Session, var: SettingVar) -> str:
    return _cache(session).get(var.key, var.default)


def put(session: Session, var: SettingVar, value: str) -> None:
    row = session.get(Setting, var.key)
    if row is None:
        session.add(Setting(key=var.key, value=value))
    else:
        row.value = value
    _cache(session)[var.key] = value


def receipt_series(session: Session) -> str:
    return get(session, RECEIPT_SERIES) or get(session, WINDOW_ID)
