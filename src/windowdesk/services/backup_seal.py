"""Backups sealed for a lost USB stick, and opened again for a restore.

Which key: the backup key derived from the county key by default (an unattended `backup --auto` needs no
one at the keyboard, nothing new to remember, and the county, which holds the county key, can open a lost
window's backups); a backup passphrase instead when one is given (WINDOWDESK_BACKUP_PASSPHRASE: stretched
with scrypt, for an office that wants backups opened without the county key). With neither, a backup is
refused: a plain copy of the names, ID numbers and amounts is what the issue forbids. The header of a
sealed backup says which of the two opens it; a plain backup made before this version still restores.

The database is checked first (PRAGMA integrity_check): a backup of a damaged file is refused, so the
newest backup is always a good one. The plain copy taken for sealing lives beside the live database (the
data folder, the user's alone), never beside the backup.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..adapters import sealed
from ..store.database import read_only_sqlite
from ..store.keyfile import KeyRing
from .errors import InvalidInput, Refused

PASSPHRASE_ENV = "WINDOWDESK_BACKUP_PASSPHRASE"
SQLITE_MAGIC = b"SQLite format 3\x00"
_BLOCK = 1 << 20


@dataclass(frozen=True)
class BackupKey:
    source: str  # "county_key" or "passphrase"
    key_id: str | None

    def to_json(self) -> dict:
        return {"encrypted": True, "key": self.source, "key_id": self.key_id}


def integrity_messages(path: Path, *, quick: bool = False) -> list[str]:
    """SQLite's check of a database file: [] when whole, else its messages. `quick`: PRAGMA quick_check, which
    reads every page but skips matching the indexes to their tables (seconds, not a minute, on a large file)."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with closing(read_only_sqlite(path)) as conn:
            messages = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [f"unreadable: {exc}"]
    return [] if messages == ["ok"] else messages


def refuse_damaged(path: Path) -> None:
    messages = integrity_messages(path)
    if messages:
        raise Refused("backup_integrity_failed", "db", path=str(path), detail=messages[0][:200])


def seal_to(plain: Path, out: Path, ring: KeyRing, *, passphrase: str | None) -> BackupKey:
    """`plain` (a consistent copy) sealed into `out`, a new file (mode 0600, written exclusively)."""
    if passphrase:
        header = sealed.new_header(sealed.BACKUP, sealed.FROM_PASSPHRASE)
        key, used = sealed.passphrase_key(passphrase, header.salt), BackupKey("passphrase", None)
    else:
        key = ring.county_derived(sealed.BACKUP)
        if key is None:
            raise Refused("backup_key_missing", "out")
        header, used = sealed.new_header(sealed.BACKUP), BackupKey("county_key", ring.county_key_id)
    descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(descriptor, "wb") as handle, open(plain, "rb") as source:
        for piece in sealed.seal_chunks(key, header, iter(lambda: source.read(_BLOCK), b"")):
            handle.write(piece)
        handle.flush()
        os.fsync(handle.fileno())
    return used


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as handle:
        return sealed.is_sealed(handle.read(len(sealed.MAGIC)))


def open_to_temporary(source: Path, folder: Path, ring: KeyRing, *, passphrase: str | None,
                      county_key: bytes | None = None) -> Path:
    """A sealed backup's plain database in a new temporary file in `folder` (the caller deletes it)."""
    with open(source, "rb") as handle:
        head = handle.read(sealed.HEADER_BYTES)
    try:
        header = sealed.read_header(head)
    except sealed.SealError as exc:
        raise Refused(exc.code, "file", path=str(source), name=source.name) from None
    if header.purpose != sealed.BACKUP:
        raise Refused("not_a_windowdesk_database", "file", path=str(source))
    if header.source == sealed.FROM_PASSPHRASE:
        if not passphrase:
            raise Refused("backup_passphrase_needed", "file", path=str(source))
        key = sealed.passphrase_key(passphrase, header.salt)
    else:
        master = county_key or ring.county_key
        if not master:
            raise Refused("backup_key_missing", "file", path=str(source))
        key = sealed.derive(master, sealed.BACKUP)
    descriptor, name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite", dir=folder)
    target = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as out, open(source, "rb") as blob:
            for piece in sealed.open_chunks(key, _blocks(blob)):
                out.write(piece)
    except sealed.SealError as exc:
        target.unlink(missing_ok=True)
        code = "backup_wrong_key" if exc.code == "sealed_tampered" else exc.code
        raise Refused(code, "file", path=str(source), name=source.name) from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _blocks(handle) -> Iterator[bytes]:
    return iter(lambda: handle.read(_BLOCK), b"")


def check_plain(source: Path) -> None:
    with open(source, "rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise Refused("not_a_windowdesk_database", "file", path=str(source))


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def parse_hex_key(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        return bytes.fromhex("".join(text.split()))
    except ValueError:
        raise InvalidInput("county_key_not_hex", "county_key") from None
