"""What an audit entry says about the rows it records: a SHA-256 of each row as written.

A row's digest is the SHA-256 of the canonical JSON of its columns (and of its lines: a settlement's tier
rows, an enrollment's subsidy lines), read back through the table's own types, so the digest taken when the
entry is written and the one `db check` takes later compare like with like on SQLite and PostgreSQL.
Columns that change without an audited act (how often a slip was printed, failed logins) are left out.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from .models import Base
from .types import canonical_json

COVERED = ("settlements", "reversals", "enrollments", "users", "settings")
_LEFT_OUT = {"settlements": {"print_count"}, "users": {"failed_logins", "locked_until"}}
_LINES = {"settlements": ("settlement_tiers", "settlement_id", "seq"),
          "enrollments": ("enrollment_subsidies", "enrollment_id", "seq")}


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _key_column(table: Table):
    (column,) = table.primary_key.columns
    return column


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _columns(table: Table) -> list:
    return [c for c in table.columns if c.name not in _LEFT_OUT.get(table.name, ())]


def row_digest(connection: Connection, table_name: str, key: str) -> str | None:
    """The digest of one row as stored now, None when the row is gone."""
    table = _table(table_name)
    key_column = _key_column(table)
    row = connection.execute(select(*_columns(table)).where(key_column == key_column.type.python_type(key))
                             ).mappings().first()
    if row is None:
        return None
    content: dict[str, Any] = {name: _plain(value) for name, value in row.items()}
    if table_name in _LINES:
        lines_name, parent, order = _LINES[table_name]
        lines = _table(lines_name)
        content["_lines"] = [{n: _plain(v) for n, v in line.items()} for line in connection.execute(
            select(*lines.columns).where(lines.c[parent] == row[key_column.name]).order_by(lines.c[order])
        ).mappings()]
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def row_ref(obj: Any) -> tuple[str, str]:
    """(table, key) of a mapped object (one of COVERED)."""
    table = obj.__table__
    if table.name not in COVERED:
        raise ValueError(f"audit entries do not cover {table.name}")
    return table.name, str(getattr(obj, _key_column(table).key))
