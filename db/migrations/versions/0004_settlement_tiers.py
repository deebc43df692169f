"""Settlement tiers: one row per step of a settlement's engine result (tier, fund name, note, base, deductible,
ratio, paid, cap hit), so reports sum per tier and per fund in SQL; backfilled from each settlement's snapshot.

Amounts are whole fen like every money column; the ratio is its decimal text as the snapshot has it ("0.75"),
exact for any precision a policy gives (NULL where a tier applied several ratios). Settlements merged from the
county ledger (origin "county") have no steps in their snapshot and get no rows.

The backfill reads the snapshots in batches by settlement id (keyset, so memory stays flat at a million
settlements) and uses only this file's own table definitions: the models may change later, this must not.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:00:00
"""
import json
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

BATCH = 2000  # settlements per read; their ~6 steps each go in one executemany

_settlements = sa.table('settlements', sa.column('id', sa.String), sa.column('snapshot', sa.Text))
_tiers = sa.table(
    'settlement_tiers', sa.column('settlement_id', sa.String), sa.column('seq', sa.Integer),
    sa.column('tier', sa.String), sa.column('name', sa.String), sa.column('note', sa.String),
    sa.column('base', sa.BigInteger), sa.column('deductible', sa.BigInteger), sa.column('ratio', sa.String),
    sa.column('paid', sa.BigInteger), sa.column('cap_hit', sa.Boolean))


def upgrade() -> None:
    op.create_table('settlement_tiers',
    sa.Column('settlement_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('tier', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=32), nullable=False),
    sa.Column('base', sa.BigInteger(), nullable=False),
    sa.Column('deductible', sa.BigInteger(), nullable=False),
    sa.Column('ratio', sa.String(length=40), nullable=True),
    sa.Column('paid', sa.BigInteger(), nullable=False),
    sa.Column('cap_hit', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], ),
    sa.PrimaryKeyConstraint('settlement_id', 'seq')
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    # The rows are derived from the snapshots, which stay: upgrading again rebuilds them.
    op.drop_table('settlement_tiers')


def _backfill(connection) -> None:
    last = ''
    while True:
        batch = connection.execute(
            sa.select(_settlements.c.id, _settlements.c.snapshot).where(_settlements.c.id > last)
            .order_by(_settlements.c.id).limit(BATCH)).all()
        if not batch:
            return
        rows = [row for settlement_id, snapshot in batch for row in _rows(settlement_id, snapshot)]
        if rows:
            connection.execute(_tiers.insert(), rows)
        last = batch[-1][0]


def _rows(settlement_id: str, snapshot: str | None) -> list[dict]:
    """The steps of snapshot["result"]["steps"] (domain.case_json.step_json as written then); none if absent."""
    steps = ((json.loads(snapshot) if snapshot else {}).get('result') or {}).get('steps') or []
    return [{'settlement_id': settlement_id, 'seq': seq, 'tier': step['tier'], 'name': step.get('name', ''),
             'note': step.get('note', ''), 'base': _fen(step['base']), 'deductible': _fen(step['deductible']),
             'ratio': step.get('ratio'), 'paid': _fen(step['paid']), 'cap_hit': bool(step.get('cap_hit'))}
            for seq, step in enumerate(steps, start=1)]


def _fen(text: str) -> int:
    fen = Decimal(text) * 100
    if fen != fen.to_integral_value():
        raise ValueError(f'amount {text} in a snapshot is not a whole number of fen')
    return int(fen)
