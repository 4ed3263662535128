"""store, volume: drop ix_observation_key, a prefix of ix_observation_series that misled PostgreSQL's planner

Revision ID: 0008_store2
Revises: 0007_looprepeat
Create Date: 2026-12-02 06:15:00
"""
from alembic import op


revision = '0008_store2'
down_revision = '0007_looprepeat'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (indicator, area, period) lookups use ix_observation_series, whose first three columns are these
    op.drop_index('ix_observation_key', table_name='observation')


def downgrade() -> None:
    op.create_index('ix_observation_key', 'observation', ['indicator', 'area', 'period'], unique=False)
