"""observation producer, edition and release date (apart from the channel)

Revision ID: 0004_report
Revises: 0003
Create Date: 2026-12-01 07:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_report'
down_revision = '0004_auth'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('observation') as batch:
        batch.add_column(sa.Column('producer', sa.Text(), nullable=True))
        batch.add_column(sa.Column('edition', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('released_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('observation') as batch:
        batch.drop_column('released_on')
        batch.drop_column('edition')
        batch.drop_column('producer')
