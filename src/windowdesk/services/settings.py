"""The window's settings, each declared once here: key, type, default, the values it may take, and meaning.

`read_settings` and `describe_settings` give the settings page plain data; `change_settings` is the page's
save (admin only; one transaction, one audit entry). `get`/`put` are the services' own access inside a
transaction. The policy is not changed here: `services.policy_store.set_policy` stores its text and hash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PureWindowsPath, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.problems import Problem
from ..store.models import Setting
from ..store.unit_of_work import Store
from .errors import InvalidInput


@dataclass(frozen=True)
class SettingVar:
    key: str
    default: str
    doc: str
    kind: str = "text"             # text | choice | whole | folder
    choices: tuple[str, ...] = ()  # kind "choice": the values allowed
    minimum: int = 0               # kind "whole": the range allowed
    maximum: int = 0
    max_length: int = 200          # kinds "text" and "folder"
    required: bool = False         # text: may not be empty
    editable: bool = True          # changed through change_settings (else by its own use case, or never)
    secret: bool = False           # never shown: read_settings tells only whether it is set

    def typed(self, stored: str) -> str | int:
        """The stored text as the setting's type; a stored value that no longer parses reads as the default."""
        if self.kind == "whole":
            try:
                return int(stored)
            except ValueError:
                return int(self.default)
        return stored

    def check(self, value: object) -> tuple[str | None, Problem | None]:
        """(the text to store, None) for a good value, else (None, the problem)."""
        if self.kind == "whole":
            text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
            if not (text.isascii() and text.isdigit() and self.minimum <= int(text) <= self.maximum):
                return None, Problem("setting_not_whole", self.key,
                                     self._params(minimum=self.minimum, maximum=self.maximum))
            return str(int(text)), None
        if not isinstance(value, str):
            return None, Problem("setting_text_invalid", self.key, self._params(max_length=self.max_length))
        text = value.strip()
        if self.kind == "choice":
            if text not in self.choices:
                return None, Problem("setting_not_one_of", self.key,
                                     self._params(allowed=", ".join(self.choices)))
            return text, None
        if len(text) > self.max_length or not text.isprintable() or (self.required and not text):
            return None, Problem("setting_text_invalid", self.key, self._params(max_length=self.max_length))
        if self.kind == "folder" and text and not (PureWindowsPath(text).is_absolute()
                                                   or PurePosixPath(text).is_absolute()):
            return None, Problem("setting_folder_not_absolute", self.key, self._params(path=text[:200]))
        return text, None

    def _params(self, **params) -> dict:
        return {"setting": self.key, **params}


WINDOW_ID = SettingVar("window_id", "", "the window's id, unique in the county (e.g. LG-01); fixed at init",
                       editable=False)
WINDOW_NAME = SettingVar("window_name", "", "the window's name printed on receipts", max_length=60, required=True)
POLICY = SettingVar("policy", "", "where the policy in force came from: a preset id or a policy file path "
                    "(its text is in the database: services.policy_store)", editable=False)
POLICY_HASH = SettingVar("policy_hash", "", "SHA-256 of the policy in force (the row of policy_texts)",
                         editable=False)
RECEIPT_SERIES = SettingVar("receipt_series", "", "prefix of receipt numbers; defaults to the window id",
                            editable=False)
PAGE_SIZE = SettingVar("page_size", "A5", "receipt paper: A4 or A5 (landscape)", kind="choice",
                       choices=("A4", "A5"))
DEFAULT_PRINTER = SettingVar("default_printer", "", "the printer receipts go to; empty: the system's default",
                             max_length=200)
LANGUAGE = SettingVar("language", "zh", "the window's language: zh (Chinese) or en (English)", kind="choice",
                      choices=("zh", "en"))
BACKUP_DIR = SettingVar("backup_dir", "", "where the daily backups go (an absolute folder); empty: backups/ in "
                        "the data folder", kind="folder", max_length=1000)
BACKUP_KEEP = SettingVar("backup_keep", "30", "how many daily backups are kept (the newest)", kind="whole",
                         minimum=1, maximum=3650)
