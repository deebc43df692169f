"""The cascade as the contract extends it: ordinary outpatient and relief year-to-date increments, the relief
tier's column, the settled-upstream flag (医保已结算: basic and critical are then the platform's figures, kept in
their own columns), the grants other offices made per office (canonical JSON {"temporary": "1000.00"}), and
special-disease registrations (慢特病认定) per person, and the pools a family-cap payout line summed (canonical
JSON: a 特困 member's own pool, the household's pool).

Existing settlements get zero increments, no relief and the flag false: exactly what they were settled with.

Revision ID: 0005
Revises: 0008
Create Date: 2026-12-03 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0008'
branch_labels = None
depends_on = None

_MONEY_COLUMNS = ('ytd_op_general_deductible_used', 'ytd_op_general_paid', 'ytd_relief_paid', 'relief')


def upgrade() -> None:
    # Plain ADD COLUMN with a constant default (no table copy: SQLite would drop a table others reference).
    for name in _MONEY_COLUMNS:
        op.add_column('settlements', sa.Column(name, sa.BigInteger(), nullable=False, server_default='0'))
    op.add_column('settlements', sa.Column('settled_upstream', sa.Boolean(), nullable=False,
                                           server_default=sa.false()))
    op.add_column('settlements', sa.Column('relief_granted', sa.Text(), nullable=False, server_default='{}'))
    op.add_column('family_cap_payouts', sa.Column('pools', sa.Text(), nullable=False, server_default='[]'))
    op.create_table('disease_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_disease_registrations_person_code', 'disease_registrations', ['person_id', 'code'])


def downgrade() -> None:
    op.drop_index('ix_disease_registrations_person_code', table_name='disease_registrations')
    op.drop_table('disease_registrations')
    op.drop_column('family_cap_payouts', 'pools')
    for name in ('relief_granted', 'settled_upstream', *_MONEY_COLUMNS):
        op.drop_column('settlements', name)
