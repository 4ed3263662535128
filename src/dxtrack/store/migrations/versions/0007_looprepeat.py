"""reporting loop, repeats: a call names the call it repeats and its series; one call per series, period, version

Revision ID: 0007_looprepeat
Revises: 0006_loopcore
Create Date: 2026-12-02 05:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_looprepeat'
down_revision = '0006_loopcore'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('data_call') as batch:
        batch.add_column(sa.Column('repeats_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('series_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_data_call_repeats', 'data_call', ['repeats_id'], ['id'])
        batch.create_unique_constraint('uq_call_series_period', ['series_id', 'period', 'version'])


def downgrade() -> None:
    with op.batch_alter_table('data_call') as batch:
        batch.drop_constraint('uq_call_series_period', type_='unique')
        batch.drop_constraint('fk_data_call_repeats', type_='foreignkey')
        batch.drop_column('series_id')
        batch.drop_column('repeats_id')
