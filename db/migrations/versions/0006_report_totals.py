"""The reports' running totals: each report for a year reads a few kept rows, not the year's settlements.

Measured on the benchmark store (benchmarks/bench_reports.py: 1,000,000 persons, 1,000,000 settlements of a
year), the covering indexes of 0008 still left every report reading ~1,000,000 index entries: 0.6-2.5 s, town
3.7 s (a lookup of each settlement's person and a sort of the year), monitoring 3.4 s (the visits of the
150,000 persons whose year reached the lowest threshold, in discharge order). So services/reports/totals keeps,
in the transaction of every settlement, void and ledger merge:
- report_cells: count and sums per year, discharge month, category, hospital and level (a few thousand rows;
  coverage by category, month and hospital, the out-of-catalogue share, the 台账's settlements);
- report_person_years: count and sums per person and year with the person's town (coverage by town for a
  year, walked in town order by its index);
- report_crossings: the monitoring thresholds each person-year crossed, found with the rules named by the
  person-year's rules_key (a store whose policy's rules changed since is answered from the settlements).
The rows are made here from the existing settlements by the app's own rebuild (the one `record` matches).
ix_settlements_report_figures goes (report_cells replaces it); ix_settlements_report_persons now covers relief
(coverage by town for one month, and the monitoring list of the monthly package, read through it).

Revision ID: 0006
Revises: 0007
Create Date: 2026-12-04 02:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = '0006'
down_revision = '0007'
branch_labels = None
depends_on = None

AMOUNTS = ['total', 'in_scope', 'basic', 'critical', 'assistance', 'supplementary', 'relief', 'backstop',
           'reimbursed', 'patient_pays']
OLD_AMOUNTS = [a for a in AMOUNTS if a != 'relief']
PERSONS_KEYS = ['year', 'voided', 'person_id', 'discharged', 'business_day', 'id', 'category', 'window_id']


def _money(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def upgrade() -> None:
    op.create_table(
        'report_cells',
        sa.Column('year', sa.Integer(), nullable=False), sa.Column('month', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=False),
        sa.Column('hospital', sa.String(length=200), nullable=False),
        sa.Column('hospital_level', sa.String(length=32), nullable=False),
        sa.Column('settlements', sa.Integer(), nullable=False),
        *[_money(name) for name in ['total', 'in_scope', 'out_of_catalog', *AMOUNTS[2:]]],
        sa.PrimaryKeyConstraint('year', 'month', 'category', 'hospital', 'hospital_level'))
    op.create_table(
        'report_person_years',
        sa.Column('year', sa.Integer(), nullable=False), sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('town', sa.String(length=200), nullable=False),
        sa.Column('settlements', sa.Integer(), nullable=False),
        *[_money(name) for name in AMOUNTS],
        sa.Column('rules_key', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id']),
        sa.PrimaryKeyConstraint('year', 'person_id'))
    op.create_index('ix_report_person_years_town', 'report_person_years', ['year', 'town', 'settlements', *AMOUNTS])
    op.create_index('ix_report_person_years_rules', 'report_person_years', ['year', 'rules_key'])
    op.create_table(
        'report_crossings',
        sa.Column('year', sa.Integer(), nullable=False), sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('settlement_id', sa.String(length=36), nullable=False),
        sa.Column('window_id', sa.String(length=32), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=False),
        sa.Column('rule', sa.String(length=200), nullable=False),
        _money('threshold'), _money('self_pay'),
        sa.Column('crossed_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id']),
        sa.PrimaryKeyConstraint('year', 'person_id', 'seq'))
    op.drop_index('ix_settlements_report_figures', table_name='settlements')
    op.drop_index('ix_settlements_report_persons', table_name='settlements')
    op.create_index('ix_settlements_report_persons', 'settlements', [*PERSONS_KEYS, *AMOUNTS])
    _backfill()


def _backfill() -> None:
    # The app's own rebuild, so the rows are exactly what services/reports/totals keeps from here on.
    from windowdesk.services.reports.totals import rebuild
    from windowdesk.services.window import window_context

    with Session(bind=op.get_bind(), join_transaction_mode="create_savepoint") as session:
        try:
            rules = window_context(session).policy.monitoring
        except Exception:  # noqa: BLE001 (no window yet, or its policy file unreadable: crossings found later)
            rules = None
        rebuild(session, rules)
        session.commit()


def downgrade() -> None:
    op.drop_index('ix_settlements_report_persons', table_name='settlements')
    op.create_index('ix_settlements_report_persons', 'settlements', [*PERSONS_KEYS, *OLD_AMOUNTS])
    op.create_index('ix_settlements_report_figures', 'settlements',
                    ['year', 'voided', 'category', 'discharged', 'hospital', 'hospital_level', 'out_of_catalog',
                     *OLD_AMOUNTS])
    op.drop_table('report_crossings')
    op.drop_index('ix_report_person_years_rules', table_name='report_person_years')
    op.drop_index('ix_report_person_years_town', table_name='report_person_years')
    op.drop_table('report_person_years')
    op.drop_table('report_cells')
