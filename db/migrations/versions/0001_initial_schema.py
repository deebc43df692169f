"""Initial schema: settings, users, persons and memberships, enrollments, settlements and reversals,
receipt counters, day closings, the audit chain.

Money columns are whole fen (BigInteger); JSON columns are canonical text.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 22:07:55.547190
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entries',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('day_closings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clerk', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('closed_by', sa.String(length=64), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('clerk', 'day')
    )
    op.create_table('households',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_table('receipt_counters',
    sa.Column('series', sa.String(length=32), nullable=False),
    sa.Column('next_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('series')
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=2000), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('relation', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('town', sa.String(length=200), nullable=False),
    sa.Column('village', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('id_number')
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_name'), ['name'], unique=False)

    op.create_table('enrollments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('contribution', sa.BigInteger(), nullable=False),
    sa.Column('person_pays', sa.BigInteger(), nullable=False),
    sa.Column('insured_from', sa.Date(), nullable=False),
    sa.Column('insured_to', sa.Date(), nullable=False),
    sa.Column('enrolled_on', sa.Date(), nullable=False),
    sa.Column('policy_id', sa.String(length=64), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('window_id', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id', 'year'),
    sa.UniqueConstraint('receipt_no')
    )
    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('identified_on', sa.Date(), nullable=False),
    sa.Column('exited_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id', 'category')
    )
    op.create_table('settlements',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('window_id', sa.String(length=32), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('tilt', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('hospital', sa.String(length=200), nullable=False),
    sa.Column('hospital_level', sa.String(length=32), nullable=False),
    sa.Column('in_region', sa.Boolean(), nullable=False),
    sa.Column('referred', sa.Boolean(), nullable=False),
    sa.Column('transfer', sa.Boolean(), nullable=False),
    sa.Column('previous_deductible', sa.BigInteger(), nullable=False),
    sa.Column('admitted', sa.Date(), nullable=False),
    sa.Column('discharged', sa.Date(), nullable=False),
    sa.Column('diagnosis', sa.String(length=20), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('out_of_catalog', sa.BigInteger(), nullable=False),
    sa.Column('partial_self_pay', sa.BigInteger(), nullable=False),
    sa.Column('in_scope', sa.BigInteger(), nullable=False),
    sa.Column('basic', sa.BigInteger(), nullable=False),
    sa.Column('critical', sa.BigInteger(), nullable=False),
    sa.Column('assistance', sa.BigInteger(), nullable=False),
    sa.Column('supplementary', sa.BigInteger(), nullable=False),
    sa.Column('backstop', sa.BigInteger(), nullable=False),
    sa.Column('reimbursed', sa.BigInteger(), nullable=False),
    sa.Column('patient_pays', sa.BigInteger(), nullable=False),
    sa.Column('policy_id', sa.String(length=64), nullable=False),
    sa.Column('policy_hash', sa.String(length=64), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('ytd_basic_paid', sa.BigInteger(), nullable=False),
    sa.Column('ytd_op_deductible_used', sa.BigInteger(), nullable=False),
    sa.Column('ytd_critical_base', sa.BigInteger(), nullable=False),
    sa.Column('ytd_critical_paid', sa.BigInteger(), nullable=False),
    sa.Column('ytd_assistance_deductible_used', sa.BigInteger(), nullable=False),
    sa.Column('ytd_assistance_paid', sa.BigInteger(), nullable=False),
    sa.Column('ytd_supplementary_base', sa.BigInteger(), nullable=False),
    sa.Column('ytd_supplementary_ooc_base', sa.BigInteger(), nullable=False),
    sa.Column('ytd_supplementary_paid', sa.BigInteger(), nullable=False),
    sa.Column('ytd_excess_base', sa.BigInteger(), nullable=False),
    sa.Column('ytd_backstop_paid', sa.BigInteger(), nullable=False),
    sa.Column('ytd_rehab_months', sa.String(length=200), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('print_count', sa.Integer(), nullable=False),
    sa.Column('business_day', sa.Date(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('receipt_no')
    )
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.create_index('ix_settlements_person_year', ['person_id', 'year'], unique=False)

    op.create_table('enrollment_subsidies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('fund', sa.String(length=32), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollments.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('enrollment_subsidies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_subsidies_enrollment_id'), ['enrollment_id'], unique=False)

    op.create_table('reversals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('voided_by', sa.String(length=64), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=False),
    sa.Column('business_day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('settlement_id')
    )
    op.bulk_insert(sa.table("audit_head", sa.column("id", sa.Integer), sa.column("last_seq", sa.Integer),
                            sa.column("last_hash", sa.String)),
                   [{"id": 1, "last_seq": 0, "last_hash": "0" * 64}])


def downgrade() -> None:
    op.drop_table('reversals')
    with op.batch_alter_table('enrollment_subsidies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_subsidies_enrollment_id'))

    op.drop_table('enrollment_subsidies')
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.drop_index('ix_settlements_person_year')

    op.drop_table('settlements')
    op.drop_table('memberships')
    op.drop_table('enrollments')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_name'))
        batch_op.drop_index(batch_op.f('ix_persons_household_id'))

    op.drop_table('persons')
    op.drop_table('users')
    op.drop_table('settings')
    op.drop_table('receipt_counters')
    op.drop_table('households')
    op.drop_table('day_closings')
    op.drop_table('audit_head')
    op.drop_table('audit_entries')
