"""The daily backups: one file a day, `windowdesk-YYYY-MM-DD.sqlite`, in the backup folder (the `backup_dir`
setting, else `backups/` in the data folder), the newest N kept (`backup_keep`, 30 by default).

`backup_on_start` is the window's hook: it makes the day's backup on the day's first start (later starts
find the file and only tidy up). `backup --auto` runs the same from the command line (a scheduled task).
Any logged-in user may make the day's backup: it is the window's routine, not an admin's decision; `backup
OUT` (services.maintenance) stays the admin's.

A daily backup is sealed as `backup OUT` is (services/backup_seal: the county-derived backup key, or the
backup passphrase). A window not yet given the county key still gets its daily backup in the data folder's
`backups/` as a plain copy readable by the user alone: it never leaves the PC, and a damaged database can be
restored from it. A backup folder elsewhere (a USB stick, a share) takes sealed backups only.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from ..store.database import sqlite_path
from ..store.models import AuditEntry
from ..store.unit_of_work import Store
from . import settings
from .auth import Actor
from . import backup_seal
from .errors import InvalidInput, Refused
from ..adapters import out_files
from .maintenance import copy_database, sealed_copy

FOLDER = "backups"  # the default backup folder's name, in the data folder
DAILY = re.compile(r"windowdesk-(\d{4}-\d{2}-\d{2})\.sqlite")
ACTIONS = ("db.backup", "db.backup.auto")  # what counts as a backup made (manual, daily)


def data_folder(store: Store) -> Path:
    """The folder of the window's SQLite file (its backups, logs); a server database has none here."""
    path = sqlite_path(store.engine)
    if path is None:
        raise InvalidInput("backup_needs_sqlite", "db")
    return path.parent


def backup_folder(store: Store, folder: str | Path | None = None) -> Path:
    """`folder` if given, else the `backup_dir` setting, else `backups/` in the data folder."""
    if folder:
        return Path(folder)
    with store.reading() as session:
        configured = settings.get(session, settings.BACKUP_DIR)
    return Path(configured) if configured else data_folder(store) / FOLDER


def auto_backup(store: Store, actor: Actor, *, folder: str | Path | None = None, keep: int | str | None = None,
                today: date | None = None, passphrase: str | None = None) -> dict:
    """Make the day's backup unless it exists, then keep the newest `keep` daily files (only files of that
    name are ever removed). Returns {"file", "folder", "made", "sealed", "kept", "removed"} (names, newest
    first). Refused: backup_needs_sqlite, setting_not_whole (keep), backup_folder_unusable, backup_key_missing
    (no key, and a folder outside the data folder), backup_integrity_failed."""
    actor.require("clerk")
    source = sqlite_path(store.engine)
    if source is None:
        raise InvalidInput("backup_needs_sqlite", "db")
    keep = _keep(store, keep)
    target_dir = backup_folder(store, folder)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput("backup_folder_unusable", "dir", path=str(target_dir), detail=exc.strerror or "") from None
    target = target_dir / f"windowdesk-{(today or date.today()).isoformat()}.sqlite"
    made = False
    if not target.exists():
        sealing = bool(passphrase) or store.keys.county_key is not None
        if not sealing and target_dir.resolve() != (data_folder(store) / FOLDER).resolve():
            raise Refused("backup_key_missing", "dir")
        backup_seal.refuse_damaged(source)
        made = _copy(store, actor, source, target, passphrase=passphrase if sealing else None, sealing=sealing)
    kept, removed = rotate(target_dir, keep=keep)
    return {"file": str(target), "folder": str(target_dir), "made": made,
            "sealed": target.is_file() and backup_seal.is_sealed(target), "kept": kept, "removed": removed}


def backup_on_start(store: Store, actor: Actor, *, today: date | None = None) -> dict:
    """The window's hook after login, each start: auto_backup with the settings' folder and count; on all
    but the day's first start it finds the file and makes nothing. Returns auto_backup's result."""
    return auto_backup(store, actor, today=today)


def _copy(store: Store, actor: Actor, source: Path, target: Path, *, passphrase: str | None,
          sealing: bool) -> bool:
    """The entry first, so the copy holds the record of its own making (as `backup OUT` does)."""
    with store.transaction() as tx:
        tx.audit(user=actor.name, action="db.backup.auto", target=target.name,
                 detail={"file": str(target.resolve()), "sealed": sealing})
    part = None
    try:
        if sealing:
            part, _used = sealed_copy(source, target, store.keys, passphrase=passphrase)
        else:  # only ever into the data folder's backups/ (auto_backup): a private file there
            fd, part = out_files.exclusive_temp(target)
            os.close(fd)
            copy_database(source, part, fresh=False)
        if target.exists():  # another window of this folder made it meanwhile
            return False
        part.rename(target)
    except OSError as exc:
        raise InvalidInput("backup_folder_unusable", "dir", path=str(target.parent),
                           detail=exc.strerror or "") from None
    finally:
        if part is not None:
            part.unlink(missing_ok=True)
    return True


def rotate(folder: Path, *, keep: int) -> tuple[list[str], list[str]]:
    """Keep the newest `keep` daily backups in `folder`, remove the older ones; (kept, removed) names."""
    daily = sorted((p.name for p in folder.iterdir() if DAILY.fullmatch(p.name) and p.is_file()), reverse=True)
    kept, removed = daily[:keep], daily[keep:]
    for name in removed:
        (folder / name).unlink(missing_ok=True)
    return kept, removed


def _keep(store: Store, keep: int | str | None) -> int:
    if keep is None:
        with store.reading() as session:
            return settings.value(session, settings.BACKUP_KEEP)
    text, problem = settings.BACKUP_KEEP.check(keep)
    if problem:
        raise InvalidInput.of([problem])
    return int(text)


def last_backup(store: Store) -> dict | None:
    """When the last backup (daily or `backup OUT`) was made, from the audit log: {"at" (local time,
    "YYYY-MM-DD HH:MM"), "file", "exists" (the file is still there), "auto"}; None if never."""
    with store.reading() as session:
        row = session.execute(select(AuditEntry.at, AuditEntry.action, AuditEntry.detail)
                              .where(AuditEntry.action.in_(ACTIONS))
                              .order_by(AuditEntry.seq.desc()).limit(1)).first()
    if row is None:
        return None
    file = json.loads(row.detail).get("file", "")
    at = datetime.fromisoformat(row.at).astimezone()
    return {"at": at.strftime("%Y-%m-%d %H:%M"), "file": file, "exists": bool(file) and Path(file).is_file(),
            "auto": row.action == "db.backup.auto"}
