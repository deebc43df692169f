"""The window's check at start: is the database whole (PRAGMA quick_check), and which backup is the last good one.

quick_check, not integrity_check: it reads every page but skips matching the indexes to their tables, a
second or two on a large file instead of a minute; `db check` does the full check. The last good backup is
the newest one that opens and passes the same check: the day's backups in `backups/` beside the database
(`windowdesk backup --auto`) and the copies kept by a migration or a restore (`*.bak` beside it). A sealed
backup is opened (county key of the key file, or WINDOWDESK_BACKUP_PASSPHRASE) into a temporary file in the
data folder to be checked; one that cannot be opened here is not offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from ..store.database import database_url
from ..store.keyfile import KeyFileError, KeyRing, key_file_for
from ..store.keyfile import load as load_keys
from . import backup_seal
from .backups import FOLDER as BACKUP_FOLDER
from .errors import ServiceError


@dataclass(frozen=True)
class StartCheck:
    ok: bool
    database: str
    messages: list[str] = field(default_factory=list)
    last_good_backup: str | None = None  # only looked for when the database is not ok


def check_on_start(db: str | None) -> StartCheck:
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return StartCheck(True, url.render_as_string(hide_password=True))  # a server keeps its own pages whole
    live = Path(url.database)
    if not live.exists():
        return StartCheck(True, str(live))  # nothing yet: `init` (or the start's own message) deals with it
    messages = quick_check(live)
    if not messages:
        return StartCheck(True, str(live))
    good = last_good_backup(live)
    return StartCheck(False, str(live), messages, str(good) if good else None)


def quick_check(path: Path) -> list[str]:
    return backup_seal.integrity_messages(path, quick=True)


def candidates(live: Path) -> list[Path]:
    found = [p for p in (live.parent / BACKUP_FOLDER).glob("*") if p.is_file() and not p.name.startswith(".")]
    found += [p for p in live.parent.glob(f"{live.name}.*.bak") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def last_good_backup(live: Path) -> Path | None:
    try:
        ring = load_keys(key_file_for(database_url(live)))
    except KeyFileError:
        ring = KeyRing(None)
    for candidate in candidates(live):
        if _whole(candidate, live.parent, ring):
            return candidate
    return None


def _whole(candidate: Path, folder: Path, ring: KeyRing) -> bool:
    try:
        if not backup_seal.is_sealed(candidate):
            return not quick_check(candidate)
        opened = backup_seal.open_to_temporary(candidate, folder, ring, passphrase=backup_seal.passphrase_from_env())
    except (OSError, ServiceError):
        return False
    try:
        return not quick_check(opened)
    finally:
        opened.unlink(missing_ok=True)
