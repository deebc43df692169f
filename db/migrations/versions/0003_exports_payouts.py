"""Export packages (one per month: its fixed sequence number and last manifest hash) and family-cap payouts
(one line per household per batch run).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('export_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('manifest_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('period'),
    sa.UniqueConstraint('sequence')
    )
    op.create_table('family_cap_payouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('self_pay', sa.BigInteger(), nullable=False),
    sa.Column('cap', sa.BigInteger(), nullable=False),
    sa.Column('payout', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('family_cap_payouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_cap_payouts_run_id'), ['run_id'], unique=False)
        batch_op.create_index('ix_family_cap_payouts_year_household', ['year', 'household_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('family_cap_payouts', schema=None) as batch_op:
        batch_op.drop_index('ix_family_cap_payouts_year_household')
        batch_op.drop_index(batch_op.f('ix_family_cap_payouts_run_id'))
    op.drop_table('family_cap_payouts')
    op.drop_table('export_packages')
