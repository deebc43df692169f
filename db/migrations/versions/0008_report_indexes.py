"""Indexes for the county's reports (services/reports): each report for a year reads one index, not the table.

A settlement row is ~2.3 KB (its snapshot), so a year's million rows are 4 GiB to scan; these covering indexes
hold only the figures the reports sum (~100 bytes an entry). Their leading columns are the reports' filter
(year, voided) and then the grouping order, so SQLite groups while walking the index instead of sorting a
million rows: `report_figures` by category, discharge day, hospital and level (coverage by category, month
and hospital, out-of-catalogue share, the 台账); `report_persons` by person in discharge order (the monitoring
list's running self-pay, coverage by town through the person); `enrollments_report` the 台账's enrollments
by the day insured from and category. Measured on the benchmark store:
benchmarks/bench_reports.py. (`relief` is not covered until its column exists: i11's migration adds it.)

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-03 17:30:00
"""
from alembic import op

revision = '0008'
down_revision = '0004'
branch_labels = None
depends_on = None

AMOUNTS = ['total', 'in_scope', 'basic', 'critical', 'assistance', 'supplementary', 'backstop', 'reimbursed',
           'patient_pays']


def upgrade() -> None:
    op.create_index('ix_settlements_report_figures', 'settlements',
                    ['year', 'voided', 'category', 'discharged', 'hospital', 'hospital_level', 'out_of_catalog',
                     *AMOUNTS])
    op.create_index('ix_settlements_report_persons', 'settlements',
                    ['year', 'voided', 'person_id', 'discharged', 'business_day', 'id', 'category', 'window_id',
                     *AMOUNTS])
    op.create_index('ix_enrollments_report', 'enrollments',
                    ['year', 'insured_from', 'category', 'contribution', 'person_pays'])


def downgrade() -> None:
    op.drop_index('ix_enrollments_report', table_name='enrollments')
    op.drop_index('ix_settlements_report_persons', table_name='settlements')
    op.drop_index('ix_settlements_report_figures', table_name='settlements')
