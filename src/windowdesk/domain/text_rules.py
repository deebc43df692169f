"""Text that may reach the database: bounded length, no NUL or other control characters.

Checked before the database so both engines answer alike: PostgreSQL refuses a NUL byte and a string longer
than its column (an internal error, exit 1, before these checks), while SQLite stores either silently (an ID
number joined to another by a NUL byte). The limits are the columns' widths in store/models.py.
"""

from __future__ import annotations

import re

from .problems import Refusal

# C0 controls but tab, line feed and carriage return (a reason may hold a line break), and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]").search

DIAGNOSIS = 20
HOSPITAL = 200
REASON = 500
WINDOW_ID = 32
WINDOW_NAME = 200
NAME = 100  # a person's name
SEARCH = 100  # a name prefix typed to search


def has_control(text: str) -> bool:
    return _CONTROL(text) is not None


def checked_text(value: str, field: str, limit: int) -> str:
    """`value` when it fits `limit` characters and holds no control character; else a refusal naming `field`
    (`text_control_char`, `text_too_long`)."""
    if _CONTROL(value):
        raise Refusal("text_control_char", field)
    if len(value) > limit:
        raise Refusal("text_too_long", field, limit=limit, length=len(value))
    return value
