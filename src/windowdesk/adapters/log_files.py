"""The window's log files: `logs/windowdesk.log` in the data folder, rotated at 1 MB (5 old files kept), with
every ID number in a line masked (first 6 and last 4), whatever the code that logged it wrote."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from ..domain.idnumber import mask

LOG_NAME = "windowdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# 18-digit numbers (the last may be X) and the old 15-digit ones, not inside a longer run of digits.
_ID_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")


def mask_id_numbers(text: str) -> str:
    return _ID_NUMBER.sub(lambda m: mask(m.group(0)), text)


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted record: the message, its arguments and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_id_numbers(super().format(record))


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """Each file it opens (the first, and each after a rollover) readable by the user alone."""

    def _open(self):
        stream = super()._open()
        Path(self.baseFilename).chmod(0o600)
        return stream


def setup_logging(data_folder: str | Path, *, level: int = logging.INFO) -> Path:
    """Log to the data folder's rotating file (created readable by the user alone); returns the file's path.
    Called again (a second window in the same process, a test) it replaces its own handler, never adds one."""
    folder = Path(data_folder) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _PrivateRotatingFile)]:
        root.removeHandler(handler)
        handler.close()
    handler = _PrivateRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(MaskingFormatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level:
        root.setLevel(level)
    return path