COUNTY_KEY = SettingVar("county_key", "", "the key the county issues (hex): signs export packages and receipt "
                        "QR codes; set by `package set-key`", editable=False, secret=True)

ALL = (WINDOW_ID, WINDOW_NAME, POLICY, POLICY_HASH, RECEIPT_SERIES, PAGE_SIZE, DEFAULT_PRINTER, LANGUAGE,
       BACKUP_DIR, BACKUP_KEEP, COUNTY_KEY)
BY_KEY = {var.key: var for var in ALL}


def _cache(session: Session) -> dict[str, str]:
    """All settings, read once per session: a settlement needs several of them."""
    cache = session.info.get("windowdesk_settings")
    if cache is None:
        cache = {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
        session.info["windowdesk_settings"] = cache
    return cache


def get(session: Session, var: SettingVar) -> str:
    return _cache(session).get(var.key, var.default)


def value(session: Session, var: SettingVar) -> str | int:
    """The setting as its type (backup_keep an int)."""
    return var.typed(get(session, var))


def put(session: Session, var: SettingVar, value: str) -> None:
    row = session.get(Setting, var.key)
    if row is None:
        session.add(Setting(key=var.key, value=value))
    else:
        row.value = value
    _cache(session)[var.key] = value


def receipt_series(session: Session) -> str:
    return get(session, RECEIPT_SERIES) or get(session, WINDOW_ID)


# --- the settings page -------------------------------------------------------------------------------


def read_settings(store: Store) -> dict[str, str | int | bool]:
    """Every setting as its type, {key: value}; a secret one as `<key>_set`: whether it is set."""
    with store.reading() as session:
        return _values(session)


def _values(session: Session) -> dict[str, str | int | bool]:
    values: dict[str, str | int | bool] = {}
    for var in ALL:
        if var.secret:
            values[f"{var.key}_set"] = bool(get(session, var).strip())
        else:
            values[var.key] = value(session, var)
    return values


def describe_settings(store: Store) -> list[dict]:
    """The settings page's fields in order: {"key", "value", "default", "kind", "choices", "minimum",
    "maximum", "editable", "doc"} (a secret's value is "" and its default ""; see read_settings)."""
    with store.reading() as session:
        return [{"key": var.key, "value": "" if var.secret else value(session, var),
                 "default": var.typed(var.default) if not var.secret else "", "kind": var.kind,
                 "choices": list(var.choices), "minimum": var.minimum, "maximum": var.maximum,
                 "editable": var.editable, "doc": var.doc} for var in ALL]


def change_settings(store: Store, actor, changes: Mapping[str, object]) -> dict:
    """Set the given settings (admin only) in one transaction with one "settings.change" audit entry.

    Every value is checked first and every problem is refused together (field = the setting's key):
    setting_unknown, setting_read_only, setting_not_one_of, setting_not_whole, setting_text_invalid,
    setting_folder_not_absolute. Returns {"changed": {key: {"old", "new"}}} (only keys whose value
    changed; nothing is written when none did) and "settings", all of them after the change.
    """
    actor.require("admin")
    checked: dict[SettingVar, str] = {}
    problems: list[Problem] = []
    for key, raw in changes.items():
        var = BY_KEY.get(key)
        if var is None:
            problems.append(Problem("setting_unknown", str(key)[:64], {"key": str(key)[:64],
                                                                      "known": ", ".join(_editable_keys())}))
        elif not var.editable:
            problems.append(Problem("setting_read_only", key, {"setting": key}))
        else:
            text, problem = var.check(raw)
            if problem:
                problems.append(problem)
            else:
                checked[var] = text
    if problems:
        raise InvalidInput.of(problems)
    with store.transaction() as tx:
        changed = {}
        for var, text in checked.items():
            old = get(tx.session, var)
            if old != text:
                put(tx.session, var, text)
                changed[var.key] = {"old": var.typed(old), "new": var.typed(text)}
        if changed:
            tx.audit(user=actor.name, action="settings.change", detail=changed)
        return {"changed": changed, "settings": _values(tx.session)}


def _editable_keys() -> list[str]:
    return [var.key for var in ALL if var.editable]
