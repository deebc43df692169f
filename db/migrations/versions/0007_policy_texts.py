"""The policy in force kept in the database with its hash (`policy_texts`, the `policy_hash` setting), so that
editing or moving its file later changes nothing until it is set again.

An existing window's `policy` setting names a preset id or a file: its text is read now, where it can be, and
stored as the policy in force. A file that cannot be read any more (moved, not UTF-8, not TOML) is left
unstored: the window then refuses with `policy_not_stored` until an admin sets the policy again.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-04 09:00:00
"""
import hashlib
import tomllib
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None

MIGRATED_BY = '(migration 0007)'


def upgrade() -> None:
    op.create_table('policy_texts',
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('policy_id', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=2000), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.Column('stored_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('content_hash')
    )
    bind = op.get_bind()
    source = bind.execute(sa.text("SELECT value FROM settings WHERE key = 'policy'")).scalar()
    found = _read(source) if source else None
    if found is None:
        return
    digest, policy_id, text = found
    bind.execute(sa.text("INSERT INTO policy_texts (content_hash, policy_id, source, text, stored_at, stored_by) "
                         "VALUES (:h, :i, :s, :t, :at, :by)"),
                 {"h": digest, "i": policy_id, "s": source, "t": text, "at": datetime.now(), "by": MIGRATED_BY})
    bind.execute(sa.text("INSERT INTO settings (key, value) VALUES ('policy_hash', :h)"), {"h": digest})


def _read(source: str) -> tuple[str, str, str] | None:
    """(sha256, id, text) of the file the setting names, resolved as the window resolved it; None if unusable."""
    from windowdesk.resources import resources_dir

    path = Path(source)
    if not (path.suffix == '.toml' or path.exists()):
        path = resources_dir() / 'policies' / f'{source}.toml'
    try:
        raw = path.read_bytes()
        text = raw.decode('utf-8')
        policy_id = tomllib.loads(text).get('id')
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if not isinstance(policy_id, str) or not policy_id or '\x00' in text:
        return None
    return hashlib.sha256(raw).hexdigest(), policy_id[:64], text


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'policy_hash'")
    op.drop_table('policy_texts')
