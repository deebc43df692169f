"""Every file the window writes for a person to take away (`--out`, a receipt, a report, a backup, a package):
one way to write it, so none can destroy what it should not.

- An existing file is refused (`file_exists`) unless the caller was told to replace it (`--force`).
- The live database and its companions (-wal, -shm, -journal) are never a target, whatever the path says
  (`out_is_database`): the paths are compared resolved, and an existing target by os.path.samefile (a hard
  link has another name). The store registers each SQLite file it opens (`protect`).
- The bytes go to a temporary file in the target's folder, created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW,
  mode 0600: a planted file or symlink of that name is refused, never followed), then moved into place: by a
  hard link when nothing may be replaced (so a file appearing meanwhile is not overwritten either), by a rename
  otherwise. A symlink at the target is replaced by the rename itself; what it pointed to is not touched.
- Files are created readable by the user alone (0600) and folders 0700: they hold ID numbers and amounts.
"""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path

from ..domain.problems import Refusal

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite's own files beside a database
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_protected: set[Path] = set()


def private_umask() -> None:
    """Everything this process creates from now on (SQLite's WAL, reportlab's and openpyxl's files, temporary
    files) is readable by the user alone."""
    os.umask(0o077)


def protect(database: Path) -> None:
    """`database` (and its companions) may never be written by this module."""
    _protected.add(Path(os.path.abspath(database)).resolve())


def _companions(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in COMPANIONS]


def check_target(path: str | os.PathLike, *, force: bool = False, field: str = "out") -> Path:
    """The target as given, once it is known to be writable by these rules; a refusal naming `field` else."""
    target = Path(path)
    resolved = Path(os.path.abspath(target)).resolve()
    for database in _protected:
        for companion in _companions(database):
            if resolved == companion or _same_file(target, companion):
                raise Refusal("out_is_database", field, path=str(target))
    if os.path.lexists(target):
        if target.is_dir() and not target.is_symlink():
            raise Refusal("out_is_folder", field, path=str(target))
        if not force:
            raise Refusal("file_exists", field, path=str(target))
    if not target.parent.is_dir():
        raise Refusal("folder_missing", field, path=str(target.parent))
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # either does not exist
        return False


def exclusive_temp(target: Path) -> tuple[int, Path]:
    """A new, empty file beside `target` (mode 0600, opened exclusively, no symlink followed): (fd, path)."""
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, PRIVATE_FILE)
        except FileExistsError:
            continue
        return fd, temp
    raise FileExistsError(str(target))  # pragma: no cover - 100 random names all taken


def install(temp: Path, target: Path, *, force: bool) -> None:
    """Move a finished temporary file into place: never over an existing file unless `force`."""
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the target appeared meanwhile: nothing is overwritten
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT on a USB stick): the rename, checked just before
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def write_out(path: str | os.PathLike, data: bytes, *, force: bool = False, field: str = "out") -> Path:
    """Write `data` as the file `path` by the rules above; returns the path. Refusals: `out_is_database`,
    `out_is_folder`, `file_exists`, `folder_missing`, `file_not_writable`."""
    target = check_target(path, force=force, field=field)
    temp = None
    try:
        fd, temp = exclusive_temp(target)
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        install(temp, target, force=force)
        temp = None
    except FileExistsError:
        raise Refusal("file_exists", field, path=str(target)) from None
    except OSError as exc:
        raise Refusal("file_not_writable", field, path=str(target), detail=exc.strerror or "") from None
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)
    return target


def private_folder(path: str | os.PathLike) -> Path:
    """A folder (and its missing parents) created readable by the user alone."""
    folder = Path(path)
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return folder


def create_private_file(path: Path) -> None:
    """An empty file, mode 0600, unless one exists (SQLite then opens it: its WAL and SHM take its mode)."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, PRIVATE_FILE))
