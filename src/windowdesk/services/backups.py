"""The daily backups: one file a day, `windowdesk-YYYY-MM-DD.sqlite`, in the backup folder (the `backup_dir`
setting, else `backups/` in the data folder), the newest N kept (`backup_keep`, 30 by default).

`backup_on_start` is the window's hook: it makes the day's backup on the day's first start (later starts
find the file and only tidy up). `backup --auto` runs the same from the command line (a scheduled task).
Any logged-in user may make the day's backup: it is the window's routine, not an admin's decision; `backup
OUT` (services.maintenance) stays the admin's.
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
from .errors import InvalidInput
from .maintenance import copy_database

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
    return Path(configured) if configured else data_folder(store) / "backups"


def auto_backup(store: Store, actor: Actor, *, folder: str | Path | None = None, keep: int | str | None = None,
                today: date | None = None) -> dict:
    """Make the day's backup unless it exists, then keep the newest `keep` daily files (only files of that
    name are ever removed). Returns {"file", "folder", "made", "kept", "removed"} (names, newest first).
    Refused: backup_needs_sqlite, setting_not_whole (keep), backup_folder_unusable."""
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
        made = _copy(store, actor, source, target)
    kept, removed = rotate(target_dir, keep=keep)
    return {"file": str(target), "folder": str(target_dir), "made": made, "kept": kept, "removed": removed}


def backup_on_start(store: Store, actor: Actor, *, today: date | None = None) -> dict:
    """The window's hook after login, each start: auto_backup with the settings' folder and count; on all
    but the day's first start it finds the file and makes nothing. Returns auto_backup's result."""
    return auto_backup(store, actor, today=today)


def _copy(store: Store, actor: Actor, source: Path, target: Path) -> bool:
    """The entry first, so the copy holds the record of its own making (as `backup OUT` does)."""
    with store.transaction() as tx:
        tx.audit(user=actor.name, action="db.backup.auto", target=target.name, detail={"file": str(target.resolve())})
    part = target.with_name(target.name + ".part")
    try:
        copy_database(source, part)
        os.chmod(part, 0o600)  # names and ID numbers: the user's alone
        if target.exists():  # another window of this folder made it meanwhile
            return False
        part.rename(target)
    except OSError as exc:
        raise InvalidInput("backup_folder_unusable", "dir", path=str(target.parent),
                           detail=exc.strerror or "") from None
    finally:
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
