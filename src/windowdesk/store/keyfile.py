"""The window's secrets, kept in a key file beside the database and never inside it (so never in a backup).

It holds the county key (set by `package set-key`: packages are encrypted and signed with keys derived from
it) and the audit key (random, made with the chain's first keyed entry: it MACs every audit entry, so a
chain rewritten by someone who can write the database but has not this file is found by `db check`).

Where: a SQLite database `X.sqlite` has `X.key` beside it in the same folder; a server database (PostgreSQL)
has one named after the server and database in the per-user data folder, or in WINDOWDESK_KEY_DIR (each
window machine of a shared database needs a copy of the same file). Written through a temporary file
created exclusively with mode 0600 (readable by the user alone) and renamed over the old one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from ..adapters import sealed
from .database import default_db_path

KEY_DIR_ENV = "WINDOWDESK_KEY_DIR"
FORMAT = "windowdesk-keys/1"


class KeyFileError(Exception):
    """The key file exists but cannot be used; `code` is a refusal code."""

    def __init__(self, code: str, path: Path):
        super().__init__(f"{code} {path}")
        self.code, self.path = code, path


def key_file_for(url: str | URL) -> Path | None:
    """The key file of a database; None for an in-memory SQLite database (its ring lives in the Store)."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return Path(url.database).with_suffix(".key")
    name = "-".join(str(part) for part in (url.get_backend_name(), url.host or "local", url.port or "",
                                           url.database or "") if part != "")
    folder = Path(os.environ.get(KEY_DIR_ENV) or default_db_path().parent)
    return folder / (re.sub(r"[^A-Za-z0-9._-]", "_", name) + ".key")


@dataclass(frozen=True)
class KeyRing:
    """What the key file holds. `audit_from_seq` is the first audit entry sealed under `audit_key`: entries
    before it were written by a windowdesk without keys (or under a key since lost) and are anchored by it."""

    path: Path | None
    county_key: bytes | None = None
    audit_key: bytes | None = None
    audit_from_seq: int = 1

    @property
    def county_key_id(self) -> str | None:
        return sealed.key_id(self.county_key) if self.county_key else None

    @property
    def audit_key_id(self) -> str | None:
        return sealed.key_id(self.audit_key) if self.audit_key else None

    def county_derived(self, purpose: str) -> bytes | None:
        return sealed.derive(self.county_key, purpose) if self.county_key else None

    def audit_mac_key(self) -> bytes | None:
        return sealed.derive(self.audit_key, sealed.AUDIT_MAC) if self.audit_key else None


def load(path: Path | None) -> KeyRing:
    if path is None or not path.exists():
        return KeyRing(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(data.get("format"))
        county, audit = data.get("county_key"), data.get("audit_key")
        return KeyRing(path, bytes.fromhex(county) if county else None, bytes.fromhex(audit) if audit else None,
                       int(data.get("audit_from_seq", 1)))
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):  # nested deep: json recurses
        raise KeyFileError("key_file_invalid", path) from None


def save(ring: KeyRing) -> KeyRing:
    """Write the ring (never to a database's own path); returns it as written."""
    path = ring.path
    if path is None:
        return ring
    data = {"format": FORMAT, "county_key": ring.county_key.hex() if ring.county_key else None,
            "county_key_id": ring.county_key_id, "audit_key": ring.audit_key.hex() if ring.audit_key else None,
            "audit_key_id": ring.audit_key_id, "audit_from_seq": ring.audit_from_seq}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return ring


def with_county_key(ring: KeyRing, key: bytes) -> KeyRing:
    return save(replace(load(ring.path) if ring.path else ring, county_key=key))


def with_new_audit_key(ring: KeyRing, from_seq: int) -> KeyRing:
    """A ring with a fresh random audit key that seals entries from `from_seq` on. Another process may have
    made one a moment ago: then that one is kept."""
    current = load(ring.path) if ring.path else ring
    if current.audit_key:
        return current
    return save(replace(current, audit_key=os.urandom(32), audit_from_seq=from_seq))


def resealed_from(ring: KeyRing, from_seq: int) -> KeyRing:
    """After a restore of a database whose chain this key never sealed: entries from `from_seq` on are sealed."""
    current = load(ring.path) if ring.path else ring
    return save(replace(current, audit_from_seq=from_seq))
