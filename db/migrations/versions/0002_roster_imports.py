"""Roster imports: one row per applied roster file (SHA-256, who, when, counts, the report as canonical JSON).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 23:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('roster_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=260), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=64), nullable=False),
    sa.Column('applied', sa.Boolean(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('changed', sa.Integer(), nullable=False),
    sa.Column('exited', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('invalid', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('roster_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_imports_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('roster_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_imports_sha256'))
    op.drop_table('roster_imports')
