"""Tamper evidence and the county key out of the database (issue 13).

Audit entries get `rows` (the digests of the rows an entry records, store/row_digest) and `mac` (HMAC under
the audit key of the key file, store/keyfile); the head gets the sealing key's id and its own MAC. Entries
written before stay as they are (empty `rows` and `mac`): the first entry sealed after this revision covers
their hashes through its `prev_hash`, and it also records the users and settings as they then stand.

The county key moves from the settings table into the key file beside the database (mode 0600; never in a
backup again). The setting row is deleted only once the key file holds the key: a database whose folder
cannot be written keeps it, unused, until `windowdesk package set-key` is run where it can.

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-10 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_entries') as batch:
        batch.add_column(sa.Column('rows', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('mac', sa.String(64), nullable=False, server_default=''))
    with op.batch_alter_table('audit_head') as batch:
        batch.add_column(sa.Column('key_id', sa.String(16), nullable=False, server_default=''))
        batch.add_column(sa.Column('mac', sa.String(64), nullable=False, server_default=''))
    _move_county_key()


def _move_county_key() -> None:
    from windowdesk.store import keyfile

    connection = op.get_bind()
    value = connection.execute(sa.text("SELECT value FROM settings WHERE key = 'county_key'")).scalar()
    if value is None:
        return
    text = "".join(value.split()).lower()
    try:
        key = bytes.fromhex(text) if text else None
    except ValueError:
        key = None  # never a usable key: `package set-key` sets a real one
    path = keyfile.key_file_for(connection.engine.url)
    if key and path is not None:
        try:
            ring = keyfile.load(path)
            if ring.county_key is None:
                keyfile.with_county_key(ring, key)
        except (OSError, keyfile.KeyFileError):
            return  # kept in the database until the key file can be written
    connection.execute(sa.text("DELETE FROM settings WHERE key = 'county_key'"))


def downgrade() -> None:
    with op.batch_alter_table('audit_head') as batch:
        batch.drop_column('mac')
        batch.drop_column('key_id')
    with op.batch_alter_table('audit_entries') as batch:
        batch.drop_column('mac')
        batch.drop_column('rows')
