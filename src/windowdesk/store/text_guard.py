"""The last check of text before the database: no NUL byte, no string longer than its column, on either engine.

The input paths check their own fields first (domain.text_rules, the roster's cleaner) and name them; this
guard catches what reaches a flush anyway, so SQLite (which stores both silently) and PostgreSQL (which
refuses both, an internal error) answer alike: a refusal naming table.column.
"""

from __future__ import annotations

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from ..domain.problems import Refusal


_COLUMNS: dict[object, list[tuple[str, str, int | None]]] = {}


def _string_columns(mapper) -> list[tuple[str, str, int | None]]:
    """(attribute key, "table.column", length or None) of every text column of a mapped class, cached."""
    cached = _COLUMNS.get(mapper)
    if cached is None:
        cached = _COLUMNS[mapper] = [(prop.key, f"{column.table.name}.{column.name}", column.type.length)
                                     for prop in mapper.column_attrs for column in prop.columns[:1]
                                     if isinstance(column.type, String)]
    return cached


@event.listens_for(Session, "before_flush")
def _check_texts(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        values = state.dict
        for key, name, length in _string_columns(state.mapper):
            value = values.get(key)
            if type(value) is not str:
                continue
            if "\x00" in value:
                raise Refusal("text_control_char", name)
            if length is not None and len(value) > length:
                raise Refusal("text_too_long", name, limit=length, length=len(value))
