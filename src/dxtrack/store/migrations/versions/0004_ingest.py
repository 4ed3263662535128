"""import keys (idempotent, concurrency-safe imports) and the indexes a small import into a large series needs

Revision ID: 0004_ingest
Revises: 0003
Create Date: 2026-12-01 07:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_ingest'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_key',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], ),
    sa.PrimaryKeyConstraint('sha256')
    )
    # every content already imported keeps its first batch as its key
    op.execute(
        "INSERT INTO import_key (sha256, batch_id) SELECT sha256, MIN(id) FROM import_batch GROUP BY sha256"
    )
    op.create_index('ix_observation_series', 'observation',
                    ['indicator', 'area', 'period', 'disaggregation', 'published_on'], unique=False)
    op.create_index('ix_observation_batch', 'observation', ['batch_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_observation_batch', table_name='observation')
    op.drop_index('ix_observation_series', table_name='observation')
    op.drop_table('import_key')
