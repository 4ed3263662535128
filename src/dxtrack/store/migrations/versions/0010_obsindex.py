"""store, volume: drop ix_observation_published (no query is served by it; it cost ~1.5 s per million imported rows)

Revision ID: 0010_obsindex
Revises: 0009_pgrefs
Create Date: 2026-12-02 14:35:00
"""
from alembic import op


revision = '0010_obsindex'
down_revision = '0009_pgrefs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # "as known on" reads filter published_on within a series: ix_observation_series (…, published_on) serves them
    op.drop_index('ix_observation_published', table_name='observation')


def downgrade() -> None:
    op.create_index('ix_observation_published', 'observation', ['published_on'], unique=False)
